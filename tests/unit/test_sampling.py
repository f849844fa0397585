"""Weight samplers for SMAA: exact marginals, hit-and-run mixing, constraints and errors."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.typing import NDArray

from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.sensitivity.sampling import (
    MixingReport,
    concentrated,
    hit_and_run,
    mixing_report,
    ordinal_simplex,
    uniform_simplex,
)

FloatArray = NDArray[np.float64]
Z = 5.0  # tolerance in Monte-Carlo standard errors; seeds are fixed, so nothing can flake

seeds = st.integers(0, 2**32 - 1)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def roc(m: int) -> FloatArray:
    """Rank-order-centroid weights, most important first."""
    return np.array([sum(1 / k for k in range(i, m + 1)) / m for i in range(1, m + 1)])


def assert_simplex_rows(w: FloatArray, m: int) -> None:
    assert w.dtype == np.float64
    assert w.shape[1] == m
    assert np.all(np.isfinite(w))
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=0, atol=1e-12)


def assert_mean_within_error(w: FloatArray, exact: FloatArray) -> None:
    """Independent draws: the sample mean is within Z standard errors of ``exact``."""
    se = w.std(axis=0, ddof=1) / np.sqrt(w.shape[0])
    assert np.all(np.abs(w.mean(axis=0) - exact) <= Z * se), (w.mean(axis=0), exact, se)


def ordinal_ratios(m: int) -> list[tuple[int, int, float]]:
    return [(i, i + 1, 1.0) for i in range(m - 1)]


# --- exact samplers ------------------------------------------------------------------------


def test_uniform_simplex_marginals_are_beta_1_m_minus_1() -> None:
    m, n = 4, 20_000
    w = uniform_simplex(n, m, rng=rng(11))
    assert_simplex_rows(w, m)
    assert_mean_within_error(w, np.full(m, 1 / m))
    variance = (m - 1) / (m**2 * (m + 1))
    assert_mean_within_error((w - 1 / m) ** 2, np.full(m, variance))


def test_ordinal_simplex_mean_is_the_rank_order_centroid() -> None:
    ranking = [3, 0, 4, 1, 2]
    w = ordinal_simplex(20_000, ranking, rng=rng(12))
    expected = np.empty(5)
    expected[ranking] = roc(5)
    assert_mean_within_error(w, expected)
    ordered = w[:, ranking]
    assert np.all(np.diff(ordered, axis=1) <= 0)


def test_concentrated_mean_is_the_centre_and_zeros_stay_zero() -> None:
    centre = np.array([0.5, 0.0, 0.3, 0.2])
    w = concentrated(20_000, centre, concentration=20.0, rng=rng(13))
    assert_simplex_rows(w, 4)
    assert np.all(w[:, 1] == 0.0)
    assert_mean_within_error(w[:, [0, 2, 3]], centre[[0, 2, 3]])
    variance = centre * (1 - centre) / 21.0
    keep = [0, 2, 3]
    assert_mean_within_error((w[:, keep] - centre[keep]) ** 2, variance[keep])


def test_concentrated_single_support_is_the_centre() -> None:
    w = concentrated(3, [0.0, 1.0], concentration=5.0, rng=rng())
    assert w.tolist() == [[0.0, 1.0]] * 3


# --- hit-and-run mixing --------------------------------------------------------------------


def test_hit_and_run_on_the_plain_simplex_has_beta_marginals() -> None:
    m = 4
    w = hit_and_run(4000, m, rng=rng(21))
    assert_simplex_rows(w, m)
    means = mixing_report(w, exact_mean=1 / m)
    assert means.z_score is not None
    assert np.all(np.abs(means.z_score) < Z), means
    variance = (m - 1) / (m**2 * (m + 1))
    spreads = mixing_report((w - 1 / m) ** 2, exact_mean=variance)
    assert spreads.z_score is not None
    assert np.all(np.abs(spreads.z_score) < Z), spreads
    assert np.all(means.effective_sample_size > 0.5 * 4000)


def test_hit_and_run_with_ordinal_ratios_reproduces_the_centroid() -> None:
    # The test mcda.md reports pysensmcda failing at its default thinning (thin = m).
    m = 5
    w = hit_and_run(4000, m, ratios=ordinal_ratios(m), rng=rng(22))
    assert np.all(np.diff(w, axis=1) <= 1e-9)
    report = mixing_report(w, exact_mean=roc(m))
    assert report.z_score is not None
    assert np.all(np.abs(report.z_score) < Z), report
    assert np.all(report.effective_sample_size > 0.25 * 4000)


def test_mixing_report_flags_a_poorly_mixed_chain() -> None:
    # pysensmcda's defaults (thin = m, burn_in = 10 m) on 30 ordered weights: the chain has not
    # left the centre of the polytope, and the z-score of the top weight says so.
    m = 30
    w = hit_and_run(2000, m, ratios=ordinal_ratios(m), rng=rng(23), thin=m, burn_in=10 * m)
    report = mixing_report(w, exact_mean=roc(m))
    assert report.z_score is not None
    assert report.mean[0] < 0.1 < roc(m)[0]
    assert abs(report.z_score[0]) > 4 * Z


def test_mixing_report_of_independent_draws() -> None:
    w = uniform_simplex(2500, 3, rng=rng(24))
    report = mixing_report(w, batches=25)
    assert isinstance(report, MixingReport)
    assert report.z_score is None
    assert report.batches == 25
    assert report.n_samples == 2500
    assert np.all(report.effective_sample_size > 1500)
    np.testing.assert_allclose(report.mean, w.mean(axis=0))


def test_mixing_report_of_a_constant_column() -> None:
    w = np.tile([0.25, 0.75], (16, 1))
    report = mixing_report(w, exact_mean=[0.25, 0.5])
    assert report.z_score is not None
    assert report.z_score.tolist() == [0.0, np.inf]
    assert report.effective_sample_size.tolist() == [16.0, 16.0]


# --- hit-and-run constraints ---------------------------------------------------------------


def test_hit_and_run_bounds_and_explicit_start() -> None:
    lower = [0.1, 0.0, 0.2]
    upper = [0.5, 0.4, 1.0]
    start = [0.3, 0.2, 0.5]
    w = hit_and_run(300, 3, lower=lower, upper=upper, rng=rng(31), start=start, chains=3)
    assert_simplex_rows(w, 3)
    assert np.all(w >= np.array(lower) - 1e-9)
    assert np.all(w <= np.array(upper) + 1e-9)


def test_hit_and_run_single_criterion() -> None:
    assert hit_and_run(3, 1, rng=rng()).tolist() == [[1.0]] * 3


def test_hit_and_run_chains_are_interleaved() -> None:
    many = hit_and_run(10, 3, rng=rng(32), chains=4, thin=2, burn_in=5)
    assert many.shape == (10, 3)
    one = hit_and_run(10, 3, rng=rng(32), chains=1, thin=2, burn_in=5)
    assert not np.array_equal(many, one)


# --- errors --------------------------------------------------------------------------------


ARGUMENT_PROBLEMS = (
    "zero samples",
    "must be at least 1",
    "must be an integer",
    "burn_in",
    "chains",
)
"""Messages about the count arguments: `InvalidArgumentError`; the rest are `WeightError`."""


def _no_room() -> object:
    return hit_and_run(5, 3, lower=[0.5, 0.5, 0.0], rng=rng())


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: uniform_simplex(0, 3, rng=rng()), "zero samples"),
        (lambda: uniform_simplex(5, 0, rng=rng()), "m must be at least 1"),
        (lambda: uniform_simplex(2.5, 3, rng=rng()), "n must be an integer"),  # type: ignore[arg-type]
        (lambda: ordinal_simplex(0, [0, 1], rng=rng()), "zero samples"),
        (lambda: ordinal_simplex(5, [], rng=rng()), "empty ranking"),
        (lambda: ordinal_simplex(5, [0, 0, 5], rng=rng()), r"unknown indices \[5\]"),
        (lambda: ordinal_simplex(5, [0, 0, 2], rng=rng()), r"repeated indices \[0\]"),
        (lambda: ordinal_simplex(5, [0, 0, 2], rng=rng()), r"missing indices \[1\]"),
        (lambda: ordinal_simplex(5, ["a"], rng=rng()), "integer column indices"),  # type: ignore[list-item]
        (lambda: concentrated(5, [0.5, 0.6], concentration=1, rng=rng()), "sums to"),
        (lambda: concentrated(5, [1.5, -0.5], concentration=1, rng=rng()), r"indices \[1\]"),
        (lambda: concentrated(5, [np.nan, 1.0], concentration=1, rng=rng()), "non-negative"),
        (lambda: concentrated(5, [], concentration=1, rng=rng()), "non-empty"),
        (lambda: concentrated(5, [0.5, 0.5], concentration=0, rng=rng()), "concentration"),
        (lambda: concentrated(5, [0.5, 0.5], concentration=np.inf, rng=rng()), "concentration"),
        (lambda: hit_and_run(0, 3, rng=rng()), "zero samples"),
        (lambda: hit_and_run(5, 0, rng=rng()), "m must be at least 1"),
        (lambda: hit_and_run(5, 3, rng=rng(), thin=0), "thin must be at least 1"),
        (lambda: hit_and_run(5, 3, rng=rng(), burn_in=-1), "burn_in"),
        (lambda: hit_and_run(5, 3, rng=rng(), chains=0), "chains"),
        (lambda: hit_and_run(5, 3, lower=[0.5, 0.4, 0.3], rng=rng()), "lower bounds sum to"),
        (lambda: hit_and_run(5, 3, upper=[0.3, 0.3, 0.3], rng=rng()), "upper bounds sum to"),
        (
            lambda: hit_and_run(5, 3, lower=[0, 0.6, 0], upper=[1, 0.5, 1], rng=rng()),
            r"lower > upper .* indices \[1\]",
        ),
        (lambda: hit_and_run(5, 3, lower=[0, np.nan, 0], rng=rng()), r"NaN at indices \[1\]"),
        (lambda: hit_and_run(5, 3, upper=[1.0, 1.0], rng=rng()), "one entry per criterion"),
        (lambda: hit_and_run(5, 3, ratios=[(0, 3, 1.0)], rng=rng()), r"unknown criteria \[3\]"),
        (lambda: hit_and_run(5, 3, ratios=[(1, 1, 1.0)], rng=rng()), "to itself"),
        (lambda: hit_and_run(5, 3, ratios=[(0, 1, 0.0)], rng=rng()), "c > 0"),
        (lambda: hit_and_run(5, 3, ratios=[(0, 1)], rng=rng()), r"tuple \(i, j, c\)"),  # type: ignore[list-item]
        (_no_room, "leave no room"),
        (
            lambda: hit_and_run(5, 3, ratios=[(0, 1, 1.0), (1, 0, 1.0)], rng=rng()),
            "leave no room",
        ),
        (
            lambda: hit_and_run(5, 2, lower=[0.5, 0.0], ratios=[(1, 0, 2.0)], rng=rng()),
            "infeasible",
        ),
        (lambda: hit_and_run(5, 3, start=[0.5, 0.5, 0.5], rng=rng()), "start must sum to 1"),
        (lambda: hit_and_run(5, 3, start=[1.0, 0.0, 0.0], rng=rng()), "strictly inside"),
        (lambda: hit_and_run(5, 3, start=[0.5, 0.5], rng=rng()), "one entry per criterion"),
        (lambda: mixing_report(np.ones((3, 2))), "at least 4 rows"),
        (lambda: mixing_report(np.ones((8, 2)), batches=5), "batches must be between"),
        (lambda: mixing_report(np.ones((8, 2)), exact_mean=[1, 2, 3]), "exact_mean"),
    ],
)
def test_errors_name_the_problem(call: Callable[[], object], message: str) -> None:
    arguments = any(problem in message for problem in ARGUMENT_PROBLEMS)
    expected = InvalidArgumentError if arguments else WeightError
    with pytest.raises(expected, match=message):
        call()


# --- properties ----------------------------------------------------------------------------


@given(n=st.integers(1, 40), m=st.integers(1, 8), seed=seeds)
def test_uniform_simplex_rows_are_on_the_simplex(n: int, m: int, seed: int) -> None:
    w = uniform_simplex(n, m, rng=rng(seed))
    assert w.shape == (n, m)
    assert_simplex_rows(w, m)
    np.testing.assert_array_equal(w, uniform_simplex(n, m, rng=rng(seed)))


@given(
    n=st.integers(1, 40),
    ranking=st.permutations(range(7)).flatmap(
        lambda p: st.integers(1, 7).map(lambda k: [i for i in p if i < k])
    ),
    seed=seeds,
)
def test_ordinal_rows_respect_the_order(n: int, ranking: list[int], seed: int) -> None:
    w = ordinal_simplex(n, ranking, rng=rng(seed))
    assert_simplex_rows(w, len(ranking))
    assert np.all(np.diff(w[:, ranking], axis=1) <= 0)
    np.testing.assert_array_equal(w, ordinal_simplex(n, ranking, rng=rng(seed)))


@given(
    n=st.integers(1, 40),
    raw=st.lists(st.floats(0.0, 1.0) | st.just(0.0), min_size=1, max_size=8).filter(
        lambda xs: sum(xs) > 1e-3
    ),
    concentration=st.floats(0.5, 1e4),
    seed=seeds,
)
def test_concentrated_rows_are_on_the_simplex(
    n: int, raw: list[float], concentration: float, seed: int
) -> None:
    centre = np.array(raw) / sum(raw)
    w = concentrated(n, centre, concentration=concentration, rng=rng(seed))
    assert_simplex_rows(w, centre.size)
    assert np.all(w[:, centre == 0] == 0)
    np.testing.assert_array_equal(
        w, concentrated(n, centre, concentration=concentration, rng=rng(seed))
    )


@st.composite
def polytopes(
    draw: st.DrawFn,
) -> tuple[int, FloatArray, FloatArray, list[tuple[int, int, float]]]:
    """Bounds with room around 1/m, plus a chain of ratios over a random order."""
    m = draw(st.integers(2, 6))
    fractions = st.floats(0.0, 1.0)
    lower = np.array(draw(st.lists(fractions, min_size=m, max_size=m))) * 0.9 / m
    upper = 1 / m + (0.05 + np.array(draw(st.lists(fractions, min_size=m, max_size=m)))) / m
    ratios: list[tuple[int, int, float]] = []
    if draw(st.booleans()):  # ratios alone, so that they cannot conflict with the bounds
        order = draw(st.permutations(range(m)))
        factors = draw(st.lists(st.floats(0.2, 2.0), min_size=m - 1, max_size=m - 1))
        ratios = [(order[k], order[k + 1], factors[k]) for k in range(m - 1)]
        lower, upper = np.zeros(m), np.ones(m)
    return m, lower, upper, ratios


@given(polytope=polytopes(), n=st.integers(1, 30), seed=seeds)
def test_hit_and_run_rows_satisfy_every_constraint(
    polytope: tuple[int, FloatArray, FloatArray, list[tuple[int, int, float]]],
    n: int,
    seed: int,
) -> None:
    m, lower, upper, ratios = polytope
    w = hit_and_run(n, m, lower=lower, upper=upper, ratios=ratios, rng=rng(seed), thin=3)
    assert w.shape == (n, m)
    assert_simplex_rows(w, m)
    assert np.all(w >= lower - 1e-9)
    assert np.all(w <= upper + 1e-9)
    for i, j, c in ratios:
        assert np.all(w[:, i] >= c * w[:, j] - 1e-9)
    again = hit_and_run(n, m, lower=lower, upper=upper, ratios=ratios, rng=rng(seed), thin=3)
    np.testing.assert_array_equal(w, again)
