"""XmR charts as NHS England's "Making Data Count" draws them, for many series at once.

For each series: the mean of the baseline points; the moving ranges (each point less the one
before, unsigned); their mean, optionally after screening out moving ranges above
`SCREEN_LIMIT` times it; process limits at the mean plus and minus `LIMIT_CONSTANT` (2.66)
times the mean moving range, i.e. three sigma with sigma = mean moving range / 1.128.
Baselines are fixed after a stated number of points, and limits recalculated from each
rebasing point on (runs, trends and windows never cross a rebase). Special causes, in their
order of priority: a point outside the limits; a trend of points rising or falling; two of
three points beyond two sigma with all three on the same side of the mean; a run of points on
one side of the mean (a point on the mean breaks a run, equal points break a trend). The
conventions are NHSRplotthedots' (0.2.2), checked against its test snapshots; its screening
is on by default (Making Data Count's Excel tool does not screen: ``screen=False``), and its
two-of-three rule counts only points between two and three sigma (``two_of_three=
"original"``), where Making Data Count's November 2023 change counts every point beyond two
sigma (``"2023"``, the default here, as the guidance now says). Each special cause is an
improvement or a concern given the direction that is better (neutral without one), and a
target is consistently met, consistently failed or met inconsistently according to where it
lies against the limits.

Everything is vectorised over series (rows) and time (columns): no Python loop over series
or points.
"""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray, IntpArray
from scorecard.errors import InvalidArgumentError, ScorecardError, SPCWarning
from scorecard.monitoring._runs import runs

__all__ = [
    "ASSURANCE",
    "LIMIT_CONSTANT",
    "MIN_BASELINE",
    "RULES",
    "SCREEN_LIMIT",
    "SIGMA_DIVISOR",
    "VARIATION",
    "Chart",
    "SPCWarning",
    "check_periods",
    "xmr",
]

SIGMA_DIVISOR: Final = 1.128
"""d2 for moving ranges of two points: sigma is estimated as the mean moving range / 1.128."""
LIMIT_CONSTANT: Final = 2.66
"""Three sigma in moving ranges, as Making Data Count states it (3 / 1.128 = 2.6596)."""
SCREEN_LIMIT: Final = 3.267
"""Moving ranges above this many times the mean moving range are screened out (D4 for n=2)."""
ROUNDING: Final = 1e-12
"""Relative size below which a point's distance from the mean or a limit is rounding."""
MIN_BASELINE: Final = 12
"""Points a baseline should have before its limits are fixed; fewer gives a warning."""
RULES: Final = ("outside limits", "trend", "two of three", "run")
"""The special-cause rules, highest priority first (Making Data Count's order, as
NHSRplotthedots applies it)."""
VARIATION: Final = ("common cause", "improvement", "concern", "neutral")
"""The kinds of variation an XmR point shows, by its code (0 is common cause)."""
ASSURANCE: Final = ("consistently meets", "consistently fails", "inconsistent")
"""What the last process limits say about a target: both limits meet it, both fail it, or
they straddle it (the process will sometimes meet it and sometimes not)."""


@attrs.frozen(eq=False)
class Chart:
    """XmR charts of S series over T points (arrays S x T unless said).

    ``rule[s, t]`` is the index in `RULES` of the highest-priority special cause at that
    point, or -1; ``variation[s, t]`` indexes `VARIATION`; ``assurance[s]`` indexes
    `ASSURANCE` for the last limits, or -1 without a target.
    """

    values: FloatArray
    mean: FloatArray
    moving_range: FloatArray
    mean_moving_range: FloatArray
    lower: FloatArray
    upper: FloatArray
    rule: IntpArray
    variation: IntpArray
    assurance: IntpArray
    screened: bool
    run_length: int
    trend_length: int
    two_of_three: str

    @property
    def special(self) -> BoolArray:
        """(S, T) points that show a special cause."""
        return np.asarray(self.rule >= 0, dtype=np.bool_)

    def describe(self, series: int = 0) -> list[str]:
        """The special causes of one series in words, point by point."""
        out = []
        for t in np.flatnonzero(self.rule[series] >= 0).tolist():
            kind = VARIATION[int(self.variation[series, t])]
            out.append(f"point {t + 1}: {RULES[int(self.rule[series, t])]} ({kind})")
        return out


