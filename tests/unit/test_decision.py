"""Decision records: saved, loaded and replayed exactly; other data or results are refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import attrs
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
    with pytest.raises(DecisionError, match=r"scores: .* on replay, 0\.5 recorded"):
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


# -- replay checks everything the record claims ---------------------------------------------------


def _saved() -> tuple[DecisionRecord, dict[str, object]]:
    base = sc.catalog.completions_only().evaluate(TABLE)
    saved = record(EV, baseline=base)
    return saved, saved.to_dict()


def _edited(data: dict[str, object]) -> str:
    return json.dumps(data)


def test_edited_ranks_do_not_replay() -> None:
    saved, data = _saved()
    ranks = list(saved.ranks)
    first, second = ranks.index(1), ranks.index(2)
    ranks[first], ranks[second] = 2, 1  # swap first and second place, scores untouched
    with pytest.raises(DecisionError, match=r"ranks: .* ranks [12] on replay, [12] recorded"):
        DecisionRecord.from_json(_edited({**data, "ranks": ranks})).replay(TABLE)


def test_edited_baseline_ranks_do_not_replay() -> None:
    saved, data = _saved()
    ranks = list(saved.baseline_ranks)
    first, second = ranks.index(1), ranks.index(2)
    ranks[first], ranks[second] = 2, 1
    with pytest.raises(DecisionError, match=r"baseline_ranks: .* on replay"):
        DecisionRecord.from_json(_edited({**data, "baseline_ranks": ranks})).replay(TABLE)


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("ranks", lambda v: [*v, 17], "ranks: 17 given for 16 providers"),
        ("scores", lambda v: v[:-1], "scores: 15 given for 16 providers"),
        ("ranks", lambda v: [5] * len(v), "is not a ranking"),
        ("baseline_ranks", lambda v: v[:3], "baseline_ranks: 3 given for 16 providers"),
        ("providers", lambda v: [v[0], *v[:-1]], "listed twice"),
    ],
)
def test_inconsistent_records_are_refused_naming_the_field(
    field: str, change: Callable[[list[object]], list[object]], message: str
) -> None:
    _, data = _saved()
    edited = {**data, field: change(list(data[field]))}  # type: ignore[call-overload]
    with pytest.raises(sc.errors.ScorecardError, match=message):
        DecisionRecord.from_json(_edited(edited))


def test_missing_and_extra_providers_are_named() -> None:
    saved = record(EV)
    fewer = TABLE.take(TABLE.providers[1:])
    rebuilt = DecisionRecord(
        **{**attrs.asdict(saved, recurse=False), "data_fingerprint": fewer.fingerprint()}
    )
    with pytest.raises(DecisionError, match=r"not in the table: 'Riverside Recovery'"):
        rebuilt.replay(fewer)


def test_a_key_given_twice_or_a_truncated_file_is_a_schema_error(tmp_path: Path) -> None:
    text = record(EV).to_json()
    twice = text.replace('"timestamp": ', '"timestamp": "a", "timestamp": ', 1)
    assert twice != text
    with pytest.raises(sc.errors.SchemaError, match="'timestamp' appears twice"):
        DecisionRecord.from_json(twice)
    path = tmp_path / "decision.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(sc.errors.SchemaError, match=r"decision\.json, line \d+, column \d+"):
        DecisionRecord.from_json(path)
