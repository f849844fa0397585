"""Subjective weighting schemes: direct points, weights from a rank order, and swing weights.

Each scheme turns a judgement about one group of siblings into local weights summing to 1:

* `Points`: a direct allocation (say 100 points shared out); weights are the shares.
* `RankOrderCentroid`, `RankSum`, `RankReciprocal`: only the order of importance is given;
  the weights are the standard surrogate weights of Barron & Barrett (1996).
* `Swing`: swing weighting (von Winterfeldt & Edwards 1986; Edwards & Barron's SMARTS, 1994):
  the swing from worst to best that matters most scores 100 and the others are rated against it.

References
----------
Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
*Management Science*, 42(11), 1515-1523.

Edwards, W., & Barron, F. H. (1994). SMARTS and SMARTER: improved simple methods for
multiattribute utility measurement. *Organizational Behavior and Human Decision Processes*,
60(3), 306-325.

von Winterfeldt, D., & Edwards, W. (1986). *Decision Analysis and Behavioral Research*.
Cambridge University Press.
"""

from __future__ import annotations

import math
import numbers
import types
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final, TypeAlias

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard._metric import Metric
from scorecard.errors import WeightError
from scorecard.scales import Ordinal
from scorecard.weighting._protocol import (
    Group,
    as_weights,
    check_keys,
    describe_fields,
)

__all__ = [
    "SWING_TOP",
    "Points",
    "RankEntry",
    "RankOrderCentroid",
    "RankReciprocal",
    "RankSum",
    "Swing",
    "rank_order_centroid_weights",
    "rank_reciprocal_weights",
    "rank_sum_weights",
]

SWING_TOP: Final = 100.0
"""The rating of the most important swing in `Swing`; every other swing is rated 0 to this."""

RankEntry: TypeAlias = str | Sequence[str]
"""One position of a ranking: a child's id, or several ids tied at that position."""


# -- points and swings ----------------------------------------------------------------------


def _read_only_numbers(value: Mapping[str, float]) -> Mapping[str, float]:
    """A read-only copy of ``value`` with float values; refuses keys and values of other types."""
    if not isinstance(value, Mapping):
        raise WeightError(
            f"points must be a mapping of child ids to numbers, got {type(value).__name__}"
        )
    out: dict[str, float] = {}
    items: list[tuple[object, object]] = list(value.items())
    for key, number in items:
        if not isinstance(key, str):
            raise WeightError(f"points must be keyed by child ids (strings), got {key!r}")
        if isinstance(number, bool) or not isinstance(number, numbers.Real):
            raise WeightError(f"points for {key!r} must be a number, got {number!r}")
        out[key] = float(number)
    return types.MappingProxyType(out)


def _check_points(scheme: str, points: Mapping[str, float], valid: str) -> None:
    """Raise unless ``points`` is non-empty and each value is finite and non-negative."""
    if not points:
        raise WeightError(f"{scheme}: give points for at least one child, got none")
    for key, number in points.items():
        if not math.isfinite(number) or number < 0:
            raise WeightError(f"{scheme}: {key!r} has {number!r} points; {valid}")


def _shares(scheme: str, points: Mapping[str, float], group: Group) -> FloatArray:
    """Each child's points over the total, in ``group.ids`` order."""
    check_keys(f"{scheme} points", group, points)
    raw = np.array([points[c] for c in group.ids], dtype=np.float64)
    return as_weights(raw / raw.max())  # scaled first, so that huge totals cannot overflow


@attrs.frozen
class Points:
    """Direct allocation: each child's weight is its share of the points given.

    Any total will do (100 points is usual): only the ratios matter, so multiplying every
    child's points by the same positive number leaves the weights unchanged. Points must be
    finite and non-negative, not all zero, and name exactly the children of the group.

    Parameters
    ----------
    points
        Points for each child id. Copied into a read-only mapping of floats.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> group = Group("root", ("outcomes", "access", "workforce"), ())
    >>> Points({"outcomes": 50, "access": 30, "workforce": 20}).weigh(group)
    array([0.5, 0.3, 0.2])
    >>> Points({"outcomes": 5, "access": 3, "workforce": 2}) == Points(
    ...     {"outcomes": 5.0, "access": 3.0, "workforce": 2.0})
    True
    """

    name: ClassVar[str] = "points"
    needs_values: ClassVar[bool] = False

    points: Mapping[str, float] = attrs.field(converter=_read_only_numbers)

    def __attrs_post_init__(self) -> None:
        _check_points(self.name, self.points, "points must be finite and at least 0")
        if not any(self.points.values()):
            raise WeightError(
                f"{self.name}: every child has 0 points, so there is nothing to share; "
                "give at least one child a positive number of points"
            )

    def weigh(self, group: Group) -> FloatArray:
        """Each child's points divided by the total."""
        return _shares(self.name, self.points, group)

    def describe(self, group: Group) -> dict[str, Any]:
        """The points (in the group's order) and their total."""
        return {
            "points": {c: self.points[c] for c in group.ids if c in self.points},
            "total": math.fsum(self.points.values()),
        }


