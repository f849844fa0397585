"""Value functions: a metric's natural units onto [0, 1], 0 the worst level cared about, 1 the best.

Each scale is a frozen attrs class with a JSON ``kind`` tag. ``value`` is vectorised over any
array shape; raw values beyond the scale are reported by ``out_of_range`` so that the metric's
policy (clip with a recorded flag, or error) can act on them; nothing is clipped silently here.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol, runtime_checkable

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray
from scorecard.errors import TreeError

__all__ = ["Banded", "Direction", "Linear", "Ordinal", "Piecewise", "Scale"]


class Direction(enum.StrEnum):
    """Which way is better for a metric's raw values."""

    HIGHER = "higher"
    LOWER = "lower"


@runtime_checkable
class Scale(Protocol):
    """What every value function offers."""

    kind: ClassVar[str]
    clippable: ClassVar[bool]

    @property
    def direction(self) -> Direction:
        """Whether higher or lower raw values are better on this scale."""
        ...

    @property
    def worst(self) -> float:
        """The raw value that scores 0."""
        ...

    @property
    def best(self) -> float:
        """The raw value that scores 1."""
        ...

    def value(self, raw: FloatArray) -> FloatArray:
        """Values of ``raw``; within [0, 1] where ``out_of_range`` is false, clipped elsewhere."""
        ...

    def out_of_range(self, raw: FloatArray) -> BoolArray:
        """Where ``raw`` (not NaN) lies outside the scale."""
        ...


def _finite(name: str) -> Callable[[object, attrs.Attribute[float], float], None]:
    def check(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
        if not math.isfinite(value):
            raise TreeError(f"{name}: {attribute.name} must be a finite number, got {value!r}")

    return check


def _outside(raw: FloatArray, lo: float, hi: float) -> BoolArray:
    with np.errstate(invalid="ignore"):
        return np.asarray((raw < lo) | (raw > hi), dtype=np.bool_)


@attrs.frozen
class Linear:
    """Linear from ``worst`` (value 0) to ``best`` (value 1); ``best < worst``: lower is better.

    Examples
    --------
    >>> import numpy as np
    >>> Linear(worst=20, best=60).value(np.array([20.0, 40.0, 60.0]))
    array([0. , 0.5, 1. ])
    >>> Linear(worst=40, best=10).direction
    <Direction.LOWER: 'lower'>
    """

    kind: ClassVar[str] = "linear"
    clippable: ClassVar[bool] = True

    worst: float = attrs.field(converter=float, validator=_finite("linear scale"))
    best: float = attrs.field(converter=float, validator=_finite("linear scale"))

    def __attrs_post_init__(self) -> None:
        if self.worst == self.best:
            raise TreeError(f"linear scale: worst and best must differ, both are {self.worst}")

    @property
    def direction(self) -> Direction:
        """Higher when ``best > worst``."""
        return Direction.HIGHER if self.best > self.worst else Direction.LOWER

    def value(self, raw: FloatArray) -> FloatArray:
        """Linear interpolation, clipped to [0, 1] (a vanishing span may overflow to the ends)."""
        with np.errstate(over="ignore"):
            return np.clip((raw - self.worst) / (self.best - self.worst), 0.0, 1.0)

    def out_of_range(self, raw: FloatArray) -> BoolArray:
        """Beyond ``worst`` or ``best``."""
        return _outside(raw, min(self.worst, self.best), max(self.worst, self.best))


def _points(value: Sequence[Sequence[float]]) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(v)) for x, v in value)


