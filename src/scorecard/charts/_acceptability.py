"""SMAA rank acceptability as a heat map: providers down, ranks across."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.sensitivity._smaa import Acceptability


def acceptability(result: Acceptability, *, width: int = 480, limit: int | None = None) -> Any:
    """A heat map of how often each provider takes each rank (darker = more often).

    Providers are in order of their holistic acceptability. ``limit``: with more providers
    than that, only the ``limit`` most acceptable are drawn, with ranks 1 to ``limit`` and one
    column for every rank below (the title says so), so the map stays readable and small.
    """
    alt = altair()
    n = len(result.providers)
    order = [result.providers[i] for i in sorted(range(n), key=lambda i: -result.holistic[i])]
    title = f"How often each provider takes each rank ({result.samples:,} weightings)"
    shares = result.rank_acceptability
    ranks: list[object] = list(range(1, n + 1))
    x = alt.X("rank:O", title="rank")
    if limit is not None and n > limit:
        keep = sorted(range(n), key=lambda i: -result.holistic[i])[:limit]
        order = [result.providers[i] for i in keep]
        tail = shares[:, limit:].sum(axis=1, keepdims=True)
        shares = np.concatenate([shares[:, :limit], tail], axis=1)
        ranks = [*(str(r) for r in range(1, limit + 1)), f"{limit + 1}+"]
        x = alt.X("rank:O", title="rank", sort=ranks)
        title = (
            f"How often each of the {limit} most acceptable of {n:,} providers takes each rank "
            f"({result.samples:,} weightings; ranks below {limit} together)"
        )
    shown = set(order)
    columns: dict[str, list[object]] = {"provider": [], "rank": [], "share": []}
    for i, provider in enumerate(result.providers):
        if provider not in shown:
            continue
        for r, label in enumerate(ranks):
            columns["provider"].append(provider)
            columns["rank"].append(label)
            columns["share"].append(round(float(shares[i, r]), 6))
    return (
        alt.Chart(alt.Data(values=rows(columns)), title=title)
        .mark_rect()
        .encode(
            x=x,
            y=alt.Y("provider:N", sort=order, title=None),
            color=alt.Color(
                "share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), title="share"
            ),
            tooltip=["provider:N", "rank:O", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(
            width=width,
            height=alt.Step(18),
            description=(
                "Heat map: for each provider (a row, the most acceptable first) the share of "
                "plausible weightings in which it takes each rank (a column); darker is more often."
            ),
        )
    )
