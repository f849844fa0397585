"""A tender evaluated: a scorecard of its criteria and questions, and an `Evaluation` of the bids.

The tender becomes a value tree (quality: criteria, then questions; price: one price score)
with the tender's weights, and the bids a performance table (moderated marks, price scores),
so thresholds, one-way sweeps, SMAA and the weight explorer work on a tender as on any card.
Minimum marks, criterion and quality minimums, pass/fail conditions and the affordability cap
are gates (`Gated`): a failing bid keeps its score, ranks after every passing bid, and says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray
from scorecard._metric import Direction, Metric
from scorecard._table import PerformanceTable
from scorecard._tender import Tender, TenderError
from scorecard._weights import Weights
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.contracts._moderation import Moderated, moderate
from scorecard.evaluation import Evaluation
from scorecard.scales import Linear
from scorecard.tree import Domain, Scorecard

__all__ = [
    "PRICE_METRIC",
    "TenderEvaluation",
    "evaluate_tender",
    "leader",
    "scored",
    "split_text",
    "tender_card",
]

TIE: Final = 1e-12
"""Totals closer than this are a tie (rounding, not a difference between bids)."""
PRICE_METRIC: Final = "price_score"
"""The id of the price metric in a tender's scorecard: the score its price rule gives a price."""
QUALITY_METRIC: Final = "quality_points"
"""Under price per quality point, the card's one quality metric: the share of the points."""
"""The tender card's one price metric: the price rule's score, 0 to 1."""
_QUALITY, _PRICE = "quality", "price"


def leader(ev: Evaluation) -> str | None:
    """The one passing provider with the highest score; None if none passes or two tie."""
    passing = [i for i in range(len(ev.providers)) if ev.passed[i]]
    if not passing:
        return None
    top = max(float(ev.scores[i]) for i in passing)
    first = [i for i in passing if float(ev.scores[i]) >= top - TIE]
    return ev.providers[first[0]] if len(first) == 1 else None


def split_text(quality_weight: float) -> str:
    """A quality:price split as tender documents write it: 0.6 is "60:40", 0.625 "62.5:37.5"."""
    q = round(100 * quality_weight, 1)
    return f"{q:g}:{round(100 - q, 1):g}"


def tender_card(tender: Tender, *, quality_weight: float | None = None) -> Scorecard:
    """The tender as a value tree: quality (criteria, then questions) beside price.

    Each question is a metric in marks, valued along the quality scale; price is one metric,
    the price rule's score. Weights are the tender's (``quality_weight`` overrides the split).
    """
    scale = tender.scale
    q = tender.quality_weight if quality_weight is None else float(quality_weight)
    price = Metric(
        PRICE_METRIC,
        f"Price score ({tender.price_rule.rule})",
        unit="score",
        direction=Direction.HIGHER,
        scale=Linear(worst=0.0, best=1.0),
        description=tender.price_rule.describe(),
    )
    if tender.price_rule.per_quality_point:
        return _per_point_card(tender, price)
    criteria = [
        Domain(
            c.id,
            c.label,
            metrics=[
                Metric(
                    x.id,
                    x.label,
                    unit="marks",
                    direction=Direction.HIGHER,
                    scale=Linear(worst=scale.minimum, best=scale.maximum),
                )
                for x in tender.questions_of(c.id)
            ],
        )
        for c in tender.criteria
    ]
    local = {_QUALITY: q, _PRICE: 1.0 - q, PRICE_METRIC: 1.0}
    local |= {c.id: c.weight for c in tender.criteria}
    local |= {x.id: x.weight for x in tender.questions}
    return Scorecard(
        tender.name,
        domains=[
            Domain(_QUALITY, "Quality", domains=criteria),
            Domain(_PRICE, "Price", metrics=[price]),
        ],
        weights=Weights(local),
    )


def _per_point_card(tender: Tender, price: Metric) -> Scorecard:
    """Price per quality point: quality points beside the price score, equal factors."""
    points = Metric(
        QUALITY_METRIC,
        "Quality points (share of those available)",
        unit="share",
        direction=Direction.HIGHER,
        scale=Linear(worst=0.0, best=1.0),
        description="the criteria and questions weighted as published",
    )
    return Scorecard(
        tender.name,
        domains=[
            Domain(_QUALITY, "Quality", metrics=[points]),
            Domain(_PRICE, "Price", metrics=[price]),
        ],
        weights=Weights({_QUALITY: 0.5, _PRICE: 0.5, QUALITY_METRIC: 1.0, PRICE_METRIC: 1.0}),
    )


