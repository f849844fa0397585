"""Valuation: raw performances through each metric's value function and missing/range policies."""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import BoolArray, FloatArray
from scorecard._metric import Metric, MissingPolicy, OutOfRangePolicy
from scorecard._plausible import check_plausible
from scorecard._table import PerformanceTable
from scorecard.errors import MissingValueError, OutOfRangeError, ScorecardError
from scorecard.scales import Linear
from scorecard.tree import Scorecard

__all__ = ["Valuation", "valuate"]


@attrs.frozen(eq=False)
class Valuation:
    """Values in [0, 1] for each provider and metric, and which cells a policy acted on.

    ``values`` holds 0 where a cell is ``excluded`` (its weight is shared among siblings instead).
    ``partial`` says whether any cell is excluded, so that providers need weights of their own.
    """

    providers: tuple[str, ...]
    metrics: tuple[str, ...]
    raw: FloatArray
    values: FloatArray
    clipped: BoolArray
    imputed: BoolArray
    excluded: BoolArray
    partial: bool = attrs.field(kw_only=True)

    @partial.default
    def _partial(self) -> bool:
        return bool(self.excluded.any())


@attrs.frozen(eq=False)
class _Plan:
    """Per-scorecard arrays for valuation: which columns are linear, their ends, the policies."""

    linear: NDArray[np.intp]
    all_linear: bool
    worst: FloatArray
    span: FloatArray
    lo: FloatArray
    hi: FloatArray
    others: tuple[int, ...]
    refuse_missing: BoolArray
    impute_missing: BoolArray
    exclude_missing: BoolArray
    refuse_range: BoolArray

    @classmethod
    def of(cls, card: Scorecard) -> _Plan:
        metrics = card.all_metrics
        linear = [j for j, m in enumerate(metrics) if isinstance(m.scale, Linear)]
        worst = np.array([metrics[j].scale.worst for j in linear])
        best = np.array([metrics[j].scale.best for j in linear])
        policy = [m.missing for m in metrics]
        return cls(
            linear=np.array(linear, dtype=np.intp),
            all_linear=len(linear) == len(metrics),
            worst=worst,
            span=best - worst,
            lo=np.minimum(worst, best),
            hi=np.maximum(worst, best),
            others=tuple(j for j in range(len(metrics)) if j not in set(linear)),
            refuse_missing=_columns(policy, MissingPolicy.ERROR),
            impute_missing=_columns(policy, MissingPolicy.WORST),
            exclude_missing=_columns(policy, MissingPolicy.EXCLUDE),
            refuse_range=np.array(
                [
                    m.out_of_range is OutOfRangePolicy.ERROR or not m.scale.clippable
                    for m in metrics
                ],
                dtype=np.bool_,
            ),
        )


def valuate(card: Scorecard, table: PerformanceTable) -> Valuation:
    """Apply every metric's scale and policies to the table's raw values.

    Raises `MissingValueError` or `OutOfRangeError` naming the first offending provider and
    metric when a policy is ``error``. Linear scales, the common case, are applied to all their
    columns in one vectorised step; other scales column by column.
    """
    plan = card.derived(_Plan, _Plan.of)
    metrics = card.all_metrics
    ids = card.metric_ids
    same = table.metrics == ids
    columns = None if same else table.metric_index(ids)
    raw = table.values if columns is None else table.values[:, columns]
    # The table knows, once, which columns have gaps and where each column's values lie.
    low, high, gaps = table.column_summary
    if columns is not None:
        low, high, gaps = low[columns], high[columns], gaps[columns]
    any_missing = bool(gaps.any())
    missing = np.isnan(raw) if any_missing else _none(raw.shape)
    filled = np.where(missing, 0.0, raw) if any_missing else raw
    if plan.all_linear:  # the common case: every column at once, the ranges checked per column
        values = np.clip((filled - plan.worst) / plan.span, 0.0, 1.0)
        within = bool(np.all((low >= plan.lo) & (high <= plan.hi)))  # a column of gaps: False
        outside = _none(raw.shape) if within else (raw < plan.lo) | (raw > plan.hi)
    else:
        with np.errstate(invalid="ignore", over="ignore"):
            values = np.empty(raw.shape)
            outside = np.zeros(raw.shape, dtype=np.bool_)
            if plan.linear.size:
                block = raw[:, plan.linear]
                values[:, plan.linear] = np.clip(
                    (filled[:, plan.linear] - plan.worst) / plan.span, 0.0, 1.0
                )
                outside[:, plan.linear] = (block < plan.lo) | (block > plan.hi)
            for j in plan.others:
                scale = metrics[j].scale
                values[:, j] = scale.value(filled[:, j])
                outside[:, j] = scale.out_of_range(raw[:, j])
    if any_missing:
        _refuse(missing & plan.refuse_missing, table, metrics, _missing_message)
        imputed = missing & plan.impute_missing
        excluded = missing & plan.exclude_missing
        partial = bool(excluded.any())
        values[missing] = 0.0
    else:
        imputed = excluded = _none(raw.shape)
        partial = False
    if outside is not _none(raw.shape) and outside.any():
        check_plausible(table, metrics, raw, low, high)
        _refuse(outside & plan.refuse_range, table, metrics, _range_message, raw=raw)
    for arr in (raw, values, outside, imputed, excluded):
        arr.setflags(write=False)
    return Valuation(table.providers, ids, raw, values, outside, imputed, excluded, partial=partial)


@functools.lru_cache(maxsize=16)
def _none(shape: tuple[int, int]) -> BoolArray:
    """A read-only array of False: no cell flagged (shared by the valuations of that shape)."""
    out = np.zeros(shape, dtype=np.bool_)
    out.flags.writeable = False
    return out


def _columns(policy: list[MissingPolicy], wanted: MissingPolicy) -> BoolArray:
    return np.array([p is wanted for p in policy], dtype=np.bool_)


def _refuse(
    bad: BoolArray,
    table: PerformanceTable,
    metrics: tuple[Metric, ...],
    message: Callable[[str, Metric, float], ScorecardError],
    *,
    raw: FloatArray | None = None,
) -> None:
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        value = float("nan") if raw is None else float(raw[i, j])
        raise message(table.providers[i], metrics[j], value)


def _missing_message(provider: str, metric: Metric, _value: float) -> ScorecardError:
    return MissingValueError(
        f"provider {provider!r} has no value for metric {metric.id!r}, whose missing-value "
        "policy is 'error'; fill it in, or set the metric's missing policy to 'exclude' or "
        "'worst'"
    )


def _range_message(provider: str, metric: Metric, value: float) -> ScorecardError:
    why = (
        "; its out-of-range policy is 'error'"
        if metric.scale.clippable
        else "; use one of the level codes"
    )
    return OutOfRangeError(
        f"provider {provider!r}: {value:g} is outside the scale of metric {metric.id!r} "
        f"({_describe(metric.scale)}){why}"
    )


def _describe(scale: object) -> str:
    levels = getattr(scale, "levels", None)
    if levels is not None:
        return "codes " + ", ".join(f"{i}={name}" for i, name in enumerate(levels, start=1))
    worst, best = getattr(scale, "worst", None), getattr(scale, "best", None)
    return f"worst {worst:g}, best {best:g}"
