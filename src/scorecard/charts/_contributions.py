"""Providers ranked by score, each bar split into its top-level domains' contributions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from scorecard.charts._altair import altair, rows
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation


def contribution_rows(ev: Evaluation) -> tuple[list[dict[str, object]], list[str]]:
    """The chart's data (one row per provider and top-level domain) and the provider order."""
    card = ev.card
    domains = card.children(ROOT)
    columns: dict[str, list[object]] = {
        k: [] for k in ("provider", "domain", "part", "score", "rank", "order")
    }
    scores = np.round(ev.scores, 6).tolist()
    ranks = [int(r) for r in ev.ranks]
    for position, d in enumerate(domains):
        part = np.round(ev.contributions[:, card.columns(d)].sum(axis=1), 6).tolist()
        label = card.node(d).label
        columns["provider"] += ev.providers
        columns["domain"] += [label] * len(ev.providers)
        columns["part"] += part
        columns["score"] += scores
        columns["rank"] += ranks
        columns["order"] += [position] * len(ev.providers)
    order = sorted(range(len(ev.providers)), key=lambda i: (ranks[i], ev.providers[i]))
    return rows(columns), [ev.providers[i] for i in order]


def contributions(ev: Evaluation, *, title: str | None = None, width: int = 520) -> Any:
    """Stacked bars: one per provider (best at the top), one colour per top-level domain.

    A bar's length is the provider's score; each piece is a domain's contribution to it.
    """
    alt = altair()
    card = ev.card
    data, order = contribution_rows(ev)
    labels = [card.node(d).label for d in card.children(ROOT)]
    return (
        alt.Chart(alt.Data(values=data), title=title or f"{card.name}: scores by domain")
        .mark_bar()
        .encode(
            y=alt.Y("provider:N", sort=order, title=None),
            x=alt.X(
                "sum(part):Q",
                title="score (contribution of each domain)",
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color("domain:N", sort=labels, title="domain"),
            order=alt.Order("order:Q"),
            tooltip=[
                "provider:N",
                "rank:Q",
                "score:Q",
                "domain:N",
                alt.Tooltip("part:Q", format=".3f"),
            ],
        )
        .properties(width=width, height=alt.Step(18))
    )
