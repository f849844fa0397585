"""Valuation: raw performances through each metric's value function and missing/range policies."""

from __future__ import annotations

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard.errors import MissingValueError, OutOfRangeError
from scorecard.metric import MissingPolicy, OutOfRangePolicy
from scorecard.table import PerformanceTable
from scorecard.tree import Scorecard

__all__ = ["Valuation", "valuate"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@attrs.frozen(eq=False)
class Valuation:
    """Values in [0, 1] for each provider and metric, and which cells a policy acted on.

    ``values`` holds 0 where a cell is ``excluded`` (its weight is shared among siblings instead).
    """

    providers: tuple[str, ...]
    metrics: tuple[str, ...]
    raw: FloatArray
    values: FloatArray
    clipped: BoolArray
    imputed: BoolArray
    excluded: BoolArray


def valuate(card: Scorecard, table: PerformanceTable) -> Valuation:
    """Apply every metric's scale and policies to the table's raw values.

    Raises `MissingValueError` or `OutOfRangeError` naming the first offending provider and
    metric when a policy is ``error``.
    """
    ids = card.metric_ids
    raw = table.values[:, table.metric_index(ids)]
    n, m = raw.shape
    values = np.empty((n, m))
    clipped = np.zeros((n, m), dtype=np.bool_)
    imputed = np.zeros((n, m), dtype=np.bool_)
    excluded = np.zeros((n, m), dtype=np.bool_)
    # A loop over metrics, not providers: each column is one vectorised call.
    for j, metric in enumerate(card.all_metrics):
        col = raw[:, j]
        missing = np.isnan(col)
        if missing.any():
            if metric.missing is MissingPolicy.ERROR:
                i = int(np.flatnonzero(missing)[0])
                raise MissingValueError(
                    f"provider {table.providers[i]!r} has no value for metric {metric.id!r}, "
                    "whose missing-value policy is 'error'; fill it in, or set the metric's "
                    "missing policy to 'exclude' or 'worst'"
                )
            (imputed if metric.missing is MissingPolicy.WORST else excluded)[:, j] = missing
        outside = metric.scale.out_of_range(col)
        if outside.any():
            if metric.out_of_range is OutOfRangePolicy.ERROR or not metric.scale.clippable:
                i = int(np.flatnonzero(outside)[0])
                raise OutOfRangeError(
                    f"provider {table.providers[i]!r}: {col[i]:g} is outside the scale of metric "
                    f"{metric.id!r} ({_describe(metric.scale)})"
                    + (
                        "; its out-of-range policy is 'error'"
                        if metric.scale.clippable
                        else "; use one of the level codes"
                    )
                )
            clipped[:, j] = outside
        values[:, j] = np.where(missing, 0.0, metric.scale.value(np.where(missing, 0.0, col)))
    return Valuation(table.providers, ids, raw, values, clipped, imputed, excluded)


def _describe(scale: object) -> str:
    levels = getattr(scale, "levels", None)
    if levels is not None:
        return "codes " + ", ".join(f"{i}={name}" for i, name in enumerate(levels, start=1))
    worst, best = getattr(scale, "worst", None), getattr(scale, "best", None)
    return f"worst {worst:g}, best {best:g}"
