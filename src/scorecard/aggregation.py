"""Aggregations: combine values in [0, 1] under weights into scores, batched over weight vectors.

``scores(values, weights)`` takes values (N providers, M metrics) and weights (K, M): K weight
vectors at once, one row each, giving (K, N) scores. Weights of shape (K, N, M) give each
provider its own weights (used when missing values are excluded and weights renormalised).
A single evaluation is K = 1; sensitivity analysis uses large K in chunks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Final, Protocol, runtime_checkable

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray
from scorecard.errors import ScorecardError, TreeError
from scorecard.scales import Direction

if TYPE_CHECKING:
    from scorecard._table import PerformanceTable
    from scorecard.tree import Scorecard

__all__ = ["GEOMETRIC_FLOOR", "Additive", "Aggregation", "Gated", "Geometric"]


@runtime_checkable
class Aggregation(Protocol):
    """How values and weights combine into a score."""

    kind: ClassVar[str]

    def scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """Scores (K, N) for values (N, M) under weights (K, M) or (K, N, M)."""
        ...

    def paired_scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """Scores (K, N) for K value matrices (K, N, M), the k-th under weights[k].

        ``weights`` is (K, M) or (K, N, M). Used when values are uncertain and drawn anew
        with every weight vector.
        """
        ...

    def contributions(
        self, values: FloatArray, weights: FloatArray, scores: FloatArray
    ) -> FloatArray:
        """Each metric's share (N, M) of each provider's score; rows sum to ``scores``.

        ``weights`` is (N, M): each provider's effective global weights.
        """
        ...


@attrs.frozen
class Additive:
    """Weighted arithmetic mean: ``score = sum_j w_j v_j``; a metric's contribution is ``w_j v_j``.

    Examples
    --------
    >>> import numpy as np
    >>> Additive().scores(np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([[0.75, 0.25]]))
    array([[0.75, 0.5 ]])
    """

    kind: ClassVar[str] = "additive"

    def scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """Weighted sums; one matrix product for shared weights."""
        if weights.ndim == 2:  # noqa: PLR2004
            if weights.shape[0] == 1:  # one weighting: a matrix-vector product
                one: FloatArray = values @ weights[0]
                return one[None]
            return np.asarray(weights @ values.T, dtype=np.float64)
        return np.asarray(np.einsum("knm,nm->kn", weights, values), dtype=np.float64)

    def paired_scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """``sum_j w_kj v_knj`` for each k."""
        pattern = "km,knm->kn" if weights.ndim == 2 else "knm,knm->kn"  # noqa: PLR2004
        return np.asarray(np.einsum(pattern, weights, values), dtype=np.float64)

    def contributions(
        self,
        values: FloatArray,
        weights: FloatArray,
        scores: FloatArray,  # noqa: ARG002
    ) -> FloatArray:
        """``w_j v_j``."""
        return np.asarray(weights * values, dtype=np.float64)


GEOMETRIC_FLOOR: Final = 0.01
"""`Geometric`'s default floor: values below 1% of the way along a scale count as 1%."""


@attrs.frozen
class Geometric:
    """Weighted geometric mean: ``score = prod_j v_j ** w_j``; it rewards balance across metrics.

    With no floor a value of 0 on any metric with positive weight gives a score of 0: a
    provider at the worst end of one scale sinks to the bottom, tied with every other such
    provider, whatever the rest of its record (on the bundled example 8 of 16 providers).
    ``floor`` (default `GEOMETRIC_FLOOR`, 0.01: one hundredth of the way along a scale)
    raises values below it to the floor first, so such a provider is heavily penalised but
    still ordered by the rest; ``floor=0`` restores the strict behaviour. The floor is part of
    the aggregation's recorded parameters. Contributions follow Euler's decomposition for
    this homogeneous function: metric j contributes ``w_j * score``.

    Examples
    --------
    >>> import numpy as np
    >>> Geometric().scores(np.array([[1.0, 0.25], [0.5, 0.5]]), np.array([[0.5, 0.5]]))
    array([[0.5, 0.5]])
    """

    kind: ClassVar[str] = "geometric"

    floor: float = attrs.field(default=GEOMETRIC_FLOOR, converter=float)

    @floor.validator
    def _check_floor(self, _attribute: object, value: float) -> None:
        if not (math.isfinite(value) and 0.0 <= value < 1.0):
            raise ScorecardError(f"geometric aggregation: floor must lie in [0, 1), got {value}")

    def scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """``exp(sum_j w_j log v_j)``, exactly 0 where a positively weighted value is 0."""
        v = np.maximum(values, self.floor)
        zero = v <= 0.0
        logs = np.log(np.where(zero, 1.0, v))
        if weights.ndim == 2:  # noqa: PLR2004
            total = weights @ logs.T
            hit = (weights > 0).astype(np.float64) @ zero.T.astype(np.float64)
        else:
            total = np.einsum("knm,nm->kn", weights, logs)
            hit = np.einsum("knm,nm->kn", (weights > 0).astype(np.float64), zero.astype(np.float64))
        return np.asarray(np.where(hit > 0, 0.0, np.exp(total)), dtype=np.float64)

    def paired_scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """``exp(sum_j w_kj log v_knj)`` for each k, exactly 0 where a weighted value is 0."""
        v = np.maximum(values, self.floor)
        zero = v <= 0.0
        logs = np.log(np.where(zero, 1.0, v))
        pattern = "km,knm->kn" if weights.ndim == 2 else "knm,knm->kn"  # noqa: PLR2004
        total = np.einsum(pattern, weights, logs)
        hit = np.einsum(pattern, (weights > 0).astype(np.float64), zero.astype(np.float64))
        return np.asarray(np.where(hit > 0, 0.0, np.exp(total)), dtype=np.float64)

    def contributions(
        self,
        values: FloatArray,  # noqa: ARG002
        weights: FloatArray,
        scores: FloatArray,
    ) -> FloatArray:
        """``w_j * score`` (Euler's theorem for a degree-1 homogeneous mean)."""
        return np.asarray(weights * scores[:, None], dtype=np.float64)


