"""Answers in files: CSV and JSON round trips, and every unusable answer reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scorecard as sc
from scorecard.errors import StakeholderError
from scorecard.stakeholders import (
    Lens,
    Member,
    answers_json,
    combine,
    elicit,
    example_lenses,
    read_answers,
    write_answers,
)
from scorecard.weighting import Points, RankOrderCentroid, Swing

CARD = sc.catalog.balanced()
HEADER = "lens,member,node,child,scheme,value\n"


def _same(a: tuple[Lens, ...] | list[Lens], b: tuple[Lens, ...] | list[Lens]) -> None:
    assert [x.name for x in a] == [y.name for y in b]
    for x, y in zip(a, b, strict=True):
        wx, wy = combine(elicit(CARD, x)).weights, combine(elicit(CARD, y)).weights
        assert wx.local == pytest.approx(wy.local, abs=1e-12)
        assert [m.name for m in x.members] == [m.name for m in y.members]
        assert [m.weight for m in x.members] == [m.weight for m in y.members]


def test_every_example_lens_round_trips_through_json(tmp_path: Path) -> None:
    lenses = example_lenses()
    path = tmp_path / "answers.json"
    path.write_text(answers_json(lenses), encoding="utf-8")
    _same(read_answers(path, CARD), lenses)


def test_points_ranks_and_swings_round_trip_through_csv(tmp_path: Path) -> None:
    kids = CARD.children("root")
    lenses = [
        Lens(
            "carers",
            [
                Member("Dee", {"root": Points(dict(zip(kids, [5, 3, 3, 1, 2, 1], strict=True)))}),
                Member(
                    "Eli",
                    {"root": RankOrderCentroid([kids[1], (kids[0], kids[2]), *kids[3:]])},
                    weight=2,
                ),
                Member(
                    "Flo",
                    {
                        "connection": Swing(
                            {"conn_informed": 100, "conn_confident_barc": 40, "conn_connected": 80}
                        )
                    },
                ),
            ],
        )
    ]
    path = write_answers(lenses, tmp_path / "answers.csv", CARD)
    assert path.read_text(encoding="utf-8").startswith("lens,member,node,child,scheme,value,weight")
    _same(read_answers(path, CARD), lenses)
    with pytest.raises(StakeholderError, match="write the lenses as JSON"):
        write_answers(example_lenses(), tmp_path / "ahp.csv", CARD)  # clinicians answer by AHP


def test_every_unusable_answer_is_reported_with_its_line(tmp_path: Path) -> None:
    kids = CARD.children("root")
    good = [
        f"carers,Dee,root,{k},points,{v}" for k, v in zip(kids, [5, 3, 3, 1, 2, 1], strict=True)
    ]
    bad = [
        "carers,Eli,nowhere,x,points,1",  # line 8
        "carers,Eli,root,conn_informed,points,1",  # 9: a metric, not a child of the root
        "carers,Eli,outcomes,crime,votes,1",  # 10
        "carers,Eli,outcomes,crime,points,lots",  # 11
        ",Eli,root,outcomes,points,1",  # 12
        "carers,Dee,root,outcomes,points,4",  # 13: twice
        "carers,Gus,connection,conn_informed,points,1",  # 14: an incomplete answer
        "carers,Hal,connection,conn_informed,rank,1",  # 15
        "carers,Hal,connection,conn_connected,points,2",  # 16: two schemes in one answer
    ]
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + "\n".join(good + bad) + "\n", encoding="utf-8")
    with pytest.raises(StakeholderError) as caught:
        read_answers(path, CARD)
    text = str(caught.value)
    for expected in (
        "9 unusable answer(s)",
        "line 8: carers, Eli: node 'nowhere' is not in the scorecard",
        "line 9: carers, Eli: 'conn_informed' is not a child of 'root'",
        "line 10: carers, Eli: scheme 'votes' is not one of points, rank, swing",
        "line 11: carers, Eli: crime: value 'lots' is not a number >= 0",
        "line 12: no lens named",
        "line 13: carers, Dee: 'outcomes' of 'root' answered twice",
        "line 14: carers, Gus: node 'connection' misses 'conn_confident_barc', 'conn_connected'",
        "line 16: carers, Hal: node 'connection': points after rank",
    ):
        assert expected in text, text


def test_missing_columns_and_bad_json_are_named(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("lens,member,node,value\ncarers,Dee,root,1\n", encoding="utf-8")
    with pytest.raises(StakeholderError, match="no column\\(s\\) 'child', 'scheme'"):
        read_answers(path, CARD)
    members = [
        {
            "lens": "carers",
            "member": "Dee",
            "answers": {"root": {"name": "points", "points": {"outcomes": 1}}},
        },
        {"lens": "carers", "member": "Eli"},
        {
            "lens": "carers",
            "member": "Fay",
            "answers": {"m0": {"name": "points", "points": {"a": 1}}},
        },
    ]
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(members), encoding="utf-8")
    with pytest.raises(StakeholderError) as caught:
        read_answers(source, CARD)
    text = str(caught.value)
    assert "3 unusable answer(s)" in text
    assert "member 1 (carers, Dee)" in text
    assert "member 2: needs 'lens', 'member' and 'answers'" in text
    assert "member 3 (carers, Fay)" in text
    assert "'m0'" in text
