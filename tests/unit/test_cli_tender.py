"""``scorecard tender``: the example to start from, evaluation and robustness."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.contracts import Tender
from scorecard.datasets import example_tender


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def tender_file(tmp_path: Path) -> Path:
    code, out = run("tender", "example", str(tmp_path))
    assert code == 0, out
    assert "SYNTHETIC" in out
    return tmp_path / "tender.json"


def test_the_example_round_trips_and_refuses_to_overwrite(tender_file: Path) -> None:
    assert Tender.from_json(tender_file) == example_tender()
    assert run("tender", "example", str(tender_file.parent))[0] == 2


def test_evaluate_prints_the_ranking_gates_and_flags(tender_file: Path) -> None:
    code, out = run("tender", "evaluate", str(tender_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[3].split()[1:3] == ["Northdale", "Recovery"]  # first of four
    assert "fails" in lines[6]
    assert "clarification is due" in out
    assert "evaluators differ by 2" in out
    code, out = run("tender", "evaluate", str(tender_file), "--format", "json")
    assert json.loads(out)["bidder"][0] == "Northdale Recovery Partnership"


def test_robustness_states_splits_marks_smaa_and_the_cost_of_change(tender_file: Path) -> None:
    code, out = run(
        "tender", "robustness", str(tender_file), "--quality-weight", "0.5",
        "--split-range", "0.7", "0.5", "--samples", "500", "--transition-cost", "400000",
        "--dip", "0.05",
    )  # fmt: skip
    assert code == 0, out
    assert out.startswith("Brightpath Treatment Ltd wins at 50:50.")
    assert "Over quality shares from 50% to 70%" in out
    assert "so a change would not pay" in out


def test_a_bad_tender_file_is_a_one_line_error_naming_the_part(
    tender_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(tender_file.read_text())
    data["marks"] = data["marks"][1:]  # evaluator A's first mark is gone
    broken = tender_file.with_name("broken.json")
    broken.write_text(json.dumps(data))
    assert run("tender", "evaluate", str(broken))[0] == 2
    err = capsys.readouterr().err
    assert "evaluator 'Evaluator A' gave no mark for bid 'Northdale Recovery Partnership'" in err
    assert len(err.strip().splitlines()) == 1
    data = json.loads(tender_file.read_text())
    data["quality_weight"] = "0.6"
    broken.write_text(json.dumps(data))
    assert run("tender", "evaluate", str(broken))[0] == 2
    assert "quality_weight: expected a number, got the string '0.6'" in capsys.readouterr().err


def test_record_and_replay_an_award(tender_file: Path) -> None:
    record, page = tender_file.with_name("award.json"), tender_file.with_name("award.html")
    code, out = run(
        "tender", "record", str(tender_file), "--decision-maker", "Head of Commissioning",
        "--decision-maker", "Director of Public Health", "--rationale", "Balance", "-o",
        str(record), "--html", str(page),
    )  # fmt: skip
    assert code == 0, out
    assert "Northdale Recovery Partnership" in out
    assert "How fragile is the award?" in page.read_text()
    code, out = run("tender", "replay", str(record))
    assert code == 0
    assert "identical totals and ranks for 4 bids" in out


def test_keep_or_retender_from_the_command_line(tmp_path: Path) -> None:
    import scorecard as sc

    assert run("keep", "example", str(tmp_path))[0] == 0
    card = tmp_path / "balanced.json"
    sc.catalog.balanced().to_json(card)
    data = tmp_path / "providers.csv"
    sc.datasets.example().to_csv(data)
    code, out = run(
        "keep", "assess", str(tmp_path / "keep.json"), str(card), str(data),
        "--record", str(tmp_path / "rec.json"), "--html", str(tmp_path / "keep.html"),
    )  # fmt: skip
    assert code == 0, out
    assert out.startswith("Northdale County")
    assert "Direct Award Process C" in out
    assert "scorecard: Connection test 0.85, 4 of 16 providers" in out
    assert "not legal advice" in (tmp_path / "keep.html").read_text()
    assert run("keep", "assess", str(tmp_path / "keep.json"), str(card))[0] == 2
