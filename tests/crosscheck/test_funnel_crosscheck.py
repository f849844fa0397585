"""Funnel limits against published reference implementations.

* ``limits="wilson"`` against PHEindicatormethods (OHID Fingertips' methods): its own test
  figures, limits at 100 denominators and the significance of 303 areas (data/README.md).
* ``limits="exact"`` against the exact binomial quantiles of scipy with Spiegelhalter's (2005)
  interpolation, and the worked case of a small service with no events.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import binom

from scorecard.stats import StatsError, funnel

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


INPUTS = _rows("fingertips_funnel_inputs.csv")
OUTPUTS = _rows("fingertips_funnel_outputs.csv")


def _fingertips() -> tuple[np.ndarray, np.ndarray, list[str]]:
    o = np.array([float(r["numerator"]) for r in INPUTS])
    n = np.array([float(r["denominator"]) for r in INPUTS])
    return o, n, [r["significance"] for r in INPUTS]


def test_wilson_limits_equal_fingertips_at_every_published_denominator() -> None:
    o, n, _ = _fingertips()
    found = funnel(o, n, limits="wilson")
    assert 100 * found.target == pytest.approx(float(OUTPUTS[0]["Baseline"]), abs=5e-7)
    population = np.array([float(r["Population"]) for r in OUTPUTS])
    low, high = found.curve(population)
    for column, ours in (
        ("Lower2s0025limit", low[0]),
        ("Upper2s0025limit", high[0]),
        ("Lower3s0001limit", low[1]),
        ("Upper3s0001limit", high[1]),
    ):
        published = np.array([float(r[column]) for r in OUTPUTS])
        np.testing.assert_allclose(100 * ours, published, atol=5e-7, err_msg=column)


def test_wilson_significance_equals_fingertips_for_every_area() -> None:
    o, n, published = _fingertips()
    found = funnel(o, n, limits="wilson")
    p = o / n
    ours = []
    for i in range(o.size):
        if p[i] > found.upper[1, i]:
            ours.append("High (0.001)")
        elif p[i] > found.upper[0, i]:
            ours.append("High (0.025)")
        elif p[i] < found.lower[1, i]:
            ours.append("Low (0.001)")
        elif p[i] < found.lower[0, i]:
            ours.append("Low (0.025)")
        else:
            ours.append("Not significant")
    assert ours == published
    assert set(published) == {
        "High (0.001)",
        "High (0.025)",
        "Low (0.001)",
        "Low (0.025)",
        "Not significant",
    }


def _scipy_exact(target: float, n: np.ndarray, p: float) -> np.ndarray:
    r = binom.ppf(p, n, target)
    alpha = (binom.cdf(r, n, target) - p) / binom.pmf(r, n, target)
    return np.asarray(np.clip((r - alpha) / n, 0.0, 1.0), dtype=np.float64)


@pytest.mark.parametrize("target", [0.0512, 0.33, 0.5, 0.95, 0.0004])
def test_exact_limits_equal_scipy_binomial_quantiles_interpolated(target: float) -> None:
    n = np.array([1, 2, 3, 5, 8, 13, 20, 55, 100, 377, 1_000, 6_765, 50_000, 250_000.0])
    o = np.round(n * target)
    o[0] = 0
    f = funnel(o, n)
    low, high = f.curve(n)
    for k, level in enumerate(f.levels):
        np.testing.assert_allclose(low[k], _scipy_exact(f.target, n, (1 - level) / 2), atol=1e-12)
        np.testing.assert_allclose(high[k], _scipy_exact(f.target, n, (1 + level) / 2), atol=1e-12)


def test_a_small_service_with_no_events_is_within_its_exact_limits() -> None:
    # 0 of 100 where the pooled rate is 5.12%: exact binomial 99.8% limits 0 to 0.127 and
    # Fingertips' 0 to 0.119 keep it inside; arcsine limits (lower 0.0054) flag it.
    o, n = np.array([0.0, 512.0]), np.array([100.0, 9_900.0])
    exact = funnel(o, n)
    assert exact.limits == "exact"
    assert exact.target == pytest.approx(0.0512)
    assert exact.lower[1, 0] == 0.0
    assert exact.upper[1, 0] == pytest.approx(0.12660, abs=5e-6)
    assert not exact.outside[1, 0]
    wilson = funnel(o, n, limits="wilson")
    assert wilson.upper[1, 0] == pytest.approx(0.1193, abs=5e-5)
    assert not wilson.outside[1, 0]
    arcsine = funnel(o, n, limits="arcsine")
    assert arcsine.lower[1, 0] == pytest.approx(0.0054, abs=5e-5)
    assert arcsine.outside[1, 0]


def test_limits_and_overdispersion_are_chosen_consistently() -> None:
    o, n = [12, 30, 45, 8], [40, 80, 100, 30]
    assert funnel(o, n, method="additive").limits == "arcsine"
    with pytest.raises(StatsError, match="arcsine scale: pass limits='arcsine'"):
        funnel(o, n, method="additive", limits="exact")
    with pytest.raises(StatsError, match="whole-number denominator"):
        funnel([1, 2], [10.5, 10])
    assert funnel([1, 2], [10.5, 10], limits="wilson").limits == "wilson"
    with pytest.raises(StatsError, match="limits must be"):
        funnel(o, n, limits="normal")  # type: ignore[arg-type]
