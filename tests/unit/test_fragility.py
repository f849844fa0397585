"""Fragility of an award: every threshold re-evaluated either side, every mark change applied."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.contracts import (
    Bid,
    Consensus,
    Criterion,
    LinearBetween,
    Mark,
    Question,
    Tender,
    evaluate_tender,
    fragility,
)
from scorecard.datasets import example_tender
from tenders import one_question

EXAMPLE = evaluate_tender(example_tender())
RESULT = fragility(EXAMPLE, split_range=(0.5, 0.7), samples=2_000)


def with_consensus(tender: Tender, bidder: str, question: str, mark: float) -> Tender:
    """The tender with one consensus mark changed (and its reason): a fresh, independent path."""
    agreed = [
        attrs.evolve(c, mark=mark, reason="changed for the test")
        if (c.bidder, c.question) == (bidder, question)
        else c
        for c in tender.consensus
    ]
    return attrs.evolve(tender, consensus=agreed)


def test_each_split_crossing_swaps_the_pair_just_either_side() -> None:
    assert RESULT.winner == "Northdale Recovery Partnership"
    for crossing in RESULT.crossings:
        if crossing.at is None:
            continue
        for side, leads in ((-1e-6, True), (1e-6, False)):
            q = crossing.at + (side if crossing.towards == "quality" else -side)
            found = evaluate_tender(EXAMPLE.tender, quality_weight=q)
            w, j = (found.bidders.index(b) for b in (RESULT.winner, crossing.bidder))
            assert (found.totals[w] > found.totals[j]) == leads, (crossing, q)
    near = RESULT.nearest("price")
    assert near is not None
    assert near.bidder == "Brightpath Treatment Ltd"
    at = near.at or 0.0
    assert evaluate_tender(EXAMPLE.tender, quality_weight=at - 1e-6).winner == near.bidder
    assert evaluate_tender(EXAMPLE.tender, quality_weight=at + 1e-6).winner == RESULT.winner
    assert RESULT.nearest("quality") is None


def test_the_winner_at_common_splits() -> None:
    for q, winner in RESULT.common:
        assert evaluate_tender(EXAMPLE.tender, quality_weight=q).winner == winner
    assert dict(RESULT.common)[0.8] == RESULT.winner
    assert dict(RESULT.common)[0.5] == "Brightpath Treatment Ltd"


def test_every_reported_mark_change_changes_the_winner_and_one_step_less_does_not() -> None:
    tender = EXAMPLE.tender
    assert RESULT.marks
    for change in RESULT.marks:
        before = EXAMPLE.moderated.point(change.bidder, change.question)
        assert change.mark == before + change.change
        after = evaluate_tender(with_consensus(tender, change.bidder, change.question, change.mark))
        assert after.winner == change.winner != RESULT.winner
        step = np.sign(change.change) * tender.scale.step
        less = with_consensus(tender, change.bidder, change.question, change.mark - step)
        assert evaluate_tender(less).winner in {RESULT.winner, None}  # at most a tie
    smallest = RESULT.smallest
    assert smallest is not None
    assert abs(smallest.change) == min(abs(c.change) for c in RESULT.marks)


def test_the_summary_says_it_in_words() -> None:
    text = RESULT.summary()
    assert text.startswith("Northdale Recovery Partnership wins at 60:40.")
    assert "Brightpath Treatment Ltd wins from 52.1:47.9 in price's favour." in text
    assert "2 marks more for Brightpath Treatment Ltd on q1 (Model of care" in text
    assert "Over quality shares from 50% to 70% (SMAA, 2,000 splits)" in text


def test_the_smaa_range_keeps_the_split_inside_it() -> None:
    assert RESULT.smaa is not None
    assert RESULT.smaa.first.sum() == pytest.approx(1.0)
    winners = {RESULT.smaa.providers[i] for i in np.flatnonzero(RESULT.smaa.first > 0)}
    # between 50:50 and 70:30 only Northdale and Brightpath ever win (their crossing is 52.1)
    assert winners == {"Northdale Recovery Partnership", "Brightpath Treatment Ltd"}


def _pair(extra: list[tuple[str, float, int]], rule: LinearBetween | None = None) -> Tender:
    tender = one_question([("A", 100.0, 9), ("B", 60.0, 7), *extra], name="pair")
    return tender if rule is None else attrs.evolve(tender, price_rule=rule)


def test_an_added_bid_that_reorders_the_others_is_reported() -> None:
    relative = fragility(evaluate_tender(_pair([("Z", 200.0, 5)])), added=(20.0, 1))
    added = [a for a in relative.alternatives if a.change.startswith("adding")]
    assert added[0].reorders
    assert added[0].before[:2] == ("B", "A")
    assert added[0].after.index("A") < added[0].after.index("B")
    assert "would reorder the others" in relative.summary()
    absolute = fragility(evaluate_tender(_pair([], LinearBetween(floor=0, ceiling=200))))
    assert absolute.alternatives == ()  # only relative rules depend on the other bids


marks_row = st.lists(st.integers(0, 5), min_size=3, max_size=3)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(50, 200), marks_row), min_size=2, max_size=4),
    st.sampled_from([0.3, 0.5, 0.7]),
)
def test_mark_changes_hold_for_generated_tenders(
    bids: list[tuple[int, list[int]]], quality: float
) -> None:
    questions = [
        Question("a", "A", "c1", 0.5),
        Question("b", "B", "c1", 0.5),
        Question("d", "D", "c2", 1.0),
    ]
    names = [f"Bidder {i}" for i in range(len(bids))]
    tender = Tender(
        "generated",
        criteria=[Criterion("c1", "One", 0.6), Criterion("c2", "Two", 0.4)],
        questions=questions,
        bids=[Bid(n, float(p)) for n, (p, _) in zip(names, bids, strict=True)],
        marks=[
            Mark("E", n, q.id, m)
            for n, (_, row) in zip(names, bids, strict=True)
            for q, m in zip(questions, row, strict=True)
        ],
        consensus=[
            Consensus(n, q.id, m)
            for n, (_, row) in zip(names, bids, strict=True)
            for q, m in zip(questions, row, strict=True)
        ],
        quality_weight=quality,
        abnormally_low=None,
    )
    found = evaluate_tender(tender)
    result = fragility(found, splits=(0.5,))
    for change in result.marks:
        after = evaluate_tender(with_consensus(tender, change.bidder, change.question, change.mark))
        assert after.winner == change.winner != found.winner
        step = 1.0 if change.change > 0 else -1.0
        less = with_consensus(tender, change.bidder, change.question, change.mark - step)
        assert evaluate_tender(less).winner in {found.winner, None}  # at most a tie


def test_the_cost_of_changing_provider_is_explicit_and_checked() -> None:
    from scorecard.contracts import TenderError, Transition, transition

    at_half = evaluate_tender(EXAMPLE.tender, quality_weight=0.5)
    assert at_half.winner == "Brightpath Treatment Ltd"
    free = transition(at_half, Transition())
    assert all(c.penalty == 0 for c in free.cases)
    assert free.winner == at_half.winner
    cost, dip = 400_000.0, 0.05
    result = transition(at_half, Transition(cost=cost, dip=dip))
    incumbent = EXAMPLE.tender.incumbent
    raised = attrs.evolve(
        EXAMPLE.tender,
        bids=[
            b if b.incumbent else attrs.evolve(b, price=b.price + cost) for b in EXAMPLE.tender.bids
        ],
    )
    again = evaluate_tender(raised, quality_weight=0.5)  # the price rule on the raised prices
    k = at_half.bidders.index(incumbent or "")
    for case in result.cases:
        j = at_half.bidders.index(case.challenger)
        adjusted_j = 0.5 * at_half.quality[j] * (1 - dip) + 0.5 * again.price_scores[j]
        adjusted_k = 0.5 * at_half.quality[k] + 0.5 * again.price_scores[k]
        assert adjusted_j - adjusted_k == pytest.approx(case.lead - case.penalty)
    brightpath = next(c for c in result.cases if c.challenger == "Brightpath Treatment Ltd")
    assert brightpath.lead > 0
    assert not brightpath.pays
    assert result.winner == incumbent
    assert "so a change would not pay" in result.summary()
    no_incumbent = attrs.evolve(
        EXAMPLE.tender, bids=[attrs.evolve(b, incumbent=False) for b in EXAMPLE.tender.bids]
    )
    with pytest.raises(TenderError, match="no incumbent's bid"):
        transition(evaluate_tender(no_incumbent), Transition(cost=1))
    with pytest.raises(TenderError, match="dip is a share"):
        Transition(dip=1.5)


def test_the_cost_of_changing_notes_an_incumbent_that_fails_a_gate() -> None:
    from scorecard.contracts import Transition, transition

    capped = attrs.evolve(EXAMPLE.tender, affordability_cap=11_500_000)
    found = evaluate_tender(capped)  # the incumbent's 11.64m is now above the cap
    result = transition(found, Transition(cost=100_000))
    assert "cannot be awarded the contract" in result.summary()
    assert result.winner != EXAMPLE.tender.incumbent


def test_smaa_can_vary_the_criteria_weights_too() -> None:
    from scorecard.sensitivity import Uniform

    varied = fragility(
        EXAMPLE, split_range=(0.55, 0.65), knowledge={"quality": Uniform()}, samples=2_000
    )
    fixed = fragility(EXAMPLE, split_range=(0.55, 0.65), samples=2_000)
    assert varied.smaa is not None
    assert fixed.smaa is not None
    assert fixed.smaa.first.max() == 1.0  # Northdale wins everywhere from 55:45 to 65:35
    assert varied.smaa.first.max() < 1.0  # with the criteria weights free, others win too


def test_price_per_quality_point_has_no_split_but_marks_and_costs_still_count() -> None:
    from scorecard.contracts import PricePerQualityPoint, TenderError, Transition, transition
    from scorecard.widgets import TenderExplorer

    tender = attrs.evolve(EXAMPLE.tender, price_rule=PricePerQualityPoint())
    found = evaluate_tender(tender)
    per_point = found.per_point
    passing = [i for i in range(len(found.bidders)) if found.evaluation.passed[i]]
    best = min(passing, key=lambda i: per_point[i])
    assert found.winner == found.bidders[best]  # the lowest price per quality point
    result = fragility(found)
    assert result.crossings == ()
    assert result.common == ()
    assert result.summary().startswith(f"{found.winner} wins on price per quality point")
    for change in result.marks:  # checked against a fresh evaluation of the changed tender
        after = evaluate_tender(with_consensus(tender, change.bidder, change.question, change.mark))
        assert after.winner == change.winner != found.winner
    with pytest.raises(TenderError, match="no quality:price split"):
        fragility(found, split_range=(0.4, 0.6))
    case = transition(found, Transition(cost=400_000, dip=0.05))
    k = found.bidders.index(tender.incumbent or "")
    raised = attrs.evolve(
        tender,
        bids=[b if b.incumbent else attrs.evolve(b, price=b.price + 400_000) for b in tender.bids],
    )
    again = evaluate_tender(raised)
    for c in case.cases:
        j = found.bidders.index(c.challenger)
        mine = np.sqrt(found.quality[j] * 0.95 * again.price_scores[j])
        theirs = np.sqrt(found.quality[k] * again.price_scores[k])
        assert mine - theirs == pytest.approx(c.lead - c.penalty)
    explorer = TenderExplorer(tender, samples=100)
    assert explorer.tender_now() is tender
    assert explorer.found.winner == found.winner