def _swing_range(node: object) -> dict[str, Any] | str:
    """The swing a child's rating refers to: its scale from worst to best."""
    if not isinstance(node, Metric):
        return "all metrics worst → best"
    out: dict[str, Any] = {
        "worst": node.scale.worst,
        "best": node.scale.best,
        "unit": node.unit,
    }
    if isinstance(node.scale, Ordinal):
        out["worst_level"] = node.scale.levels[0]
        out["best_level"] = node.scale.levels[-1]
    return out


@attrs.frozen
class Swing:
    """Swing weights: rate each child's swing from worst to best against the biggest swing.

    The decision makers imagine every child at its worst level and ask which single swing to
    its best level they would most like; that swing scores 100. Every other swing is rated
    from 0 to 100 relative to it (von Winterfeldt & Edwards 1986; SMARTS, Edwards & Barron
    1994). The weights are the ratings over their total. For a metric the swing runs from the
    worst to the best level of its value scale; for a domain, from every metric in it at its
    worst to every metric at its best. `describe` records these ranges with the ratings, since
    swing weights mean nothing without the ranges they were judged on.

    Parameters
    ----------
    points
        The rating of each child's swing, in [0, 100], with the largest exactly 100.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> group = Group("workforce", ("turnover", "vacancies", "sickness"), ())
    >>> Swing({"turnover": 100, "vacancies": 60, "sickness": 40}).weigh(group)
    array([0.5, 0.3, 0.2])
    """

    name: ClassVar[str] = "swing"
    needs_values: ClassVar[bool] = False

    points: Mapping[str, float] = attrs.field(converter=_read_only_numbers)

    def __attrs_post_init__(self) -> None:
        valid = f"swing ratings must lie in [0, {SWING_TOP:g}]"
        _check_points(self.name, self.points, valid)
        for key, number in self.points.items():
            if number > SWING_TOP:
                raise WeightError(f"{self.name}: {key!r} is rated {number:g}; {valid}")
        top = max(self.points.values())
        if top != SWING_TOP:
            raise WeightError(
                f"{self.name}: the most important swing must be rated {SWING_TOP:g} and the "
                f"others against it, but the highest rating is {top:g}; rate the biggest swing "
                f"{SWING_TOP:g}"
            )

    def weigh(self, group: Group) -> FloatArray:
        """Each child's rating divided by the total of the ratings."""
        return _shares(self.name, self.points, group)

    def describe(self, group: Group) -> dict[str, Any]:
        """The ratings, the reference swing(s) rated 100, and each child's swing range."""
        return {
            "points": {c: self.points[c] for c in group.ids if c in self.points},
            "reference": [c for c in group.ids if self.points.get(c) == SWING_TOP],
            "swings": {node.id: _swing_range(node) for node in group.nodes},
        }


# -- weights from a rank order ------------------------------------------------------------------


def _positions(n: int) -> FloatArray:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise WeightError(f"rank weights need a whole number of positions, at least 1; got {n!r}")
    return np.arange(1, n + 1, dtype=np.float64)


def rank_order_centroid_weights(n: int) -> FloatArray:
    """Rank-order centroid weights of positions 1..n: ``w_i = (1/n) Σ_{k=i..n} 1/k``.

    The centroid of the set of weights ordered ``w_1 ≥ … ≥ w_n ≥ 0`` summing to 1
    (Barron & Barrett 1996, *Management Science* 42(11):1515-1523).

    Examples
    --------
    >>> rank_order_centroid_weights(4).round(4)
    array([0.5208, 0.2708, 0.1458, 0.0625])
    """
    i = _positions(n)
    tail_sums = np.cumsum((1.0 / i)[::-1])[::-1]
    return np.asarray(tail_sums / n, dtype=np.float64)


def rank_sum_weights(n: int) -> FloatArray:
    """Rank-sum weights of positions 1..n: ``w_i = 2 (n + 1 - i) / (n (n + 1))``.

    Weights proportional to the reversed rank (Barron & Barrett 1996).

    Examples
    --------
    >>> rank_sum_weights(4)
    array([0.4, 0.3, 0.2, 0.1])
    """
    i = _positions(n)
    return np.asarray(2.0 * (n + 1 - i) / (n * (n + 1)), dtype=np.float64)


def rank_reciprocal_weights(n: int) -> FloatArray:
    """Rank-reciprocal weights of positions 1..n: ``w_i = (1/i) / Σ_k 1/k``.

    Weights proportional to the reciprocal of the rank (Barron & Barrett 1996).

    Examples
    --------
    >>> rank_reciprocal_weights(4)
    array([0.48, 0.24, 0.16, 0.12])
    """
    reciprocal = 1.0 / _positions(n)
    return as_weights(reciprocal)


