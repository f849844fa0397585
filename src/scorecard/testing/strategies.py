"""Hypothesis strategies for scorecard's model: scales, metrics, trees, weights, tables, tenders.

Every strategy makes only valid objects (the model's validators accept them) and, by default,
covers every way they vary: every scale kind in both directions, every policy, any Unicode
text, trees of any shape within the size limits, zero weights, ties, missing values within
policy, a single provider. Ids follow the id pattern (up to 13 characters, never ``"root"``)
and are unique across each generated tree, so any generated domain can be put in a scorecard.

Arguments follow Hypothesis's style: keyword-only, with defaults, checked eagerly when the
strategy is built (an `InvalidArgument` error names the argument).

Requires the ``testing`` extra (``pip install commissioning-scorecard[testing]``).
"""

from __future__ import annotations

import math
import string
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from scorecard._identity import canonical
from scorecard._metric import Metric, MissingPolicy, OutOfRangePolicy
from scorecard._plausible import PERCENT
from scorecard._table import PerformanceTable
from scorecard._tree_weights import global_weights
from scorecard._weights import Provenance, Weights
from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale
from scorecard.testing._tenders import tenders
from scorecard.tree import ROOT, Domain, Scorecard
from scorecard.weighting._protocol import WeightingScheme

__all__ = [
    "RAW_LIMIT",
    "banded_scales",
    "domains",
    "evaluations",
    "ids",
    "json_values",
    "labels",
    "linear_scales",
    "metrics",
    "ordinal_scales",
    "performance_tables",
    "piecewise_scales",
    "provenances",
    "scales",
    "scorecards",
    "tenders",
    "value_functions",
    "weighting_schemes",
    "weights",
]

RAW_LIMIT: Final = 1e6
"""Default bound on raw values: wide for care metrics, narrow enough that value arithmetic
(``best - worst``) can't overflow in tests that evaluate the generated scales."""


def _check_range(min_value: float, max_value: float) -> None:
    if not (-float("inf") < min_value < max_value < float("inf")):
        raise InvalidArgument(
            f"need finite min_value < max_value, got min_value={min_value!r}, "
            f"max_value={max_value!r}"
        )


def _check_size(name: str, value: int, least: int) -> None:
    if value < least:
        raise InvalidArgument(f"{name} must be at least {least}, got {value!r}")


# Strategies drawn once per node are built once: building one (a regex strategy above all)
# costs far more than drawing from it.
_IDS: Final = (
    st.tuples(
        st.sampled_from(string.ascii_letters),
        st.text(alphabet=string.ascii_letters + string.digits + "_-", max_size=12),
    )
    .map("".join)
    .filter(lambda i: i != ROOT)
)
_TEXT_SIZE: Final = 30
_TEXT: Final = st.text(max_size=_TEXT_SIZE)
_OPTIONAL_TEXT: Final = st.just("") | _TEXT  # descriptions and sources are often left out
_UNITS: Final = st.sampled_from(["", "%", "days"]) | st.text(max_size=5)
_MISSING: Final = st.sampled_from(MissingPolicy)
_OUT_OF_RANGE: Final = st.sampled_from(OutOfRangePolicy)
_SHARES: Final = st.floats(min_value=0, max_value=1)
_BOOLEANS: Final = st.booleans()
_ID_TRIES: Final = 10


def ids() -> st.SearchStrategy[str]:
    """Valid node ids: a letter, then letters, digits, ``_`` or ``-``; never ``"root"``."""
    return _IDS


def labels(*, max_size: int = _TEXT_SIZE) -> st.SearchStrategy[str]:
    """Free text for labels, units and descriptions (any Unicode, possibly empty)."""
    _check_size("max_size", max_size, 0)
    return _TEXT if max_size == _TEXT_SIZE else st.text(max_size=max_size)


def _raw(min_value: float, max_value: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=min_value, max_value=max_value)


def _increasing(
    min_value: float, max_value: float, *, min_size: int, max_size: int
) -> st.SearchStrategy[list[float]]:
    # unique=True treats 0.0 and -0.0 as one value, so sorting gives a strictly increasing list.
    return st.lists(
        _raw(min_value, max_value), min_size=min_size, max_size=max_size, unique=True
    ).map(sorted)


def _draw_levels(draw: st.DrawFn, size: int, *, either_way: bool) -> tuple[float, ...]:
    """``size`` values running monotonically from exactly 0 to exactly 1 (or back, maybe)."""
    levels = (0.0, *sorted(draw(_SHARES) for _ in range(size - 2)), 1.0)
    return levels[::-1] if either_way and draw(_BOOLEANS) else levels


