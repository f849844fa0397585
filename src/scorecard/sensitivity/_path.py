"""One node's weight as an axis: local weights, scores and ranks as that weight moves from 0 to 1.

Moving a node's local weight to ``t`` rescales its siblings *in proportion to their current
weights* so that the group still sums to 1 (the decision-analysis convention, the same as
`scorecard.rebalance`); if every sibling has weight 0 they share ``1 - t`` equally. Everything
else in the tree keeps its local weights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._ranking import ranks
from scorecard._tree_weights import CONVENTION, weights_along

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["CONVENTION", "local_weights_along", "ranks_along", "scores_along"]


def local_weights_along(ev: Evaluation, node: str, weights: FloatArray) -> FloatArray:
    """Local-weight vectors (G, nodes), one per value of ``node``'s weight in ``weights``."""
    return weights_along(ev.card, ev.weights, node, weights)


def scores_along(ev: Evaluation, node: str, weights: FloatArray) -> FloatArray:
    """Scores (G, N) of every provider at each weight of ``node``: batched aggregation calls.

    NaN where a provider has nothing weighted at that weight (its last weighted values drop out
    there, at 0 or 1): it is reported, not raised.
    """
    return ev.batch_scores(local_weights_along(ev, node, weights), unscored="nan")


def ranks_along(ev: Evaluation, scores: FloatArray) -> NDArray[np.int64]:
    """Ranks (G, N) for scores along a path; gates (if any) demote the same providers throughout."""
    return ranks(scores, demoted=ev.demoted)
