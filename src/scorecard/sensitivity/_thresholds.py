"""Rank-reversal thresholds: the weights at which two providers' order flips, for each node.

Moving one node's weight (siblings rescaled in proportion) makes every Additive score a linear
function of that weight, and every Geometric log-score too, so each pair of providers flips at
most once, at a weight found in closed form. Where a provider misses part of the node's group
(cells excluded for missing data), its score is a ratio of two lines in the weight, and a pair
flips at the roots of a quadratic, also in closed form. Only a Geometric score reaching 0 is
left to a grid and bisection, vectorised over all pairs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import BoolArray, FloatArray, IntpArray
from scorecard._framed import Framed
from scorecard._kept import kept
from scorecard._text import isolate, place, weight_text
from scorecard._tree_weights import ancestry, availability, local_vector, weights_along
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
    which providers i and k swap places (NaN if they never do in [0, 1]); they are found when
    first read, since the watched rank needs only its holder's row (what the explorer asks).
    ``rank_below`` and ``rank_above`` are the nearest weights at which the provider holding
    ``rank`` changes (None if it never does); ``rank`` None means any change in the ranking.
    ``swap_below`` and ``swap_above`` name the two providers that swap there: the holder and
    the one that takes its place (for the whole ranking, the first pair to swap).
    ``unscored`` lists (provider, weight) where a provider cannot be scored at an end of
    [0, 1]: all its weighted values drop out there (excluded cells), so its score is NaN.
    """

    node: str
    label: str
    current: float
    providers: tuple[str, ...]
    rank: int | None
    holder: str | None
    rank_below: float | None
    rank_above: float | None
    swap_below: tuple[str, str] | None
    swap_above: tuple[str, str] | None
    method: str
    convention: str = CONVENTION
    unscored: tuple[tuple[str, float], ...] = attrs.field(default=(), kw_only=True)
    _solve: Callable[[IntpArray], tuple[FloatArray, FloatArray]] = attrs.field(
        kw_only=True, repr=False, alias="solve"
    )
    _kept: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    @kept
    def _pairs(self) -> tuple[FloatArray, FloatArray]:
        """Every pair's nearest crossings: found when first asked for (N x N)."""
        below, above = self._solve(np.arange(len(self.providers)))
        for m in (below, above):
            m.setflags(write=False)
        return below, above

    @property
    def below(self) -> FloatArray:
        """(N, N) the nearest weight below ``current`` where providers i and k swap (or NaN)."""
        return self._pairs[0]

    @property
    def above(self) -> FloatArray:
        """(N, N) the nearest weight above ``current`` where providers i and k swap (or NaN)."""
        return self._pairs[1]

    def summary(self) -> str:
        """One sentence for a commissioning board, in labels and provider names.

        For example "If the weight of Treatment outcomes rises above 0.49 (now 0.30),
        Brackenford takes first place from Hilltop."
        """
        now = f"(now {self.current:.2f})"
        if self.rank_below is None and self.rank_above is None:
            kept_place = (
                "the ranking holds"
                if self.rank is None
                else f"{isolate(self.holder or '')} keeps {place(self.rank)}"
            )
            line = f"{self.label}: {kept_place} at every weight from 0 to 1 {now}"
        else:
            moves = [
                (verb, weight_text(weight, self.current), self._swap_words(pair))
                for verb, weight, pair in (
                    ("rises above", self.rank_above, self.swap_above),
                    ("falls below", self.rank_below, self.swap_below),
                )
                if weight is not None
            ]
            (verb, at, what), *rest = moves
            line = f"If the weight of {self.label} {verb} {at} {now}, {what}"
            line += "".join(f"; if it {verb} {at}, {what}" for verb, at, what in rest)
        for weight in sorted({w for _, w in self.unscored}):
            names = ", ".join(isolate(p) for p, w in self.unscored if w == weight)
            line += f"; at weight {weight:g} {names} cannot be scored (no weighted value left)"
        return line + "."

    def _swap_words(self, pair: tuple[str, str] | None) -> str:
        """Who takes the watched place from whom (or which two swap, for the whole ranking)."""
        if pair is None:  # pragma: no cover - a threshold always has the pair that crosses
            return "the order changes"
        held, taker = map(isolate, pair)
        if self.rank is None:
            return f"{held} and {taker} swap places"
        return f"{taker} takes {place(self.rank)} from {held}"


