"""Intervals and funnel limits against reference implementations and the published formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2
from statsmodels.stats.proportion import proportion_confint

from scorecard.stats import StatsError, byar, funnel, too_few, wilson


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_wilson_matches_statsmodels(level: float) -> None:
    observed = np.array([0, 1, 7, 12, 39, 40, 250])
    denominator = np.array([20, 20, 30, 40, 40, 40, 1_000])
    low, high = wilson(observed, denominator, level=level)
    ref_low, ref_high = proportion_confint(observed, denominator, alpha=1 - level, method="wilson")
    np.testing.assert_allclose(low, ref_low, rtol=0, atol=1e-12)
    np.testing.assert_allclose(high, ref_high, rtol=0, atol=1e-12)
    assert low[0] == 0.0
    assert high[-2] == 1.0


@given(
    n=st.integers(1, 10_000),
    share=st.floats(0, 1),
    level=st.sampled_from([0.8, 0.95, 0.998]),
)
def test_wilson_interval_contains_the_proportion(n: int, share: float, level: float) -> None:
    o = round(share * n)
    low, high = wilson([o], [n], level=level)
    assert 0.0 <= low[0] <= o / n + 1e-12
    assert o / n - 1e-12 <= high[0] <= 1.0


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_byar_is_exact_below_ten_and_byar_from_ten(level: float) -> None:
    counts = np.arange(0, 60)
    low, high = byar(counts, level=level)
    alpha = 1 - level
    exact_low = np.where(counts == 0, 0.0, chi2.ppf(alpha / 2, 2 * counts) / 2)
    exact_high = chi2.ppf(1 - alpha / 2, 2 * counts + 2) / 2
    small = counts < 10
    np.testing.assert_allclose(low[small], exact_low[small], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(high[small], exact_high[small], rtol=1e-9)
    z = float(np.sqrt(chi2.ppf(level, 1)))
    for o, lo, hi in zip(counts[~small], low[~small], high[~small], strict=True):
        assert lo == pytest.approx(o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3, rel=1e-12)
        assert hi == pytest.approx(
            (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3, rel=1e-12
        )
    # Byar's approximation is close to the exact limits where it takes over.
    np.testing.assert_allclose(low[~small], exact_low[~small], rtol=0.02)
    np.testing.assert_allclose(high[~small], exact_high[~small], rtol=0.02)


def _funnel_by_hand(
    o: list[int], n: list[int], method: str
) -> tuple[float, float, float, list[float]]:
    """The published recipe step by step in plain Python (Spiegelhalter 2005; FunnelPlotR)."""
    k = len(o)
    target = sum(o) / sum(n)
    theta = math.asin(math.sqrt(target))
    s = [1 / (2 * math.sqrt(ni)) for ni in n]
    z = [(math.asin(math.sqrt(oi / ni)) - theta) / si for oi, ni, si in zip(o, n, s, strict=True)]
    low, high = np.quantile(z, [0.1, 0.9])
    phi = sum(min(max(zi, low), high) ** 2 for zi in z) / k
    w = [1 / si**2 for si in s]
    tau2 = 0.0
    if method == "additive" and k * phi > k - 1:
        tau2 = max(0.0, (k * phi - (k - 1)) / (sum(w) - sum(wi**2 for wi in w) / sum(w)))
    z95 = 1.959963984540054
    if method == "multiplicative":
        spread = [si * math.sqrt(max(phi, 1.0)) for si in s]
    else:
        spread = [math.sqrt(si**2 + tau2) for si in s]
    upper = [math.sin(min(theta + z95 * sp, math.pi / 2)) ** 2 for sp in spread]
    return target, phi, tau2, upper


WORKED = (
    [12, 30, 45, 8, 60, 22, 90, 15, 40, 5],
    [40, 80, 100, 30, 120, 70, 200, 60, 90, 25],
)


@pytest.mark.parametrize("method", ["none", "multiplicative", "additive"])
def test_funnel_limits_follow_the_published_recipe(method: str) -> None:
    o, n = WORKED
    f = funnel(o, n, method=method, limits="arcsine")  # type: ignore[arg-type]
    target, phi, tau2, upper95 = _funnel_by_hand(o, n, method)
    assert f.target == pytest.approx(target, rel=1e-14)
    assert f.phi == pytest.approx(phi, rel=1e-12)
    assert f.tau2 == pytest.approx(tau2, rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(f.upper[0], upper95, rtol=1e-12)
    assert f.lower.shape == (2, 10)
    assert np.all(f.lower[1] <= f.lower[0])
    assert np.all(f.upper[1] >= f.upper[0])
    grid_low, grid_high = f.curve([10, 100, 1_000])
    assert np.all(np.diff(grid_high[0]) < 0)  # a funnel: narrowing as denominators grow
    assert np.all(np.diff(grid_low[0]) > 0)


def test_overdispersed_data_widen_the_limits() -> None:
    o, n = WORKED
    plain = funnel(o, n)
    additive = funnel(o, n, method="additive")
    assert plain.phi > 1  # these data vary more than chance
    assert additive.tau2 > 0
    assert np.all(additive.upper >= plain.upper)
    assert additive.outside.sum() <= plain.outside.sum()


def test_small_numbers_are_flagged() -> None:
    assert too_few([0, 19, 20, 500]).tolist() == [True, True, False, False]
    assert too_few([9, 10], minimum=10).tolist() == [True, False]
    o, n = WORKED
    f = funnel(o, n, minimum=30)
    assert f.small.tolist() == [x < 30 for x in n]
    with pytest.raises(StatsError, match="minimum"):
        too_few([5], minimum=0)
    with pytest.raises(StatsError, match=r"provider 'B': denominator -3\.0"):
        too_few([5, -3], names=["A", "B"])


def test_bad_counts_are_named() -> None:
    with pytest.raises(StatsError, match=r"provider 'B': 12 of 10\.0 is not a proportion"):
        wilson([3, 12], [10, 10], names=["A", "B"])
    with pytest.raises(StatsError, match=r"position 0: observed count -1\.0 must be finite"):
        wilson([-1], [10])
    with pytest.raises(StatsError, match=r"position 1: 0 of 0\.0 is not a proportion"):
        funnel([1, 0], [10, 0])
    with pytest.raises(StatsError, match="whole"):
        byar([2.5])
    with pytest.raises(StatsError, match="level"):
        wilson([1], [2], level=1.0)
    with pytest.raises(StatsError, match="at least 2 providers"):
        funnel([1], [10])
    with pytest.raises(StatsError, match="method"):
        funnel([1, 2], [10, 10], method="random")  # type: ignore[arg-type]
