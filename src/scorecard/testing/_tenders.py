"""A Hypothesis strategy for valid tenders, to test award rules and their analyses.

Generated tenders vary in every way a tender can: one to three criteria with one to three
questions each (weights on the simplex, zeros allowed), one to ``max_bids`` bids with any
positive prices (ties too), one to three evaluators, marks anywhere on a 0-5 or 0-10 scale,
moderation by consensus (with reasons wherever marks differ), mean or median, either price
rule, and optional minimum marks. Bidder names are any non-blank Unicode text.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from scorecard._identity import canonical
from scorecard._price_rules import (
    LinearBetween,
    PricePerQualityPoint,
    PriceRule,
    RelativeToLowest,
)
from scorecard._tender import (
    Bid,
    Consensus,
    Criterion,
    Mark,
    QualityScale,
    Question,
    Tender,
)

__all__ = ["tenders"]


def _simplex(draw: st.DrawFn, n: int) -> list[float]:
    raw = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    if not sum(raw):
        raw[draw(st.integers(0, n - 1))] = 1
    total = sum(raw)
    weights = [r / total for r in raw]
    weights[-1] = 1 - sum(weights[:-1])  # exactly on the simplex within rounding
    return weights


@st.composite
def _tender(draw: st.DrawFn, max_bids: int, moderation: str | None) -> Tender:
    scale = QualityScale(maximum=draw(st.sampled_from([5.0, 10.0])), descriptors=())
    n_criteria = draw(st.integers(1, 3))
    criteria = [
        Criterion(f"c{k}", f"Criterion {k}", w) for k, w in enumerate(_simplex(draw, n_criteria))
    ]
    questions = []
    for c in criteria:
        count = draw(st.integers(1, 3))
        for j, w in enumerate(_simplex(draw, count)):
            minimum = draw(st.none() | st.integers(0, int(scale.maximum)).map(float))
            questions.append(Question(f"{c.id}q{j}", f"{c.label}, {j + 1}", c.id, w, minimum))
    names = draw(
        st.lists(
            st.text(min_size=1, max_size=12).filter(str.strip),
            min_size=1,
            max_size=max_bids,
            unique_by=canonical,  # names are compared as the identity rules say
        )
    )
    prices = draw(st.lists(st.integers(1, 10_000), min_size=len(names), max_size=len(names)))
    incumbent = draw(st.none() | st.integers(0, len(names) - 1))
    bids = [
        Bid(n, float(p), incumbent=k == incumbent)
        for k, (n, p) in enumerate(zip(names, prices, strict=True))
    ]
    evaluators = [f"E{k}" for k in range(draw(st.integers(1, 3)))]
    mark = st.integers(0, int(scale.maximum)).map(float)
    marks = [
        Mark(e, b.bidder, q.id, draw(mark)) for e in evaluators for b in bids for q in questions
    ]
    how = moderation or draw(st.sampled_from(["consensus", "mean", "median"]))
    consensus = []
    if how == "consensus":
        for b in bids:
            for q in questions:
                agreed = draw(mark)
                given = {m.mark for m in marks if m.bidder == b.bidder and m.question == q.id}
                reason = "" if given == {agreed} else "agreed in moderation"
                consensus.append(Consensus(b.bidder, q.id, agreed, reason))
    top = max(prices)
    rules: list[PriceRule] = [
        RelativeToLowest(),
        LinearBetween(floor=0, ceiling=float(top) * 1.5),
        PricePerQualityPoint(),
    ]
    rule = rules[draw(st.integers(0, len(rules) - 1))]
    return Tender(
        "generated tender",
        criteria=criteria,
        questions=questions,
        bids=bids,
        marks=marks,
        quality_weight=draw(st.integers(0, 10)) / 10,
        price_rule=rule,
        scale=scale,
        moderation=how,
        consensus=consensus,
        abnormally_low=None,
    )


def tenders(*, max_bids: int = 5, moderation: str | None = None) -> st.SearchStrategy[Tender]:
    """Valid tenders of up to ``max_bids`` bids (``moderation``: fix it, or None for any).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from scorecard.contracts import evaluate_tender
    >>> @settings(max_examples=5, database=None)
    ... @given(tenders(max_bids=3))
    ... def totals_in_range(tender):
    ...     totals = evaluate_tender(tender).totals
    ...     assert ((totals >= 0) & (totals <= 1)).all()
    >>> totals_in_range()
    """
    if max_bids < 1:
        raise InvalidArgument(f"max_bids must be at least 1, got {max_bids}")
    if moderation not in {None, "consensus", "mean", "median"}:
        raise InvalidArgument(f"moderation must be consensus, mean, median or None: {moderation!r}")
    return _tender(max_bids, moderation)
