"""Contract decision records: what the law asks to be recorded, as JSON that replays.

An `AwardRecord` keeps a tender award: the whole tender (criteria, bids, every mark with its
reason, the moderation, the price rule, the gates), the split used, the regime and process,
the decision-makers, conflicts of interest and how they were managed, the rationale, each
bid's total and rank, and a per-bidder assessment summary (per criterion: the score, the
points available, its relative importance and the moderated reasons), as the Procurement
Regulations 2024 (reg. 31) ask of each assessed tender. A `KeepOrRetenderRecord` keeps a
Direct Award Process C assessment: the answers, the judgement and evidence on every key
criterion, the process it led to (PSR regulation 24 asks for the process, the decision-makers,
how the key criteria were taken into account and the conflicts and how they were managed).

``record.replay()`` evaluates again and refuses, naming the part, when anything differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from scorecard._psr import DISCLAIMER, Interest, KeepOrRetender, assess
from scorecard._tender import Tender
from scorecard._weights import Weights
from scorecard.contracts._evaluate import TenderEvaluation, evaluate_tender
from scorecard.errors import DecisionError, ScorecardError

if TYPE_CHECKING:
    from scorecard._psr import Assessment
    from scorecard.evaluation import Evaluation

__all__ = [
    "AWARD_FORMAT",
    "KEEP_FORMAT",
    "AwardRecord",
    "CriterionSummary",
    "KeepOrRetenderRecord",
    "award_record",
    "keep_or_retender_record",
]

AWARD_FORMAT: Final = "scorecard-award/1"
"""The ``format`` field of a saved award record (a version bump means a breaking change)."""
KEEP_FORMAT: Final = "scorecard-keep-or-retender/1"
"""The ``format`` field of a saved keep-or-retender record."""
_R = TypeVar("_R", "AwardRecord", "KeepOrRetenderRecord")


@attrs.frozen
class CriterionSummary:
    """One criterion of one bid's assessment summary."""

    criterion: str
    label: str
    score: float
    """The bid's weighted points on the criterion, out of ``available``."""
    available: float
    importance: float
    """The criterion's share of the total (quality's share times its share of quality)."""
    explanation: str


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")


def _fingerprint(obj: object) -> str:
    from scorecard import io  # noqa: PLC0415

    canonical = json.dumps(io.unstructure(obj), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _dump(record: object, fmt: str, path: str | Path | None) -> str:
    from scorecard import io  # noqa: PLC0415

    data: dict[str, Any] = io.unstructure(record)
    data["format"] = fmt
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _load(cls: type[_R], source: str | Path, fmt: str) -> _R:
    from scorecard import io  # noqa: PLC0415

    found = io.load(cls, source)
    if found.format != fmt:
        raise DecisionError(f"not a record of format {fmt}: {found.format!r}")
    return found


def _addresses(value: Mapping[str, str]) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(value).items()}


def _lenses(value: Mapping[str, Weights]) -> dict[str, Weights]:
    return dict(value)


