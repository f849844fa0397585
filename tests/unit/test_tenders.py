"""Tenders: validation that names the part at fault, moderation, price rules, gates, JSON."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorecard as sc
from scorecard.contracts import (
    AbnormallyLow,
    Bid,
    Condition,
    Consensus,
    Criterion,
    Descriptor,
    LinearBetween,
    Mark,
    PriceError,
    QualityScale,
    Question,
    RelativeToLowest,
    Tender,
    TenderError,
    evaluate_tender,
    moderate,
)
from scorecard.datasets import example_tender
from tenders import one_question

EXAMPLE = example_tender()


def small_tender(**changes: object) -> Tender:
    """A custom tender: two criteria, three questions, a 0-10 scale, two evaluators, mean."""
    questions = [
        Question("plan", "Delivery plan", "service", 0.6),
        Question("people", "Workforce", "service", 0.4, minimum=4),
        Question("local", "Local benefit", "community", 1.0),
    ]
    marks = {
        ("Ann", "Alder"): (8, 6, 5),
        ("Ben", "Alder"): (6, 6, 7),
        ("Ann", "Birch"): (5, 3, 9),
        ("Ben", "Birch"): (7, 3, 9),
        ("Ann", "Cedar"): (9, 9, 2),
        ("Ben", "Cedar"): (9, 8, 4),
    }
    fields: dict[str, object] = {
        "name": "Riverside housing support (custom)",
        "criteria": [
            Criterion("service", "Service", 0.7),
            Criterion("community", "Community", 0.3),
        ],
        "questions": questions,
        "bids": [Bid("Alder", 500.0), Bid("Birch", 400.0), Bid("Cedar", 650.0, incumbent=True)],
        "marks": [
            Mark(e, b, q.id, m, reason="noted")
            for (e, b), row in marks.items()
            for q, m in zip(questions, row, strict=True)
        ],
        "quality_weight": 0.7,
        "scale": QualityScale(
            maximum=10, descriptors=(Descriptor(0, "none"), Descriptor(10, "outstanding"))
        ),
        "moderation": "mean",
        "abnormally_low": None,
    }
    fields.update(changes)
    return Tender(**fields)  # type: ignore[arg-type]


def test_the_relative_rule_gives_lowest_over_price() -> None:
    scores = RelativeToLowest().scores(np.array([200.0, 250.0, 400.0]), ["A", "B", "C"])
    assert scores.tolist() == [1.0, 0.8, 0.5]


@pytest.mark.parametrize("price", [0.0, -5.0, math.nan, math.inf])
def test_a_price_the_relative_rule_cannot_score_names_the_bid(price: float) -> None:
    with pytest.raises(PriceError, match="bid 'B'"):
        RelativeToLowest().scores(np.array([100.0, price]), ["A", "B"])


prices = st.lists(st.floats(1.0, 1e7, allow_nan=False), min_size=2, max_size=8)


@given(prices, st.floats(1.0, 1e7), st.integers(0, 7))
def test_an_absolute_rule_never_depends_on_the_other_bids(
    given_prices: list[float], other: float, k: int
) -> None:
    rule = LinearBetween(floor=1e5, ceiling=5e6)
    names = [f"B{i}" for i in range(len(given_prices))]
    before = rule.scores(np.array(given_prices), names)
    changed = list(given_prices)
    j = k % len(changed)
    changed[j] = other  # another bid moves; every other score must stay
    after = rule.scores(np.array(changed), names)
    keep = [i for i in range(len(names)) if i != j]
    assert after[keep].tolist() == before[keep].tolist()
    assert ((after >= 0) & (after <= 1)).all()


@given(prices)
def test_the_relative_rule_is_in_range_and_falls_with_price(given_prices: list[float]) -> None:
    names = [f"B{i}" for i in range(len(given_prices))]
    scores = RelativeToLowest().scores(np.array(given_prices), names)
    assert ((scores > 0) & (scores <= 1)).all()
    assert scores[int(np.argmin(given_prices))] == 1.0
    order = np.argsort(given_prices, kind="stable")
    assert (np.diff(scores[order]) <= 1e-15).all()


def _two_bid_tender(extra: list[tuple[str, float, int]]) -> Tender:
    """Bids A (quality 9 of 10, price 100) and B (7, price 60), 50:50, plus ``extra`` bids."""
    return one_question([("A", 100.0, 9), ("B", 60.0, 7), *extra], name="irrelevant alternatives")


def test_adding_a_bid_that_wins_nothing_swaps_two_others_under_the_relative_rule() -> None:
    before = evaluate_tender(_two_bid_tender([]))
    assert before.ranking[:2] == ("B", "A")  # B: 0.35 + 0.5; A: 0.45 + 0.3
    after = evaluate_tender(_two_bid_tender([("C", 20.0, 1)]))  # a cheap, poor bid
    assert after.ranking[0] == "C" or after.ranking.index("A") < after.ranking.index("B")
    assert after.ranking.index("A") < after.ranking.index("B")  # A now ahead of B
    a, b = (after.bidders.index(x) for x in "AB")
    assert after.totals[a] == pytest.approx(0.45 + 0.5 * 0.2)
    assert after.totals[b] == pytest.approx(0.35 + 0.5 * 20 / 60)
    absolute = _two_bid_tender([("C", 20.0, 1)])
    absolute = attrs.evolve(absolute, price_rule=LinearBetween(floor=0, ceiling=200))
    plain = attrs.evolve(_two_bid_tender([]), price_rule=LinearBetween(floor=0, ceiling=200))
    first = evaluate_tender(plain).ranking
    assert [x for x in evaluate_tender(absolute).ranking if x != "C"] == list(first)


def test_the_example_tender_tells_its_story() -> None:
    found = evaluate_tender(EXAMPLE)
    assert found.winner == "Northdale Recovery Partnership" == EXAMPLE.incumbent
    assert found.failures("Meridian Health Services") == (
        "price 12,450,000.00 above the affordability cap 12,000,000.00",
    )
    assert found.ranking[-1] == "Meridian Health Services"  # best quality, but unaffordable
    assert [b for b, _ in found.abnormally_low] == ["Brightpath Treatment Ltd"]
    assert isinstance(found.evaluation, sc.Evaluation)
    assert "clarification is due" in found.summary()


def test_a_tender_evaluation_works_with_thresholds_and_smaa() -> None:
    found = evaluate_tender(EXAMPLE)
    limits = sc.sensitivity.thresholds(found.evaluation, ["quality"])["quality"]
    assert limits.label == "Quality"
    result = sc.sensitivity.smaa(found.evaluation, samples=500, seed=3)
    assert result.first.sum() == pytest.approx(1.0)
    at_half = found.with_quality_weight(0.5)
    assert at_half.evaluation.weights["quality"] == 0.5


def test_moderation_by_mean_median_and_consensus() -> None:
    mean = moderate(small_tender())
    assert mean.point("Alder", "plan") == 7.0
    median = moderate(small_tender(moderation="median"))
    assert median.point("Cedar", "local") == 3.0
    assert mean.spread[mean.bidders.index("Birch"), mean.questions.index("plan")] == 2.0
    flagged = {(f.bidder, f.question) for f in mean.flags}
    assert ("Birch", "plan") in flagged  # Ann 5, Ben 7: differ by 2
    assert ("Alder", "plan") in flagged
    consensus = moderate(EXAMPLE)
    assert consensus.method == "consensus"
    assert all(reason for _, _, reason in consensus.reasons)


def _low(t: Tender, bidder: str, question: str) -> float:
    return min(m.mark for m in t.marks if m.bidder == bidder and m.question == question)


def test_a_consensus_outside_the_evaluators_range_is_flagged() -> None:
    t = small_tender()
    agreed = [
        Consensus(b, q.id, 10 if (b, q.id) == ("Alder", "plan") else _low(t, b, q.id), "x")
        for b in t.bidders
        for q in t.questions
    ]
    flags = moderate(attrs.evolve(t, moderation="consensus", consensus=agreed)).flags
    assert any(f.kind.startswith("consensus 10 outside") for f in flags)


def test_gates_fail_with_their_reasons_and_rank_last() -> None:
    t = small_tender(
        criteria=[
            Criterion("service", "Service", 0.7, minimum=0.6),
            Criterion("community", "Community", 0.3),
        ],
        conditions=[Condition("insurance", "Insurance in place", {"Alder": "no certificate"})],
        quality_minimum=0.5,
        affordability_cap=600.0,
    )
    found = evaluate_tender(t)
    assert found.failures("Birch") == (
        "Workforce: mark 3, below the minimum 4",
        "Service: 48% of its points, below the minimum 60%",
    )
    assert found.failures("Alder") == ("Insurance in place: not met (no certificate)",)
    assert found.failures("Cedar") == ("price 650.00 above the affordability cap 600.00",)
    assert found.winner is None
    assert "No bid passes every gate" in found.summary()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quality_weight": 1.2}, "quality_weight must lie in [0, 1]"),
        (
            {"bids": [Bid("Alder", math.nan), Bid("Birch", 4), Bid("Cedar", 6)]},
            "bid 'Alder': price nan",
        ),
        (
            {"criteria": [Criterion("service", "S", 0.7), Criterion("community", "C", 0.2)]},
            "sum to 0.9, not 1",
        ),
        (
            {"questions": [Question("plan", "P", "servcie", 1.0)]},
            "question 'plan': unknown criterion 'servcie'",
        ),
        ({"moderation": "average"}, "moderation must be one of"),
        ({"bids": [Bid("Alder", 5), Bid("Alder", 4)]}, "bidder 'Alder' bids twice"),
    ],
)
def test_bad_tenders_are_errors_that_name_the_part(change: dict[str, object], message: str) -> None:
    with pytest.raises((TenderError, sc.errors.ScorecardError), match=message.replace("[", r"\[")):
        small_tender(**change)


def test_a_mark_off_the_scale_or_missing_names_evaluator_bid_and_question() -> None:
    t = small_tender()
    bad = [attrs.evolve(t.marks[0], mark=11), *t.marks[1:]]
    with pytest.raises(TenderError, match="evaluator 'Ann', bid 'Alder', question 'plan': mark 11"):
        small_tender(marks=bad)
    with pytest.raises(
        TenderError, match="evaluator 'Ann' gave no mark for bid 'Alder' on question 'plan'"
    ):
        small_tender(marks=t.marks[1:])
    unknown = [*t.marks, Mark("Ann", "Dogwood", "plan", 3)]
    with pytest.raises(TenderError, match=r"bid 'Dogwood'.*no such bid"):
        small_tender(marks=unknown)


def test_a_changed_consensus_needs_its_reason() -> None:
    t = small_tender()
    silent = [Consensus(b, q.id, 6) for b in t.bidders for q in t.questions]
    with pytest.raises(TenderError, match="record the reason"):
        attrs.evolve(t, moderation="consensus", consensus=silent)


def test_abnormally_low_prices_are_flagged_not_dropped() -> None:
    rule = AbnormallyLow(share=0.2, reference="mean of others")
    flagged = rule.flagged(np.array([100.0, 100.0, 70.0]), ["A", "B", "C"])
    assert flagged == [("C", "price 70.00 is 30% below the mean of the others (100.00)")]
    budget = AbnormallyLow(share=0.25, reference="budget", budget=1000)
    assert budget.flagged(np.array([700.0, 800.0]), ["A", "B"])[0][0] == "A"
    found = evaluate_tender(small_tender(abnormally_low=AbnormallyLow(share=0.15)))
    assert [b for b, _ in found.abnormally_low] == ["Birch"]  # 400 is 20% below the median 500
    assert "Birch" in found.bidders  # flagged, still evaluated


def test_tenders_round_trip_through_json_losslessly() -> None:
    for tender in (
        EXAMPLE,
        small_tender(
            price_rule=LinearBetween(floor=300, ceiling=700),
            conditions=[Condition("insurance", "Insurance", {"Alder": "none"})],
            quality_minimum=0.4,
        ),
    ):
        text = tender.to_json()
        again = Tender.from_json(text)
        assert again == tender
        assert (evaluate_tender(again).totals == evaluate_tender(tender).totals).all()
    with pytest.raises(sc.errors.SchemaError, match="price_rule"):
        Tender.from_json(text.replace('"linear between floor and ceiling"', '"lowest wins"'))


def test_a_bid_that_fails_a_gate_does_not_set_the_price_benchmark() -> None:
    """An excluded lowest bid would otherwise lower everyone's price score and could swap the
    winner (found in review): A 3 marks at 100, B 4 at 130, C (debarred) 1 at 30, 50:50."""
    tender = one_question(
        [("A", 100.0, 3), ("B", 130.0, 4), ("C", 30.0, 1)],
        conditions=[Condition("excl", "Exclusion grounds", {"C": "debarred"})],
    )
    found = evaluate_tender(tender)
    without = evaluate_tender(
        attrs.evolve(
            tender,
            bids=tender.bids[:2],
            marks=tender.marks[:2],
            conditions=[],
        )
    )
    assert found.winner == without.winner == "A"
    assert found.price_scores[:2].tolist() == without.price_scores.tolist()
    assert ("C", "fails a gate, so it is left out of the relative price benchmark") in (
        found.price_notes
    )


def test_a_tie_is_reported_as_a_tie() -> None:
    tender = one_question([("A", 100.0, 4), ("B", 100.0, 4)])
    found = evaluate_tender(tender)
    assert found.winner is None
    assert found.first == ("A", "B")
    assert "A and B tie for first" in found.summary()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": " "}, "the tender needs a name"),
        (
            {"conditions": [Condition("x", "X", {"Alder": "insolvent"}), Condition("x", "Y")]},
            "condition 'x' is given twice",
        ),
        ({"conditions": [Condition("x", "X", {"Alder": " "})]}, "record why 'Alder' fails it"),
    ],
)
def test_more_bad_tenders_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(TenderError, match=message):
        small_tender(**change)


def test_names_must_be_text_and_not_blank() -> None:
    with pytest.raises(TenderError, match="names must be text"):
        Bid(1, 100.0)
    with pytest.raises(TenderError, match="empty name"):
        Mark(" ", "Alder", "plan", 3)
    assert Bid(" Alder ", 1.0).bidder == "Alder"


def test_a_quality_weight_outside_0_1_is_an_error_naming_it() -> None:
    with pytest.raises(TenderError, match="quality_weight must lie in"):
        evaluate_tender(EXAMPLE, quality_weight=1.2)


def test_descriptors_default_only_on_the_usual_scale() -> None:
    assert len(QualityScale().descriptors) == 6
    assert QualityScale(maximum=4, step=2).descriptors == ()
