"""The bundled example tender: SYNTHETIC, invented bidders for an invented service.

A competitive tender for a community drug and alcohol treatment service in a fictional
county: the incumbent and three challengers, three evaluators, eight questions under the
Provider Selection Regime's five key criteria, a 60:40 quality:price split with the relative
price rule, a minimum mark on safeguarding, and an affordability cap at the budget. The
story it is built to tell: one challenger bids far below the others (flagged as abnormally
low) and scores weakly on mobilisation; one bids above the budget; the incumbent leads on
continuity and partnership.
"""

from __future__ import annotations

from typing import Final

from scorecard._price_rules import AbnormallyLow, RelativeToLowest
from scorecard._psr import KPI, ConsiderableChange, Interest, Judgement, KeepOrRetender
from scorecard._tender import (
    PSR_KEY_CRITERIA,
    Bid,
    Condition,
    Consensus,
    Criterion,
    Mark,
    Question,
    Tender,
)

__all__ = ["BUDGET", "example_keep_or_retender", "example_tender"]

BUDGET: Final = 12_000_000.0
"""The example tender's budget over the contract's five years, in pounds (also the cap)."""

_CRITERION_WEIGHTS: Final = {
    "quality_innovation": 0.40,
    "value": 0.15,
    "integration": 0.20,
    "access": 0.15,
    "social_value": 0.10,
}
_QUESTIONS: Final = (
    ("q1", "Model of care and recovery outcomes", "quality_innovation", 0.40, None),
    ("q2", "Safeguarding and clinical governance", "quality_innovation", 0.35, 2.0),
    ("q3", "Innovation and lived experience in the service", "quality_innovation", 0.25, None),
    ("q4", "Value and efficient use of resources", "value", 1.0, None),
    ("q5", "Partnership with primary care, housing and criminal justice", "integration", 0.5, None),
    ("q6", "Mobilisation, workforce and continuity of care", "integration", 0.5, None),
    ("q7", "Reaching under-served groups, reducing inequalities", "access", 1.0, None),
    ("q8", "Local employment, volunteering and training", "social_value", 1.0, None),
)
_BIDS: Final = (
    ("Northdale Recovery Partnership", 11_640_000.0, True),
    ("Brightpath Treatment Ltd", 8_880_000.0, False),
    ("Harbour Lane CIC", 11_190_000.0, False),
    ("Meridian Health Services", 12_450_000.0, False),
)
_CONSENSUS: Final = {  # q1..q8, each bid
    "Northdale Recovery Partnership": (4, 4, 3, 3, 5, 5, 4, 3),
    "Brightpath Treatment Ltd": (3, 2, 4, 3, 2, 1, 3, 4),
    "Harbour Lane CIC": (4, 3, 4, 3, 3, 3, 4, 4),
    "Meridian Health Services": (4, 5, 3, 4, 4, 4, 4, 3),
}
_OFFSETS: Final = {  # each evaluator's mark less the consensus, cycled over bids and questions
    "Evaluator A": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "Evaluator B": (1, 0, -1, 0, 0, 1, 0, 0, -1, 0, 2),
    "Evaluator C": (0, -1, 0, 0, 1, 0, 0, -1, 0, 0, 0),
}
_REASON: Final = (
    "Panel agreed the mark set out in the descriptor after discussing the evidence in the "
    "response; the differing marks weighed a point the response does not evidence."
)


def _mark(evaluator: str, k: int, consensus: int) -> int:
    offsets = _OFFSETS[evaluator]
    return min(5, max(0, consensus + offsets[k % len(offsets)]))


