"""A provider's review: strengths before concerns, each with metric, periods and rule."""

from __future__ import annotations

import datetime as dt

import numpy as np

import scorecard as sc
from scorecard.monitoring import ASSURANCE, Panel, review, xmr

TABLE = sc.datasets.example()
CARD = sc.catalog.balanced()
PERIODS = tuple(dt.date(2022 + k // 4, 1 + 3 * (k % 4), 1) for k in range(12))
METRIC = "conn_connected"  # higher is better, a percentage


def panel(improver: str, worsener: str) -> Panel:
    rng = np.random.default_rng(7)
    j = TABLE.metrics.index(METRIC)
    tables = []
    for k in range(12):
        values = np.array(TABLE.values)
        values = values + rng.normal(0, 0.4, values.shape) * np.isfinite(values)
        values = np.where(np.isfinite(TABLE.values), np.clip(values, 0, None), np.nan)
        if k >= 8:  # the last four quarters
            values[TABLE.providers.index(improver), j] += 8
            values[TABLE.providers.index(worsener), j] -= 8
        values[:, j] = np.clip(values[:, j], 0, 100)
        tables.append(sc.PerformanceTable(TABLE.providers, TABLE.metrics, values))
    return Panel(PERIODS, tuple(tables))


def test_an_improvement_is_a_strength_and_a_fall_a_concern_with_their_evidence() -> None:
    improver, worsener = "Greywater Treatment Service", "Starling Cross Recovery"
    p = panel(improver, worsener)
    good = review(p, CARD, improver, targets={METRIC: 40.0})
    label = CARD.metric(METRIC).label
    found = [f for f in good.strengths if f.metric == METRIC and f.kind.startswith("special")]
    assert found, good.summary()
    assert found[0].kind == "special-cause improvement"
    assert found[0].periods[-1] == PERIODS[-1]
    assert found[0].rule in {"outside limits", "trend", "two of three", "run"}
    chart = xmr(p.series(METRIC, improver), target=40.0)
    verdict = ASSURANCE[int(chart.assurance[0])]
    kinds = {f.kind for f in (*good.strengths, *good.concerns) if f.metric == METRIC}
    assert (verdict in kinds) is (verdict != "inconsistent")  # stated only when it is decisive
    text = good.summary()
    assert text.index("strengths:") < text.index("Concerns:")
    assert f"{label}: special-cause improvement" in text
    bad = review(p, CARD, worsener)
    assert any(f.metric == METRIC and f.kind == "special-cause concern" for f in bad.concerns), (
        bad.summary()
    )
    assert not any(f.metric == METRIC for f in bad.strengths)


def test_the_top_quartile_every_recent_period_is_a_strength() -> None:
    p = panel("Greywater Treatment Service", "Starling Cross Recovery")
    best = TABLE.providers[int(np.nanargmax(TABLE.column("conn_informed")))]
    found = review(p, CARD, best)
    assert any(f.kind == "top quartile" and f.metric == "conn_informed" for f in found.strengths)


def test_a_provider_can_lead_its_cluster_while_middling_nationally() -> None:
    from scorecard.monitoring import Comparators, standing

    p = panel("Greywater Treatment Service", "Starling Cross Recovery")
    values = TABLE.column("conn_informed")
    order = np.argsort(values)  # the lowest eight form one cluster, the highest the other
    labels = {TABLE.providers[int(k)]: ("low" if r < 8 else "high") for r, k in enumerate(order)}
    clusters = Comparators.given(labels, p.providers)
    leader = TABLE.providers[int(order[7])]  # best of the low cluster
    assert standing(p, CARD, comparators=clusters).national_quartile[
        p.providers.index(leader), standing(p, CARD).metrics.index("conn_informed")
    ] in {2, 3}
    found = review(p, CARD, leader, comparators=clusters)
    texts = [f.text for f in found.strengths if f.metric == "conn_informed"]
    assert any("top quartile of its cluster of 8 similar providers" in t for t in texts), texts
    assert not any("top quartile of 16 providers" in t for t in texts)