@attrs.frozen
class AwardRecord:
    """A tender award as recorded (build with `award_record`; `replay` checks it)."""

    tender: Tender
    quality_weight: float
    process: str
    decision_makers: tuple[str, ...]
    bidders: tuple[str, ...]
    totals: tuple[float, ...]
    ranks: tuple[int, ...]
    winner: str | None
    tender_fingerprint: str
    timestamp: str
    rationale: str = ""
    interests: tuple[Interest, ...] = ()
    summaries: tuple[tuple[CriterionSummary, ...], ...] = ()
    """Per bid (in bid order), its assessment summary."""
    regime: str = "Provider Selection Regime"
    """The rules followed: "Provider Selection Regime" or "Procurement Act 2023"."""
    lifetime_value: float | None = None
    """The contract's value over its whole life, as the published notice states it."""
    addresses: Mapping[str, str] = attrs.field(factory=dict, converter=_addresses)
    """Each bidder's address, as the record of the providers asks."""
    lenses: Mapping[str, Weights] = attrs.field(factory=dict, converter=_lenses)
    """Stakeholder groups' weights of the tender's criteria, the award was weighed against."""
    format: str = AWARD_FORMAT

    def to_json(self, path: str | Path | None = None) -> str:
        """The record as JSON text; also written to ``path`` when given."""
        return _dump(self, self.format, path)

    @classmethod
    def from_json(cls, source: str | Path) -> AwardRecord:
        """Read a record from JSON text or a file (strict)."""
        return _load(cls, source, AWARD_FORMAT)

    def replay(self) -> TenderEvaluation:
        """Evaluate the recorded tender again; a `DecisionError` naming what differs."""
        if _fingerprint(self.tender) != self.tender_fingerprint:
            raise DecisionError("the tender in the record is not the one recorded (fingerprint)")
        found = evaluate_tender(self.tender, quality_weight=self.quality_weight)
        if found.bidders != self.bidders:
            raise DecisionError("the bids differ from the recorded ones")
        for bidder, total, kept in zip(self.bidders, found.totals, self.totals, strict=True):
            if float(total) != kept:
                raise DecisionError(
                    f"bid {bidder!r} totals {float(total)!r} now, {kept!r} recorded"
                )
        ranks = tuple(int(r) for r in found.evaluation.ranks)
        if ranks != self.ranks:
            raise DecisionError(f"ranks {ranks} now, {self.ranks} recorded")
        if found.winner != self.winner:
            raise DecisionError(f"winner {found.winner!r} now, {self.winner!r} recorded")
        again = tuple(_summary(found, b) for b in found.bidders)
        if self.summaries and again != self.summaries:
            raise DecisionError("the assessment summaries differ from the recorded ones")
        return found


def award_record(
    found: TenderEvaluation,
    *,
    decision_makers: tuple[str, ...] | list[str],
    process: str = "Competitive Process (Provider Selection Regime)",
    rationale: str = "",
    interests: tuple[Interest, ...] | list[Interest] = (),
    regime: str = "Provider Selection Regime",
    lifetime_value: float | None = None,
    addresses: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
    lenses: Mapping[str, Weights] | None = None,
) -> AwardRecord:
    """The record of ``found``'s award, with who decided, why, and the conflicts declared.

    ``lenses``: stakeholder groups' weights over the tender's card (`tender_card`), which
    the award's report weighs the bids against (does the award hold for every group?).

    Examples
    --------
    >>> from scorecard.datasets import example_tender
    >>> found = evaluate_tender(example_tender())
    >>> saved = award_record(found, decision_makers=["Head of Commissioning"])
    >>> AwardRecord.from_json(saved.to_json()).replay().winner == found.winner
    True
    """
    if not decision_makers or not all(str(m).strip() for m in decision_makers):
        raise DecisionError("name the decision-makers: the record must say who decided")
    unknown = sorted(set(addresses or {}) - set(found.bidders))
    if unknown:
        raise DecisionError(f"addresses given for {', '.join(map(repr, unknown))}, who did not bid")
    if lifetime_value is not None and not lifetime_value > 0:
        raise DecisionError(f"lifetime_value must be above 0, got {lifetime_value!r}")
    for name, weights in (lenses or {}).items():
        try:
            found.evaluation.card.check_weights(weights)
        except ScorecardError as exc:
            raise DecisionError(f"lens {name!r}: {exc}") from None
    return AwardRecord(
        tender=found.tender,
        quality_weight=found.quality_weight,
        process=process,
        decision_makers=tuple(decision_makers),
        bidders=found.bidders,
        totals=tuple(float(t) for t in found.totals),
        ranks=tuple(int(r) for r in found.evaluation.ranks),
        winner=found.winner,
        tender_fingerprint=_fingerprint(found.tender),
        timestamp=_now(now),
        rationale=rationale,
        interests=tuple(interests),
        summaries=tuple(_summary(found, b) for b in found.bidders),
        regime=regime,
        lifetime_value=lifetime_value,
        addresses=dict(addresses or {}),
        lenses=dict(lenses or {}),
    )


