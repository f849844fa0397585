"""A tender: award criteria and their questions, bids, evaluators' marks, moderation, gates.

Everything is checked when the tender is made, and every error names what it is about: the
criterion, the question, the bid, the evaluator. Weights are local, as in a scorecard: each
criterion's share of quality, each question's share of its criterion, and the split between
quality and price.
"""

from __future__ import annotations

import math
import os
import types
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from scorecard._identity import canonical
from scorecard._metric import check_id
from scorecard._price_rules import AbnormallyLow, PriceRule, RelativeToLowest
from scorecard.errors import TenderError

__all__ = [
    "DEFAULT_DESCRIPTORS",
    "MODERATION",
    "PSR_KEY_CRITERIA",
    "RESERVED",
    "Bid",
    "Condition",
    "Consensus",
    "Criterion",
    "Descriptor",
    "Mark",
    "QualityScale",
    "Question",
    "Tender",
    "TenderError",
]

WEIGHT_TOLERANCE: Final = 1e-9
"""How far a group of weights may sum from 1 (rounding in a file, not a mistake)."""
MODERATION: Final = ("consensus", "mean", "median")
"""How the evaluators' marks become one score per bid and question."""
RESERVED: Final = frozenset({"root", "quality", "price", "price_score"})
"""Ids the tender's scorecard uses itself: no criterion or question may take them."""
PSR_KEY_CRITERIA: Final = (
    ("quality_innovation", "Quality and innovation"),
    ("value", "Value"),
    ("integration", "Integration, collaboration and service sustainability"),
    ("access", "Improving access, reducing health inequalities and facilitating choice"),
    ("social_value", "Social value"),
)
"""The five key criteria of the Provider Selection Regime (2023), as (id, label)."""


@attrs.frozen
class Descriptor:
    """What one mark means, as the tender documents publish it."""

    mark: float = attrs.field(converter=float)
    text: str


DEFAULT_DESCRIPTORS: Final = (
    Descriptor(0, "Unacceptable: no response, or it does not meet the requirement"),
    Descriptor(1, "Poor: major gaps or risks"),
    Descriptor(2, "Weak: meets some of the requirement, with gaps"),
    Descriptor(3, "Satisfactory: meets the requirement"),
    Descriptor(4, "Good: meets it fully, with some added value"),
    Descriptor(5, "Excellent: exceeds it, with clear evidence"),
)
"""A common 0-5 quality scale's descriptors."""


def _descriptors(value: Iterable[Descriptor]) -> tuple[Descriptor, ...]:
    return tuple(value)


def _schedule(value: Mapping[str, float]) -> Mapping[str, float]:
    return types.MappingProxyType({str(k): float(v) for k, v in dict(value).items()})


def _failed(value: Mapping[str, str]) -> Mapping[str, str]:
    return types.MappingProxyType({_name(k): str(v) for k, v in dict(value).items()})


def _name(value: object) -> str:
    """A bidder's or evaluator's name by the identity rules; text that is not blank."""
    if not isinstance(value, str):
        raise TenderError(f"names must be text, got {value!r}")
    name = canonical(value)
    if not name:
        raise TenderError("a bidder or evaluator has an empty name")
    return name


def _usual(scale: QualityScale) -> tuple[Descriptor, ...]:
    return DEFAULT_DESCRIPTORS if (scale.minimum, scale.maximum, scale.step) == (0, 5, 1) else ()


@attrs.frozen
class QualityScale:
    """The marks an evaluator may give: ``minimum`` to ``maximum`` in steps of ``step``.

    ``step`` 0 allows any mark in the range (points awarded out of 60, say).
    ``descriptors`` say what each mark means (the tender documents publish them).

    Examples
    --------
    >>> QualityScale().check(4.0, where="bid 'A', question 'q1'")
    4.0
    """

    minimum: float = attrs.field(default=0.0, converter=float)
    maximum: float = attrs.field(default=5.0, converter=float)
    step: float = attrs.field(default=1.0, converter=float)
    descriptors: tuple[Descriptor, ...] = attrs.field(
        default=attrs.Factory(_usual, takes_self=True),
        converter=_descriptors,
    )
    """What each mark means (default: the usual descriptors on a 0-5 scale in whole marks,
    none on any other scale)."""

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.minimum) and math.isfinite(self.maximum)):
            raise TenderError("quality scale: minimum and maximum must be finite")
        if self.minimum >= self.maximum:
            raise TenderError(
                f"quality scale: minimum {self.minimum:g} must be below maximum {self.maximum:g}"
            )
        if not (self.step >= 0 and math.isfinite(self.step)):
            raise TenderError(
                f"quality scale: step must be 0 (any mark) or more, got {self.step:g}"
            )
        for d in self.descriptors:
            self.check(d.mark, where="a descriptor")
        marks = [d.mark for d in self.descriptors]
        if len(set(marks)) != len(marks):
            raise TenderError("quality scale: a mark has two descriptors")

    def check(self, mark: float, *, where: str) -> float:
        """``mark`` if the scale allows it, else a `TenderError` naming ``where``."""
        value = float(mark)
        steps = (value - self.minimum) / self.step if self.step else 0.0
        if not (
            math.isfinite(value)
            and self.minimum <= value <= self.maximum
            and abs(steps - round(steps)) < 1e-9  # noqa: PLR2004
        ):
            grid = f" in steps of {self.step:g}" if self.step else ""
            raise TenderError(
                f"{where}: mark {mark!r} is not on the scale ({self.minimum:g} to "
                f"{self.maximum:g}{grid})"
            )
        return value


