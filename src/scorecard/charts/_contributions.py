"""Providers ranked by score, each bar split into its top-level domains' contributions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from scorecard._palette import domain_colours
from scorecard.charts._altair import altair, rows
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation


def contribution_rows(
    ev: Evaluation, *, limit: int | None = None
) -> tuple[list[dict[str, object]], list[str]]:
    """The chart's data (one row per provider and top-level domain) and the provider order.

    ``limit``: only the best ``limit`` providers (by rank, then name), for a chart that stays
    readable and light at thousands of providers.
    """
    card = ev.card
    domains = card.children(ROOT)
    ranked = sorted(range(len(ev.providers)), key=lambda i: (int(ev.ranks[i]), ev.providers[i]))
    shown = np.array(ranked if limit is None else ranked[:limit], dtype=np.intp)
    providers = [ev.providers[i] for i in shown.tolist()]
    columns: dict[str, list[object]] = {
        k: [] for k in ("provider", "domain", "part", "score", "rank", "order")
    }
    scores = np.round(ev.scores[shown], 6).tolist()
    ranks = ev.ranks[shown].tolist()
    for position, d in enumerate(domains):
        part = np.round(ev.contributions[shown][:, card.columns(d)].sum(axis=1), 6).tolist()
        columns["provider"] += providers
        columns["domain"] += [card.node(d).label] * len(providers)
        columns["part"] += part
        columns["score"] += scores
        columns["rank"] += ranks
        columns["order"] += [position] * len(providers)
    return rows(columns), providers


def contributions(
    ev: Evaluation, *, title: str | None = None, width: int = 520, limit: int | None = None
) -> Any:
    """Stacked bars: one per provider (best at the top), one colour per top-level domain.

    A bar's length is the provider's score; each piece is a domain's contribution to it.
    ``limit``: draw only the best ``limit`` providers (the default title then says so).
    """
    alt = altair()
    card = ev.card
    data, order = contribution_rows(ev, limit=limit)
    if title is None and len(order) < len(ev.providers):
        title = f"{card.name}: the best {len(order)} of {len(ev.providers):,} providers by score"
    colours = domain_colours(card)
    return (
        alt.Chart(alt.Data(values=data), title=title or f"{card.name}: scores by domain")
        .mark_bar()
        .encode(
            y=alt.Y("provider:N", sort=order, title=None, axis=alt.Axis(labelLimit=280)),
            x=alt.X(
                "sum(part):Q",
                title="score (contribution of each domain)",
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "domain:N",
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                title="domain",
                legend=alt.Legend(labelLimit=0, orient="bottom", columns=2),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                "provider:N",
                "rank:Q",
                "score:Q",
                "domain:N",
                alt.Tooltip("part:Q", format=".3f"),
            ],
        )
        .properties(
            width=width,
            height=alt.Step(18),
            description=(
                f"Stacked bars, one per provider from the best down: each bar is the "
                f"provider's score, split into what each top-level domain contributes "
                f"({', '.join(colours)})."
            ),
        )
    )
