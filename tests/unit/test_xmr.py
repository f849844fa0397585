"""XmR charts: limits, screening, baselines and rebasing, each rule, variation and assurance."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from scorecard.errors import InvalidArgumentError, ScorecardError
from scorecard.monitoring import ASSURANCE, LIMIT_CONSTANT, RULES, VARIATION, SPCWarning, xmr

STABLE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12]


def test_limits_are_the_mean_and_2_66_mean_moving_ranges_by_hand() -> None:
    chart = xmr(STABLE, screen=False)
    mean = sum(STABLE) / 12
    ranges = [abs(b - a) for a, b in itertools.pairwise(STABLE)]
    mean_range = sum(ranges) / 11
    assert chart.mean[0, 0] == pytest.approx(mean)
    assert chart.mean_moving_range[0, 0] == pytest.approx(mean_range)
    assert chart.upper[0, 0] == pytest.approx(mean + LIMIT_CONSTANT * mean_range)
    assert chart.lower[0, 0] == pytest.approx(mean - LIMIT_CONSTANT * mean_range)
    assert not chart.special.any()


def test_screening_leaves_out_moving_ranges_above_3_267_times_their_mean() -> None:
    values = [*STABLE[:6], 40, *STABLE[6:]]  # one wild point: two moving ranges of ~30
    plain, screened = xmr(values, screen=False), xmr(values, screen=True)
    assert screened.mean_moving_range[0, 0] < plain.mean_moving_range[0, 0]
    assert screened.rule[0, 6] == RULES.index("outside limits")


def test_each_rule_fires_and_outside_limits_comes_first() -> None:
    run = xmr([*STABLE, 12, 12, 12, 12, 12, 12, 12], fix_after=12)
    assert (run.rule[0, 12:] == RULES.index("run")).all()
    trend = xmr([*STABLE, 8, 9, 10, 10.5, 11, 11.5, 11.8], fix_after=12)
    assert (trend.rule[0, 12:] == RULES.index("trend")).all()
    sigma = xmr(STABLE).mean_moving_range[0, 0] / 1.128
    high = 10.4167 + 2.5 * sigma
    pair = xmr([*STABLE, high, 11, high], fix_after=12)  # all three above the mean
    assert pair.rule[0, 12] == RULES.index("two of three")
    assert pair.rule[0, 14] == RULES.index("two of three")
    assert pair.rule[0, 13] == -1
    outside = xmr([*STABLE, 30], fix_after=12)
    assert outside.rule[0, 12] == RULES.index("outside limits")


def test_the_2023_two_of_three_rule_counts_points_beyond_three_sigma() -> None:
    sigma = xmr(STABLE).mean_moving_range[0, 0] / 1.128
    mean = sum(STABLE) / 12
    values = [*STABLE, mean + 2.5 * sigma, mean + 3.5 * sigma]
    new = xmr(values, fix_after=12, two_of_three="2023")
    old = xmr(values, fix_after=12, two_of_three="original")
    assert new.rule[0, 12] == RULES.index("two of three")
    assert old.rule[0, 12] == -1  # only one point between two and three sigma
    assert new.rule[0, 13] == old.rule[0, 13] == RULES.index("outside limits")


def test_run_and_trend_lengths_are_named_parameters() -> None:
    values = [*STABLE, 9, 12, 12, 12, 12, 12, 12]  # six above the mean after one below
    assert not xmr(values, fix_after=12).special[0, 13:].any()
    assert (xmr(values, fix_after=12, run_length=6).rule[0, 13:] == RULES.index("run")).all()


def test_improvement_and_concern_follow_the_better_direction() -> None:
    values = [*STABLE, 30]
    up, down = xmr(values, fix_after=12), xmr(values, fix_after=12, better="lower")
    assert VARIATION[int(up.variation[0, 12])] == "improvement"
    assert VARIATION[int(down.variation[0, 12])] == "concern"
    assert VARIATION[int(xmr(values, fix_after=12, better=None).variation[0, 12])] == "neutral"


def test_assurance_against_a_target() -> None:
    chart = xmr(STABLE, target=5)
    assert ASSURANCE[int(chart.assurance[0])] == "consistently meets"
    assert ASSURANCE[int(xmr(STABLE, target=20).assurance[0])] == "consistently fails"
    assert ASSURANCE[int(xmr(STABLE, target=10).assurance[0])] == "inconsistent"
    assert ASSURANCE[int(xmr(STABLE, target=20, better="lower").assurance[0])] == (
        "consistently meets"
    )
    assert xmr(STABLE).assurance[0] == -1  # no target, no assurance


def test_rebasing_recalculates_the_limits_from_the_change() -> None:
    values = [*STABLE, *(v + 20 for v in STABLE)]
    chart = xmr(values, rebase=[12])
    assert chart.mean[0, 0] == pytest.approx(sum(STABLE) / 12)
    assert chart.mean[0, 12] == pytest.approx(sum(STABLE) / 12 + 20)
    assert not chart.special.any()  # each stretch is stable about its own mean
    assert xmr(values).special.any()  # without the rebase the shift is a special cause


def test_bad_inputs_are_clear() -> None:
    with pytest.raises(ScorecardError, match="point 3: nan is not a number"):
        xmr([1, 2, float("nan"), 4])
    with pytest.raises(ScorecardError, match="at least 2 points"):
        xmr([1])
    with pytest.raises(InvalidArgumentError, match="better must be"):
        xmr(STABLE, better="up")
    with pytest.raises(InvalidArgumentError, match="rebase point 40"):
        xmr(STABLE, rebase=[40])
    with pytest.warns(SPCWarning, match="at least 12 before limits are fixed"):
        xmr(STABLE[:8])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xmr(STABLE)  # twelve points: no warning


def test_many_series_in_one_call() -> None:
    rng = np.random.default_rng(1)
    values = rng.normal(50, 5, size=(300, 24))
    chart = xmr(values)
    assert chart.upper.shape == (300, 24)
    row = xmr(values[7])
    assert np.allclose(row.upper[0], chart.upper[7])
    assert (row.rule[0] == chart.rule[7]).all()


def test_periods_are_dates_in_time_order_with_no_gap() -> None:
    import datetime as dt

    quarters = [dt.date(2023 + (3 * k) // 12, 1 + (3 * k) % 12, 1) for k in range(12)]
    xmr(STABLE, periods=quarters)  # evenly spaced quarters: fine
    with pytest.raises(
        ScorecardError, match="out of time order: 2023-04-01 comes after 2023-07-01"
    ):
        xmr(STABLE, periods=[quarters[0], quarters[2], quarters[1], *quarters[3:]])
    with pytest.raises(ScorecardError, match="period 2023-04-01 appears twice"):
        xmr(STABLE, periods=[quarters[0], quarters[1], quarters[1], *quarters[3:]])
    gap = [*quarters[:5], *(d.replace(year=d.year + 1) for d in quarters[5:])]
    with pytest.raises(
        ScorecardError, match="a gap in the series between 2024-01-01 and 2025-04-01"
    ):
        xmr(STABLE, periods=gap)
    with pytest.raises(ScorecardError, match="must be dates"):
        xmr(STABLE, periods=["2023-01-01"] * 12)  # type: ignore[list-item]
