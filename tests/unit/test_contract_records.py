"""Contract decision records: lossless JSON, replays that refuse what differs, HTML escaped."""

from __future__ import annotations

import json

import attrs
import pytest

import scorecard as sc
from scorecard.contracts import (
    AwardRecord,
    Bid,
    Interest,
    KeepOrRetenderRecord,
    assess,
    award_record,
    evaluate_tender,
    fragility,
    keep_or_retender_record,
)
from scorecard.datasets import example_keep_or_retender, example_tender
from scorecard.errors import DecisionError
from scorecard.report import award_report, keep_or_retender_report

FOUND = evaluate_tender(example_tender())
AWARD = award_record(
    FOUND,
    decision_makers=["Head of Commissioning", "Director of Public Health"],
    rationale="Quality and stability beside price.",
    interests=[Interest("Evaluator B", "formerly employed by a bidder", "did not mark that bid")],
)
BALANCED = sc.catalog.balanced().evaluate(sc.datasets.example())


def test_an_award_record_round_trips_and_replays() -> None:
    again = AwardRecord.from_json(AWARD.to_json())
    assert again == AWARD
    assert again.replay().winner == "Northdale Recovery Partnership"
    assert json.loads(AWARD.to_json())["format"] == "scorecard-award/1"


def test_an_award_replay_refuses_what_differs() -> None:
    data = json.loads(AWARD.to_json())
    data["totals"][0] += 0.01
    with pytest.raises(DecisionError, match="bid 'Northdale Recovery Partnership' totals"):
        AwardRecord.from_json(json.dumps(data)).replay()
    data = json.loads(AWARD.to_json())
    data["tender"]["bids"][1]["price"] = 7_000_000  # someone edits a price
    with pytest.raises(DecisionError, match="not the one recorded"):
        AwardRecord.from_json(json.dumps(data)).replay()
    data = json.loads(AWARD.to_json())
    data["format"] = "scorecard-award/0"
    with pytest.raises(DecisionError, match="not a record of format scorecard-award/1"):
        AwardRecord.from_json(json.dumps(data))
    with pytest.raises(DecisionError, match="name the decision-makers"):
        award_record(FOUND, decision_makers=[])


def test_each_bid_has_an_assessment_summary() -> None:
    for summary in AWARD.summaries:
        assert [s.criterion for s in summary] == [
            *(c.id for c in FOUND.tender.criteria),
            "price",
        ]
        assert sum(s.importance for s in summary) == pytest.approx(1.0)
    northdale = AWARD.summaries[0]
    integration = next(s for s in northdale if s.criterion == "integration")
    assert integration.score == 5.0
    assert integration.available == 5.0
    assert "Mobilisation, workforce and continuity of care: 5 of 5" in integration.explanation


def test_the_award_report_escapes_names_and_says_what_it_is() -> None:
    evil = "<script>x</script> Ltd"
    tender = example_tender()
    bids = [
        attrs.evolve(tender.bids[2], bidder=evil) if i == 2 else b
        for i, b in enumerate(tender.bids)
    ]
    rename = {tender.bids[2].bidder: evil}
    tender = attrs.evolve(
        tender,
        bids=bids,
        marks=[attrs.evolve(m, bidder=rename.get(m.bidder, m.bidder)) for m in tender.marks],
        consensus=[
            attrs.evolve(c, bidder=rename.get(c.bidder, c.bidder)) for c in tender.consensus
        ],
    )
    found = evaluate_tender(tender)
    page = award_report(award_record(found, decision_makers=["Board"]), fragility(found))
    assert evil not in page
    assert "&lt;script&gt;x&lt;/script&gt; Ltd" in page
    assert "<script" not in page
    assert "not legal advice" in page
    assert "How fragile is the award?" in page
    assert "Assessment summary of each bid" in page
    assert isinstance(tender.bids[2], Bid)