def _as_series(values: Sequence[float] | np.ndarray) -> FloatArray:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:  # noqa: PLR2004
        raise InvalidArgumentError(f"values must be one series or series x points, got {arr.shape}")
    if not np.isfinite(arr).all():
        s, t = np.argwhere(~np.isfinite(arr))[0]
        raise ScorecardError(f"series {s}, point {t + 1}: {float(arr[s, t]):g} is not a number")
    return arr


def check_periods(periods: Sequence[dt.date], count: int) -> None:
    """Periods as real dates, in time order, none twice, evenly spaced in whole months."""
    dates = list(periods)
    if len(dates) != count:
        raise ScorecardError(f"{len(dates)} periods given for {count} points")
    for d in dates:
        if not isinstance(d, dt.date):
            raise ScorecardError(f"periods must be dates (datetime.date), got {d!r}")
    for a, b in itertools.pairwise(dates):
        if b == a:
            raise ScorecardError(f"period {b.isoformat()} appears twice")
        if b < a:
            raise ScorecardError(
                f"periods out of time order: {b.isoformat()} comes after {a.isoformat()}"
            )
    months = [(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(dates)]
    if months and len(set(months)) > 1:
        step = min(months)
        k = next(i for i, m in enumerate(months) if m != step)
        raise ScorecardError(
            f"a gap in the series between {dates[k].isoformat()} and "
            f"{dates[k + 1].isoformat()} (points are {step} month(s) apart elsewhere): give every "
            "period, or rebase after the gap"
        )


def _check_options(
    better: str | None, two_of_three: str, run_length: int, trend_length: int
) -> None:
    if better not in {"higher", "lower", None}:
        raise InvalidArgumentError(f"better must be 'higher', 'lower' or None, got {better!r}")
    if two_of_three not in {"2023", "original"}:
        raise InvalidArgumentError(f"two_of_three must be '2023' or 'original': {two_of_three!r}")
    for name, n in (("run_length", run_length), ("trend_length", trend_length)):
        if n < 2:  # noqa: PLR2004
            raise InvalidArgumentError(f"{name} must be at least 2, got {n}")


def _segments(t: int, fix_after: int | None, rebase: Sequence[int]) -> list[tuple[int, int, int]]:
    """(start, baseline end, end) of each stretch with its own limits."""
    cuts = sorted({int(r) for r in rebase})
    for r in cuts:
        if not 0 < r < t:
            raise InvalidArgumentError(f"rebase point {r} must lie inside the series (1..{t - 1})")
    bounds = [0, *cuts, t]
    out = []
    for start, end in itertools.pairwise(bounds):
        base = end if fix_after is None else min(end, start + fix_after)
        out.append((start, base, end))
    return out


def _stretches(
    t: int, fix_after: int | None, rebase: Sequence[int]
) -> tuple[list[tuple[int, int, int]], IntpArray]:
    """The stretches with their own limits, and the stretch of each point.

    A baseline shorter than `MIN_BASELINE` gives an `SPCWarning`.
    """
    stretches = _segments(t, fix_after, rebase)
    segment = np.zeros(t, dtype=np.intp)
    for k, (start, base, end) in enumerate(stretches):
        segment[start:end] = k
        if base - start < MIN_BASELINE:
            warnings.warn(
                f"limits from points {start + 1} to {base} ({base - start} points): Making Data "
                f"Count asks for at least {MIN_BASELINE} before limits are fixed",
                SPCWarning,
                stacklevel=3,
            )
    return stretches, segment


def xmr(
    values: Sequence[float] | np.ndarray,
    *,
    periods: Sequence[dt.date] | None = None,
    better: str | None = "higher",
    target: float | Sequence[float] | None = None,
    fix_after: int | None = None,
    rebase: Sequence[int] = (),
    screen: bool = True,
    run_length: int = 7,
    trend_length: int = 7,
    two_of_three: str = "2023",
) -> Chart:
    """XmR charts of one series or many (rows), in time order.

    Parameters
    ----------
    values
        One series, or series x points, oldest first.
    periods
        The date of each point (the start of its month or quarter, say). Checked: in time
        order, no period twice, and evenly spaced in months (a missing quarter is an error
        naming it, since an XmR chart's moving ranges assume consecutive periods).
    better
        "higher", "lower", or None (special causes are then neutral).
    target
        A target per series (or one for all) to judge assurance against.
    fix_after
        Fix each baseline after this many points (default: all points of the stretch);
        fewer than `MIN_BASELINE` gives an `SPCWarning`.
    rebase
        Point indices (0-based) from which limits are recalculated (a change in the service).
    screen
        Screen out moving ranges above `SCREEN_LIMIT` times their mean before the limits are
        set (NHSRplotthedots' default; Making Data Count's Excel tool does not screen).
    run_length, trend_length
        Points in a run on one side of the mean, and in a rising or falling trend, that make a
        special cause (Making Data Count: 7 and 7; some ask for 6 or 8).
    two_of_three
        "2023": points beyond three sigma count towards two of three beyond two sigma (the
        November 2023 change); "original": only points between two and three sigma count.

    Examples
    --------
    >>> chart = xmr([10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12, 25], fix_after=12)
    >>> chart.describe()
    ['point 13: outside limits (improvement)']
    """
    x = _as_series(values)
    s, t = x.shape
    _check_options(better, two_of_three, run_length, trend_length)
    if periods is not None:
        check_periods(periods, t)
    if t < 2:  # noqa: PLR2004
        raise ScorecardError(f"an XmR chart needs at least 2 points, got {t}")
    mean = np.empty_like(x)
    mean_mr = np.empty_like(x)
    mr = np.full_like(x, np.nan)
    mr[:, 1:] = np.abs(np.diff(x, axis=1))
    stretches, segment = _stretches(t, fix_after, rebase)
    for start, base, end in stretches:
        if base - start < 2:  # noqa: PLR2004
            raise ScorecardError(f"points {start + 1} to {base}: too few to set limits")
        m = x[:, start:base].mean(axis=1)
        ranges = mr[:, start + 1 : base]  # within the stretch: the rebase point's range is not
        mean_range = ranges.mean(axis=1)
        if screen:
            keep = ranges < SCREEN_LIMIT * mean_range[:, None]  # one pass; the mean stays
            mean_range = np.where(
                keep.any(axis=1),
                (ranges * keep).sum(axis=1) / np.maximum(keep.sum(axis=1), 1),
                mean_range,
            )
        mean[:, start:end] = m[:, None]
        mean_mr[:, start:end] = mean_range[:, None]
    width = LIMIT_CONSTANT * mean_mr
    lower, upper = mean - width, mean + width
    sigma = LIMIT_CONSTANT / 3 * mean_mr  # so the 2-sigma line is 2/3 of the way to a limit
    rule = _rules(
        x,
        (mean, sigma, lower, upper),
        segment=segment,
        run_length=run_length,
        trend_length=trend_length,
        two_of_three=two_of_three,
    )
    variation = _variation(x, mean, rule, better)
    assurance = _assurance(lower[:, -1], upper[:, -1], target, better, s)
    for arr in (x, mean, mr, mean_mr, lower, upper, rule, variation, assurance):
        arr.setflags(write=False)
    return Chart(
        x, mean, mr, mean_mr, lower, upper, rule, variation, assurance, screen, run_length,
        trend_length, two_of_three,
    )  # fmt: skip


def _rules(
    x: FloatArray,
    limits: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    *,
    segment: IntpArray,
    run_length: int,
    trend_length: int,
    two_of_three: str,
) -> IntpArray:
    """(S, T) the highest-priority rule at each point (index in `RULES`), or -1.

    Differences within `ROUNDING` of the mean's size are rounding, not a side or a crossing
    (the mean of twelve equal values need not be that value to the last bit).
    """
    mean, sigma, lower, upper = limits
    tol = ROUNDING * np.maximum(np.abs(mean), 1.0)
    outside = (x > upper + tol) | (x < lower - tol)
    gap = x - mean
    side = np.where(np.abs(gap) <= tol, 0, np.sign(gap)).astype(np.intp)  # on the mean: breaks
    stretch = segment[None, :] * 4  # runs, trends and windows never cross a rebase
    run = (runs(side + stretch) >= run_length) & (side != 0)
    step = np.sign(np.diff(x, axis=1)).astype(np.intp)  # equal points break a trend
    step = np.where(segment[None, 1:] != segment[None, :-1], 0, step)
    rising = (runs(step + stretch[:, 1:]) >= trend_length - 1) & (step != 0)
    trend = np.zeros_like(outside)
    trend[:, 1:] |= rising
    trend[:, :-1] |= rising
    far = 2 * sigma
    high = x > mean + far + tol
    low = x < mean - far - tol
    if two_of_three == "original":  # only points between two and three sigma count
        high &= ~outside
        low &= ~outside
    same = segment[None, 2:] == segment[None, :-2]
    pair = _two_of_three(high, side == 1, same) | _two_of_three(low, side == -1, same)
    rule = np.full(x.shape, -1, dtype=np.intp)
    for k, hit in reversed(list(enumerate((outside, trend, pair, run)))):
        rule = np.where(hit, k, rule)
    return rule


def _two_of_three(beyond: BoolArray, on_side: BoolArray, same: BoolArray) -> BoolArray:
    """Points beyond two sigma, two (or three) of three consecutive points on one side.

    All three points of the window must be on that side of the mean and in one stretch of
    limits; only the points beyond two sigma are flagged.
    """
    _s, t = beyond.shape
    flagged = np.zeros_like(beyond)
    if t < 3:  # noqa: PLR2004
        return flagged
    b = beyond.astype(np.intp)
    windows = b[:, :-2] + b[:, 1:-1] + b[:, 2:]  # window starting at each point
    sided = on_side[:, :-2] & on_side[:, 1:-1] & on_side[:, 2:]
    hit = (windows >= 2) & sided & same  # noqa: PLR2004
    for offset in range(3):
        flagged[:, offset : t - 2 + offset] |= hit & beyond[:, offset : t - 2 + offset]
    return flagged


def _variation(x: FloatArray, mean: FloatArray, rule: IntpArray, better: str | None) -> IntpArray:
    """(S, T) common cause (0), improvement (1), concern (2) or neutral (3) at each point."""
    special = rule >= 0
    if better is None:
        return np.where(special, 3, 0).astype(np.intp)
    above = x > mean
    trend = rule == RULES.index("trend")
    if trend.any():  # a trend's direction, not its side of the mean, decides
        rising = np.zeros_like(above)
        diffs = np.diff(x, axis=1)
        rising[:, 1:] = diffs > 0
        rising[:, 0] = diffs[:, 0] > 0
        up = np.where(trend, rising, above)
    else:
        up = above
    good = up if better == "higher" else ~up
    return np.where(special, np.where(good, 1, 2), 0).astype(np.intp)


def _assurance(
    lower: FloatArray,
    upper: FloatArray,
    target: float | Sequence[float] | None,
    better: str | None,
    s: int,
) -> IntpArray:
    """(S,) against the last limits: consistently meets (0), fails (1), inconsistent (2)."""
    if target is None or better is None:
        return np.full(s, -1, dtype=np.intp)
    goal = np.broadcast_to(np.asarray(target, dtype=np.float64), (s,))
    if not np.isfinite(goal).all():
        raise ScorecardError("a target must be a number")
    if better == "higher":
        meets, fails = lower > goal, upper < goal
    else:
        meets, fails = upper < goal, lower > goal
    return np.where(meets, 0, np.where(fails, 1, 2)).astype(np.intp)
