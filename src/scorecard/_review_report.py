"""The quarterly contract review as self-contained HTML: one provider's, or the whole system's.

A provider's review opens with its score and rank this period and whether its last rank move
lies beyond the noise of the data; then its strengths before its concerns, each with its
evidence; its contract KPIs with their RAG status; its standing against all providers and its
cluster with direction-of-travel arrows; its rank over time; and small multiples of its XmR
charts, a group per domain. The system's review sets every provider side by side (score,
rank, move, strengths and concerns counted, the first of each in words), draws the ranks over
time, and lists each provider's review. Both say which conventions the charts follow, print on
A4 and escape every name.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from scorecard._markup import SYNTHETIC, escape, page, wide_table
from scorecard._text import place, score_text
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.monitoring import (
        Comparators,
        ContractKPI,
        OverTime,
        Panel,
        RankChanges,
        Review,
    )
    from scorecard.tree import Scorecard
    from scorecard.weighting import WeightSpec

__all__ = ["review_report"]

METHOD = (
    "XmR charts follow NHS England's Making Data Count: limits at the mean plus and minus 2.66 "
    "times the mean moving range (moving ranges above 3.267 times their mean screened out), "
    "special causes in priority order (a point outside the limits, a trend of 7, two of three "
    "beyond two sigma on one side, a run of 7 on one side of the mean), improvement and concern "
    "by the direction that is better. Quartiles are among all providers (and the cluster when "
    "given), 1 the best quarter. Arrows compare with the period before, tested at 95% with "
    "the denominators (two proportions) or standard errors. A rank move is beyond the noise "
    "when the probability that the true rank moved that way, from each period's figures, is "
    "at least 0.95."
)


def _figure(chart: object) -> str:
    from scorecard.charts import svg  # noqa: PLC0415

    return f"<figure>{svg(chart)}</figure>"


def _findings(found: Review) -> list[str]:
    out = ["<h2>Strengths</h2>"]
    good = [f.text for f in found.strengths]
    out.append(
        "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in good) + "</ul>"
        if good
        else "<p>No special-cause improvement, sustained top-quartile performance or met "
        "target this period.</p>"
    )
    out.append("<h2>Concerns</h2>")
    bad = [f.text for f in found.concerns]
    out.append(
        "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in bad) + "</ul>"
        if bad
        else "<p>No concern.</p>"
    )
    return out


def _move(changes: RankChanges, i: int) -> str:
    """The last period's rank move of provider ``i``, in words."""
    if len(changes.periods) < 2:  # noqa: PLR2004
        return "first period"
    before, now = int(changes.ranks[-2, i]), int(changes.ranks[-1, i])
    if before == now:
        return "held its rank"
    way = "rose" if now < before else "fell"
    real = "beyond the noise" if changes.real[-1, i] else "within the noise"
    return f"{way} from {place(before)} ({real})"


def _standing_rows(
    panel: Panel, card: Scorecard, provider: str, comparators: Comparators | None
) -> str:
    from scorecard.monitoring import standing  # noqa: PLC0415

    found = standing(
        panel, card, comparators=comparators, since=1 if len(panel.periods) > 1 else None
    )
    clustered = comparators is not None
    rows = []
    for r in found.rows(provider):
        row = [r["label"], _number(r["value"]), _number(r["national median"])]
        row.append(_quarter(r["national quartile"]))
        if clustered:
            row += [_number(r["cluster median"]), _quarter(r["cluster quartile"])]
        rows.append([*row, f"{r['arrow']} {r['travel']}".strip()])
    headers = ["metric", "value", "median of all", "quartile of all"]
    if comparators is not None:
        headers += ["cluster median", "cluster quartile"]
    headers.append("since the period before")
    note = (
        f"Cluster: {comparators.rule}."
        if comparators is not None
        else "No cluster of similar providers given: compared with all providers."
    )
    note += " Quartile 1 is the best quarter, by the direction that is better."
    return wide_table(headers, rows) + f"<p class='note'>{escape(note)}</p>"


