"""Price rules against published worked examples (sources cited in each test).

Each example's inputs and printed results are copied from the source; where the source
rounds, the test rounds the same way. Collected 2026-12 (see docs/contracts.md).
"""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.contracts import (
    AbnormallyLow,
    Bid,
    Criterion,
    LinearBetween,
    Mark,
    PriceError,
    PricePerQualityPoint,
    QualityScale,
    Question,
    RelativeToLowest,
    Tender,
    evaluate_tender,
)


def relative(prices: list[float], points: float = 1.0) -> list[float]:
    names = [f"B{i}" for i in range(len(prices))]
    scores: list[float] = (points * RelativeToLowest().scores(np.array(prices), names)).tolist()
    return scores


def test_crown_commercial_service_digital_marketplace_fixed_quotes() -> None:
    """CCS Digital Marketplace buyers' guidance (quoted by Sharpe Pritchard, 2021, and Public
    Spend Forum Europe, 2016): "divide the cheapest quote by each supplier's quote"; quotes
    £15,000, £10,000, £30,000 score 0.667, 1 and 0.333."""
    assert [round(x, 3) for x in relative([15_000, 10_000, 30_000])] == [0.667, 1.0, 0.333]


def test_brodies_2024_percentages_of_the_price_score() -> None:
    """Brodies LLP, "A new approach to evaluating price submissions in tenders" (2024):
    £1m, £1.2m, £2m receive 100%, 83% and 50% (rounded to whole numbers)."""
    assert [round(x) for x in relative([1e6, 1.2e6, 2e6], 100)] == [100, 83, 50]


def test_impact_bids_forty_price_points() -> None:
    """Impact Bids, "The Quality Imperative": 40 x (100/105) = 38 points, 40 x (100/108) = 37."""
    assert [round(x) for x in relative([100, 105, 108], 40)] == [40, 38, 37]


def test_negometrix_low_bid_formula_and_total() -> None:
    """Negometrix (Mercell) support, "Low Bid Scoring Formula": price max 70; $10,000 scores
    8,000 / 10,000 x 70 = 56, $8,000 scores 70; with quality 40 + 30 + 20 (A) and 32 + 20 + 22
    (B) of 130, A totals 146 (73%) and B 144 (72%): A wins."""
    assert relative([10_000, 8_000], 70) == [56.0, 70.0]
    # As a tender: three questions of 60, 40 and 30 points (marks 0-60 etc. as shares of a
    # 0-100 scale give the same shares), quality 130 of 200 points = 0.65.
    questions = [
        Question("experience", "Experience", "q", 60 / 130),
        Question("assurance", "Quality assurance", "q", 40 / 130),
        Question("time", "Time to completion", "q", 30 / 130),
    ]
    marks = {"A": (40 / 60, 30 / 40, 20 / 30), "B": (32 / 60, 20 / 40, 22 / 30)}
    tender = Tender(
        "Negometrix example",
        criteria=[Criterion("q", "Quality", 1.0)],
        questions=questions,
        bids=[Bid("A", 10_000), Bid("B", 8_000)],
        marks=[
            Mark("E", b, q.id, 100 * share)
            for b, row in marks.items()
            for q, share in zip(questions, row, strict=True)
        ],
        quality_weight=130 / 200,
        scale=QualityScale(maximum=100, step=0, descriptors=()),
        moderation="mean",
        abnormally_low=None,
    )
    found = evaluate_tender(tender)
    assert [round(200 * x) for x in found.totals] == [146, 144]
    assert found.winner == "A"


def test_vergabeblog_2020_ufab_ii_formula() -> None:
    """Vergabeblog, "Der Fisch an der Angel" (part 2, 30 Jan 2020): with P_min 300 Euro an
    offer of 400 Euro gets 0.75 (300 / 400)."""
    assert relative([300, 400]) == [1.0, 0.75]