def linear_scales(
    *, min_value: float = -RAW_LIMIT, max_value: float = RAW_LIMIT
) -> st.SearchStrategy[Linear]:
    """Linear scales with ``worst`` and ``best`` in [min_value, max_value], either direction."""
    _check_range(min_value, max_value)
    ends = st.lists(_raw(min_value, max_value), min_size=2, max_size=2, unique=True)
    return ends.map(lambda e: Linear(worst=e[0], best=e[1]))


@st.composite
def _piecewise(draw: st.DrawFn, xs: st.SearchStrategy[list[float]]) -> Piecewise:
    raw = draw(xs)
    values = _draw_levels(draw, len(raw), either_way=True)
    return Piecewise(points=list(zip(raw, values, strict=True)))


def piecewise_scales(
    *, min_value: float = -RAW_LIMIT, max_value: float = RAW_LIMIT, max_points: int = 6
) -> st.SearchStrategy[Piecewise]:
    """Piecewise scales of 2 to ``max_points`` points, rising (0 to 1) or falling (1 to 0)."""
    _check_range(min_value, max_value)
    _check_size("max_points", max_points, 2)
    return _piecewise(_increasing(min_value, max_value, min_size=2, max_size=max_points))


@st.composite
def _banded(draw: st.DrawFn, edges: st.SearchStrategy[list[float]]) -> Banded:
    cuts = draw(edges)
    return Banded(edges=cuts, values=_draw_levels(draw, len(cuts) + 1, either_way=True))


def banded_scales(
    *, min_value: float = -RAW_LIMIT, max_value: float = RAW_LIMIT, max_edges: int = 5
) -> st.SearchStrategy[Banded]:
    """Banded scales with 1 to ``max_edges`` edges, values rising or falling between 0 and 1."""
    _check_range(min_value, max_value)
    _check_size("max_edges", max_edges, 1)
    return _banded(_increasing(min_value, max_value, min_size=1, max_size=max_edges))


@st.composite
def _ordinal(draw: st.DrawFn, levels: st.SearchStrategy[list[str]]) -> Ordinal:
    names = draw(levels)
    if draw(_BOOLEANS):
        return Ordinal(levels=names)
    return Ordinal(levels=names, values=_draw_levels(draw, len(names), either_way=False))


def ordinal_scales(*, max_levels: int = 6) -> st.SearchStrategy[Ordinal]:
    """Ordinal scales of 2 to ``max_levels`` distinct levels, evenly or unevenly valued."""
    _check_size("max_levels", max_levels, 2)
    return _ordinal(st.lists(_TEXT, min_size=2, max_size=max_levels, unique=True))


def scales(
    *, min_value: float = -RAW_LIMIT, max_value: float = RAW_LIMIT
) -> st.SearchStrategy[Scale]:
    """Scales of every kind: linear, piecewise, banded and ordinal."""
    return st.one_of(
        linear_scales(min_value=min_value, max_value=max_value),
        piecewise_scales(min_value=min_value, max_value=max_value),
        banded_scales(min_value=min_value, max_value=max_value),
        ordinal_scales(),
    )


def value_functions(
    *, min_value: float = -RAW_LIMIT, max_value: float = RAW_LIMIT
) -> st.SearchStrategy[Scale]:
    """Value functions (scales) of every kind; the same as `scales`."""
    return scales(min_value=min_value, max_value=max_value)


def _draw_metric(
    draw: st.DrawFn, metric_id: str, scale_strategy: st.SearchStrategy[Scale]
) -> Metric:
    scale = draw(scale_strategy)
    unit = draw(_UNITS)
    if unit == PERCENT and not _share_scale(scale):
        unit = ""  # a % metric's values are shares of 100: its scale must allow some
    return Metric(
        metric_id,
        draw(_TEXT),
        scale=scale,
        direction=scale.direction,
        unit=unit,
        description=draw(_OPTIONAL_TEXT),
        source=draw(_OPTIONAL_TEXT),
        missing=draw(_MISSING),
        out_of_range=draw(_OUT_OF_RANGE),
    )


@st.composite
def _metrics(
    draw: st.DrawFn,
    id_strategy: st.SearchStrategy[str],
    scale_strategy: st.SearchStrategy[Scale],
) -> Metric:
    return _draw_metric(draw, draw(id_strategy), scale_strategy)