def _minimums(value: Mapping[str, float | str]) -> Mapping[str, float | str]:
    import types  # noqa: PLC0415

    out: dict[str, float | str] = {}
    for k, v in dict(value).items():
        out[str(k)] = v if isinstance(v, str) else float(v)
    return types.MappingProxyType(out)


@attrs.frozen
class Gated:
    """Minimum acceptable levels on named metrics, on top of a ``base`` aggregation.

    ``minimums`` maps metric ids to the least acceptable raw value in natural units (for an
    ordinal metric, a level name such as "Requires improvement" or its code). "Least
    acceptable" follows the metric's direction: for a lower-is-better metric it is a maximum.
    Providers that fail a gate (or whose gated value is missing) keep their score but rank
    after every provider that passes; they are flagged, never dropped.

    ``columns`` maps columns of the table that are not metrics of the card to their least
    acceptable value, higher being better: quantities worked out beforehand that the scores do
    not weigh, such as a tender's points on one award criterion, or 1 for a bid that passed a
    pass/fail condition and 0 for one that did not. Gates are named in ``minimums`` order, then
    ``columns`` order.

    Examples
    --------
    >>> gate = Gated({"cqc_safe": "Requires improvement"})
    >>> gate.base
    Additive()
    >>> Gated({}, columns={"criterion_points": 6.0}).gates
    ('criterion_points',)
    """

    kind: ClassVar[str] = "gated"

    minimums: Mapping[str, float | str] = attrs.field(converter=_minimums)
    base: Additive | Geometric = attrs.field(factory=Additive)
    columns: Mapping[str, float] = attrs.field(factory=dict, converter=_minimums, kw_only=True)

    @property
    def gates(self) -> tuple[str, ...]:
        """The gated metrics, then the gated columns."""
        return (*self.minimums, *self.columns)

    def __attrs_post_init__(self) -> None:
        if not self.minimums and not self.columns:
            raise ScorecardError("gated aggregation: name at least one metric with a minimum")
        both = sorted(set(self.minimums) & set(self.columns))
        if both:
            raise ScorecardError(f"gated aggregation: {both[0]!r} is both a metric and a column")
        for column, level in self.columns.items():
            if not isinstance(level, float) or not math.isfinite(level):
                raise ScorecardError(
                    f"gated aggregation: minimum for column {column!r} must be a finite number, "
                    f"got {level!r}"
                )

    @minimums.validator
    def _check_minimums(self, _attribute: object, value: Mapping[str, float | str]) -> None:
        for metric, level in value.items():
            if isinstance(level, float) and not math.isfinite(level):
                raise ScorecardError(
                    f"gated aggregation: minimum for {metric!r} must be finite, got {level}"
                )

    def scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """The base aggregation's scores; gates act on ranks, not scores."""
        return self.base.scores(values, weights)

    def paired_scores(self, values: FloatArray, weights: FloatArray) -> FloatArray:
        """The base aggregation's paired scores."""
        return self.base.paired_scores(values, weights)

    def contributions(
        self, values: FloatArray, weights: FloatArray, scores: FloatArray
    ) -> FloatArray:
        """The base aggregation's contributions."""
        return self.base.contributions(values, weights, scores)

    def thresholds(self, card: Scorecard) -> dict[str, float]:
        """Each gate's minimum as a raw value (level names turned into codes)."""
        out: dict[str, float] = {}
        for metric_id, level in self.minimums.items():
            if metric_id not in card.metric_ids:
                raise TreeError(
                    f"gated aggregation: {metric_id!r} is not a metric of scorecard {card.name!r}"
                )
            scale = card.metric(metric_id).scale
            if isinstance(level, str):
                code = getattr(scale, "code", None)
                if code is None:
                    raise ScorecardError(
                        f"gated aggregation: minimum for {metric_id!r} is the text {level!r}, "
                        "but the metric is not ordinal; give a number in its units"
                    )
                try:
                    out[metric_id] = float(code(level))
                except KeyError:
                    levels = ", ".join(map(repr, getattr(scale, "levels", ())))
                    raise ScorecardError(
                        f"gated aggregation: {level!r} is not a level of {metric_id!r}; "
                        f"levels are {levels}"
                    ) from None
            else:
                out[metric_id] = level
        return out

    def failures(self, card: Scorecard, table: PerformanceTable) -> BoolArray:
        """Which providers (rows) fail which gates (columns, in `gates` order)."""
        limits = self.thresholds(card)
        extra = [c for c in self.columns if c not in table.metrics]
        if extra:
            raise TreeError(
                f"gated aggregation: column(s) {', '.join(map(repr, extra))} not in the table"
            )
        named = [*limits, *self.columns]
        raw = table.values[:, table.metric_index(named)]
        lows = np.array([*limits.values(), *self.columns.values()], dtype=np.float64)
        higher = np.array(
            [card.metric(m).direction is Direction.HIGHER for m in limits]
            + [True] * len(self.columns),
            dtype=np.bool_,
        )
        with np.errstate(invalid="ignore"):
            ok = np.where(higher, raw >= lows, raw <= lows)
        return np.asarray(~ok, dtype=np.bool_).reshape(len(table.providers), len(named))