def _number(value: object) -> str:
    x = float(value)  # type: ignore[arg-type]
    return "" if not np.isfinite(x) else f"{x:.1f}"


def _quarter(value: object) -> str:
    q = int(value)  # type: ignore[call-overload]
    return "" if q == 0 else f"Q{q}"


def _domain_grids(panel: Panel, card: Scorecard, provider: str) -> list[str]:
    """Small multiples of the provider's XmR charts, one group per top-level domain."""
    from scorecard.charts import xmr_grid  # noqa: PLC0415
    from scorecard.monitoring import SPCWarning, xmr  # noqa: PLC0415

    out: list[str] = []
    gaps: list[str] = []
    held = set(panel.tables[0].metrics)
    for domain in card.children(ROOT):
        node = card.node(domain)
        metrics = [m for m in card.leaves(domain) if m in held]
        for better in ("higher", "lower"):
            chosen = [m for m in metrics if card.metric(m).direction.value == better]
            series = [panel.series(m, provider) for m in chosen]
            keep = [k for k, s in enumerate(series) if np.isfinite(s).all()]
            gaps += [card.metric(m).label for k, m in enumerate(chosen) if k not in keep]
            if not keep:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SPCWarning)
                chart = xmr(
                    np.stack([series[k] for k in keep]), periods=panel.periods, better=better
                )
            labels = [card.metric(chosen[k]).label for k in keep]
            title = f"{node.label}: {better} is better"
            out.append(_figure(xmr_grid(chart, labels, periods=panel.periods, title=title)))
    if gaps:
        listed = ", ".join(gaps)
        out.append(f"<p class='note'>No chart where a period has no figure: {escape(listed)}.</p>")
    return out


def _kpi_rows(panel: Panel, card: Scorecard, provider: str, kpis: Sequence[ContractKPI]) -> str:
    from scorecard.monitoring import kpi_status  # noqa: PLC0415

    rows = [
        [
            s.label,
            s.kpi.criterion,
            f"{s.kpi.target:g}",
            _number(s.latest),
            s.rag.upper(),
            s.describe(),
        ]
        for s in kpi_status(panel, card, provider, kpis)
    ]
    return wide_table(["KPI", "key criterion", "target", "latest", "RAG", "reading"], rows)


def _provider_sections(
    panel: Panel,
    card: Scorecard,
    provider: str,
    over: OverTime,
    changes: RankChanges,
    *,
    targets: Mapping[str, float] | None,
    comparators: Comparators | None,
    kpis: Sequence[ContractKPI],
) -> list[str]:
    from scorecard.charts import ranks_over_time  # noqa: PLC0415
    from scorecard.monitoring import review  # noqa: PLC0415

    i = over.providers.index(provider)
    score, rank = float(over.scores[-1, i]), int(over.ranks[-1, i])
    found = review(panel, card, provider, targets=targets, comparators=comparators)
    lead = (
        f"<p><b>{escape(provider)}</b>, period from {panel.periods[-1].isoformat()}: score "
        f"{score_text(score)}, {place(rank)} of {len(over.providers)}; "
        f"{escape(_move(changes, i))}.</p>"
    )
    sections = [lead, *_findings(found)]
    if kpis:
        sections += ["<h2>Contract KPIs</h2>", _kpi_rows(panel, card, provider, kpis)]
    sections += [
        "<h2>Against all providers" + (" and the cluster" if comparators else "") + "</h2>",
        _standing_rows(panel, card, provider, comparators),
        "<h2>Rank over time</h2>",
        *[f"<p>{escape(line)}.</p>" for line in changes.describe(provider)],
        _figure(
            ranks_over_time(changes, highlight=[provider], title=f"{provider}: rank over time")
        ),
        "<h2>Each metric over time</h2>",
        *_domain_grids(panel, card, provider),
    ]
    return sections


