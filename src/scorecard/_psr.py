"""Keep or retender: a Provider Selection Regime (PSR) Direct Award Process C assessment.

Under the Health Care Services (Provider Selection Regime) Regulations 2023 an authority may
award a new contract to the existing provider without competition (Direct Award Process C)
when it need not use Process A (the existing provider is the only capable one) or B (patients
choose among all capable providers), the existing contract is due to expire, the considerable
change threshold is not met, and the existing provider is satisfying the existing contract
and likely to satisfy the proposed one to a sufficient standard, judged against the five key
criteria, all of which must be considered. The independent review panel has found Process C
wrongly used where the key-criteria analysis did not show the incumbent satisfied the
original contract, and has asked that Process C records be as robust as competitive ones.

`KeepOrRetender` holds what the person decides (the route answers, a judgement with reasons
for every key criterion, the decision-makers, conflicts of interest and how they were
managed) beside the evidence (contract KPIs with targets and actuals; optionally the
incumbent's scorecard evaluation among its peers). `assess` computes the considerable-change
test from the values given, sets the evidence beside each judgement, flags where the two
disagree (the judgement stands: the tool records, the person decides) and says which process
the answers lead to. Decision support with stated assumptions, not legal advice.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from scorecard._tender import PSR_KEY_CRITERIA, TenderError

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = [
    "CONSIDERABLE_SHARE",
    "CONSIDERABLE_VALUE",
    "DISCLAIMER",
    "KPI",
    "Assessment",
    "ConsiderableChange",
    "CriterionFinding",
    "Interest",
    "Judgement",
    "KeepOrRetender",
    "RouteAnswers",
    "assess",
]

CONSIDERABLE_VALUE: Final = 500_000.0
"""The considerable change test's value: a proposed lifetime value at least this much higher."""
CONSIDERABLE_SHARE: Final = 0.25
"""And at least this share higher than the existing contract's lifetime value."""
DISCLAIMER: Final = (
    "Decision support with stated assumptions, not legal advice: the route and the judgements "
    "are the authority's, recorded here as answered."
)
"""Stated in every keep-or-retender assessment's text and in the award report: decision
support with stated assumptions, not legal advice."""