@attrs.frozen(eq=False)
class Thresholds(Framed):
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
    present = _present_in_group(ev, node)
    renormalised = bool(np.any(present.any(axis=0) & ~present.all(axis=0)))
    linear = None if renormalised else _linear_form(ev, node)
    ratio = _ratio_form(ev, node, present) if renormalised else None
    if linear is not None:
        solve = functools.partial(_closed_form, *linear, current)
        method = "closed form"
    elif ratio is not None:
        solve = functools.partial(_ratio_crossings, ev, node, ratio, current)
        method = "closed form (ratios)"
    else:
        everything = _bisection(ev, node, current)
        solve = functools.partial(_rows_of, everything)
        method = "bisection"
    if ev.gates:  # providers in different tiers never swap places
        solve = functools.partial(_apart_tiers, solve, ev.passed)
    holder, (rank_below, swap_below), (rank_above, swap_above) = _watch(ev, solve, rank)
    return NodeThresholds(
        node,
        ev.card.node(node).label,
        current,
        ev.providers,
        rank,
        holder,
        rank_below,
        rank_above,
        swap_below,
        swap_above,
        method,
        unscored=_unscored_at_ends(ev, node),
        solve=solve,
    )


def _unscored_at_ends(ev: Evaluation, node: str) -> tuple[tuple[str, float], ...]:
    """(provider, 0.0 or 1.0) where a provider has nothing weighted at that end."""
    if not ev.partial:
        return ()
    ends = scores_along(ev, node, np.array([0.0, 1.0]))
    return tuple(
        (ev.providers[i], float(end)) for end, i in zip(*np.nonzero(np.isnan(ends)), strict=True)
    )


def _rows_of(
    pairs: tuple[FloatArray, FloatArray], rows: IntpArray
) -> tuple[FloatArray, FloatArray]:
    return pairs[0][rows], pairs[1][rows]


def _apart_tiers(
    solve: Callable[[IntpArray], tuple[FloatArray, FloatArray]],
    passed: BoolArray,
    rows: IntpArray,
) -> tuple[FloatArray, FloatArray]:
    """``solve(rows)``, no crossing between a provider passing the gates and one failing."""
    below, above = solve(rows)
    apart = passed[rows][:, None] != passed[None, :]
    return np.where(apart, np.nan, below), np.where(apart, np.nan, above)


def _linear_form(ev: Evaluation, node: str) -> tuple[FloatArray, FloatArray] | None:
    """Intercepts and slopes of scores (or log-scores) in the node's weight, if they are lines.

    Only the node's own group changes with its weight; a provider's score is a line in it when
    that group is whole for the provider (no child missing while others are present).
    """
    base = _base(ev)
    ends = scores_along(ev, node, np.array([0.0, 1.0]))
    if isinstance(base, Additive):
        return ends[0], ends[1] - ends[0]
    if isinstance(base, Geometric) and np.all(ends > 0):
        logs = np.log(ends)
        return logs[0], logs[1] - logs[0]
    return None


def _base(ev: Evaluation) -> object:
    """The aggregation that makes the scores (a gate's base: gates act on ranks)."""
    return ev.aggregation.base if isinstance(ev.aggregation, Gated) else ev.aggregation


def _present_in_group(ev: Evaluation, node: str) -> BoolArray:
    """Which of the node's group (children of its parent, rows) carry weight for each provider."""
    card = ev.card
    local = local_vector(card, ev.weights)[None]
    have = availability(card, local, ev.excluded)[:, 0, :]
    position = ancestry(card).position
    rows = [position[c] for c in card.children(card.parent(node))]
    return np.asarray(have[rows] > 0, dtype=np.bool_)


