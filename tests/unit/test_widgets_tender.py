"""The tender explorer: sliders on the tender's card, margins, spread, live fragility, records."""

from __future__ import annotations

import base64
import json
import re

import pytest

from scorecard.cli import _app
from scorecard.contracts import AwardRecord, Bid, Criterion, Mark, Question, Tender
from scorecard.datasets import example_tender
from scorecard.widgets import TenderExplorer


def _downloads(links: str) -> dict[str, str]:
    found = re.findall(r"download='([^']+)' href='data:[^;]+;charset=utf-8;base64,([^']+)'", links)
    return {name: base64.b64decode(data).decode("utf-8") for name, data in found}


def _banner(x: TenderExplorer) -> bool:
    return any("Synthetic data" in getattr(c, "value", "") for c in x.weights.children)


def test_the_split_slider_moves_the_award_and_its_fragility() -> None:
    x = TenderExplorer(example_tender(), samples=200)
    assert x.found.winner == "Northdale Recovery Partnership"
    assert x.fragility.summary().startswith("Northdale Recovery Partnership wins at 60:40.")
    assert _banner(x)
    assert x.weights.export.widget not in x.weights.children  # the award is recorded instead
    x.weights.move("quality", 0.5)
    assert x.tender_now().quality_weight == 0.5
    assert x.found.winner == "Brightpath Treatment Ltd"
    assert x.fragility.summary().startswith("Brightpath Treatment Ltd wins at 50:50.")
    assert "Meridian Health Services" in x.margins.value
    assert "above the affordability cap" in x.margins.value
    assert "!" in x.spread.value  # Harbour Lane's q6 is flagged


def test_the_award_record_downloads_and_replays() -> None:
    x = TenderExplorer(example_tender(), samples=200)
    x.weights.move("quality", 0.7)
    x.makers.value = "Head of Commissioning; Director of Public Health"
    x.rationale.value = "Quality first."
    x.record()
    files = _downloads(x.links.value)
    saved = AwardRecord.from_json(files["award.json"])
    assert saved.decision_makers == ("Head of Commissioning", "Director of Public Health")
    assert saved.quality_weight == pytest.approx(0.7)
    assert saved.replay().winner == "Northdale Recovery Partnership"
    assert "Quality first." in files["award.html"]


def test_a_tender_of_ones_own() -> None:
    questions = [Question("a", "Approach", "c", 0.5), Question("b", "Budget plan", "c", 0.5)]
    marks = {"North": (4, 3), "South": (2, 5)}
    tender = Tender(
        "Own tender",
        criteria=[Criterion("c", "Quality", 1.0)],
        questions=questions,
        bids=[Bid("North", 120.0), Bid("South", 100.0)],
        marks=[
            Mark("E", b, q.id, m)
            for b, row in marks.items()
            for q, m in zip(questions, row, strict=True)
        ],
        quality_weight=0.8,
        moderation="mean",
        abnormally_low=None,
    )
    x = TenderExplorer(tender, samples=100)
    assert x.found.winner in {"North", "South"}
    x.weights.move("a", 0.9)
    assert x.tender_now().questions[0].weight == pytest.approx(0.9)
    assert not _banner(x)


def test_the_app_serves_the_tender_explorer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "tender.json"
    example_tender().to_json(path)
    monkeypatch.setenv(_app.ENVIRONMENT, json.dumps(["--tender", str(path)]))
    explorer = _app.app_explorer()
    assert isinstance(explorer, TenderExplorer)
