"""One node's weight as an axis: local weights, scores and ranks as that weight moves from 0 to 1.

Moving a node's local weight to ``t`` rescales its siblings *in proportion to their current
weights* so that the group still sums to 1 (the decision-analysis convention, the same as
`scorecard.rebalance`); if every sibling has weight 0 they share ``1 - t`` equally. Everything
else in the tree keeps its local weights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

from scorecard.effective import effective_many
from scorecard.errors import WeightError
from scorecard.ranking import ranks

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["CHUNK", "CONVENTION", "local_weights_along", "ranks_along", "scores_along"]

FloatArray = NDArray[np.float64]

CONVENTION: Final = "proportional"
"""How siblings absorb a change: in proportion to their current weights."""

CHUNK: Final = 512
"""Weight vectors evaluated per batch when per-provider weights are needed (bounded memory)."""


def local_weights_along(ev: Evaluation, node: str, weights: FloatArray) -> FloatArray:
    """Local-weight vectors (G, nodes), one per value of ``node``'s weight in ``weights``."""
    card = ev.card
    parent = card.parent(node)
    siblings = [c for c in card.children(parent) if c != node]
    t = np.asarray(weights, dtype=np.float64)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any((t < 0) | (t > 1)):
        raise WeightError(f"weights for {node!r} must be finite numbers in [0, 1]")
    if not siblings and np.any(t != 1.0):
        raise WeightError(f"{node!r} has no siblings, so its local weight is always 1")
    position = {n: i for i, n in enumerate(card.ancestry.nodes)}
    base = card.ancestry.vector(ev.weights)
    local = np.repeat(base[None], t.size, axis=0)
    local[:, position[node]] = t
    if siblings:
        idx = np.array([position[s] for s in siblings], dtype=np.intp)
        current = base[idx]
        total = current.sum()
        shares = current / total if total > 0 else np.full(idx.size, 1.0 / idx.size)
        local[:, idx] = (1.0 - t)[:, None] * shares[None, :]
    return local


def scores_along(ev: Evaluation, node: str, weights: FloatArray) -> FloatArray:
    """Scores (G, N) of every provider at each weight of ``node``: batched aggregation calls."""
    local = local_weights_along(ev, node, weights)
    if not ev.excluded.any():
        rows = ev.card.ancestry.relative_many(local)[:, 0, :]
        return ev.aggregation.scores(ev.values, rows)
    out = np.empty((local.shape[0], len(ev.providers)))
    for start in range(0, local.shape[0], CHUNK):  # chunks of weight vectors bound the memory
        part = local[start : start + CHUNK]
        effective = effective_many(ev.card, part, ev.excluded, ev.providers)["root"]
        out[start : start + CHUNK] = ev.aggregation.scores(ev.values, effective)
    return out


def ranks_along(ev: Evaluation, scores: FloatArray) -> NDArray[np.int64]:
    """Ranks (G, N) for scores along a path; gates (if any) demote the same providers throughout."""
    demoted = ~ev.passed if ev.gates else None
    return ranks(scores, demoted=demoted)