def example_tender() -> Tender:
    """The bundled example tender. SYNTHETIC: the bidders and service are invented.

    Examples
    --------
    >>> t = example_tender()
    >>> len(t.bids), len(t.evaluators), len(t.questions), t.incumbent
    (4, 3, 8, 'Northdale Recovery Partnership')
    """
    criteria = [Criterion(cid, label, _CRITERION_WEIGHTS[cid]) for cid, label in PSR_KEY_CRITERIA]
    questions = [Question(*q) for q in _QUESTIONS]
    bids = [Bid(name, price, incumbent) for name, price, incumbent in _BIDS]
    marks, consensus = [], []
    k = 0
    for bidder, row in _CONSENSUS.items():
        for question, agreed in zip(questions, row, strict=True):
            given = [_mark(e, k, agreed) for e in _OFFSETS]
            k += 1
            marks += [
                Mark(e, bidder, question.id, m, reason=f"{question.label}: see the notes.")
                for e, m in zip(_OFFSETS, given, strict=True)
            ]
            differ = len(set(given)) > 1 or given[0] != agreed
            consensus.append(Consensus(bidder, question.id, agreed, _REASON if differ else ""))
    checks = Condition(
        "financial_standing",
        "Economic and financial standing (PSR basic selection criterion)",
    )
    return Tender(
        "Northdale County community drug and alcohol treatment service (example)",
        criteria=criteria,
        questions=questions,
        bids=bids,
        marks=marks,
        quality_weight=0.6,
        price_rule=RelativeToLowest(),
        consensus=consensus,
        conditions=[checks],
        affordability_cap=BUDGET,
        abnormally_low=AbnormallyLow(share=0.2, reference="median"),
        synthetic=True,
    )


def example_keep_or_retender() -> KeepOrRetender:
    """A keep-or-retender (PSR Process C) assessment of the example's top provider. SYNTHETIC.

    The incumbent is the bundled example's "Hollowmere Wellbeing Service"; its contract KPIs,
    the authority's judgements and the contract values are invented. The key criteria are
    linked to the balanced scorecard's domains, so ``assess(..., evaluation=...)`` sets the
    incumbent's domain scores beside each judgement.

    Examples
    --------
    >>> decision = example_keep_or_retender()
    >>> decision.incumbent, len(decision.judgements)
    ('Hollowmere Wellbeing Service', 5)
    """
    judged = {
        "quality_innovation": "outcomes and CQC ratings meet the contract; peer mentoring added",
        "value": "unit costs within the contract's envelope for three years",
        "integration": "stable workforce and named keyworkers; joint working with housing",
        "access": "waiting times met; outreach to rural areas short of its target",
        "social_value": "local recruitment and volunteering as the contract asked",
    }
    kpis = [
        KPI("wait_3wk", "Starting treatment within 3 weeks", "access", 95, 97.1, unit="%"),
        KPI("rural_outreach", "Rural outreach sessions a month", "access", 12, 9),
        KPI(
            "sc_rate",
            "Successful completions, not re-presenting",
            "quality_innovation",
            30,
            34.2,
            unit="%",
        ),
        KPI("cqc_safe", "CQC Safe rated Good or better", "quality_innovation", 1, 1),
        KPI("unit_cost", "Cost per client-year (GBP)", "value", 2_400, 2_310, direction="lower"),
        KPI("turnover", "Staff turnover", "integration", 20, 14.6, direction="lower", unit="%"),
        KPI("local_jobs", "Staff recruited locally", "social_value", 50, 58, unit="%"),
    ]
    return KeepOrRetender(
        "Northdale County community drug and alcohol treatment service (example)",
        "Hollowmere Wellbeing Service",
        judgements=[
            Judgement(c, satisfying=True, likely=True, reasons=why) for c, why in judged.items()
        ],
        change=ConsiderableChange(9_600_000, 10_100_000, attributable=True),
        kpis=kpis,
        decision_makers=("Director of Public Health", "Head of Commissioning"),
        interests=(
            Interest(
                "Head of Commissioning",
                "a former trustee of the incumbent's parent charity (until 2022)",
                "declared; took no part in the judgement on value",
            ),
        ),
        domains={
            "quality_innovation": ("outcomes", "quality"),
            "value": ("value",),
            "integration": ("continuity",),
            "access": ("connection",),
            "social_value": ("training",),
        },
    )