@attrs.frozen
class Criterion:
    """An award criterion: its share of quality and an optional minimum.

    ``minimum`` is the least share of the criterion's available points a bid must reach (0.5:
    half the points), else the bid fails that gate.
    """

    id: str
    label: str
    weight: float = attrs.field(converter=float)
    minimum: float | None = None


@attrs.frozen
class Question:
    """A question under a criterion: its share of the criterion and an optional minimum mark."""

    id: str
    label: str
    criterion: str
    weight: float = attrs.field(converter=float)
    minimum: float | None = None


@attrs.frozen
class Bid:
    """A bidder's offer: the (lifetime) price, and whether it holds the contract now.

    Names follow the package's identity rules (trimmed, Unicode NFC), as provider names do.
    """

    bidder: str = attrs.field(converter=_name)
    price: float = attrs.field(converter=float)
    incumbent: bool = False
    schedule: Mapping[str, float] = attrs.field(factory=dict, converter=_schedule)
    """The price broken down (by year, or by element of the service); it must sum to
    ``price``."""

    def __attrs_post_init__(self) -> None:
        if self.schedule:
            total = math.fsum(self.schedule.values())
            if not math.isclose(total, self.price, rel_tol=1e-9, abs_tol=0.005):
                raise TenderError(
                    f"bid {self.bidder!r}: its price schedule sums to {total:,.2f}, not the price "
                    f"{self.price:,.2f}"
                )
            bad = [k for k, v in self.schedule.items() if not (math.isfinite(v) and v >= 0)]
            if bad:
                raise TenderError(f"bid {self.bidder!r}: schedule line {bad[0]!r} is not a price")


@attrs.frozen
class Mark:
    """One evaluator's mark for one bid on one question, with the reason written for it."""

    evaluator: str = attrs.field(converter=_name)
    bidder: str = attrs.field(converter=_name)
    question: str
    mark: float = attrs.field(converter=float)
    reason: str = ""


@attrs.frozen
class Consensus:
    """The moderated mark for one bid on one question, and why (required if marks differed)."""

    bidder: str = attrs.field(converter=_name)
    question: str
    mark: float = attrs.field(converter=float)
    reason: str = ""


@attrs.frozen
class Condition:
    """A pass/fail condition (a PSR basic selection criterion, a condition of participation).

    ``failed`` maps each bidder that fails it to the reason; every other bid passes.
    """

    id: str
    label: str
    failed: Mapping[str, str] = attrs.field(factory=dict, converter=_failed)