def _system_sections(
    panel: Panel,
    card: Scorecard,
    over: OverTime,
    changes: RankChanges,
    *,
    targets: Mapping[str, float] | None,
    comparators: Comparators | None,
) -> list[str]:
    from scorecard.charts import ranks_over_time  # noqa: PLC0415
    from scorecard.monitoring import review  # noqa: PLC0415

    order = np.argsort(over.ranks[-1], kind="stable")
    reviews = {
        p: review(panel, card, p, targets=targets, comparators=comparators) for p in over.providers
    }
    rows = []
    for i in order.tolist():
        p = over.providers[i]
        found = reviews[p]
        rows.append(
            [
                str(int(over.ranks[-1, i])),
                p,
                score_text(float(over.scores[-1, i])),
                _move(changes, i),
                str(len(found.strengths)),
                found.strengths[0].text if found.strengths else "",
                str(len(found.concerns)),
                found.concerns[0].text if found.concerns else "",
            ]
        )
    headers = ["rank", "provider", "score", "last move", "strengths", "first strength"]
    headers += ["concerns", "first concern"]
    real = int(changes.real.sum())
    lead = (
        f"<p>{len(over.providers)} providers over {len(panel.periods)} periods, to the period "
        f"from {panel.periods[-1].isoformat()}. Of {int(changes.moved.sum())} rank moves, {real} "
        "lie beyond the noise of the data.</p>"
    )
    sections = [
        lead,
        "<h2>Every provider, strengths first</h2>",
        wide_table(headers, rows),
        "<h2>Ranks over time</h2>",
        _figure(ranks_over_time(changes)),
        "<h2>Each provider's review</h2>",
    ]
    for i in order.tolist():
        found = reviews[over.providers[i]]
        sections.append(f"<h3>{escape(found.provider)}</h3><p>{escape(found.summary())}</p>")
    return sections


def review_report(
    panel: Panel,
    card: Scorecard,
    provider: str | None = None,
    *,
    weights: WeightSpec | None = None,
    targets: Mapping[str, float] | None = None,
    comparators: Comparators | None = None,
    kpis: Sequence[ContractKPI] = (),
    samples: int = 2_000,
    seed: int = 0,
    synthetic: bool | None = None,
    title: str | None = None,
) -> str:
    """The quarterly contract review of ``provider`` (or, with None, of the whole system).

    Parameters
    ----------
    panel, card
        The panel of periods and the scorecard (its weights unless ``weights``).
    targets
        Metric id -> target, judged by XmR assurance in the strengths and concerns.
    comparators
        Each provider's cluster of similar providers (`scorecard.monitoring.Comparators`).
    kpis
        The provider's contract KPIs, shown with their RAG status (provider reviews only).
    samples, seed
        Draws per period for judging rank moves against the noise (`rank_changes`).
    synthetic
        Whether to show the synthetic-data banner (default: when any table says so).
    """
    from scorecard.monitoring import over_time, rank_changes  # noqa: PLC0415

    if provider is not None and provider not in panel.providers:
        from scorecard.errors import TableError  # noqa: PLC0415

        raise TableError(f"no provider {provider!r} in the panel")
    over = over_time(card, panel, weights=weights)
    changes = rank_changes(over, panel, samples=samples, seed=seed)
    heading = title or (
        f"Quarterly contract review: {provider}" if provider else "Quarterly system review"
    )
    sections = [f"<h1>{escape(heading)}</h1>"]
    fake = any(t.synthetic for t in panel.tables) if synthetic is None else synthetic
    if fake:
        sections.append(f"<p class='banner'>{escape(SYNTHETIC)}</p>")
    sections.append(
        f"<p class='note'>Scorecard: {escape(card.name)}; {len(panel.periods)} periods from "
        f"{panel.periods[0].isoformat()} to {panel.periods[-1].isoformat()}.</p>"
    )
    if provider is None:
        sections += _system_sections(
            panel, card, over, changes, targets=targets, comparators=comparators
        )
    else:
        sections += _provider_sections(
            panel,
            card,
            provider,
            over,
            changes,
            targets=targets,
            comparators=comparators,
            kpis=kpis,
        )
    sections += ["<h2>How to read this review</h2>", f"<p class='note'>{escape(METHOD)}</p>"]
    return page(escape(heading), sections)
