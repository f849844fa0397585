"""Rank-reversal thresholds: the weights at which two providers' order flips, for each node.

Moving one node's weight (siblings rescaled in proportion) makes every Additive score a linear
function of that weight, and every Geometric log-score too, so each pair of providers flips at
most once, at a weight found in closed form. Otherwise (cells excluded for missing values, a
Geometric score reaching 0) the crossings are bracketed on a grid and refined by bisection,
vectorised over all pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._tree_weights import effective_weights
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.sensitivity._path import CONVENTION, scores_along

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["BISECTION_STEPS", "GRID", "NodeThresholds", "Thresholds", "thresholds"]


GRID: Final = 257
"""Grid points that bracket crossings when no closed form applies."""
BISECTION_STEPS: Final = 60
"""Bisection steps per bracket: the bracket shrinks below 1e-18 of the grid spacing."""
_END: Final = 1e-15


@attrs.frozen(eq=False)
class NodeThresholds:
    """Where, as one node's weight moves, providers change order.

    ``below[i, k]`` and ``above[i, k]`` are the nearest weights below and above ``current`` at
    which providers i and k swap places (NaN if they never do in [0, 1]). ``rank_below`` and
    ``rank_above`` are the nearest weights at which the provider holding ``rank`` changes
    (None if it never does); ``rank`` None means any change in the ranking.
    """

    node: str
    current: float
    providers: tuple[str, ...]
    below: FloatArray
    above: FloatArray
    rank: int | None
    holder: str | None
    rank_below: float | None
    rank_above: float | None
    method: str
    convention: str = CONVENTION

    def summary(self) -> str:
        """One sentence for a commissioning board."""
        what = "the ranking" if self.rank is None else f"rank {self.rank} ({self.holder})"
        if self.rank_below is None and self.rank_above is None:
            return f"{self.node}: {what} holds at every weight from 0 to 1 (now {self.current:.3f})"
        parts = []
        if self.rank_below is not None:
            parts.append(f"below {self.rank_below:.3f}")
        if self.rank_above is not None:
            parts.append(f"above {self.rank_above:.3f}")
        moves = " or ".join(parts)
        return f"{self.node}: {what} changes if its weight moves {moves} (now {self.current:.3f})"


@attrs.frozen(eq=False)
class Thresholds:
    """Thresholds for each node asked for."""

    nodes: tuple[NodeThresholds, ...]

    def __getitem__(self, node: str) -> NodeThresholds:
        for t in self.nodes:
            if t.node == node:
                return t
        raise KeyError(node)

    def to_columns(self) -> dict[str, list[Any]]:
        """One row per node: current weight and the nearest change below and above it."""
        return {
            "node": [t.node for t in self.nodes],
            "current": [t.current for t in self.nodes],
            "rank": [t.rank for t in self.nodes],
            "holder": [t.holder for t in self.nodes],
            "below": [t.rank_below for t in self.nodes],
            "above": [t.rank_above for t in self.nodes],
            "method": [t.method for t in self.nodes],
        }

    def to_frame(self, backend: str = "pandas") -> Any:
        """`to_columns` as a dataframe (pandas, polars or pyarrow)."""
        from scorecard._frames import frame_of  # noqa: PLC0415

        return frame_of(self.to_columns(), backend)

    def summary(self) -> str:
        """A line per node."""
        return "\n".join(t.summary() for t in self.nodes)


def thresholds(
    ev: Evaluation, nodes: Sequence[str] | None = None, *, rank: int | None = 1
) -> Thresholds:
    """Rank-reversal thresholds of ``ev`` for each node.

    ``nodes`` defaults to every domain and metric that has siblings. ``rank`` picks the place
    to watch: 1 (default) for who comes first, None for any change in the ranking.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    >>> t = sc.sensitivity.thresholds(ev, ["connection"])
    >>> t["connection"].method
    'closed form'
    """
    card = ev.card
    if nodes is None:
        nodes = [n for n in (*card.domain_ids, *card.metric_ids) if len(_siblings(ev, n)) > 0]
    if rank is not None and not 1 <= rank <= len(ev.providers):
        raise InvalidArgumentError(
            f"rank must lie in 1..{len(ev.providers)} or be None, got {rank}"
        )
    return Thresholds(tuple(_node(ev, n, rank) for n in nodes))


def _siblings(ev: Evaluation, node: str) -> list[str]:
    return [c for c in ev.card.children(ev.card.parent(node)) if c != node]


def _node(ev: Evaluation, node: str, rank: int | None) -> NodeThresholds:
    if node not in ev.card.metric_ids + ev.card.domain_ids:
        raise WeightError(f"{node!r} is not a domain or metric of scorecard {ev.card.name!r}")
    if not _siblings(ev, node):
        raise WeightError(f"{node!r} has no siblings, so its weight cannot move")
    current = float(ev.weights[node])
    linear = _linear_form(ev, node)
    if linear is not None:
        below, above = _closed_form(*linear, current)
        method = "closed form"
    else:
        below, above = _bisection(ev, node, current)
        method = "bisection"
    if ev.gates:  # providers in different tiers never swap places
        passed = ev.passed
        apart = passed[:, None] != passed[None, :]
        below[apart] = np.nan
        above[apart] = np.nan
    holder, rank_below, rank_above = _watch(ev, below, above, rank)
    return NodeThresholds(
        node, current, ev.providers, below, above, rank, holder, rank_below, rank_above, method
    )


def _linear_form(ev: Evaluation, node: str) -> tuple[FloatArray, FloatArray] | None:
    """Intercepts and slopes of scores (or log-scores) in the node's weight, if they are lines.

    Only the node's own group changes with its weight. A provider's score is linear in it
    unless that group is renormalised for the provider (a child missing, the rest present):
    then the weights are ratios in the weight and the crossings need bisection.
    """
    if ev.partial and _renormalised_in_group(ev, node):
        return None
    base = ev.aggregation.base if isinstance(ev.aggregation, Gated) else ev.aggregation
    ends = scores_along(ev, node, np.array([0.0, 1.0]))
    if isinstance(base, Additive):
        return ends[0], ends[1] - ends[0]
    if isinstance(base, Geometric) and np.all(ends > 0):
        logs = np.log(ends)
        return logs[0], logs[1] - logs[0]
    return None


def _renormalised_in_group(ev: Evaluation, node: str) -> bool:
    """Whether some provider has some but not all of the node's group present."""
    card = ev.card
    relative = effective_weights(card, ev.weights, ev.excluded, ev.providers)
    present = np.column_stack(
        [
            ~ev.excluded[:, card.columns(c)[0]]
            if c not in card.groups
            else relative[c].sum(axis=1) > 0
            for c in card.children(card.parent(node))
        ]
    )
    return bool(np.any(present.any(axis=1) & ~present.all(axis=1)))


