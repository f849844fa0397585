"""Panels over time: periods as dates, the same providers each period, the card in one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import scorecard as sc
from scorecard.errors import ScorecardError, TableError
from scorecard.monitoring import Panel, over_time

TABLE = sc.datasets.example()
CARD = sc.catalog.balanced()
QUARTERS = [dt.date(2024, 1, 1), dt.date(2024, 4, 1), dt.date(2024, 7, 1)]


def long_frame(periods: Sequence[object]) -> pd.DataFrame:
    frames = []
    for k, when in enumerate(periods):
        frame = TABLE.to_frame("pandas")
        frame[TABLE.metrics[0]] = frame[TABLE.metrics[0]] + k  # each quarter a little better
        frame.insert(0, "period", [when] * len(frame))
        frames.append(frame)
    joined: pd.DataFrame = pd.concat(frames, ignore_index=True)
    return joined


def test_a_long_frame_becomes_a_panel_ordered_by_date() -> None:
    shuffled = long_frame([QUARTERS[2], QUARTERS[0], QUARTERS[1]]).sample(frac=1, random_state=3)
    panel = Panel.from_frame(shuffled, card=CARD)
    assert panel.periods == tuple(QUARTERS)
    series = panel.series(TABLE.metrics[0], TABLE.providers[0])
    first = TABLE.column(TABLE.metrics[0])[0]
    assert np.allclose(series, [first + 1, first + 2, first + 0])  # by date, not as written


def test_the_scorecard_over_time_equals_each_period_alone() -> None:
    panel = Panel.from_frame(long_frame(QUARTERS), card=CARD)
    found = over_time(CARD, panel)
    for k, table in enumerate(panel.tables):
        alone = CARD.evaluate(table.take(list(panel.providers)))
        assert np.allclose(found.scores[k], alone.scores, rtol=0, atol=1e-12)
        assert (found.ranks[k] == alone.ranks).all()
    scores, ranks = found.of(TABLE.providers[0])
    assert scores.shape == ranks.shape == (3,)


def test_bad_panels_are_refused_by_name() -> None:
    with pytest.raises(TableError, match="period '2024-01-01' is not a date"):
        Panel.from_frame(long_frame(["2024-01-01"]), card=CARD)
    missing = "a gap in the series between 2024-07-01 and 2025-01-01"
    with pytest.raises(ScorecardError, match=missing):
        Panel.from_frame(long_frame([*QUARTERS, dt.date(2025, 1, 1)]), card=CARD)
    short = long_frame(QUARTERS)
    short = short[~((short["period"] == QUARTERS[1]) & (short["provider"] == TABLE.providers[2]))]
    with pytest.raises(TableError, match=f"period 2024-04-01: no row for '{TABLE.providers[2]}'"):
        Panel.from_frame(short, card=CARD)
    twice = pd.concat([long_frame(QUARTERS[:1]), long_frame(QUARTERS[:1]).head(1)])
    with pytest.raises(ScorecardError, match="period 2024-01-01"):
        Panel.from_frame(twice, card=CARD)


def test_a_panel_round_trips_through_one_long_csv(tmp_path: Path) -> None:
    periods, tables = sc.datasets.example_panel()
    panel = Panel(periods, tables)
    panel.to_csv(tmp_path / "panel.csv")
    back = Panel.from_csv(tmp_path / "panel.csv", card=CARD)
    assert back.periods == panel.periods
    for a, b in zip(panel.tables, back.tables, strict=True):
        assert b.providers == a.providers
        np.testing.assert_array_equal(b.values, a.values)
        assert a.denominators is not None
        assert b.denominators is not None
        np.testing.assert_array_equal(b.denominators, a.denominators)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2025Q2", dt.date(2025, 4, 1)),
        ("2025-q4", dt.date(2025, 10, 1)),
        ("2025-04", dt.date(2025, 4, 1)),
        (" 2025-04-01 ", dt.date(2025, 4, 1)),
    ],
)
def test_periods_are_written_as_dates_months_or_quarters(written: str, read: dt.date) -> None:
    from scorecard.monitoring._panel import period_cell

    assert period_cell(written, "line 2") == read


@pytest.mark.parametrize("written", ["Q2 2025", "2025-04-31", "April 2025", "", "2025Q5"])
def test_other_period_texts_are_refused_with_their_line(written: str) -> None:
    from scorecard.monitoring._panel import period_cell

    with pytest.raises(TableError, match=f"line 7: period {written!r} is not a date"):
        period_cell(written, "line 7")
