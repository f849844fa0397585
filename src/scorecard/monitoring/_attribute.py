"""p-charts and u-charts: proportions and rates judged by each period's own denominator.

A small service's quarter of 20 clients is noisier than a large one's of 400; an XmR chart of
the percentages treats them alike. A p-chart (proportions: completions of clients) and a
u-chart (rates: incidents per 1,000 bed-days) set each period's limits from its own
denominator: the centre is the pooled rate of the baseline (sum of numerators over sum of
denominators), sigma is sqrt(p(1 - p) / n) or sqrt(u / n) for that period. With many clients
per period the binomial or Poisson sigma is often too narrow for the real variation between
periods (overdispersion); Laney's p' and u' charts (Laney 2002) widen it by the variation of
the standardised values from one period to the next (the mean moving range of the z-scores /
1.128), and reduce to the XmR chart of the rates when every denominator is the same. The
special-cause rules, improvement and concern, and assurance are the XmR chart's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import ScorecardError
from scorecard.monitoring._xmr import (
    SIGMA_DIVISOR,
    Chart,
    _assurance,
    _check_options,
    _rules,
    _stretches,
    _variation,
    check_periods,
)

__all__ = ["p_chart", "u_chart"]


def _counts(
    numerators: Sequence[float] | np.ndarray, denominators: Sequence[float] | np.ndarray
) -> tuple[FloatArray, FloatArray]:
    x = np.atleast_2d(np.asarray(numerators, dtype=np.float64))
    n = np.atleast_2d(np.asarray(denominators, dtype=np.float64))
    if x.shape != n.shape:
        raise ScorecardError(
            f"numerators {x.shape} and denominators {n.shape} must have the same shape"
        )
    for name, arr in (("numerator", x), ("denominator", n)):
        bad = ~np.isfinite(arr)
        if bad.any():
            s, t = np.argwhere(bad)[0]
            raise ScorecardError(
                f"series {s}, point {t + 1}: the {name} is missing or not a number"
            )
    zero = n <= 0
    if zero.any():
        s, t = np.argwhere(zero)[0]
        raise ScorecardError(
            f"series {s}, point {t + 1}: denominator {n[s, t]:g}; a rate needs one above 0"
        )
    if (x < 0).any():
        s, t = np.argwhere(x < 0)[0]
        raise ScorecardError(f"series {s}, point {t + 1}: numerator {x[s, t]:g} is below 0")
    return x, n


def _attribute(
    numerators: Sequence[float] | np.ndarray,
    denominators: Sequence[float] | np.ndarray,
    *,
    proportion: bool,
    laney: bool,
    periods: Sequence[object] | None,
    better: str | None,
    target: float | Sequence[float] | None,
    fix_after: int | None,
    rebase: Sequence[int],
    run_length: int,
    trend_length: int,
    two_of_three: str,
) -> Chart:
    x, n = _counts(numerators, denominators)
    if proportion and (x > n).any():
        s, t = np.argwhere(x > n)[0]
        raise ScorecardError(
            f"series {s}, point {t + 1}: {x[s, t]:g} of {n[s, t]:g}: a proportion's numerator "
            "cannot exceed its denominator (use u_chart for rates)"
        )
    _check_options(better, two_of_three, run_length, trend_length)
    s, t = x.shape
    if periods is not None:
        check_periods(periods, t)  # type: ignore[arg-type]
    rate = x / n
    centre = np.empty_like(rate)
    sigma = np.empty_like(rate)
    stretches, segment = _stretches(t, fix_after, rebase)
    for start, base, end in stretches:
        pooled = x[:, start:base].sum(axis=1) / n[:, start:base].sum(axis=1)
        spread = pooled * (1 - pooled) if proportion else pooled
        within = np.sqrt(spread[:, None] / n[:, start:end])
        if laney:
            with np.errstate(divide="ignore", invalid="ignore"):
                z = (rate[:, start:base] - pooled[:, None]) / within[:, : base - start]
            z = np.where(np.isfinite(z), z, 0.0)
            between = np.abs(np.diff(z, axis=1)).mean(axis=1) / SIGMA_DIVISOR
            within = within * between[:, None]
        centre[:, start:end] = pooled[:, None]
        sigma[:, start:end] = within
    lower, upper = centre - 3 * sigma, centre + 3 * sigma
    if proportion:
        lower, upper = np.maximum(lower, 0.0), np.minimum(upper, 1.0)
    else:
        lower = np.maximum(lower, 0.0)
    rule = _rules(
        rate,
        (centre, sigma, lower, upper),
        segment=segment,
        run_length=run_length,
        trend_length=trend_length,
        two_of_three=two_of_three,
    )
    variation = _variation(rate, centre, rule, better)
    assurance = _assurance(lower[:, -1], upper[:, -1], target, better, s)
    nothing = np.full_like(rate, np.nan)
    for arr in (rate, centre, nothing, lower, upper, rule, variation, assurance):
        arr.setflags(write=False)
    return Chart(
        values=rate,
        mean=centre,
        moving_range=nothing,
        mean_moving_range=nothing,
        lower=lower,
        upper=upper,
        rule=rule,
        variation=variation,
        assurance=assurance,
        screened=False,
        run_length=run_length,
        trend_length=trend_length,
        two_of_three=two_of_three,
    )


def p_chart(
    numerators: Sequence[float] | np.ndarray,
    denominators: Sequence[float] | np.ndarray,
    *,
    laney: bool = False,
    periods: Sequence[object] | None = None,
    better: str | None = "higher",
    target: float | Sequence[float] | None = None,
    fix_after: int | None = None,
    rebase: Sequence[int] = (),
    run_length: int = 7,
    trend_length: int = 7,
    two_of_three: str = "2023",
) -> Chart:
    """A p-chart (or Laney's p' chart) of proportions: numerators of denominators per period.

    The chart's values are the proportions (0 to 1); its limits are the pooled proportion
    plus and minus three sigma for each period's own denominator, held to [0, 1]. Options as
    for `xmr`; ``laney`` widens sigma by the standardised values' variation between periods.

    Examples
    --------
    >>> chart = p_chart([30, 31, 29, 30, 32, 30, 31, 29, 30, 31, 30, 32, 15],
    ...                 [60] * 12 + [60], fix_after=12)
    >>> chart.describe()
    ['point 13: outside limits (concern)']
    """
    return _attribute(
        numerators, denominators, proportion=True, laney=laney, periods=periods, better=better,
        target=target, fix_after=fix_after, rebase=rebase, run_length=run_length,
        trend_length=trend_length, two_of_three=two_of_three,
    )  # fmt: skip


def u_chart(
    counts: Sequence[float] | np.ndarray,
    exposures: Sequence[float] | np.ndarray,
    *,
    laney: bool = False,
    periods: Sequence[object] | None = None,
    better: str | None = "lower",
    target: float | Sequence[float] | None = None,
    fix_after: int | None = None,
    rebase: Sequence[int] = (),
    run_length: int = 7,
    trend_length: int = 7,
    two_of_three: str = "2023",
) -> Chart:
    """A u-chart (or Laney's u' chart) of rates: counts per unit of exposure per period.

    Lower is better by default (incidents, complaints). Options as for `p_chart`.
    """
    return _attribute(
        counts, exposures, proportion=False, laney=laney, periods=periods, better=better,
        target=target, fix_after=fix_after, rebase=rebase, run_length=run_length,
        trend_length=trend_length, two_of_three=two_of_three,
    )  # fmt: skip