@attrs.frozen(eq=False)
class TenderEvaluation:
    """A tender's bids scored, ranked and gated, with the moderation and price evidence.

    ``evaluation`` is an ordinary `Evaluation` of the tender's card (`tender_card`): its
    providers are the bidders, its scores the total (quality and price, 0 to 1), its ranks put
    every bid that fails a gate after every bid that passes. ``failures`` gives each bidder's
    failed gates in words; ``price_notes`` the bids at an absolute rule's floor or ceiling;
    ``abnormally_low`` the bids the stated rule flags for clarification.
    """

    tender: Tender
    moderated: Moderated
    evaluation: Evaluation
    price_scores: FloatArray
    price_notes: tuple[tuple[str, str], ...]
    abnormally_low: tuple[tuple[str, str], ...]
    gate_words: tuple[tuple[str, ...], ...]
    """Per bid (in bid order), each failed gate in words."""
    shares: Mapping[str, FloatArray] = attrs.field(factory=dict)
    """Each criterion's share of its available points, per bid (published weights inside)."""

    @property
    def bidders(self) -> tuple[str, ...]:
        """Bidders in bid order."""
        return self.tender.bidders

    @property
    def quality_weight(self) -> float:
        """Quality's share of the total in this evaluation (the tender's, unless overridden)."""
        return float(self.evaluation.weights[_QUALITY])

    @property
    def totals(self) -> FloatArray:
        """(B,) each bid's total score, 0 to 1."""
        return self.evaluation.scores

    @property
    def quality(self) -> FloatArray:
        """(B,) each bid's quality score, 0 to 1 (its share of the available quality points)."""
        return self.evaluation.domain_scores[_QUALITY]

    def criterion(self, criterion: str) -> FloatArray:
        """(B,) each bid's share of ``criterion``'s available points."""
        if criterion in self.evaluation.domain_scores:
            return self.evaluation.domain_scores[criterion]  # the weights shown
        return self.shares[criterion]

    @property
    def per_point(self) -> FloatArray:
        """(B,) each bid's price per quality point (a point: 1% of the available quality)."""
        with np.errstate(divide="ignore"):
            return np.asarray(
                np.array([b.price for b in self.tender.bids]) / (100 * self.quality),
                dtype=np.float64,
            )

    @property
    def ranking(self) -> tuple[str, ...]:
        """Bidders from first to last (failing bids last)."""
        return self.evaluation.ranking

    @property
    def first(self) -> tuple[str, ...]:
        """The passing bids with the highest total (more than one: a tie), in bid order."""
        ev = self.evaluation
        passing = [i for i in range(len(self.bidders)) if ev.passed[i]]
        if not passing:
            return ()
        top = max(float(ev.scores[i]) for i in passing)
        return tuple(self.bidders[i] for i in passing if float(ev.scores[i]) >= top - TIE)

    @property
    def winner(self) -> str | None:
        """The one passing bid with the highest total; None if no bid passes or two tie."""
        first = self.first
        return first[0] if len(first) == 1 else None

    def failures(self, bidder: str) -> tuple[str, ...]:
        """The gates ``bidder`` fails, in words (empty: it passes them all)."""
        return self.gate_words[self.bidders.index(bidder)]

    def to_columns(self) -> dict[str, list[Any]]:
        """One row per bid, first to last: rank, total, quality, price, each criterion, gates."""
        ev = self.evaluation
        order = [self.bidders.index(b) for b in self.ranking]
        columns: dict[str, list[Any]] = {
            "bidder": [self.bidders[i] for i in order],
            "rank": [int(ev.ranks[i]) for i in order],
            "total": [float(ev.scores[i]) for i in order],
            "quality": [float(self.quality[i]) for i in order],
            "price": [self.tender.bids[i].price for i in order],
            "price_score": [float(self.price_scores[i]) for i in order],
        }
        for c in self.tender.criteria:
            columns[c.id] = [float(self.criterion(c.id)[i]) for i in order]
        columns["passes"] = [bool(ev.passed[i]) for i in order]
        columns["fails"] = ["; ".join(self.gate_words[i]) for i in order]
        return columns

    def summary(self) -> str:
        """A few sentences: who is first, by how much, and who fails which gate."""
        ev = self.evaluation
        split = (
            "price per quality point"
            if self.tender.price_rule.per_quality_point
            else f"{split_text(self.quality_weight)} quality:price"
        )
        passing = [b for b in self.ranking if not self.failures(b)]
        if not passing:
            head = f"No bid passes every gate ({split})."
        elif len(self.first) > 1:
            head = (
                f"{' and '.join(self.first)} tie for first at {split}, scoring "
                f"{ev.scores[self.bidders.index(self.first[0])]:.3f}: the tender's tie-break "
                "rule decides."
            )
        else:
            first = passing[0]
            i = self.bidders.index(first)
            if self.tender.price_rule.per_quality_point:
                head = f"{first} is first on price per quality point, {self.per_point[i]:,.2f}"
                if len(passing) > 1:
                    k = self.bidders.index(passing[1])
                    head += f" against {self.per_point[k]:,.2f} for {passing[1]}"
            else:
                head = f"{first} is first at {split}, scoring {ev.scores[i]:.3f}"
                if len(passing) > 1:
                    k = self.bidders.index(passing[1])
                    head += f", {ev.scores[i] - ev.scores[k]:.3f} ahead of {passing[1]}"
            head += "."
        lines = [head]
        lines += [
            f"{b} fails: {'; '.join(self.failures(b))}." for b in self.bidders if self.failures(b)
        ]
        lines += [f"{b}: {why}; clarification is due." for b, why in self.abnormally_low]
        lines += [f"{b}: {why}." for b, why in self.price_notes]
        return " ".join(lines)

    def with_quality_weight(self, quality_weight: float) -> TenderEvaluation:
        """The same tender at another quality:price split (the marks and prices kept)."""
        return evaluate_tender(self.tender, quality_weight=quality_weight)


