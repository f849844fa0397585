"""Plausibility checks on raw values that no policy may smooth over.

Two mistakes a policy would otherwise hide, each an `OutOfRangeError` naming what was seen:

* **Percentages given as fractions (or the reverse).** When every value of a column lies
  outside its linear scale, all are at most 1 (or at least 1) and most of them would fit the
  scale multiplied (or divided) by 100, the column is almost surely in the wrong unit: 0.48
  where the scale runs 25-60 (%) would clip every provider to the worst end.
* **Impossible proportions.** A metric in ``%`` is a share of 100: a value below 0 or above
  100 is refused whatever its out-of-range policy (clipping 150% to the best end would
  reward an error). Give a rate that can pass 100 another unit ("% per year").
"""

from __future__ import annotations

import numpy as np

from scorecard._arrays import FloatArray
from scorecard._metric import Metric
from scorecard._table import PerformanceTable
from scorecard.errors import OutOfRangeError
from scorecard.scales import Linear

__all__ = ["PERCENT", "check_plausible"]

PERCENT = "%"
"""The unit of a share of 100."""


def check_plausible(
    table: PerformanceTable,
    metrics: tuple[Metric, ...],
    raw: FloatArray,
    low: FloatArray,
    high: FloatArray,
) -> None:
    """Raise `OutOfRangeError` on a column in the wrong unit or an impossible proportion.

    ``low`` and ``high`` are each column's least and greatest value (NaN for a column of gaps),
    so a table whose values are plausible costs a comparison per column.
    """
    for j, metric in enumerate(metrics):
        if not np.isfinite(low[j]):
            continue
        if metric.unit == PERCENT and (low[j] < 0.0 or high[j] > 100.0):  # noqa: PLR2004
            i = int(np.flatnonzero((raw[:, j] < 0.0) | (raw[:, j] > 100.0))[0])  # noqa: PLR2004
            raise OutOfRangeError(
                f"provider {table.providers[i]!r}: {raw[i, j]:g}% for metric {metric.id!r} is "
                "not a proportion (a share lies between 0% and 100%); correct the value, or "
                "give the metric another unit if it can pass 100"
            )
        scale = metric.scale
        if isinstance(scale, Linear):
            _check_units(metric, scale, raw[:, j], float(low[j]), float(high[j]))


def _check_units(
    metric: Metric, scale: Linear, column: FloatArray, low: float, high: float
) -> None:
    lo, hi = min(scale.worst, scale.best), max(scale.worst, scale.best)
    if lo <= high and low <= hi:  # some value lies within the scale's range
        return
    values = column[np.isfinite(column)]
    for factor, fits in ((100.0, high <= 1.0), (0.01, low >= 1.0)):
        moved = values * factor
        if fits and np.mean((moved >= lo) & (moved <= hi)) >= 0.5:  # noqa: PLR2004
            guess = (
                "fractions of 1 rather than percentages"
                if factor > 1
                else "percentages where the scale expects fractions of 1"
            )
            unit = f" {metric.unit}" if metric.unit else ""
            raise OutOfRangeError(
                f"metric {metric.id!r}: every value ({low:g} to {high:g}) lies outside its "
                f"scale ({scale.worst:g} to {scale.best:g}{unit}), and most would fit it "
                f"multiplied by {factor:g}: are they {guess}? Convert the column (or the "
                "scale) to one unit"
            )
