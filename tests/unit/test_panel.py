"""Panels over time: periods as dates, the same providers each period, the card in one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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
        frame.insert(0, "period", when)
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
    with pytest.raises(TableError, match=f"period 2024-04-01: .*missing '{TABLE.providers[2]}'"):
        Panel.from_frame(short, card=CARD)
    twice = pd.concat([long_frame(QUARTERS[:1]), long_frame(QUARTERS[:1]).head(1)])
    with pytest.raises(ScorecardError, match="period 2024-01-01"):
        Panel.from_frame(twice, card=CARD)