def _tuple(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(value)


@attrs.frozen
class Tender:
    """A tender for one lot: criteria, questions, bids, marks, price rule, moderation, gates.

    Parameters
    ----------
    name
        The tender (and lot), as the documents name it.
    criteria, questions
        Award criteria (weights: shares of quality, summing to 1) and their questions
        (weights: shares of their criterion, summing to 1 within each).
    bids
        One per bidder; at most one marked ``incumbent``.
    marks
        Every evaluator's mark for every bid on every question.
    quality_weight
        Quality's share of the total (0.6 for a 60:40 quality:price split); price has the rest.
    price_rule
        How prices become scores (default `RelativeToLowest`).
    scale
        The marks allowed (default 0-5 in whole marks).
    moderation
        "consensus" (then ``consensus`` holds a mark, with a reason where the evaluators'
        marks differ, for every bid and question), "mean" or "median" of the evaluators.
    conditions
        Pass/fail conditions; a bid failing one fails the tender's gate of that name.
    quality_minimum
        The least share of the available quality points a bid must reach, if any.
    affordability_cap
        The most the authority can pay; a bid above it fails that gate.
    abnormally_low
        The stated rule that flags low prices for clarification (never exclusion).
    """

    name: str
    criteria: tuple[Criterion, ...] = attrs.field(converter=_tuple)
    questions: tuple[Question, ...] = attrs.field(converter=_tuple)
    bids: tuple[Bid, ...] = attrs.field(converter=_tuple)
    marks: tuple[Mark, ...] = attrs.field(converter=_tuple)
    quality_weight: float = attrs.field(converter=float)
    price_rule: PriceRule = attrs.field(factory=RelativeToLowest)
    scale: QualityScale = attrs.field(factory=QualityScale)
    moderation: str = "consensus"
    consensus: tuple[Consensus, ...] = attrs.field(default=(), converter=_tuple)
    conditions: tuple[Condition, ...] = attrs.field(default=(), converter=_tuple)
    quality_minimum: float | None = None
    affordability_cap: float | None = None
    abnormally_low: AbnormallyLow | None = attrs.field(factory=AbnormallyLow)
    synthetic: bool = attrs.field(default=False, kw_only=True)
    """True for invented tenders (the package's example): views say so in a banner."""
    lot: str = attrs.field(default="", kw_only=True)
    """The lot this tender awards, when a procurement has several (each lot is a tender)."""

    def __attrs_post_init__(self) -> None:
        self._check_structure()
        self._check_bids()
        self._check_marks()
        if self.moderation == "consensus":
            self._check_consensus()
        elif self.consensus:
            raise TenderError(
                f"moderation is {self.moderation!r}, but consensus marks were given: "
                "choose moderation 'consensus' or leave them out"
            )

    # -- files -----------------------------------------------------------------------------

    @classmethod
    def from_json(cls, source: str | os.PathLike[str]) -> Tender:
        """Read a tender from JSON text or a file (strict: unknown keys are errors, with paths)."""
        from scorecard import io  # noqa: PLC0415 - the door to the JSON format

        return io.load(cls, source)

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str:
        """The tender as JSON text (fields at their defaults left out); written to ``path`` too."""
        from scorecard import io  # noqa: PLC0415

        return io.dump(self, path)

    # -- views -----------------------------------------------------------------------------

    @property
    def bidders(self) -> tuple[str, ...]:
        """Bidders in the order of the bids."""
        return tuple(b.bidder for b in self.bids)

    @property
    def evaluators(self) -> tuple[str, ...]:
        """Evaluators in the order they first appear in the marks."""
        return tuple(dict.fromkeys(m.evaluator for m in self.marks))

    @property
    def incumbent(self) -> str | None:
        """The bidder that holds the contract now, if it bid."""
        return next((b.bidder for b in self.bids if b.incumbent), None)

    def questions_of(self, criterion: str) -> tuple[Question, ...]:
        """The questions under ``criterion``, in order."""
        return tuple(q for q in self.questions if q.criterion == criterion)

    # -- checks ----------------------------------------------------------------------------

    def _check_structure(self) -> None:
        if not self.name.strip():
            raise TenderError("the tender needs a name")
        if not self.criteria:
            raise TenderError(f"tender {self.name!r}: give at least one award criterion")
        if not 0 <= self.quality_weight <= 1:
            raise TenderError(
                f"quality_weight must lie in [0, 1] (quality's share), got {self.quality_weight}"
            )
        if self.moderation not in MODERATION:
            raise TenderError(
                f"moderation must be one of {', '.join(map(repr, MODERATION))}, "
                f"got {self.moderation!r}"
            )
        self._check_ids()
        self._check_weights()

    def _check_ids(self) -> None:
        for c in self.criteria:
            check_id("criterion", c.id)
        for q in self.questions:
            check_id("question", q.id)
        ids = [c.id for c in self.criteria] + [q.id for q in self.questions]
        for node in ids:
            if node in RESERVED:
                raise TenderError(f"id {node!r} is reserved by the tender's scorecard: rename it")
            if ids.count(node) > 1:
                raise TenderError(f"id {node!r} is used twice: criteria and questions need own ids")
        criteria = {c.id for c in self.criteria}
        for q in self.questions:
            if q.criterion not in criteria:
                raise TenderError(
                    f"question {q.id!r}: unknown criterion {q.criterion!r}; criteria are "
                    f"{', '.join(map(repr, criteria))}"
                )
            if q.minimum is not None:
                self.scale.check(q.minimum, where=f"question {q.id!r}: minimum")

    def _check_weights(self) -> None:
        _sums_to_one([(c.id, c.weight) for c in self.criteria], "the criteria (shares of quality)")
        for c in self.criteria:
            inside = self.questions_of(c.id)
            if not inside:
                raise TenderError(f"criterion {c.id!r} has no questions")
            _sums_to_one([(q.id, q.weight) for q in inside], f"the questions of {c.id!r}")
            if c.minimum is not None and not 0 <= c.minimum <= 1:
                raise TenderError(
                    f"criterion {c.id!r}: minimum is a share of its points, in [0, 1]; got "
                    f"{c.minimum}"
                )
        if self.quality_minimum is not None and not 0 <= self.quality_minimum <= 1:
            raise TenderError(
                f"quality_minimum is a share of the quality points, in [0, 1]; got "
                f"{self.quality_minimum}"
            )

    def _check_bids(self) -> None:
        if not self.bids:
            raise TenderError(f"tender {self.name!r} has no bids")
        seen: set[str] = set()
        for bid in self.bids:
            if not bid.bidder.strip():
                raise TenderError("a bid has an empty bidder name")
            if bid.bidder in seen:
                raise TenderError(f"bidder {bid.bidder!r} bids twice: one bid per bidder per lot")
            seen.add(bid.bidder)
            if not math.isfinite(bid.price) or bid.price < 0:
                raise TenderError(f"bid {bid.bidder!r}: price {bid.price!r} is not a price")
        if sum(b.incumbent for b in self.bids) > 1:
            raise TenderError("more than one bid is marked as the incumbent's")
        self._check_conditions(seen)
        if self.affordability_cap is not None and not self.affordability_cap > 0:
            raise TenderError(f"affordability_cap must be above 0, got {self.affordability_cap}")

    def _check_conditions(self, bidders: set[str]) -> None:
        ids = [c.id for c in self.conditions]
        for condition in self.conditions:
            if ids.count(condition.id) > 1:
                raise TenderError(
                    f"condition {condition.id!r} is given twice: give each its own id"
                )
            blank = [b for b, why in condition.failed.items() if not why.strip()]
            if blank:
                raise TenderError(f"condition {condition.id!r}: record why {blank[0]!r} fails it")
            unknown = sorted(set(condition.failed) - bidders)
            if unknown:
                raise TenderError(
                    f"condition {condition.id!r}: {', '.join(map(repr, unknown))} did not bid"
                )

    def _check_marks(self) -> None:
        bidders, questions = set(self.bidders), {q.id for q in self.questions}
        given: dict[tuple[str, str, str], Mark] = {}
        for m in self.marks:
            where = f"evaluator {m.evaluator!r}, bid {m.bidder!r}, question {m.question!r}"
            if m.bidder not in bidders:
                raise TenderError(f"{where}: no such bid")
            if m.question not in questions:
                raise TenderError(f"{where}: no such question")
            self.scale.check(m.mark, where=where)
            key = (m.evaluator, m.bidder, m.question)
            if key in given:
                raise TenderError(f"{where}: marked twice")
            given[key] = m
        if not self.marks:
            raise TenderError(f"tender {self.name!r} has no marks")
        for evaluator in self.evaluators:
            for bidder in self.bidders:
                for q in self.questions:
                    if (evaluator, bidder, q.id) not in given:
                        raise TenderError(
                            f"evaluator {evaluator!r} gave no mark for bid {bidder!r} on "
                            f"question {q.id!r}"
                        )

    def _check_consensus(self) -> None:
        agreed: dict[tuple[str, str], Consensus] = {}
        for c in self.consensus:
            where = f"consensus for bid {c.bidder!r}, question {c.question!r}"
            if (c.bidder, c.question) in agreed:
                raise TenderError(f"{where}: given twice")
            if c.bidder not in self.bidders or c.question not in {q.id for q in self.questions}:
                raise TenderError(f"{where}: no such bid or question")
            self.scale.check(c.mark, where=where)
            agreed[(c.bidder, c.question)] = c
        for bidder in self.bidders:
            for q in self.questions:
                found = agreed.get((bidder, q.id))
                if found is None:
                    raise TenderError(
                        f"moderation is 'consensus' but bid {bidder!r} has no consensus mark on "
                        f"question {q.id!r}"
                    )
                marks = {m.mark for m in self.marks if m.bidder == bidder and m.question == q.id}
                if (len(marks) > 1 or marks != {found.mark}) and not found.reason.strip():
                    raise TenderError(
                        f"consensus for bid {bidder!r}, question {q.id!r}: the evaluators' marks "
                        f"({', '.join(f'{x:g}' for x in sorted(marks))}) differ from it or from "
                        "each other: record the reason"
                    )


def _sums_to_one(pairs: list[tuple[str, float]], what: str) -> None:
    for node, weight in pairs:
        if not (math.isfinite(weight) and weight >= 0):
            raise TenderError(f"{node!r}: weight {weight!r} must be a number from 0")
    total = math.fsum(w for _, w in pairs)
    if abs(total - 1) > WEIGHT_TOLERANCE:
        listed = ", ".join(f"{n} {w:g}" for n, w in pairs)
        raise TenderError(f"the weights of {what} sum to {total:.6g}, not 1 ({listed})")
