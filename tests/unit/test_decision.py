"""Decision records: saved, loaded and replayed exactly; other data or results are refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from scorecard.decision import FORMAT, DecisionError, DecisionRecord, record
from scorecard.testing import strategies

TABLE = sc.datasets.example()
EV = sc.catalog.balanced().evaluate(TABLE)


def test_a_record_round_trips_through_a_file_and_replays(tmp_path: Path) -> None:
    base = sc.catalog.completions_only().evaluate(TABLE)
    moment = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    saved = record(EV, rationale="Balance <outcomes> & continuity", baseline=base, now=moment)
    path = tmp_path / "decision.json"
    saved.to_json(path)
    loaded = DecisionRecord.from_json(path)
    assert loaded == saved
    assert loaded.timestamp == "2026-11-30T09:00:00+00:00"
    assert loaded.baseline == base.card.name
    assert loaded.baseline_ranks == tuple(int(r) for r in base.ranks)
    replayed = loaded.replay(TABLE)
    np.testing.assert_array_equal(replayed.scores, EV.scores)
    np.testing.assert_array_equal(replayed.ranks, EV.ranks)
    assert '"format": "' + FORMAT in path.read_text()


def test_other_data_or_other_results_do_not_replay() -> None:
    saved = record(EV)
    changed = sc.PerformanceTable(
        TABLE.providers, TABLE.metrics, TABLE.values * 1.0001, denominators=TABLE.denominators
    )
    with pytest.raises(DecisionError, match="not the data this decision was made on"):
        saved.replay(changed)
    tampered = DecisionRecord.from_json(saved.to_json().replace(repr(saved.scores[0]), "0.5", 1))
    with pytest.raises(DecisionError, match=r"score .* on replay, 0\.5 recorded"):
        tampered.replay(TABLE)
    with pytest.raises(DecisionError, match="not a decision record"):
        DecisionRecord.from_json(saved.to_json().replace(FORMAT, "something-else/1"))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_evaluation_round_trips_and_replays(data: st.DataObject) -> None:
    ev = data.draw(strategies.evaluations())
    again = DecisionRecord.from_json(
        record(ev, rationale=data.draw(st.text(max_size=30))).to_json()
    )
    assert again == record(
        ev, rationale=again.rationale, now=dt.datetime.fromisoformat(again.timestamp)
    )
    replayed = again.replay(ev.table)
    np.testing.assert_array_equal(replayed.scores, ev.scores)
    np.testing.assert_array_equal(replayed.ranks, ev.ranks)
