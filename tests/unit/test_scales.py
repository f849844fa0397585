from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.errors import TreeError
from scorecard.scales import Banded, Direction, Linear, Ordinal, Piecewise

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_linear_maps_worst_to_zero_and_best_to_one() -> None:
    s = Linear(worst=20, best=60)
    assert s.value(np.array([20.0, 30.0, 60.0])).tolist() == [0.0, 0.25, 1.0]
    assert s.direction is Direction.HIGHER


def test_linear_lower_is_better() -> None:
    s = Linear(worst=40, best=8)
    assert s.direction is Direction.LOWER
    assert s.value(np.array([40.0, 24.0, 8.0])).tolist() == [0.0, 0.5, 1.0]


def test_linear_reports_out_of_range_but_not_nan() -> None:
    s = Linear(worst=0, best=10)
    assert s.out_of_range(np.array([-1.0, 0.0, 10.0, 11.0, np.nan])).tolist() == [
        True,
        False,
        False,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"worst": 1, "best": 1}, "must differ"),
        ({"worst": float("nan"), "best": 1}, "finite"),
        ({"worst": 0, "best": float("inf")}, "finite"),
    ],
)
def test_linear_rejects_bad_ends(kwargs: dict[str, float], match: str) -> None:
    with pytest.raises(TreeError, match=match):
        Linear(**kwargs)


def test_piecewise_interpolates_and_reports_ends() -> None:
    s = Piecewise(points=[(0, 0), (40, 0.8), (60, 1)])
    assert s.value(np.array([20.0, 50.0])).tolist() == pytest.approx([0.4, 0.9])
    assert s.worst == 0
    assert s.best == 60
    assert s.out_of_range(np.array([-1.0, 61.0, 30.0])).tolist() == [True, True, False]


def test_piecewise_falling() -> None:
    s = Piecewise(points=[(25, 1), (40, 1), (90, 0)])
    assert s.direction is Direction.LOWER
    assert (s.worst, s.best) == (90, 25)


@pytest.mark.parametrize(
    ("points", "match"),
    [
        ([(0, 0)], "at least 2"),
        ([(0, 0), (0, 1)], "strictly increase"),
        ([(0, 0), (1, 0.5)], "rise monotonically"),
        ([(0, 0), (1, 0.7), (2, 0.6), (3, 1)], "rise monotonically"),
        ([(0, 0), (float("nan"), 1)], "finite"),
    ],
)
def test_piecewise_rejects_bad_points(points: list[tuple[float, float]], match: str) -> None:
    with pytest.raises(TreeError, match=match):
        Piecewise(points=points)


def test_banded_edges_belong_to_the_band_above() -> None:
    s = Banded(edges=[40, 60], values=[1, 0.5, 0])
    assert s.value(np.array([39.9, 40.0, 59.0, 60.0])).tolist() == [1.0, 0.5, 0.5, 0.0]
    assert s.direction is Direction.LOWER
    assert not s.out_of_range(np.array([1e9, -1e9])).any()


@pytest.mark.parametrize(
    ("edges", "values", "match"),
    [
        ([], [1], "at least one edge"),
        ([2, 1], [0, 0.5, 1], "increase"),
        ([1], [0, 0.5, 1], "need 2 values"),
        ([1, 2], [0, 0.8, 0.5], "rise monotonically"),
    ],
)
def test_banded_rejects_bad_bands(edges: list[float], values: list[float], match: str) -> None:
    with pytest.raises(TreeError, match=match):
        Banded(edges=edges, values=values)


def test_ordinal_cqc_levels() -> None:
    s = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])
    assert s.code("requires improvement ") == 2
    assert s.value(np.array([1.0, 2.0, 3.0, 4.0])).tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert s.out_of_range(np.array([0.0, 2.5, 5.0, 3.0, np.nan])).tolist() == [
        True,
        True,
        True,
        False,
        False,
    ]
    with pytest.raises(KeyError):
        s.code("Excellent")


@pytest.mark.parametrize(
    ("levels", "values", "match"),
    [
        (["a"], None, "at least 2"),
        (["a", "a"], None, "distinct"),
        (["a", "b"], [0, 0.5, 1], "need 2 values"),
        (["a", "b", "c"], [0, 0.6, 0.5], "rise monotonically"),
    ],
)
def test_ordinal_rejects_bad_levels(
    levels: list[str], values: list[float] | None, match: str
) -> None:
    kwargs = {} if values is None else {"values": values}
    with pytest.raises(TreeError, match=match):
        Ordinal(levels=levels, **kwargs)


@given(worst=finite, best=finite, raw=st.lists(finite, min_size=1, max_size=20))
def test_linear_values_in_unit_interval_and_monotone(
    worst: float, best: float, raw: list[float]
) -> None:
    if worst == best:
        return
    s = Linear(worst=worst, best=best)
    x = np.sort(np.array(raw))
    v = s.value(x)
    assert np.all((v >= 0) & (v <= 1))
    better_first = v if s.direction is Direction.HIGHER else v[::-1]
    assert np.all(np.diff(better_first) >= 0)


@given(
    xs=st.lists(finite, min_size=2, max_size=6, unique=True),
    inner=st.lists(st.floats(0, 1), min_size=4, max_size=4),
    raw=st.lists(finite, min_size=1, max_size=20),
    rising=st.booleans(),
)
def test_piecewise_values_in_unit_interval_and_monotone(
    xs: list[float], inner: list[float], raw: list[float], rising: bool
) -> None:
    xs = sorted(xs)
    mids = sorted(inner[: len(xs) - 2])
    vs = [0.0, *mids, 1.0]
    if not rising:
        vs.reverse()
    s = Piecewise(points=list(zip(xs, vs, strict=True)))
    v = s.value(np.sort(np.array(raw)))
    assert np.all((v >= 0) & (v <= 1))
    # Monotone up to rounding: interpolation near denormal values can cancel to within 1e-16,
    # far inside the 1e-12 at which ranks treat scores as tied.
    step = np.diff(v) if rising else -np.diff(v)
    assert np.all(step >= -1e-12)