@attrs.frozen
class Piecewise:
    """Piecewise linear through ``points`` ``(raw, value)``, raw strictly increasing.

    The values must run monotonically from 0 to 1 (higher is better) or from 1 to 0 (lower is
    better), so that a better raw value never scores less.

    Examples
    --------
    >>> import numpy as np
    >>> s = Piecewise(points=[(0, 0), (40, 0.8), (60, 1)])
    >>> s.value(np.array([20.0, 50.0]))
    array([0.4, 0.9])
    """

    kind: ClassVar[str] = "piecewise"
    clippable: ClassVar[bool] = True

    points: tuple[tuple[float, float], ...] = attrs.field(converter=_points)

    def __attrs_post_init__(self) -> None:
        pts = self.points
        if len(pts) < 2:  # noqa: PLR2004
            raise TreeError(f"piecewise scale: needs at least 2 points, got {len(pts)}")
        xs = [x for x, _ in pts]
        vs = [v for _, v in pts]
        if not all(math.isfinite(x) and math.isfinite(v) for x, v in pts):
            raise TreeError(f"piecewise scale: points must be finite, got {pts}")
        if any(b <= a for a, b in itertools.pairwise(xs)):
            raise TreeError(f"piecewise scale: raw values must strictly increase, got {xs}")
        rising = all(b >= a for a, b in itertools.pairwise(vs))
        falling = all(b <= a for a, b in itertools.pairwise(vs))
        ends = (vs[0], vs[-1])
        if not ((rising and ends == (0.0, 1.0)) or (falling and ends == (1.0, 0.0))):
            raise TreeError(
                "piecewise scale: values must rise monotonically from 0 to 1 or fall from "
                f"1 to 0, got {vs}"
            )

    @property
    def direction(self) -> Direction:
        """Higher when the values rise."""
        return Direction.HIGHER if self.points[-1][1] == 1.0 else Direction.LOWER

    @property
    def worst(self) -> float:
        """The raw value scoring 0."""
        return self.points[0][0] if self.direction is Direction.HIGHER else self.points[-1][0]

    @property
    def best(self) -> float:
        """The raw value scoring 1."""
        return self.points[-1][0] if self.direction is Direction.HIGHER else self.points[0][0]

    def value(self, raw: FloatArray) -> FloatArray:
        """Interpolated values; raw values beyond the ends take the end values.

        Clipped to [0, 1]: interpolating between values near the smallest floats can round a
        hair below 0 (-1.4e-320 was seen).
        """
        xs = np.array([x for x, _ in self.points])
        vs = np.array([v for _, v in self.points])
        return np.asarray(np.clip(np.interp(raw, xs, vs), 0.0, 1.0), dtype=np.float64)

    def out_of_range(self, raw: FloatArray) -> BoolArray:
        """Beyond the first or last point."""
        return _outside(raw, self.points[0][0], self.points[-1][0])


