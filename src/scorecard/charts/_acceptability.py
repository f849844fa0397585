"""SMAA rank acceptability as a heat map: providers down, ranks across."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.sensitivity._smaa import Acceptability


def acceptability(result: Acceptability, *, width: int = 480) -> Any:
    """A heat map of how often each provider takes each rank (darker = more often).

    Providers are in order of their holistic acceptability.
    """
    alt = altair()
    n = len(result.providers)
    columns: dict[str, list[object]] = {"provider": [], "rank": [], "share": []}
    for i, provider in enumerate(result.providers):
        for r in range(n):
            columns["provider"].append(provider)
            columns["rank"].append(r + 1)
            columns["share"].append(round(float(result.rank_acceptability[i, r]), 6))
    order = [result.providers[i] for i in sorted(range(n), key=lambda i: -result.holistic[i])]
    return (
        alt.Chart(
            alt.Data(values=rows(columns)),
            title=f"How often each provider takes each rank ({result.samples:,} weightings)",
        )
        .mark_rect()
        .encode(
            x=alt.X("rank:O", title="rank"),
            y=alt.Y("provider:N", sort=order, title=None),
            color=alt.Color(
                "share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), title="share"
            ),
            tooltip=["provider:N", "rank:O", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=width, height=alt.Step(18))
    )