def evaluate_tender(tender: Tender, *, quality_weight: float | None = None) -> TenderEvaluation:
    """Moderate, score prices, build the tender's card and evaluate every bid.

    ``quality_weight`` overrides the tender's quality:price split (for "what if" questions).

    Examples
    --------
    >>> from scorecard.datasets import example_tender
    >>> found = evaluate_tender(example_tender())
    >>> found.winner in found.bidders
    True
    """
    if quality_weight is not None and not 0 <= quality_weight <= 1:
        raise TenderError(
            f"quality_weight must lie in [0, 1] (quality's share), got {quality_weight}"
        )
    moderated = moderate(tender)
    prices = np.array([b.price for b in tender.bids], dtype=np.float64)
    bidders = list(tender.bidders)
    evaluation, gate_words, price_scores = scored(tender, moderated.points, quality_weight)
    shares = criterion_shares(tender, moderated.points)
    beyond = getattr(tender.price_rule, "beyond", None)
    notes = list(beyond(prices, bidders)) if beyond is not None else []
    if tender.price_rule.relative:
        notes += [
            (b, "fails a gate, so it is left out of the relative price benchmark")
            for b, ok in zip(bidders, evaluation.passed, strict=True)
            if not ok and evaluation.passed.any()
        ]
    low = tender.abnormally_low.flagged(prices, bidders) if tender.abnormally_low else []
    return TenderEvaluation(
        tender, moderated, evaluation, price_scores, tuple(notes), tuple(low), gate_words, shares
    )


def scored(
    tender: Tender, points: FloatArray, quality_weight: float | None = None
) -> tuple[Evaluation, tuple[tuple[str, ...], ...], FloatArray]:
    """The evaluation of moderated marks ``points`` (B x Q), its gate words and price scores.

    The gates are checked first; a relative price rule's benchmark is the lowest price among
    the bids that pass them. What-if analyses call it with one mark changed.
    """
    card = tender_card(tender, quality_weight=quality_weight)
    prices = np.array([b.price for b in tender.bids], dtype=np.float64)
    per_point = tender.price_rule.per_quality_point
    shares = criterion_shares(tender, points)
    columns, words = _gate_columns(tender, points, prices, shares, questions=per_point)
    passing = _passing(tender, points, columns)
    price_scores = tender.price_rule.scores(prices, list(tender.bidders), among=passing)
    if per_point:
        weights = np.array([c.weight for c in tender.criteria])
        quality = np.column_stack([shares[c.id] for c in tender.criteria]) @ weights
        metrics, first = [QUALITY_METRIC], quality[:, None]
        minimums: dict[str, float | str] = {}
        base: Additive | Geometric = Geometric(floor=0.0)
    else:
        metrics, first = [q.id for q in tender.questions], points
        minimums = {q.id: float(q.minimum) for q in tender.questions if q.minimum is not None}
        base = Additive()
    values = np.column_stack([first, price_scores, *columns.values()])
    table = PerformanceTable(
        tender.bidders,
        [*metrics, PRICE_METRIC, *columns],
        values,
        synthetic=tender.synthetic,
    )
    gated = bool(minimums or columns)
    aggregation = Gated(minimums, base=base, columns=dict.fromkeys(columns, 1.0)) if gated else base
    evaluation = card.evaluate(table, aggregation=aggregation)
    failed = evaluation.gate_failures
    gate_words = tuple(
        tuple(words[g][i] for g, f in zip(evaluation.gates, failed[i], strict=True) if f)
        for i in range(len(tender.bids))
    )
    price_scores.setflags(write=False)
    return evaluation, gate_words, price_scores