def _summary(found: TenderEvaluation, bidder: str) -> tuple[CriterionSummary, ...]:
    """Per criterion: weighted points of the bid, the points available, importance, reasons."""
    tender = found.tender
    scale = tender.scale
    i = found.bidders.index(bidder)
    q = found.quality_weight
    reasons = {(b, qu): r for b, qu, r in found.moderated.reasons}
    if tender.moderation != "consensus":  # the evaluators' own reasons explain the marks
        for m in tender.marks:
            if m.reason.strip() and m.bidder == bidder:
                earlier = reasons.get((bidder, m.question))
                said = f"{m.evaluator}: {m.reason}"
                reasons[(bidder, m.question)] = f"{earlier}; {said}" if earlier else said
    out = []
    for c in tender.criteria:
        inside = tender.questions_of(c.id)
        available = scale.maximum
        score = found.criterion(c.id)[i] * (scale.maximum - scale.minimum) + scale.minimum
        marks = "; ".join(
            f"{x.label}: {found.moderated.point(bidder, x.id):g} of {scale.maximum:g}"
            + (f" ({reasons[(bidder, x.id)]})" if (bidder, x.id) in reasons else "")
            for x in inside
        )
        out.append(CriterionSummary(c.id, c.label, float(score), available, q * c.weight, marks))
    price = found.price_scores[i]
    bid = tender.bids[i]
    lines = "; ".join(f"{k} {v:,.2f}" for k, v in bid.schedule.items())
    out.append(
        CriterionSummary(
            "price",
            "Price",
            float(price),
            1.0,
            1 - q,
            f"{bid.price:,.2f}"
            + (f" ({lines})" if lines else "")
            + f": {tender.price_rule.describe()}",
        )
    )
    return tuple(out)


@attrs.frozen
class KeepOrRetenderRecord:
    """A keep-or-retender assessment as recorded (build with `keep_or_retender_record`)."""

    decision: KeepOrRetender
    process: str
    evidence: tuple[tuple[str, ...], ...]
    """Per key criterion (in order), the evidence set beside the judgement."""
    timestamp: str
    rationale: str = ""
    data_fingerprint: str = ""
    """The scorecard data's fingerprint when an evaluation was evidence."""
    disclaimer: str = DISCLAIMER
    format: str = KEEP_FORMAT

    def to_json(self, path: str | Path | None = None) -> str:
        """The record as JSON text; also written to ``path`` when given."""
        return _dump(self, self.format, path)

    @classmethod
    def from_json(cls, source: str | Path) -> KeepOrRetenderRecord:
        """Read a record from JSON text or a file (strict)."""
        return _load(cls, source, KEEP_FORMAT)

    def replay(self, evaluation: Evaluation | None = None) -> Assessment:
        """Assess again (with the same scorecard data, if evidence); refuse if anything differs."""
        if self.data_fingerprint and evaluation is None:
            raise DecisionError("the record used scorecard evidence: give the same evaluation")
        if evaluation is not None and evaluation.table.fingerprint() != self.data_fingerprint:
            raise DecisionError("the evaluation's data are not the data recorded (fingerprint)")
        found = assess(self.decision, evaluation=evaluation)
        if found.process != self.process:
            raise DecisionError(f"process {found.process!r} now, {self.process!r} recorded")
        for f, kept in zip(found.findings, self.evidence, strict=True):
            if f.evidence != kept:
                raise DecisionError(f"the evidence on {f.label!r} differs from the recorded")
        return found


def keep_or_retender_record(
    found: Assessment, *, rationale: str = "", now: dt.datetime | None = None
) -> KeepOrRetenderRecord:
    """The record of an assessment, with the fingerprint of any scorecard data it used.

    Examples
    --------
    >>> from scorecard.datasets import example_keep_or_retender
    >>> found = assess(example_keep_or_retender())
    >>> saved = keep_or_retender_record(found, rationale="Stable, improving service.")
    >>> KeepOrRetenderRecord.from_json(saved.to_json()).replay().process
    'Direct Award Process C'
    """
    return KeepOrRetenderRecord(
        decision=found.decision,
        process=found.process,
        evidence=tuple(f.evidence for f in found.findings),
        timestamp=_now(now),
        rationale=rationale,
        data_fingerprint=found.evaluation.table.fingerprint() if found.evaluation else "",
    )