_INNER: Final = (1 / 3, 2 / 3)
"""Two weights inside (0, 1) at which each provider's score is read to find its ratio form."""


def _ratio_form(
    ev: Evaluation, node: str, present: BoolArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray] | None:
    """Lines ``n0 + n1 t`` and ``d0 + d1 t`` whose ratio is each score (or log-score) at weight t.

    Moving the node's weight t rescales only its group. For a provider missing part of the
    group, the weight present there is ``d(t) = t a + (1 - t) b`` (``a``: whether the node
    carries weight, ``b``: the siblings' shares that do), its group's weights are ratios over
    ``d(t)``, and so its whole score is a line over ``d(t)`` for t inside (0, 1). The line is
    read from the scores at two inner weights. Geometric scores with a zero stay on bisection.
    """
    base = _base(ev)
    inner = scores_along(ev, node, np.array(_INNER))
    if isinstance(base, Geometric):
        if not np.all(inner > 0):
            return None
        inner = np.log(inner)
    elif not isinstance(base, Additive):
        return None
    card = ev.card
    group = card.children(card.parent(node))
    mine = group.index(node)
    # The siblings' shares of 1 - t, as every move shares them: their weights at t = 0.
    at_zero = weights_along(card, ev.weights, node, np.zeros(1))[0]
    position = ancestry(card).position
    shares = np.array([at_zero[position[c]] for c in group if c != node])
    a = present[mine].astype(np.float64)
    b = shares @ np.delete(present, mine, axis=0).astype(np.float64)
    # Without the node (a = 0) or without any sibling (b = 0) the group's inner shares do not
    # move with t, so the score is a constant inside (0, 1): no ratio, no vanishing d.
    still = (a == 0) | (b == 0)
    d0 = np.where(still, 1.0, b)
    d1 = np.where(still, 0.0, a - b)
    (t1, t2) = _INNER
    at1, at2 = inner[0] * (d0 + d1 * t1), inner[1] * (d0 + d1 * t2)
    n1 = np.where(still, 0.0, (at2 - at1) / (t2 - t1))
    return at1 - n1 * t1, n1, d0, d1


def _ratio_crossings(
    ev: Evaluation,
    node: str,
    form: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    current: float,
    rows: IntpArray,
) -> tuple[FloatArray, FloatArray]:
    """Nearest crossings below and above ``current`` of the ``rows`` providers with every one.

    Providers i and k swap where ``N_i D_k - N_k D_i = 0``, a quadratic in t (two roots at
    most); only roots where the difference changes sign count. At an end, where a provider's
    last weighted value in the group drops out, its order may change by a jump: that change is
    reported at the end itself, as bisection does.
    """
    n0, n1, d0, d1 = form
    i0, i1, j0, j1 = n0[rows, None], n1[rows, None], d0[rows, None], d1[rows, None]
    qa = i1 * d1[None, :] - n1[None, :] * j1
    qb = i0 * d1[None, :] + i1 * d0[None, :] - n0[None, :] * j1 - n1[None, :] * j0
    qc = i0 * d0[None, :] - n0[None, :] * j0
    roots = _sign_changes(qa, qb, qc)
    below = np.full(qa.shape, np.nan)
    above = np.full(qa.shape, np.nan)
    for r in roots:
        inside = np.isfinite(r) & (r > 0) & (r < 1)
        lower = inside & (r < current)
        upper = inside & (r > current)
        below = np.where(lower & ~(below >= r), r, below)  # the largest root below
        above = np.where(upper & ~(above <= r), r, above)  # the smallest root above
    _jumps_at_the_ends(ev, node, form, current, rows, below=below, above=above)
    below[np.arange(rows.size), rows] = np.nan  # a provider never crosses itself
    above[np.arange(rows.size), rows] = np.nan
    return below, above


