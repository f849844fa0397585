"""p-charts and u-charts: limits from each period's denominator; Laney's adjustment."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from scorecard.errors import ScorecardError
from scorecard.monitoring import RULES, SPCWarning, p_chart, u_chart, xmr


def test_p_chart_limits_by_hand_follow_each_denominator() -> None:
    x = [12, 30, 8, 45, 20, 14, 33, 9, 41, 22, 15, 28]
    n = [40, 100, 25, 150, 60, 45, 110, 30, 140, 70, 50, 95]
    chart = p_chart(x, n)
    p = sum(x) / sum(n)
    for t in range(12):
        sigma = math.sqrt(p * (1 - p) / n[t])
        assert chart.mean[0, t] == pytest.approx(p)
        assert chart.upper[0, t] == pytest.approx(min(1.0, p + 3 * sigma))
        assert chart.lower[0, t] == pytest.approx(max(0.0, p - 3 * sigma))
    small, large = n.index(25), n.index(150)
    assert (
        chart.upper[0, small] - chart.lower[0, small]
        > chart.upper[0, large] - chart.lower[0, large]
    )


def test_a_small_services_bad_quarter_is_judged_by_its_own_noise() -> None:
    """10 of 25 against a pooled 30%: 40% is within a small service's limits; 200 of 500 (also
    40%) is far outside a large one's."""
    base_x, base_n = [30] * 12, [100] * 12
    small = p_chart([*base_x, 10], [*base_n, 25], fix_after=12)
    large = p_chart([*base_x, 200], [*base_n, 500], fix_after=12)
    assert small.rule[0, 12] == -1
    assert large.rule[0, 12] == RULES.index("outside limits")


def test_laney_with_equal_denominators_is_the_xmr_chart_of_the_rates() -> None:
    rng = np.random.default_rng(4)
    n = np.full(24, 200.0)
    x = rng.binomial(200, rng.uniform(0.25, 0.45, 24)).astype(float)  # overdispersed
    laney = p_chart(x, n, laney=True)
    plain = xmr(x / n, screen=False)
    # 3 / 1.128 = 2.6596 against Making Data Count's 2.66: limits agree to 2e-4 of the width
    width = plain.upper[0, 0] - plain.mean[0, 0]
    assert laney.upper[0, 0] - laney.mean[0, 0] == pytest.approx(width, rel=2e-4)
    binomial = p_chart(x, n)
    assert laney.upper[0, 0] > binomial.upper[0, 0]  # overdispersion widens the limits


def test_u_chart_limits_by_hand_and_lower_is_better() -> None:
    counts = [4, 7, 2, 9, 5, 3, 8, 6, 4, 7, 5, 6, 30]
    days = [1000, 1500, 800, 2000, 1200, 900, 1700, 1300, 1000, 1500, 1100, 1400, 1200]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        chart = u_chart(counts, days, fix_after=12)
    u = sum(counts[:12]) / sum(days[:12])
    assert chart.upper[0, 12] == pytest.approx(u + 3 * math.sqrt(u / 1200))
    assert chart.describe(0) == ["point 13: outside limits (concern)"]


def test_bad_counts_are_clear() -> None:
    with pytest.raises(ScorecardError, match="point 2: the denominator is missing"):
        p_chart([1, 2, 3], [10, float("nan"), 10])
    with pytest.raises(ScorecardError, match="point 3: denominator 0"):
        p_chart([1, 2, 0], [10, 10, 0])
    with pytest.raises(ScorecardError, match="12 of 10: a proportion's numerator"):
        p_chart([1, 12], [10, 10])
    with pytest.raises(ScorecardError, match="must have the same shape"):
        p_chart([1, 2], [10])