def _ranking(value: Sequence[RankEntry]) -> tuple[str | tuple[str, ...], ...]:
    """The ranking as a tuple: single ids as strings, tied ids as tuples (a tie of one is an id)."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise WeightError(
            "a ranking must be a sequence of child ids, most important first, e.g. "
            f"['outcomes', 'access']; got {value!r}"
        )
    out: list[str | tuple[str, ...]] = []
    seen: set[str] = set()
    for entry in value:
        ids = (entry,) if isinstance(entry, str) else entry
        if not isinstance(ids, Sequence) or not ids or not all(isinstance(i, str) for i in ids):
            raise WeightError(
                "each place in a ranking must be a child id or a non-empty list of ids tied "
                f"at that place; got {entry!r}"
            )
        twice = [i for i in ids if i in seen]
        if twice or len(set(ids)) != len(ids):
            raise WeightError(
                f"the ranking names {', '.join(map(repr, twice or ids))} more than once; "
                "rank each child once"
            )
        seen.update(ids)
        out.append(ids[0] if len(ids) == 1 else tuple(ids))
    if not out:
        raise WeightError("a ranking needs at least one child id")
    return tuple(out)


@attrs.frozen
class _Ranked:
    """Weights from a ranking (most important first); subclasses give the weight of each position.

    Ties: an entry of the ranking may list several ids that share a position. They occupy as
    many consecutive positions as there are ids, and each gets the mean of those positions'
    weights, so that the weights still sum to 1 and stay non-increasing along the ranking.
    """

    name: ClassVar[str]
    needs_values: ClassVar[bool] = False

    ranking: tuple[str | tuple[str, ...], ...] = attrs.field(converter=_ranking)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ranked ids in order, ties flattened in the order given."""
        return tuple(i for entry in self.ranking for i in _tied(entry))

    def _by_position(self, n: int) -> FloatArray:
        raise NotImplementedError

    def weigh(self, group: Group) -> FloatArray:
        """Each child's weight from its position; tied children share their positions' mean."""
        ids = self.ids
        check_keys(f"{self.name} ranking", group, ids)
        sizes = [len(_tied(entry)) for entry in self.ranking]
        place = np.repeat(np.arange(len(sizes)), sizes)
        by_position = self._by_position(len(ids))
        mean = np.bincount(place, weights=by_position) / np.asarray(sizes, dtype=np.float64)
        order = np.array([ids.index(c) for c in group.ids], dtype=np.intp)
        return np.asarray(mean[place][order], dtype=np.float64)

    def describe(self, group: Group) -> dict[str, Any]:  # noqa: ARG002
        """The ranking (ties as lists) and, when there are ties, how they were resolved."""
        out = describe_fields(self)
        if any(not isinstance(e, str) for e in self.ranking):
            out["ties"] = "tied ids share the mean weight of the positions they occupy"
        return out


def _tied(entry: str | tuple[str, ...]) -> tuple[str, ...]:
    return (entry,) if isinstance(entry, str) else entry


@attrs.frozen
class RankOrderCentroid(_Ranked):
    """Rank-order centroid (ROC) weights from a ranking, most important first.

    With n children, position i gets ``w_i = (1/n) Σ_{k=i..n} 1/k``: the centroid of all
    weight vectors consistent with the ranking (Barron & Barrett 1996, *Management Science*
    42(11):1515-1523), which they found the most accurate of the rank-based surrogates. An
    entry may be a list of ids tied at one position; they share the mean weight of the
    positions they occupy.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> group = Group("root", ("access", "outcomes", "workforce", "cost"), ())
    >>> RankOrderCentroid(["outcomes", "access", "workforce", "cost"]).weigh(group).round(4)
    array([0.2708, 0.5208, 0.1458, 0.0625])
    >>> RankOrderCentroid(["outcomes", ["access", "workforce"], "cost"]).weigh(group).round(4)
    array([0.2083, 0.5208, 0.2083, 0.0625])
    """

    name: ClassVar[str] = "rank_order_centroid"

    def _by_position(self, n: int) -> FloatArray:
        return rank_order_centroid_weights(n)


@attrs.frozen
class RankSum(_Ranked):
    """Rank-sum (RS) weights from a ranking, most important first.

    With n children, position i gets ``w_i = 2 (n + 1 - i) / (n (n + 1))``: weights in
    proportion to the reversed rank (Barron & Barrett 1996, *Management Science*
    42(11):1515-1523). Tied ids share the mean weight of the positions they occupy.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> group = Group("root", ("a", "b", "c", "d"), ())
    >>> RankSum(["a", "b", "c", "d"]).weigh(group)
    array([0.4, 0.3, 0.2, 0.1])
    """

    name: ClassVar[str] = "rank_sum"

    def _by_position(self, n: int) -> FloatArray:
        return rank_sum_weights(n)


@attrs.frozen
class RankReciprocal(_Ranked):
    """Rank-reciprocal (RR) weights from a ranking, most important first.

    With n children, position i gets ``w_i = (1/i) / Σ_{k=1..n} 1/k`` (Barron & Barrett 1996,
    *Management Science* 42(11):1515-1523). Tied ids share the mean weight of the positions
    they occupy.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> group = Group("root", ("a", "b", "c", "d"), ())
    >>> RankReciprocal(["a", "b", "c", "d"]).weigh(group)
    array([0.48, 0.24, 0.16, 0.12])
    """

    name: ClassVar[str] = "rank_reciprocal"

    def _by_position(self, n: int) -> FloatArray:
        return rank_reciprocal_weights(n)