def test_a_keep_or_retender_record_replays_with_its_evidence() -> None:
    found = assess(example_keep_or_retender(), evaluation=BALANCED)
    saved = keep_or_retender_record(found, rationale="Stable, improving service.")
    again = KeepOrRetenderRecord.from_json(saved.to_json())
    assert again == saved
    assert again.replay(BALANCED).process == "Direct Award Process C"
    with pytest.raises(DecisionError, match="give the same evaluation"):
        again.replay()
    other = sc.catalog.balanced().evaluate(sc.datasets.generate(seed=4, n_providers=16))
    with pytest.raises(DecisionError, match="not the data recorded"):
        again.replay(other)
    page = keep_or_retender_report(saved)
    assert "Direct Award Process C" in page
    assert "Rural outreach sessions a month: 9 against a target of 12 (not met)" in page
    assert "former trustee" in page


def test_the_notice_fields_travel_with_the_record() -> None:
    saved = award_record(
        FOUND,
        decision_makers=["Board"],
        regime="Procurement Act 2023",
        lifetime_value=11_640_000,
        addresses={"Harbour Lane CIC": "1 Quay Street, Northdale"},
    )
    again = AwardRecord.from_json(saved.to_json())
    assert again.regime == "Procurement Act 2023"
    assert again.addresses == {"Harbour Lane CIC": "1 Quay Street, Northdale"}
    page = award_report(again)
    assert "Procurement Act 2023" in page
    assert "lifetime value 11,640,000.00" in page
    assert "1 Quay Street, Northdale" in page
    with pytest.raises(DecisionError, match="who did not bid"):
        award_record(FOUND, decision_makers=["Board"], addresses={"Nobody": "x"})


def test_a_price_schedule_and_a_lot_travel_with_the_record() -> None:
    tender = example_tender()
    first = tender.bids[0]
    years = {f"year {k}": first.price / 5 for k in range(1, 6)}
    tender = attrs.evolve(
        tender,
        bids=[attrs.evolve(first, schedule=years), *tender.bids[1:]],
        lot="Lot 1: community treatment",
    )
    saved = award_record(evaluate_tender(tender), decision_makers=["Board"])
    again = AwardRecord.from_json(saved.to_json())
    assert again.tender.bids[0].schedule == years
    assert "year 1 2,328,000.00" in again.summaries[0][-1].explanation
    assert "Lot 1: community treatment" in award_report(again)
    with pytest.raises(sc.errors.ScorecardError, match="schedule sums to"):
        attrs.evolve(first, schedule={"year 1": 1.0})


def test_an_award_weighed_through_stakeholder_groups_eyes() -> None:
    from scorecard import rebalance
    from scorecard.tree import ROOT

    found = evaluate_tender(example_tender())
    card, published = found.evaluation.card, found.evaluation.weights
    quality = card.children(ROOT)[0]
    lenses = {
        "as published": published,
        "price-minded": rebalance(card, published, quality, 0.3),
    }
    saved = award_record(found, decision_makers=["Head of Commissioning"], lenses=lenses)
    again = type(saved).from_json(saved.to_json())
    assert list(again.lenses) == ["as published", "price-minded"]
    html = award_report(again)
    section = html[html.index("<h2>Through each stakeholder group") :]
    cheaper = found.evaluation.rescore(lenses["price-minded"]).ranking[0]
    assert f"<td>price-minded</td><td>{cheaper}</td>" in section
    assert cheaper == "Brightpath Treatment Ltd" != found.winner  # 30:70 favours the cheapest
    assert "Not every group&#x27;s weights put the recorded winner first." in section
    one = award_record(found, decision_makers=["x"], lenses={"as published": published})
    assert "is first under every group's weights" in award_report(one).replace("&#x27;", "'")
    with pytest.raises(DecisionError, match="lens 'broken'"):
        award_record(found, decision_makers=["x"], lenses={"broken": sc.Weights({"nope": 1.0})})
