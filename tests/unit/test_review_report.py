"""The quarterly contract review: a provider's and the system's, on the example and on own data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import scorecard as sc
from cards import grid_card
from scorecard import PerformanceTable
from scorecard.errors import TableError
from scorecard.monitoring import Comparators, ContractKPI, Panel, kpi_status
from scorecard.report import review_report

PANEL = Panel(*sc.datasets.example_panel())
CARD = sc.catalog.balanced()


def _section(html: str, heading: str) -> str:
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2>", start + 1)
    return html[start:end]


def test_a_providers_review_lists_strengths_before_concerns_with_evidence() -> None:
    kpi = ContractKPI("sc_opiate_no_rep", "quality_innovation", 5)
    html = review_report(PANEL, CARD, "Greywater Treatment Service", kpis=[kpi], samples=300)
    status = kpi_status(PANEL, CARD, "Greywater Treatment Service", [kpi])[0]
    assert html.index("<h2>Strengths</h2>") < html.index("<h2>Concerns</h2>")
    strengths = _section(html, "Strengths")
    assert "special-cause improvement" in strengths  # the story: better from 2024
    assert "Synthetic data" in html
    assert "<h2>Contract KPIs</h2>" in html
    assert f"<td>{status.rag.upper()}</td>" in _section(html, "Contract KPIs")
    assert "rank over time" in html
    assert html.count("<svg") >= 3  # ranks over time and the XmR small multiples
    assert "https://" not in html.replace("https://www.w3.org", "")


def test_the_system_review_sets_every_provider_side_by_side() -> None:
    html = review_report(PANEL, CARD, samples=300)
    table = _section(html, "Every provider, strengths first")
    assert all(p in table for p in PANEL.providers)
    assert "rank moves" in html
    assert "<h3>Starling Cross Recovery</h3>" in html


def test_a_cluster_adds_its_columns_and_rule() -> None:
    labels = {p: ("north" if k % 2 else "south") for k, p in enumerate(PANEL.providers)}
    html = review_report(
        PANEL,
        CARD,
        "Riverside Recovery",
        comparators=Comparators.given(labels, PANEL.providers),
        samples=300,
    )
    assert "cluster quartile" in html
    assert "Cluster: clusters as given." in html
    plain = review_report(PANEL, CARD, "Riverside Recovery", samples=300)
    assert "cluster quartile" not in plain


def test_own_card_and_names_that_look_like_markup() -> None:
    card = grid_card(2, 2)
    names = ("<b>Alpha</b>", "Beta & Co", "Gamma", "Delta")
    rng = np.random.default_rng(3)
    periods = tuple(dt.date(2024 + k // 4, 1 + 3 * (k % 4), 1) for k in range(8))
    tables = tuple(
        PerformanceTable(
            names,
            card.metric_ids,
            rng.uniform(0.2, 0.8, (4, 4)),
            standard_errors=np.full((4, 4), 0.05),
        )
        for _ in periods
    )
    panel = Panel(periods, tables)
    html = review_report(panel, card, "<b>Alpha</b>", samples=200)
    assert "<b>Alpha</b>" not in html
    assert "&lt;b&gt;Alpha&lt;/b&gt;" in html
    assert "Synthetic data" not in html
    system = review_report(panel, card, samples=200)
    assert "Beta &amp; Co" in system


def test_an_unknown_provider_is_named() -> None:
    with pytest.raises(TableError, match="no provider 'Nobody'"):
        review_report(PANEL, CARD, "Nobody", samples=100)


def test_a_metric_with_a_gap_is_named_not_dropped() -> None:
    card = grid_card(2, 2, missing="worst")
    names = ("A", "B", "C", "D")
    rng = np.random.default_rng(4)
    periods = tuple(dt.date(2024 + k // 4, 1 + 3 * (k % 4), 1) for k in range(8))
    tables = []
    for k in range(len(periods)):
        values = rng.uniform(0.2, 0.8, (4, 4))
        if k == 3:
            values[0, 0] = np.nan  # A has no figure for the first metric in one quarter
        tables.append(
            PerformanceTable(names, card.metric_ids, values, standard_errors=np.full((4, 4), 0.05))
        )
    html = review_report(Panel(periods, tuple(tables)), card, "A", samples=100)
    assert "No chart where a period has no figure: M00." in html
