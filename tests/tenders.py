"""Small tenders for tests: one criterion, one question, a 0-10 scale, one evaluator, mean."""

from __future__ import annotations

from typing import Any

from scorecard.contracts import Bid, Criterion, Mark, QualityScale, Question, Tender


def one_question(bids: list[tuple[str, float, int]], **changes: Any) -> Tender:
    """Bids as (bidder, price, mark out of 10), quality and price 50:50 unless changed."""
    fields: dict[str, Any] = {
        "name": "one question",
        "criteria": [Criterion("c", "Quality", 1.0)],
        "questions": [Question("q", "The one question", "c", 1.0)],
        "bids": [Bid(b, p) for b, p, _ in bids],
        "marks": [Mark("E", b, "q", m) for b, _, m in bids],
        "quality_weight": 0.5,
        "scale": QualityScale(maximum=10),
        "moderation": "mean",
        "abnormally_low": None,
    }
    fields.update(changes)
    return Tender(**fields)