def _sign_changes(qa: FloatArray, qb: FloatArray, qc: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Roots of ``qa t^2 + qb t + qc`` where it changes sign (NaN where there is none)."""
    scale = np.maximum(np.maximum(np.abs(qa), np.abs(qb)), np.abs(qc))
    flat = np.abs(qa) <= _FLAT * scale  # a line (or a constant) to rounding
    disc = qb * qb - 4 * qa * qc
    with np.errstate(divide="ignore", invalid="ignore"):
        line = np.where(np.abs(qb) > _FLAT * scale, -qc / qb, np.nan)
        root = np.sqrt(np.where(disc > 0, disc, np.nan))
        q = -(qb + np.copysign(root, qb)) / 2  # the stable pair of roots: q / qa and qc / q
        first = np.where(flat, line, q / qa)
        second = np.where(flat, np.nan, qc / q)
    return first, second


_FLAT: Final = 1e-12
"""A quadratic coefficient this small beside the others is rounding: the crossing is a line."""


def _jumps_at_the_ends(
    ev: Evaluation,
    node: str,
    form: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    current: float,
    rows: IntpArray,
    *,
    below: FloatArray,
    above: FloatArray,
) -> None:
    """Record in place a change of order between an end of [0, 1] and just inside it."""
    n0, n1, d0, d1 = form
    ends = scores_along(ev, node, np.array([0.0, 1.0]))
    if isinstance(
        ev.aggregation.base if isinstance(ev.aggregation, Gated) else ev.aggregation, Geometric
    ):
        with np.errstate(divide="ignore"):
            ends = np.log(ends)
    near0, near1 = n0 / d0, (n0 + n1) / (d0 + d1)  # the scores just inside each end
    for end, inside, target, side in (
        (0.0, near0, below, current > 0),
        (1.0, near1, above, current < 1),
    ):
        if not side:
            continue
        at = np.sign(ends[int(end)][rows, None] - ends[int(end)][None, :])
        near = np.sign(inside[rows, None] - inside[None, :])
        jump = (at != near) & (at != 0) & (near != 0) & np.isnan(target)
        target[jump] = end


def _closed_form(
    intercept: FloatArray, slope: FloatArray, current: float, rows: IntpArray
) -> tuple[FloatArray, FloatArray]:
    """Crossings of the ``rows`` providers with every provider, where lines meet."""
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = (intercept[None, :] - intercept[rows, None]) / (slope[rows, None] - slope[None, :])
    cross[~np.isfinite(cross) | (cross < 0) | (cross > 1)] = np.nan
    cross[np.arange(rows.size), rows] = np.nan  # a provider never crosses itself
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


_Crossing = tuple[float | None, tuple[str, str] | None]


def _watch(
    ev: Evaluation, solve: Callable[[IntpArray], tuple[FloatArray, FloatArray]], rank: int | None
) -> tuple[str | None, _Crossing, _Crossing]:
    """The watched provider and its nearest changes below and above, each with who swaps.

    For a rank, its holder's own row; for any change in the ranking, every pair.
    """
    if rank is None:
        rows = np.arange(len(ev.providers))
    else:
        rows = np.array([int(np.argsort(ev.ranks, kind="stable")[rank - 1])], dtype=np.intp)
    below, above = solve(rows)
    holder = None if rank is None else ev.providers[int(rows[0])]
    return holder, _nearest(ev, rows, below, np.fmax), _nearest(ev, rows, above, np.fmin)


def _nearest(ev: Evaluation, rows: IntpArray, values: FloatArray, pick: Any) -> _Crossing:
    """The nearest crossing in ``values`` (rows x providers) and the pair that crosses there."""
    finite = np.isfinite(values)
    if not finite.any():
        return None, None
    best = pick.reduce(values[finite])
    row, col = (int(x[0]) for x in np.nonzero(finite & (values == best)))
    return float(best), (ev.providers[int(rows[row])], ev.providers[col])