def metrics(
    *,
    ids: st.SearchStrategy[str] | None = None,
    scales: st.SearchStrategy[Scale] | None = None,
) -> st.SearchStrategy[Metric]:
    """Metrics whose direction agrees with their scale, with every policy and optional text.

    Parameters
    ----------
    ids
        Where ids come from; any valid id by default.
    scales
        Where scales come from; every kind by default.
    """
    return _metrics(
        ids if ids is not None else _all_ids(), scales if scales is not None else _all_scales()
    )


# ``metrics``'s arguments shadow the strategies of the same name; these reach the module's.
def _all_ids() -> st.SearchStrategy[str]:
    return ids()


def _all_scales() -> st.SearchStrategy[Scale]:
    return scales()


@attrs.frozen
class _Tree:
    """What a generated tree may hold (the ids used so far are kept apart, one set per example).

    ``branches`` and ``leaves`` draw how many sub-domains and metrics a node has; ``leaves``
    draws at least one, for a node that has no sub-domains.
    """

    scales: st.SearchStrategy[Scale]
    branches: st.SearchStrategy[int]
    leaves: st.SearchStrategy[int]

    @classmethod
    def of(cls, max_children: int, scales: st.SearchStrategy[Scale] | None) -> _Tree:
        return cls(
            scales if scales is not None else _all_scales(),
            st.integers(0, max_children),
            st.integers(1, max_children),
        )


def _fresh_id(draw: st.DrawFn, used: set[str]) -> str:
    # A loop, not .filter(used): a new filtered strategy per node would be rebuilt each time.
    for _ in range(_ID_TRIES):
        node_id = draw(_IDS)
        if node_id not in used:
            break
    else:
        reject()
    used.add(node_id)
    return node_id


def _draw_children(
    draw: st.DrawFn, tree: _Tree, used: set[str], depth: int
) -> tuple[list[Domain], list[Metric]]:
    """Sub-domains ``depth`` levels deep at most, and metrics; at least one child in all."""
    n_domains = draw(tree.branches) if depth > 0 else 0
    n_metrics = draw(tree.branches if n_domains else tree.leaves)
    subs = [_draw_domain(draw, tree, used, depth - 1) for _ in range(n_domains)]
    leaves = [_draw_metric(draw, _fresh_id(draw, used), tree.scales) for _ in range(n_metrics)]
    return subs, leaves


def _draw_domain(draw: st.DrawFn, tree: _Tree, used: set[str], depth: int) -> Domain:
    domain_id = _fresh_id(draw, used)
    subs, leaves = _draw_children(draw, tree, used, depth)
    return Domain(
        domain_id, draw(_TEXT), domains=subs, metrics=leaves, description=draw(_OPTIONAL_TEXT)
    )


@st.composite
def _domains(draw: st.DrawFn, tree: _Tree, max_depth: int) -> Domain:
    return _draw_domain(draw, tree, set(), max_depth - 1)


def domains(
    *, max_depth: int = 3, max_children: int = 3, scales: st.SearchStrategy[Scale] | None = None
) -> st.SearchStrategy[Domain]:
    """Domains nested up to ``max_depth`` levels (1: metrics only), ids unique within each.

    Parameters
    ----------
    max_depth
        Levels of domains, counting this one.
    max_children
        Most sub-domains, and most metrics, that any one domain has.
    scales
        Where the metrics' scales come from; every kind by default.
    """
    _check_size("max_depth", max_depth, 1)
    _check_size("max_children", max_children, 1)
    return _domains(_Tree.of(max_children, scales), max_depth)


@st.composite
def _scorecards(draw: st.DrawFn, tree: _Tree, max_depth: int, weights: bool | None) -> Scorecard:
    subs, leaves = _draw_children(draw, tree, set(), max_depth)
    card = Scorecard(draw(_TEXT), domains=subs, metrics=leaves, description=draw(_OPTIONAL_TEXT))
    if weights is None:
        weights = draw(_BOOLEANS)
    return (
        card.with_weights(
            draw(_weights(card, node=None, bounds=(0.0, 1.0), ordering=None, provenance=None))
        )
        if weights
        else card
    )


