"""Properties of tender evaluation over generated tenders (scorecard.testing.strategies.tenders)."""

from __future__ import annotations

import attrs
import numpy as np
from hypothesis import given, settings

from scorecard.contracts import Tender, evaluate_tender
from scorecard.testing.strategies import tenders


@given(tenders())
def test_totals_lie_in_range_and_failing_bids_rank_last(tender: Tender) -> None:
    found = evaluate_tender(tender)
    totals = found.totals
    assert ((totals >= -1e-12) & (totals <= 1 + 1e-12)).all()
    ev = found.evaluation
    if ev.passed.any() and not ev.passed.all():
        assert ev.ranks[ev.passed].max() < ev.ranks[~ev.passed].min()
    assert found.winner is None or ev.passed[found.bidders.index(found.winner)]


@given(tenders())
def test_the_order_of_the_bids_changes_nothing(tender: Tender) -> None:
    found = evaluate_tender(tender)
    flipped = evaluate_tender(attrs.evolve(tender, bids=tuple(reversed(tender.bids))))
    for bidder in tender.bidders:
        i, j = found.bidders.index(bidder), flipped.bidders.index(bidder)
        assert np.isclose(found.totals[i], flipped.totals[j], rtol=0, atol=1e-12)
        assert found.failures(bidder) == flipped.failures(bidder)


@settings(max_examples=60)
@given(tenders(moderation="consensus"))
def test_a_higher_mark_never_lowers_a_bids_total(tender: Tender) -> None:
    found = evaluate_tender(tender)
    target = tender.consensus[0]
    if target.mark + tender.scale.step > tender.scale.maximum:
        return
    raised = [
        attrs.evolve(c, mark=c.mark + tender.scale.step, reason="raised for the property")
        if c is target
        else c
        for c in tender.consensus
    ]
    after = evaluate_tender(attrs.evolve(tender, consensus=raised))
    i = found.bidders.index(target.bidder)
    assert after.totals[i] >= found.totals[i] - 1e-12
    others = [k for k in range(len(found.bidders)) if k != i]
    assert np.allclose(after.totals[others], found.totals[others], rtol=0, atol=1e-12)


@given(tenders())
def test_tenders_round_trip_through_json(tender: Tender) -> None:
    again = Tender.from_json(tender.to_json())
    assert again == tender


@settings(max_examples=30, deadline=None)
@given(tenders(max_bids=3))
def test_the_reported_mark_changes_are_the_smallest_by_brute_force(tender: Tender) -> None:
    """Every bid, question and mark the scale allows, evaluated in full: the search reports
    exactly the cells where one mark can make another bid the sole leader, each with the
    smallest change."""
    from scorecard.contracts import fragility
    from scorecard.contracts._marks import smallest_by_evaluation

    found = evaluate_tender(tender)
    reported = {(c.bidder, c.question): abs(c.change) for c in fragility(found, splits=()).marks}
    expected = smallest_by_evaluation(found)
    assert reported.keys() == expected.keys()
    for key, change in expected.items():
        assert np.isclose(reported[key], change, rtol=0, atol=1e-9), key