def test_a_zero_price_cannot_be_divided_by() -> None:
    """Bevan Brittan, "Procurement pitfalls 1 - pricing formulae" (2019): a nil price makes
    lowest / price undefined ("any number divided by zero is undefined"); it is an error
    naming the bid, never a silent score."""
    with pytest.raises(PriceError, match="bid 'B1': price 0 cannot be scored"):
        relative([10, 0])


def test_telgen_and_manunza_2017_absolute_price_points() -> None:
    """Telgen and Manunza (PPRC), "Non-intentional price preferences" (2017): price scores 80
    points at $0 and none at $80,000, in a straight line; $18,000 scores 62, $13,000 67."""
    rule = LinearBetween(floor=0, ceiling=80_000)
    assert (80 * rule.scores(np.array([18_000.0, 13_000.0]), ["1", "2"])).tolist() == [62.0, 67.0]


def test_a_linear_score_between_a_hoped_for_price_and_a_limit() -> None:
    """stegriff.co.uk, "Scoring values from 0 to 10": 10 x (8995 - p) / (8995 - 5995); £6450
    scores 8.48 and £7295 5.67 (a generic worked example of the same line)."""
    rule = LinearBetween(floor=5995, ceiling=8995)
    got = 10 * rule.scores(np.array([6450.0, 7295.0]), ["a", "b"])
    assert [round(x, 2) for x in got.tolist()] == [8.48, 5.67]


def test_portugal_2008_abnormally_low_against_the_base_price() -> None:
    """Portugal, Código dos Contratos Públicos (2008) art. 71: a price 50% or more below the
    base price of a contract other than works is abnormally low; base EUR 1,000,000. The
    package's rule flags a price *more than* the share below; a price just under the line is
    flagged, one at 60% of the base is not (boundary stated, not copied)."""
    rule = AbnormallyLow(share=0.5, reference="budget", budget=1_000_000)
    flagged = rule.flagged(np.array([499_999.0, 600_000.0]), ["low", "fine"])
    assert [b for b, _ in flagged] == ["low"]


def _per_point(offers: list[tuple[str, float, float]]) -> Tender:
    """Offers as (name, quality points of 100, price), one question on a 0-100 scale."""
    return Tender(
        "price per quality point",
        criteria=[Criterion("c", "Quality", 1.0)],
        questions=[Question("q", "Quality points", "c", 1.0)],
        bids=[Bid(n, p) for n, _, p in offers],
        marks=[Mark("E", n, "q", points) for n, points, _ in offers],
        quality_weight=0.5,  # not used: there is no split
        price_rule=PricePerQualityPoint(),
        scale=QualityScale(maximum=100, step=0),
        moderation="mean",
        abnormally_low=None,
    )


def test_ufab_simple_value_method() -> None:
    """UfAB VI (2016), "einfache Richtwertmethode", as shown by Fachverlag Ferber (29 May
    2016): 60 points for 65,000 Euro, 75 for 74,000, 100 for 100,000; the offer with the best
    ratio wins: offer 2, neither the cheapest nor the best (price per point 1,083.33, 986.67
    and 1,000.00)."""
    found = evaluate_tender(
        _per_point(
            [("Angebot 1", 60, 65_000), ("Angebot 2", 75, 74_000), ("Angebot 3", 100, 100_000)]
        )
    )
    assert found.winner == "Angebot 2"
    assert [round(x, 2) for x in found.per_point.tolist()] == [1083.33, 986.67, 1000.0]
    assert found.ranking == ("Angebot 2", "Angebot 3", "Angebot 1")
    assert "first on price per quality point, 986.67" in found.summary()


def test_price_per_point_ties_what_it_cannot_tell_apart() -> None:
    """Denfield, "Goldilocks and the three problems" (Local Government Lawyer), scenario 1:
    quality 50 for 50, 75 for 75, 100 for 100: price per quality point is 1.0 for all three,
    a three-way tie (the relative formula at 50:50 would instead rank the middle bid last)."""
    found = evaluate_tender(_per_point([("A", 50, 50), ("B", 75, 75), ("C", 100, 100)]))
    assert found.winner is None
    assert found.first == ("A", "B", "C")