def _floats(value: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


def _check_levels(name: str, values: tuple[float, ...]) -> None:
    if not all(math.isfinite(v) for v in values):
        raise TreeError(f"{name}: values must be finite, got {values}")
    if any(b < a for a, b in itertools.pairwise(values)) or (values[0] != 0.0 or values[-1] != 1.0):
        raise TreeError(
            f"{name}: values must rise monotonically from 0 (worst) to 1 (best), got {values}"
        )


@attrs.frozen
class Banded:
    """Step function: raw values fall into bands cut at ``edges``; each band has a value.

    ``values`` has one more entry than ``edges``, ordered from the lowest band; a raw value
    equal to an edge belongs to the band above it. Bands cover every real number, so nothing
    is out of range. Values must run from 0 to 1 (higher is better) or 1 to 0 (lower is better).

    Examples
    --------
    >>> import numpy as np
    >>> caseload = Banded(edges=[40, 60], values=[1, 0.5, 0])
    >>> caseload.value(np.array([30.0, 40.0, 75.0]))
    array([1. , 0.5, 0. ])
    """

    kind: ClassVar[str] = "banded"
    clippable: ClassVar[bool] = True

    edges: tuple[float, ...] = attrs.field(converter=_floats)
    values: tuple[float, ...] = attrs.field(converter=_floats)

    def __attrs_post_init__(self) -> None:
        if not self.edges:
            raise TreeError("banded scale: needs at least one edge")
        if not all(math.isfinite(e) for e in self.edges) or any(
            b <= a for a, b in itertools.pairwise(self.edges)
        ):
            raise TreeError(f"banded scale: edges must be finite and increase, got {self.edges}")
        if len(self.values) != len(self.edges) + 1:
            raise TreeError(
                f"banded scale: {len(self.edges)} edges need {len(self.edges) + 1} values, "
                f"got {len(self.values)}"
            )
        ordered = self.values if self.values[0] <= self.values[-1] else self.values[::-1]
        _check_levels("banded scale", ordered)

    @property
    def direction(self) -> Direction:
        """Higher when the top band scores 1."""
        return Direction.HIGHER if self.values[-1] == 1.0 else Direction.LOWER

    @property
    def worst(self) -> float:
        """The lower edge of the worst band (or upper edge when lower is better)."""
        return self.edges[0] if self.direction is Direction.HIGHER else self.edges[-1]

    @property
    def best(self) -> float:
        """The lower edge of the best band (or upper edge when lower is better)."""
        return self.edges[-1] if self.direction is Direction.HIGHER else self.edges[0]

    def value(self, raw: FloatArray) -> FloatArray:
        """The value of the band each raw value falls in."""
        band = np.searchsorted(np.array(self.edges), raw, side="right")
        return np.asarray(np.array(self.values)[band], dtype=np.float64)

    def out_of_range(self, raw: FloatArray) -> BoolArray:
        """Never: bands cover every number."""
        return np.zeros(np.shape(raw), dtype=np.bool_)


def _labels(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


@attrs.frozen
class Ordinal:
    """Named levels coded 1..k from worst to best, each with a value (evenly spaced by default).

    Raw values are the codes; a code that is not a whole number in 1..k can't be clipped into
    a level, so it is always an error, whatever the metric's out-of-range policy.

    Examples
    --------
    >>> import numpy as np
    >>> cqc = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])
    >>> cqc.value(np.array([1.0, 3.0, 4.0])).round(3)
    array([0.   , 0.667, 1.   ])
    >>> cqc.code("Good")
    3
    """

    kind: ClassVar[str] = "ordinal"
    clippable: ClassVar[bool] = False

    levels: tuple[str, ...] = attrs.field(converter=_labels)
    values: tuple[float, ...] = attrs.field(converter=_floats)

    @values.default
    def _even(self) -> tuple[float, ...]:
        k = len(self.levels)
        return tuple(i / (k - 1) for i in range(k)) if k > 1 else (1.0,)

    def __attrs_post_init__(self) -> None:
        if len(self.levels) < 2:  # noqa: PLR2004
            raise TreeError(f"ordinal scale: needs at least 2 levels, got {list(self.levels)}")
        if len(set(self.levels)) != len(self.levels):
            raise TreeError(f"ordinal scale: levels must be distinct, got {list(self.levels)}")
        if len(self.values) != len(self.levels):
            raise TreeError(
                f"ordinal scale: {len(self.levels)} levels need {len(self.levels)} values, "
                f"got {len(self.values)}"
            )
        _check_levels("ordinal scale", self.values)

    @property
    def direction(self) -> Direction:
        """Always higher: codes run from worst to best."""
        return Direction.HIGHER

    @property
    def worst(self) -> float:
        """Code 1."""
        return 1.0

    @property
    def best(self) -> float:
        """Code k."""
        return float(len(self.levels))

    def code(self, label: str) -> int:
        """The 1-based code of a level label (case and surrounding spaces ignored)."""
        wanted = label.strip().casefold()
        for i, level in enumerate(self.levels, start=1):
            if level.casefold() == wanted:
                return i
        raise KeyError(label)

    def value(self, raw: FloatArray) -> FloatArray:
        """The value of each level; codes outside 1..k are reported by ``out_of_range``."""
        codes = np.clip(np.nan_to_num(raw, nan=1.0), 1, len(self.levels)).astype(np.intp)
        return np.asarray(np.array(self.values)[codes - 1], dtype=np.float64)

    def out_of_range(self, raw: FloatArray) -> BoolArray:
        """Codes that are not whole numbers in 1..k."""
        with np.errstate(invalid="ignore"):
            bad = (raw != np.round(raw)) | (raw < 1) | (raw > len(self.levels))
        return np.asarray(bad & ~np.isnan(raw), dtype=np.bool_)
