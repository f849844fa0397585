"""Contract KPIs: RAG that reads the noise, and the evidence a keep-or-retender assessment uses."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

import scorecard as sc
from scorecard.contracts import assess
from scorecard.monitoring import ContractKPI, Panel, kpi_evidence, kpi_status, xmr

PANEL = Panel(*sc.datasets.example_panel())
CARD = sc.catalog.balanced()
METRIC = "sc_opiate_no_rep"


def status(provider: str, target: float) -> str:
    return kpi_status(PANEL, CARD, provider, [ContractKPI(METRIC, "quality_innovation", target)])[
        0
    ].rag


def test_a_quarter_below_target_inside_common_cause_is_amber_not_red() -> None:
    series = PANEL.series(METRIC, "Ferncombe Recovery")
    chart = xmr(series, target=float(np.mean(series)))
    assert chart.rule[0, -1] == -1  # the latest quarter is common cause
    target = float(series[-1]) + 0.01  # just above the latest value: below target this quarter
    assert status("Ferncombe Recovery", target) == "amber"
    assert status("Ferncombe Recovery", float(chart.lower[0, 0]) - 1) == "green"
    assert status("Ferncombe Recovery", float(chart.upper[0, 0]) + 1) == "red"


def test_a_special_cause_concern_below_target_is_red() -> None:
    series = PANEL.series(METRIC, "Starling Cross Recovery")
    assert status("Starling Cross Recovery", float(series[0])) == "red"


def test_the_statuses_become_keep_or_retender_evidence() -> None:
    statuses = kpi_status(
        PANEL, CARD, "Hollowmere Wellbeing Service", [ContractKPI(METRIC, "quality_innovation", 5)]
    )
    kpis = kpi_evidence(statuses)
    decision = sc.datasets.example_keep_or_retender()
    found = assess(attrs.evolve(decision, kpis=kpis))
    quality = next(f for f in found.findings if f.criterion == "quality_innovation")
    assert any("green: consistently meets the target" in e for e in quality.evidence)
    with pytest.raises(sc.errors.ScorecardError):
        kpi_status(PANEL, CARD, "Hollowmere Wellbeing Service", [ContractKPI("nope", "value", 1)])