def scorecards(
    *,
    max_depth: int = 3,
    max_children: int = 3,
    weights: bool | None = None,
    scales: st.SearchStrategy[Scale] | None = None,
) -> st.SearchStrategy[Scorecard]:
    """Scorecards with domains nested up to ``max_depth`` levels and ids unique across the tree.

    Parameters
    ----------
    max_depth
        Levels of domains below the root; 0 makes scorecards of top-level metrics only.
    max_children
        Most sub-domains, and most metrics, of the root and of any domain.
    weights
        True: always with default weights (from `weights`); False: never; None: either.
    scales
        Where the metrics' scales come from; every kind by default.
    """
    _check_size("max_depth", max_depth, 0)
    _check_size("max_children", max_children, 1)
    return _scorecards(_Tree.of(max_children, scales), max_depth, weights)


def json_values(*, max_leaves: int = 8) -> st.SearchStrategy[Any]:
    """JSON values (null, booleans, integers, finite floats, strings, arrays and objects)."""
    _check_size("max_leaves", max_leaves, 1)
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


def provenances() -> st.SearchStrategy[Provenance]:
    """Provenance records: a scheme name and JSON parameters."""
    return _PROVENANCES


_PROVENANCES: Final = st.builds(
    Provenance,
    scheme=st.sampled_from(["equal", "points", "swing", "ahp", "adjusted"]) | _TEXT,
    parameters=st.dictionaries(st.text(max_size=10), json_values(), max_size=3),
)


def _capped(shares: list[float], lower: float, upper: float) -> list[float]:
    """Shares on the simplex moved into [lower, upper]: lower first, then excess shared out."""
    m = len(shares)
    total = sum(shares)
    base = [r / total for r in shares] if total > 0 else [1 / m] * m
    w = [lower + (1 - m * lower) * b for b in base]
    for _ in range(m):  # water-filling: each pass caps at least one more weight
        excess = sum(max(0.0, x - upper) for x in w)
        if excess <= 0:
            break
        free = [i for i, x in enumerate(w) if x < upper]
        room = sum(upper - w[i] for i in free)
        w = [min(x, upper) for x in w]
        for i in free:
            w[i] += excess * (upper - w[i]) / room if room > 0 else 0.0
    total = sum(w)
    return [x / total for x in w]


@st.composite
def _weights(
    draw: st.DrawFn,
    card: Scorecard,
    *,
    node: str | None,
    bounds: tuple[float, float],
    ordering: tuple[str, ...] | None,
    provenance: bool | None,
) -> Weights:
    local: dict[str, float] = {}
    records: dict[str, Provenance] = {}
    for parent, children in card.groups.items():
        raw = [draw(_SHARES) for _ in children]
        if parent == node:
            shares = _capped(raw, *bounds)
            if ordering is not None:
                ranked = sorted(shares, reverse=True)
                local.update(zip(ordering, ranked, strict=True))
            else:
                local.update(zip(children, shares, strict=True))
        else:
            local.update(zip(children, _capped(raw, 0.0, 1.0), strict=True))
        if provenance or (provenance is None and draw(_BOOLEANS)):
            records[parent] = draw(_PROVENANCES)
    return Weights(local, provenance=records)


def weights(
    card: Scorecard,
    *,
    node: str | None = None,
    min_weight: float = 0.0,
    max_weight: float = 1.0,
    ordering: Sequence[str] | None = None,
    provenance: bool | None = None,
) -> st.SearchStrategy[Weights]:
    """Local weights valid for ``card``: every node weighted, each group summing to 1.

    Parameters
    ----------
    card
        The scorecard the weights are for.
    node
        A group node (``"root"`` or a domain id) whose children's weights obey ``min_weight``,
        ``max_weight`` and ``ordering``; other groups are unconstrained.
    min_weight, max_weight
        Bounds on each local weight under ``node`` (feasible: ``k * min_weight <= 1 <=
        k * max_weight`` for its ``k`` children).
    ordering
        ``node``'s children, most important first: their weights never increase along it.
    provenance
        True: every group has a provenance record; False: none; None: some.
    """
    if not isinstance(card, Scorecard):
        raise InvalidArgument(f"card must be a Scorecard, got {type(card).__name__}")
    constrained = ordering is not None or min_weight != 0.0 or max_weight != 1.0
    if node is None and constrained:
        node = ROOT
    if node is not None and node not in card.groups:
        raise InvalidArgument(f"node={node!r} is not the root or a domain of {card.name!r}")
    k = len(card.groups[node]) if node is not None else 1
    if not (0.0 <= min_weight <= max_weight <= 1.0) or k * min_weight > 1 or k * max_weight < 1:
        raise InvalidArgument(
            f"min_weight={min_weight!r}, max_weight={max_weight!r} are infeasible for "
            f"{k} weights summing to 1"
        )
    order: tuple[str, ...] | None = None
    if ordering is not None:
        order = tuple(ordering)
        if node is None or sorted(order) != sorted(card.groups[node]):
            raise InvalidArgument(
                f"ordering={list(order)!r} must list each child of {node!r} once: "
                f"{list(card.groups[node or ROOT])!r}"
            )
    return _weights(
        card, node=node, bounds=(min_weight, max_weight), ordering=order, provenance=provenance
    )


