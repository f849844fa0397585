"""Rank changes judged against the data's noise: rank distributions per period, real moves."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from cards import flat_card
from scorecard import PerformanceTable
from scorecard.errors import InvalidArgumentError, ScorecardError
from scorecard.monitoring import Panel, over_time, rank_changes
from scorecard.monitoring._rank_changes import _directions

CARD = flat_card(2, unit="%")
QUARTERS = tuple(dt.date(2025, m, 1) for m in (1, 4, 7))


def _table(values: list[list[float]], n: float | None) -> PerformanceTable:
    shape = (len(values), 2)
    den = None if n is None else np.full(shape, n)
    return PerformanceTable(("A", "B", "C")[: len(values)], ("m0", "m1"), values, denominators=den)


def _panel(rows: list[list[list[float]]], n: float | None) -> Panel:
    return Panel(QUARTERS[: len(rows)], tuple(_table(r, n) for r in rows))


def test_the_direction_probabilities_match_independent_draws() -> None:
    rng = np.random.default_rng(4)
    acc = rng.dirichlet(np.ones(4), size=(2, 3))  # 2 periods, 3 providers, 4 ranks
    rose, fell = _directions(acc)
    draws = 200_000
    for i in range(3):
        before = rng.choice(4, size=draws, p=acc[0, i])
        after = rng.choice(4, size=draws, p=acc[1, i])
        assert rose[0, i] == pytest.approx(np.mean(after < before), abs=0.005)
        assert fell[0, i] == pytest.approx(np.mean(after > before), abs=0.005)


def test_a_swap_on_large_cohorts_is_real_and_on_tiny_ones_is_noise() -> None:
    rows = [[[60.0, 60.0], [50.0, 50.0]], [[50.0, 50.0], [60.0, 60.0]]]
    for n, expected in ((20_000.0, True), (8.0, False)):
        panel = _panel(rows, n)
        found = rank_changes(over_time(CARD, panel), panel, samples=4_000, seed=2)
        assert found.moved.tolist() == [[True, True]]
        assert found.real.tolist() == [[expected, expected]], n
    assert (
        "beyond the noise"
        in rank_changes(
            over_time(CARD, _panel(rows, 20_000.0)), _panel(rows, 20_000.0), samples=2_000
        ).describe("B")[0]
    )


def test_no_move_means_nothing_to_mark() -> None:
    rows = [[[60.0, 55.0], [50.0, 52.0], [10.0, 5.0]]] * 3
    panel = _panel(rows, 40.0)
    found = rank_changes(over_time(CARD, panel), panel, samples=1_000)
    assert not found.moved.any()
    assert not found.real.any()
    assert found.describe("A") == ()
    assert (found.low <= found.high).all()
    assert (found.low[:, 2] == 3).all()  # C is far behind on both: third whatever the draws


def test_without_denominators_there_is_no_noise_to_judge_by() -> None:
    panel = _panel([[[60.0, 60.0], [50.0, 50.0]], [[50.0, 50.0], [60.0, 60.0]]], None)
    with pytest.raises(ScorecardError, match="no metric has denominators or standard errors"):
        rank_changes(over_time(CARD, panel), panel)


def test_bad_arguments_are_refused() -> None:
    panel = _panel([[[60.0, 60.0], [50.0, 50.0]], [[50.0, 50.0], [60.0, 60.0]]], 30.0)
    over = over_time(CARD, panel)
    with pytest.raises(InvalidArgumentError, match="level"):
        rank_changes(over, panel, level=1.0)
    other = Panel(QUARTERS[1:], panel.tables)
    with pytest.raises(InvalidArgumentError, match="periods"):
        rank_changes(over, other)


def test_the_example_panel_marks_few_of_its_many_moves() -> None:
    periods, tables = sc.datasets.example_panel()
    panel = Panel(periods, tables)
    found = rank_changes(over_time(sc.catalog.balanced(), panel), panel, samples=1_000, seed=1)
    assert found.moved.sum() > 20  # the published ranks move often
    assert found.real.sum() < found.moved.sum() / 4  # few moves outrun the noise
    assert (found.low <= found.high).all()
    assert np.allclose(found.acceptability.sum(axis=2), 1.0)


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.lists(st.floats(5, 95), min_size=2, max_size=2), min_size=3, max_size=3),
    gaps=st.lists(st.floats(-20, 20), min_size=3, max_size=3),
    n=st.sampled_from([10.0, 100.0, 1_000.0]),
)
def test_probabilities_are_probabilities_and_real_moves_are_moves(
    values: list[list[float]], gaps: list[float], n: float
) -> None:
    later = [[min(99.0, max(1.0, v + g)) for v in row] for row, g in zip(values, gaps, strict=True)]
    panel = _panel([values, later], n)
    found = rank_changes(over_time(CARD, panel), panel, samples=500, seed=3)
    assert ((found.rose >= -1e-12) & (found.rose + found.fell <= 1 + 1e-9)).all()
    assert not (found.real & ~found.moved).any()
    assert ((found.low >= 1) & (found.high <= 3) & (found.low <= found.high)).all()
