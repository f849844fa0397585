"""Keep or retender (PSR Direct Award Process C): the route, the evidence, the checks."""

from __future__ import annotations

import attrs
import pytest

import scorecard as sc
from scorecard import io
from scorecard.contracts import (
    DISCLAIMER,
    KPI,
    ConsiderableChange,
    Judgement,
    KeepOrRetender,
    RouteAnswers,
    TenderError,
    assess,
)
from scorecard.datasets import example_keep_or_retender

EXAMPLE = example_keep_or_retender()
BALANCED = sc.catalog.balanced().evaluate(sc.datasets.example())


def test_the_example_is_a_direct_award_with_its_evidence() -> None:
    found = assess(EXAMPLE, evaluation=BALANCED)
    assert found.direct_award
    text = found.summary()
    assert "+500,000, +5.2%" in text
    assert "at least 500,000 and at least 25% more" in text
    assert text.endswith(DISCLAIMER)
    access = next(f for f in found.findings if f.criterion == "access")
    assert "Rural outreach sessions a month: 9 against a target of 12 (not met)" in access.evidence
    assert any(e.startswith("scorecard: Connection test 0.85, 4 of 16") for e in access.evidence)
    assert access.flags == ()  # one of two KPIs unmet is not a majority


@pytest.mark.parametrize(
    ("existing", "proposed", "attributable", "different", "met"),
    [
        (10e6, 10.4e6, True, False, False),  # +400,000, +4%
        (2e6, 2.6e6, True, False, True),  # +600,000, +30%: both conditions
        (10e6, 10.6e6, True, False, False),  # +600,000 but only +6%
        (1.5e6, 1.9e6, True, False, False),  # +26.7% but only +400,000
        (2e6, 3e6, False, False, False),  # +50%, not attributable to the authority
        (5e6, 5e6, False, True, True),  # materially different in character
    ],
)
def test_the_considerable_change_test(
    existing: float, proposed: float, attributable: bool, different: bool, met: bool
) -> None:
    change = ConsiderableChange(
        existing, proposed, materially_different=different, attributable=attributable
    )
    assert change.met is met
    assert change.explain().startswith("met" if met else "not met")
    decision = attrs.evolve(EXAMPLE, change=change)
    assert assess(decision).direct_award is not met


def test_the_route_follows_the_answers() -> None:
    a = assess(attrs.evolve(EXAMPLE, answers=RouteAnswers(only_capable_provider=True)))
    assert a.process == "Direct Award Process A"
    b = assess(attrs.evolve(EXAMPLE, answers=RouteAnswers(unrestricted_choice=True)))
    assert b.process == "Direct Award Process B"
    new = assess(attrs.evolve(EXAMPLE, answers=RouteAnswers(existing_contract_expiring=False)))
    assert new.process == "Most Suitable Provider or Competitive Process"
    judged = [
        attrs.evolve(j, likely=False, reasons="workforce plan not credible")
        if j.criterion == "integration"
        else j
        for j in EXAMPLE.judgements
    ]
    short = assess(attrs.evolve(EXAMPLE, judgements=judged))
    assert short.process == "Most Suitable Provider or Competitive Process"
    assert "on Integration, collaboration and service sustainability" in short.summary()


def test_evidence_that_disagrees_with_a_judgement_is_flagged_not_overridden() -> None:
    kpis = [
        KPI("a", "First", "value", 10, 5),
        KPI("b", "Second", "value", 10, 6),
        KPI("c", "Third", "value", 10, 12),
    ]
    found = assess(attrs.evolve(EXAMPLE, kpis=kpis))
    value = next(f for f in found.findings if f.criterion == "value")
    assert value.judgement.satisfying  # the person's judgement stands
    assert value.flags == ("judged satisfying although 2 of 3 KPIs are not met (First, Second)",)
    others = [f for f in found.findings if f.criterion != "value"]
    assert all(f.flags == ("no KPI evidence recorded for this criterion",) for f in others)
    judged = [
        attrs.evolve(j, satisfying=False, reasons="complaints") if j.criterion == "value" else j
        for j in EXAMPLE.judgements
    ]
    met = [KPI("c", "Third", "value", 10, 12)]
    strict = assess(attrs.evolve(EXAMPLE, kpis=met, judgements=judged))
    flagged = next(f for f in strict.findings if f.criterion == "value").flags
    assert flagged == ("judged not satisfying although all 1 KPIs are met",)


def test_every_key_criterion_must_be_judged_with_reasons() -> None:
    with pytest.raises(TenderError, match="no judgement on 'social_value'"):
        attrs.evolve(EXAMPLE, judgements=EXAMPLE.judgements[:4])
    blank = [attrs.evolve(EXAMPLE.judgements[0], reasons=" "), *EXAMPLE.judgements[1:]]
    with pytest.raises(TenderError, match="'quality_innovation': record the reasons"):
        attrs.evolve(EXAMPLE, judgements=blank)
    with pytest.raises(TenderError, match="name the decision-makers"):
        attrs.evolve(EXAMPLE, decision_makers=())
    with pytest.raises(TenderError, match="KPI 'x': unknown key criterion 'qualty'"):
        attrs.evolve(EXAMPLE, kpis=[KPI("x", "X", "qualty", 1, 1)])
    with pytest.raises(TenderError, match="no provider 'Nowhere'"):
        assess(attrs.evolve(EXAMPLE, incumbent="Nowhere"), evaluation=BALANCED)


def test_a_council_s_own_criteria_work_too() -> None:
    criteria = (("outcomes", "Outcomes for people"), ("stability", "Stability of the service"))
    decision = KeepOrRetender(
        "Housing support",
        "Riverside",
        judgements=[
            Judgement("outcomes", satisfying=True, likely=True, reasons="targets met"),
            Judgement("stability", satisfying=True, likely=True, reasons="low turnover"),
        ],
        change=ConsiderableChange(1e6, 1.1e6),
        decision_makers=("Cabinet member",),
        criteria=criteria,
    )
    found = assess(decision)
    assert found.direct_award
    assert "judged satisfying on every key criterion" in found.summary()


def test_a_keep_or_retender_decision_round_trips_through_json() -> None:
    again = io.load(KeepOrRetender, io.dump(EXAMPLE))
    assert again == EXAMPLE
    assert assess(again).summary() == assess(EXAMPLE).summary()


def test_more_bad_assessments_are_refused_clearly() -> None:
    from scorecard.contracts import Interest

    with pytest.raises(TenderError, match="KPI 'a' is given twice"):
        attrs.evolve(EXAMPLE, kpis=[KPI("a", "A", "value", 1, 1), KPI("a", "B", "value", 1, 1)])
    with pytest.raises(TenderError, match="name the decision-makers"):
        attrs.evolve(EXAMPLE, decision_makers=(" ",))
    with pytest.raises(TenderError, match="record how it was managed"):
        attrs.evolve(EXAMPLE, interests=[Interest("Ann", "a trustee", "")])
    with pytest.raises(TenderError, match="share_threshold must be 0 or more"):
        ConsiderableChange(1e6, 2e6, share_threshold=float("nan"))
    wrong = attrs.evolve(EXAMPLE, domains={"value": ("nope",)})
    with pytest.raises(TenderError, match="'nope' not in scorecard"):
        assess(wrong, evaluation=BALANCED)