# -- performance tables, weighting schemes, evaluations -----------------------------------------


def _column(
    draw: st.DrawFn, metric: Metric, n: int, *, ties: bool, missing: bool, extreme: bool
) -> list[float]:
    """Raw values for one metric: within its scale (or clippable beyond), ties and gaps maybe."""
    scale = metric.scale
    lo = hi = math.nan
    if isinstance(scale, Ordinal):
        cell = st.integers(1, len(scale.levels)).map(float)
    else:
        lo, hi = sorted((scale.worst, scale.best))
        if metric.unit == PERCENT:  # a share: never below 0% or above 100%
            lo, hi = max(lo, 0.0) + 0.0, min(hi, 100.0) + 0.0  # + 0.0: no -0.0 bound
        inside = st.floats(lo, hi)
        ends = st.sampled_from([lo, hi])
        cell = (inside | ends) if extreme else inside
        if metric.out_of_range is OutOfRangePolicy.CLIP:
            span = max(hi - lo, 1.0)
            low, high = lo - span, hi + span
            if metric.unit == PERCENT:
                low, high = max(low, 0.0) + 0.0, min(high, 100.0) + 0.0
            cell = cell | st.floats(low, high)
    pool = draw(st.lists(cell, min_size=1, max_size=3)) if ties and draw(_BOOLEANS) else None
    values = [draw(st.sampled_from(pool)) if pool else draw(cell) for _ in range(n)]
    if missing and metric.missing is not MissingPolicy.ERROR:
        values = [float("nan") if draw(_MAYBE_MISSING) else v for v in values]
    given = [i for i, v in enumerate(values) if not math.isnan(v)]
    if given and not isinstance(scale, Ordinal) and all(not lo <= values[i] <= hi for i in given):
        values[given[0]] = draw(st.floats(lo, hi))  # wholly off its scale reads as a unit slip
    return values


_MAYBE_MISSING: Final = st.sampled_from([False, False, False, True])


def _share_scale(scale: Scale) -> bool:
    """Whether a scale's range meets 0-100 (ordinal codes always do)."""
    if isinstance(scale, Ordinal):
        return True
    lo, hi = sorted((scale.worst, scale.best))
    return lo <= 100.0 and hi >= 0.0  # noqa: PLR2004


@st.composite
def _performance_tables(
    draw: st.DrawFn,
    card: Scorecard,
    sizes: st.SearchStrategy[int],
    options: tuple[bool, bool, bool, bool],
) -> PerformanceTable:
    ties, missing, extreme, extras = options
    n = draw(sizes)
    providers = draw(
        st.lists(_TEXT.map(canonical).filter(bool), min_size=n, max_size=n, unique=True)
    )
    columns = [
        _column(draw, card.metric(m), n, ties=ties, missing=missing, extreme=extreme)
        for m in card.metric_ids
    ]
    # Every provider keeps a value on a metric that carries weight (under the card's own
    # weights, or equal weights), so the card can score it.
    if card.weights is None:
        weighted = list(range(len(card.metric_ids)))
    else:
        weighted = [int(j) for j in np.flatnonzero(global_weights(card, card.weights) > 0)]
    for i in range(n):
        if all(math.isnan(columns[j][i]) for j in weighted):
            j = draw(st.sampled_from(weighted))
            columns[j][i] = _column(
                draw, card.metric(card.metric_ids[j]), 1, ties=False, missing=False, extreme=extreme
            )[0]
    values = [[c[i] for c in columns] for i in range(n)]
    extra: dict[str, list[list[float]]] = {}
    if extras and draw(_BOOLEANS):
        positive = st.floats(1, 10_000)
        extra["denominators"] = [[draw(positive) for _ in columns] for _ in range(n)]
    if extras and draw(_BOOLEANS):
        spread = st.floats(0, 1)
        extra["standard_errors"] = [[draw(spread) for _ in columns] for _ in range(n)]
    return PerformanceTable(
        providers,
        card.metric_ids,
        values,
        denominators=extra.get("denominators"),
        standard_errors=extra.get("standard_errors"),
    )


