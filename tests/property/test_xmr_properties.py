"""Properties of XmR charts over generated series."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scorecard.monitoring import VARIATION, Chart, SPCWarning, xmr

series = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 4), st.integers(12, 30)),
    elements=st.integers(-1000, 1000).map(float),
)


def chart(values: np.ndarray, **options: Any) -> Chart:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        return xmr(values, **options)


@given(series, st.integers(-10_000, 10_000), st.booleans())
def test_limits_shift_with_the_values_and_the_flags_stay(
    values: np.ndarray, shift: int, screen: bool
) -> None:
    a, b = chart(values, screen=screen), chart(values + shift, screen=screen)
    assert np.allclose(b.mean, a.mean + shift)
    assert np.allclose(b.upper - b.mean, a.upper - a.mean)
    assert (b.rule == a.rule).all()


@given(series, st.sampled_from([2.0, 0.5, 10.0]))
def test_limits_scale_with_the_values(values: np.ndarray, factor: float) -> None:
    a, b = chart(values), chart(values * factor)
    assert np.allclose(b.upper, a.upper * factor)
    assert np.allclose(b.lower, a.lower * factor)
    assert (b.rule == a.rule).all()


@given(series)
def test_reversing_the_better_direction_swaps_improvement_and_concern(values: np.ndarray) -> None:
    up, down = chart(values, better="higher"), chart(values, better="lower")
    improvement, concern = VARIATION.index("improvement"), VARIATION.index("concern")
    assert ((up.variation == improvement) == (down.variation == concern)).all()
    assert ((up.variation == concern) == (down.variation == improvement)).all()
    assert (chart(values, better=None).variation[up.special] == VARIATION.index("neutral")).all()


@given(st.integers(12, 40), st.floats(-1e6, 1e6, allow_nan=False))
def test_a_constant_series_has_no_special_cause(n: int, level: float) -> None:
    assert not chart(np.full(n, level)).special.any()


@given(series)
def test_many_series_at_once_equal_each_alone(values: np.ndarray) -> None:
    together = chart(values)
    for row in range(values.shape[0]):
        alone = chart(values[row])
        assert (alone.rule[0] == together.rule[row]).all()
        assert np.allclose(alone.upper[0], together.upper[row])