def criterion_shares(tender: Tender, points: FloatArray) -> dict[str, FloatArray]:
    """Each criterion's share of its available points per bid, at the published weights."""
    scale = tender.scale
    shares = (points - scale.minimum) / (scale.maximum - scale.minimum)  # (B, Q)
    position = {q.id: j for j, q in enumerate(tender.questions)}
    out = {}
    for c in tender.criteria:
        inside = tender.questions_of(c.id)
        w = np.array([x.weight for x in inside])
        out[c.id] = shares[:, [position[x.id] for x in inside]] @ w
    return out


def _passing(tender: Tender, points: FloatArray, columns: dict[str, FloatArray]) -> BoolArray:
    """(B,) the bids that pass every gate: minimum marks and the 0/1 gate columns."""
    ok = np.ones(len(tender.bids), dtype=np.bool_)
    for j, q in enumerate(tender.questions):
        if q.minimum is not None:
            ok &= points[:, j] >= q.minimum
    for column in columns.values():
        ok &= column >= 1.0
    return ok


def _gate_columns(
    tender: Tender,
    points: FloatArray,
    prices: FloatArray,
    criterion_share: Mapping[str, FloatArray],
    *,
    questions: bool = False,
) -> tuple[dict[str, FloatArray], dict[str, Sequence[str]]]:
    """Pass (1) / fail (0) columns for the gates the scores do not hold, and each gate's words.

    Question minimums are gates on the marks themselves (``questions``: as columns too, when
    the card has no question metrics); criterion and quality minimums, conditions and the cap
    become 0/1 columns worked out at the tender's own question and criterion weights (a
    published method fixes them).
    """
    columns: dict[str, FloatArray] = {}
    words: dict[str, Sequence[str]] = {}
    for j, q in enumerate(tender.questions):
        if q.minimum is not None:
            marks = points[:, j]
            name = f"minimum mark: {q.id}" if questions else q.id
            if questions:
                columns[name] = (marks >= q.minimum).astype(np.float64)
            words[name] = [
                f"{q.label}: mark {m:g}, below the minimum {q.minimum:g}" for m in marks.tolist()
            ]
    for c in tender.criteria:
        if c.minimum is not None:
            name = f"criterion minimum: {c.id}"
            got = criterion_share[c.id]
            columns[name] = (got >= c.minimum - 1e-12).astype(np.float64)
            words[name] = [
                f"{c.label}: {g:.0%} of its points, below the minimum {c.minimum:.0%}"
                for g in got.tolist()
            ]
    if tender.quality_minimum is not None:
        cw = np.array([c.weight for c in tender.criteria])
        got = np.column_stack([criterion_share[c.id] for c in tender.criteria]) @ cw
        columns["quality minimum"] = (got >= tender.quality_minimum - 1e-12).astype(np.float64)
        words["quality minimum"] = [
            f"quality: {g:.0%} of the points, below the minimum {tender.quality_minimum:.0%}"
            for g in got.tolist()
        ]
    for condition in tender.conditions:
        name = f"condition: {condition.id}"
        columns[name] = np.array(
            [0.0 if b in condition.failed else 1.0 for b in tender.bidders], dtype=np.float64
        )
        words[name] = [
            f"{condition.label}: not met ({condition.failed.get(b, '')})" for b in tender.bidders
        ]
    if tender.affordability_cap is not None:
        cap = tender.affordability_cap
        columns["affordability cap"] = (prices <= cap).astype(np.float64)
        words["affordability cap"] = [
            f"price {p:,.2f} above the affordability cap {cap:,.2f}" for p in prices.tolist()
        ]
    return columns, words