def performance_tables(
    card: Scorecard,
    *,
    min_providers: int = 1,
    max_providers: int = 8,
    ties: bool = True,
    missing: bool = True,
    extreme: bool = True,
    uncertainty: bool = True,
) -> st.SearchStrategy[PerformanceTable]:
    """Tables of raw values for ``card`` that it evaluates without error.

    Values lie on each metric's scale (beyond it only where the metric clips); ordinal metrics
    get whole codes. Provider names are any non-blank text.

    Parameters
    ----------
    card
        The scorecard whose metrics are the columns.
    min_providers, max_providers
        How many providers (rows).
    ties
        Let a column draw from a small pool of values, so providers tie.
    missing
        Leave cells empty where the metric's missing policy allows (never a whole row).
    extreme
        Favour the ends of each scale as well as values between.
    uncertainty
        Sometimes add denominators and standard errors.
    """
    if not isinstance(card, Scorecard):
        raise InvalidArgument(f"card must be a Scorecard, got {type(card).__name__}")
    _check_size("min_providers", min_providers, 1)
    _check_size("max_providers", max_providers, min_providers)
    sizes = st.integers(min_providers, max_providers)
    return _performance_tables(card, sizes, (ties, missing, extreme, uncertainty))


def _schemes_for(children: tuple[str, ...]) -> st.SearchStrategy[WeightingScheme]:
    from scorecard.weighting import (  # noqa: PLC0415
        AHP,
        CRITIC,
        Entropy,
        Equal,
        Points,
        RankOrderCentroid,
        RankReciprocal,
        RankSum,
        StdDev,
        Swing,
    )

    plain: list[st.SearchStrategy[WeightingScheme]] = [
        st.just(Equal()),
        st.builds(Entropy),
        st.builds(CRITIC),
        st.builds(StdDev),
    ]
    if not children:
        return st.one_of(plain)
    points = st.lists(st.floats(0.5, 100), min_size=len(children), max_size=len(children))
    orders = st.permutations(children)
    priorities = st.lists(st.floats(0.1, 10), min_size=len(children), max_size=len(children))
    named: list[st.SearchStrategy[WeightingScheme]] = [
        points.map(lambda p: Points(dict(zip(children, p, strict=True)))),
        points.map(lambda p: Swing(dict(zip(children, [100.0, *p[1:]], strict=True)))),
        orders.map(RankOrderCentroid),
        orders.map(RankSum),
        orders.map(RankReciprocal),
        priorities.map(
            lambda v: AHP(children, [[a / b for b in v] for a in v])  # consistent judgements
        ),
    ]
    return st.one_of(*plain, *named)


def weighting_schemes(*, children: Sequence[str] = ()) -> st.SearchStrategy[WeightingScheme]:
    """Weighting schemes; with ``children`` (a group's ids) also those that name them.

    Without children: `Equal` and the objective schemes `Entropy`, `CRITIC`, `StdDev`. With
    children: also `Points`, `Swing`, `RankOrderCentroid`, `RankSum`, `RankReciprocal` and
    `AHP` (with consistent judgements, so no inconsistency warning).
    """
    names = tuple(children)
    if len(set(names)) != len(names):
        raise InvalidArgument(f"children must be distinct ids, got {list(names)!r}")
    return _schemes_for(names)


@st.composite
def _evaluations(draw: st.DrawFn, cards: st.SearchStrategy[Scorecard], max_providers: int) -> Any:
    from scorecard.errors import MissingValueError  # noqa: PLC0415

    card = draw(cards)
    table = draw(performance_tables(card, max_providers=max_providers))
    weighting = draw(weights(card))
    try:
        return card.evaluate(table, weights=weighting)
    except MissingValueError:  # every weighted value of a provider missing: not an evaluation
        reject()


def evaluations(
    *, scorecards: st.SearchStrategy[Scorecard] | None = None, max_providers: int = 8
) -> st.SearchStrategy[Any]:
    """Evaluations of generated tables on generated scorecards under generated weights."""
    _check_size("max_providers", max_providers, 1)
    cards = scorecards if scorecards is not None else _all_scorecards()
    return _evaluations(cards, max_providers)


def _all_scorecards() -> st.SearchStrategy[Scorecard]:
    strategy: st.SearchStrategy[Scorecard] = globals()["scorecards"]()  # shadowed above
    return strategy