def _tuple(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(value)


@attrs.frozen
class KPI:
    """A contract key performance indicator under one key criterion: target and actual."""

    id: str
    label: str
    criterion: str
    target: float = attrs.field(converter=float)
    actual: float = attrs.field(converter=float)
    direction: str = "higher"
    unit: str = ""
    note: str = ""
    """What else the evidence says (its SPC reading over the contract, say)."""

    def __attrs_post_init__(self) -> None:
        if self.direction not in {"higher", "lower"}:
            raise TenderError(f"KPI {self.id!r}: direction must be 'higher' or 'lower'")
        if not (math.isfinite(self.target) and math.isfinite(self.actual)):
            raise TenderError(f"KPI {self.id!r}: target and actual must be numbers")

    @property
    def met(self) -> bool:
        """True when the actual is at or beyond the target in the KPI's direction."""
        return (
            self.actual >= self.target if self.direction == "higher" else self.actual <= self.target
        )

    def describe(self) -> str:
        """The KPI in words: "Waiting times within 3 weeks: 96% against a target of 95% (met)"."""
        unit = self.unit
        verdict = "met" if self.met else "not met"
        text = (
            f"{self.label}: {self.actual:g}{unit} against a target of {self.target:g}{unit} "
            f"({verdict})"
        )
        return f"{text}; {self.note}" if self.note else text


@attrs.frozen
class Judgement:
    """The authority's judgement on one key criterion, with its reasons (required)."""

    criterion: str
    satisfying: bool
    """Is the existing provider satisfying the existing contract on this criterion?"""
    likely: bool
    """Is it likely to satisfy the proposed contract to a sufficient standard?"""
    reasons: str


@attrs.frozen
class ConsiderableChange:
    """The considerable change test, from the values and answers given.

    Met when the proposed arrangements are materially different in character from the
    existing contract, or when the change is attributable to the authority and the proposed
    lifetime value is at least `CONSIDERABLE_VALUE` higher and at least `CONSIDERABLE_SHARE`
    higher than the existing contract's.
    """

    existing_value: float = attrs.field(converter=float)
    proposed_value: float = attrs.field(converter=float)
    materially_different: bool = False
    attributable: bool = False
    value_threshold: float = CONSIDERABLE_VALUE
    share_threshold: float = CONSIDERABLE_SHARE

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.value_threshold) and self.value_threshold >= 0):
            raise TenderError("considerable change: value_threshold must be 0 or more")
        if not (math.isfinite(self.share_threshold) and self.share_threshold >= 0):
            raise TenderError("considerable change: share_threshold must be 0 or more")
        for name in ("existing_value", "proposed_value"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise TenderError(f"considerable change: {name} must be above 0, got {value!r}")

    @property
    def increase(self) -> float:
        """The proposed lifetime value less the existing one."""
        return self.proposed_value - self.existing_value

    @property
    def met(self) -> bool:
        """True when the considerable change threshold is met (Process C is then closed)."""
        if self.materially_different:
            return True
        return (
            self.attributable
            and self.increase >= self.value_threshold
            and self.increase >= self.share_threshold * self.existing_value
        )

    def explain(self) -> str:
        """The test worked through in words."""
        share = self.increase / self.existing_value
        values = (
            f"lifetime value {self.proposed_value:,.0f} against {self.existing_value:,.0f} "
            f"({self.increase:+,.0f}, {share:+.1%})"
        )
        if self.materially_different:
            return f"met: the proposed contract is materially different in character; {values}"
        if not self.attributable:
            return f"not met: the changes are not attributable to the authority; {values}"
        big = self.increase >= self.value_threshold
        steep = self.increase >= self.share_threshold * self.existing_value
        verdict = "met" if big and steep else "not met"
        return (
            f"{verdict}: the changes are attributable to the authority; {values}; the test asks "
            f"for at least {self.value_threshold:,.0f} and at least {self.share_threshold:.0%} "
            "more"
        )


@attrs.frozen
class RouteAnswers:
    """The route questions as the authority answered them."""

    only_capable_provider: bool = False
    """Process A: the existing provider is the only capable provider."""
    unrestricted_choice: bool = False
    """Process B: patients choose among all providers meeting the requirements."""
    existing_contract_expiring: bool = True
    """Process C: an existing contract is due to expire and is to be replaced."""


@attrs.frozen
class Interest:
    """A declared conflict (or potential conflict) of interest and how it was managed."""

    person: str
    interest: str
    management: str


def _judgements(value: Iterable[Judgement]) -> tuple[Judgement, ...]:
    return tuple(value)


def _domains(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    return {str(k): tuple(v) for k, v in dict(value).items()}


@attrs.frozen
class KeepOrRetender:
    """What a keep-or-retender decision rests on: answers, judgements, evidence, people.

    ``judgements`` must cover every key criterion (``criteria``; the PSR's five by default),
    each with reasons: all must be considered, none discounted. ``domains`` maps a key
    criterion to scorecard domain ids whose scores are evidence for it (with ``assess``'s
    ``evaluation``).
    """

    service: str
    incumbent: str
    judgements: tuple[Judgement, ...] = attrs.field(converter=_judgements)
    change: ConsiderableChange
    answers: RouteAnswers = attrs.field(factory=RouteAnswers)
    kpis: tuple[KPI, ...] = attrs.field(default=(), converter=_tuple)
    decision_makers: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    interests: tuple[Interest, ...] = attrs.field(default=(), converter=_tuple)
    domains: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_domains)
    criteria: tuple[tuple[str, str], ...] = attrs.field(default=PSR_KEY_CRITERIA, converter=_tuple)

    def __attrs_post_init__(self) -> None:
        self._check_judgements()
        ids = [c for c, _ in self.criteria]
        kpi_ids = [k.id for k in self.kpis]
        for kpi in self.kpis:
            if kpi.criterion not in ids:
                raise TenderError(f"KPI {kpi.id!r}: unknown key criterion {kpi.criterion!r}")
            if kpi_ids.count(kpi.id) > 1:
                raise TenderError(f"KPI {kpi.id!r} is given twice")
        for criterion in self.domains:
            if criterion not in ids:
                raise TenderError(f"domains: unknown key criterion {criterion!r}")
        if not self.decision_makers or not all(m.strip() for m in self.decision_makers):
            raise TenderError("name the decision-makers: the record must say who decided")
        for interest in self.interests:
            if not (interest.person.strip() and interest.interest.strip()):
                raise TenderError("a declared interest needs the person and the interest")
            if not interest.management.strip():
                raise TenderError(f"the interest of {interest.person!r}: record how it was managed")

    def _check_judgements(self) -> None:
        ids = [c for c, _ in self.criteria]
        seen: set[str] = set()
        for j in self.judgements:
            if j.criterion not in ids:
                raise TenderError(
                    f"judgement on unknown key criterion {j.criterion!r}; key criteria are "
                    f"{', '.join(map(repr, ids))}"
                )
            if j.criterion in seen:
                raise TenderError(f"key criterion {j.criterion!r} is judged twice")
            seen.add(j.criterion)
            if not j.reasons.strip():
                raise TenderError(f"key criterion {j.criterion!r}: record the reasons")
        missing = [c for c in ids if c not in seen]
        if missing:
            raise TenderError(
                "every key criterion must be considered; no judgement on "
                + ", ".join(map(repr, missing))
            )

    @classmethod
    def from_json(cls, source: str | os.PathLike[str]) -> KeepOrRetender:
        """Read an assessment from JSON text or a file (strict: unknown keys are errors)."""
        from scorecard import io  # noqa: PLC0415 - the door to the JSON format

        return io.load(cls, source)

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str:
        """The assessment as JSON text; written to ``path`` too."""
        from scorecard import io  # noqa: PLC0415

        return io.dump(self, path)

    def label(self, criterion: str) -> str:
        """A key criterion's label."""
        return dict(self.criteria)[criterion]


@attrs.frozen
class CriterionFinding:
    """One key criterion: the judgement, the evidence beside it, and any disagreement."""

    criterion: str
    label: str
    judgement: Judgement
    evidence: tuple[str, ...]
    flags: tuple[str, ...]


@attrs.frozen(eq=False)
class Assessment:
    """The assessment: the process the answers lead to, and each key criterion's finding."""

    decision: KeepOrRetender
    process: str
    reasons: tuple[str, ...]
    findings: tuple[CriterionFinding, ...]
    evaluation: Evaluation | None = None
    """The scorecard evaluation whose scores were evidence, if one was given."""

    @property
    def direct_award(self) -> bool:
        """True when the answers lead to Direct Award Process C for the incumbent."""
        return self.process == "Direct Award Process C"

    def summary(self) -> str:
        """The assessment in sentences, ending with the disclaimer."""
        d = self.decision
        lines = [f"{d.service}: {self.process}.", *self.reasons]
        for f in self.findings:
            verdict = "satisfying" if f.judgement.satisfying else "not satisfying"
            likely = "likely" if f.judgement.likely else "not likely"
            lines.append(
                f"{f.label}: judged {verdict} the existing contract and {likely} to satisfy the "
                f"proposed one ({f.judgement.reasons.strip().rstrip('.')})."
            )
            if f.evidence:
                lines.append(f"Evidence: {'; '.join(f.evidence)}.")
            lines += [f"Check: {flag}." for flag in f.flags]
        lines.append(DISCLAIMER)
        return " ".join(lines)


def assess(decision: KeepOrRetender, *, evaluation: Evaluation | None = None) -> Assessment:
    """The route the answers lead to, and the evidence beside each key criterion's judgement.

    ``evaluation``: the incumbent's scorecard evaluation among its peers; with
    ``decision.domains``, each mapped domain's score and rank is set beside the judgement.

    Examples
    --------
    >>> change = ConsiderableChange(existing_value=10e6, proposed_value=10.4e6)
    >>> judged = [Judgement(c, True, True, "meets the contract") for c, _ in PSR_KEY_CRITERIA]
    >>> found = assess(KeepOrRetender("Drug and alcohol service", "Northdale", judged, change,
    ...                               decision_makers=("Director of Public Health",)))
    >>> found.process
    'Direct Award Process C'
    """
    findings = tuple(_finding(decision, c, evaluation) for c, _ in decision.criteria)
    process, reasons = _route(decision)
    return Assessment(decision, process, reasons, findings, evaluation)


def _route(decision: KeepOrRetender) -> tuple[str, tuple[str, ...]]:
    answers, change = decision.answers, decision.change
    test = f"The considerable change test is {change.explain()}."
    if answers.only_capable_provider:
        why = "The existing provider is answered to be the only capable provider"
        return "Direct Award Process A", (f"{why}: Process A must be followed.",)
    if answers.unrestricted_choice:
        why = "Patients are answered to choose among all providers meeting the requirements"
        return "Direct Award Process B", (f"{why}: Process B must be followed.",)
    if not answers.existing_contract_expiring:
        return "Most Suitable Provider or Competitive Process", (
            "No existing contract is due to expire and be replaced, so Process C is not open.",
        )
    if change.met:
        return "Most Suitable Provider or Competitive Process", (
            test,
            "Process C is not open when the threshold is met.",
        )
    short = [
        decision.label(j.criterion) for j in decision.judgements if not (j.satisfying and j.likely)
    ]
    if short:
        why = f"{decision.incumbent} is not judged satisfying, or likely to satisfy, on"
        return "Most Suitable Provider or Competitive Process", (
            test,
            f"{why} {', '.join(short)}, so Process C is not open.",
        )
    return "Direct Award Process C", (
        test,
        f"{decision.incumbent} is judged satisfying the existing contract, and likely to satisfy "
        "the proposed one, on all five key criteria."
        if len(decision.criteria) == len(PSR_KEY_CRITERIA)
        else f"{decision.incumbent} is judged satisfying on every key criterion.",
    )


def _finding(
    decision: KeepOrRetender, criterion: str, evaluation: Evaluation | None
) -> CriterionFinding:
    judgement = next(j for j in decision.judgements if j.criterion == criterion)
    kpis = [k for k in decision.kpis if k.criterion == criterion]
    evidence = [k.describe() for k in kpis]
    flags = []
    unmet = [k for k in kpis if not k.met]
    if judgement.satisfying and kpis and len(unmet) * 2 > len(kpis):
        flags.append(
            f"judged satisfying although {len(unmet)} of {len(kpis)} KPIs are not met "
            f"({', '.join(k.label for k in unmet)})"
        )
    if not judgement.satisfying and kpis and not unmet:
        flags.append(f"judged not satisfying although all {len(kpis)} KPIs are met")
    if not kpis:
        flags.append("no KPI evidence recorded for this criterion")
    if evaluation is not None:
        evidence += _scorecard_evidence(decision, criterion, evaluation)
    return CriterionFinding(
        criterion, decision.label(criterion), judgement, tuple(evidence), tuple(flags)
    )


def _scorecard_evidence(
    decision: KeepOrRetender, criterion: str, evaluation: Evaluation
) -> list[str]:
    domains = decision.domains.get(criterion, ())
    unknown = [d for d in domains if d not in evaluation.domain_scores]
    if unknown:
        raise TenderError(
            f"domains for {criterion!r}: {', '.join(map(repr, unknown))} not in scorecard "
            f"{evaluation.card.name!r}; its domains are "
            f"{', '.join(map(repr, evaluation.card.domain_ids))}"
        )
    if decision.incumbent not in evaluation.providers:
        raise TenderError(
            f"the evaluation has no provider {decision.incumbent!r} (the incumbent); its "
            f"providers are {', '.join(map(repr, evaluation.providers[:5]))}..."
        )
    i = evaluation.providers.index(decision.incumbent)
    n = len(evaluation.providers)
    out = []
    for domain in domains:
        scores = evaluation.domain_scores[domain]
        place = int((scores > scores[i]).sum()) + 1
        label = evaluation.card.node(domain).label
        out.append(
            f"scorecard: {label} {scores[i]:.2f}, {place} of {n} providers ({evaluation.card.name})"
        )
    return out
