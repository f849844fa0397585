"""One-way sensitivity: scores and ranks as one node's weight sweeps from 0 to 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._framed import Framed
from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.sensitivity._path import CONVENTION, ranks_along, scores_along
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["Sweep", "one_way"]


@attrs.frozen(eq=False)
class Sweep(Framed):
    """Scores and ranks of every provider along a grid of one node's local weight.

    ``scores`` and ``ranks`` are (G, N): one row per grid weight. ``current`` is the node's
    weight in the evaluation swept; ``convention`` says how siblings absorbed each change. A
    provider whose weighted values all drop out at a weight (excluded cells, at 0 or 1) has a
    NaN score there and ranks last; `unscored` names them.
    """

    node: str
    current: float
    grid: FloatArray
    providers: tuple[str, ...]
    scores: FloatArray
    ranks: NDArray[np.int64]
    convention: str = CONVENTION

    @property
    def unscored(self) -> tuple[tuple[str, float], ...]:
        """(provider, weight) where a provider cannot be scored: nothing weighted is left."""
        rows, cols = np.nonzero(np.isnan(self.scores))
        return tuple(
            (self.providers[j], float(self.grid[g])) for g, j in zip(rows, cols, strict=True)
        )

    def to_columns(self) -> dict[str, list[Any]]:
        """Long format: one row per (weight, provider)."""
        g, n = self.scores.shape
        return {
            "node": [self.node] * (g * n),
            "weight": np.repeat(self.grid, n).tolist(),
            "provider": list(self.providers) * g,
            "score": self.scores.ravel().tolist(),
            "rank": self.ranks.ravel().tolist(),
        }


def one_way(ev: Evaluation, node: str, *, grid: int | Sequence[float] = 101) -> Sweep:
    """Sweep ``node``'s local weight over ``grid``, rescaling its siblings in proportion.

    ``grid`` is a number of evenly spaced points on [0, 1], or the weights themselves. All grid
    points are scored in one batched aggregation call (chunked when providers have
    excluded cells). The current weight is always included in the grid.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    >>> sweep = sc.sensitivity.one_way(ev, "connection", grid=11)
    >>> sweep.scores.shape
    (12, 16)
    """
    if node == ROOT or node not in ev.card.metric_ids + ev.card.domain_ids:
        raise WeightError(
            f"one-way sweeps move a domain's or metric's weight; {node!r} is not one of "
            f"scorecard {ev.card.name!r}'s nodes"
        )
    if isinstance(grid, int | np.integer):
        if grid < 2:  # noqa: PLR2004
            raise InvalidArgumentError(f"grid needs at least 2 points, got {grid}")
        points = np.linspace(0.0, 1.0, int(grid))
    else:
        points = np.asarray(grid, dtype=np.float64)
        if points.ndim != 1 or points.size == 0:
            raise InvalidArgumentError(
                "grid must be a number of points or a non-empty list of weights"
            )
    current = float(ev.weights[node])
    points = np.unique(np.append(points, current))
    scores = scores_along(ev, node, points)
    return Sweep(
        node=node,
        current=current,
        grid=points,
        providers=ev.providers,
        scores=scores,
        ranks=ranks_along(ev, scores),
    )