def _closed_form(
    intercept: FloatArray, slope: FloatArray, current: float
) -> tuple[FloatArray, FloatArray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = (intercept[None, :] - intercept[:, None]) / (slope[:, None] - slope[None, :])
    cross[~np.isfinite(cross) | (cross < 0) | (cross > 1)] = np.nan
    np.fill_diagonal(cross, np.nan)
    below = np.where(cross < current, cross, np.nan)
    above = np.where(cross > current, cross, np.nan)
    return below, above


def _bisection(ev: Evaluation, node: str, current: float) -> tuple[FloatArray, FloatArray]:
    grid = np.unique(np.append(np.linspace(0.0, 1.0, GRID), current))
    scores = scores_along(ev, node, grid)
    n = scores.shape[1]
    diff = scores[:, :, None] - scores[:, None, :]  # (G, N, N)
    sign = np.sign(diff)
    change = sign[1:] * sign[:-1] < 0  # a strict sign change inside cell g
    here = int(np.searchsorted(grid, current))
    below = np.full((n, n), np.nan)
    above = np.full((n, n), np.nan)
    cells = np.arange(grid.size - 1)
    # Nearest cell above: the first changing cell at or after the current point; below: the last
    # changing cell that ends at or before it.
    up = np.where(change & (cells >= here)[:, None, None], cells[:, None, None], grid.size)
    first_up = up.min(axis=0)
    down = np.where(change & (cells < here)[:, None, None], cells[:, None, None], -1)
    last_down = down.max(axis=0)
    for cell, target in ((first_up, above), (last_down, below)):
        i, k = np.nonzero((cell >= 0) & (cell < grid.size - 1))
        if i.size:
            target[i, k] = _refine(ev, node, grid, cell[i, k], i=i, k=k)
    return below, above


def _refine(
    ev: Evaluation,
    node: str,
    grid: FloatArray,
    cell: NDArray[np.intp],
    *,
    i: NDArray[np.intp],
    k: NDArray[np.intp],
) -> FloatArray:
    lo, hi = grid[cell].copy(), grid[cell + 1].copy()
    lo_sign = np.sign(_pair_diff(ev, node, lo, i, k))
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        s = np.sign(_pair_diff(ev, node, mid, i, k))
        same = s == lo_sign
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    root = (lo + hi) / 2
    # A change exactly at an end (a provider's only weighted child drops out at weight 0 or 1)
    # converges onto the end: report the end itself.
    return np.where(root < _END, 0.0, np.where(root > 1.0 - _END, 1.0, root))


def _pair_diff(
    ev: Evaluation, node: str, at: FloatArray, i: NDArray[np.intp], k: NDArray[np.intp]
) -> FloatArray:
    """s_i - s_k at weight ``at[p]`` for each pair p: one batched scoring call over all pairs."""
    scores = scores_along(ev, node, at)
    rows = np.arange(at.size)
    return np.asarray(scores[rows, i] - scores[rows, k], dtype=np.float64)


def _watch(
    ev: Evaluation, below: FloatArray, above: FloatArray, rank: int | None
) -> tuple[str | None, float | None, float | None]:
    if rank is None:
        return None, _nearest(below, max), _nearest(above, min)
    order = np.argsort(ev.ranks, kind="stable")
    holder = int(order[rank - 1])
    return ev.providers[holder], _nearest(below[holder], max), _nearest(above[holder], min)


def _nearest(values: FloatArray, pick: Any) -> float | None:
    found = values[np.isfinite(values)]
    return float(pick(found)) if found.size else None
