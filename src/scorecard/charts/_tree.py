"""The value tree as an icicle: each node as wide as its global weight, one row per level."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard._palette import domain_colours
from scorecard.charts._altair import altair, rows
from scorecard.tree import ROOT

_LABELLED = 0.1
"""Nodes wider than this share of the chart carry their label."""

if TYPE_CHECKING:
    from scorecard._weights import Weights
    from scorecard.tree import Scorecard


def weight_tree(card: Scorecard, weights: Weights, *, width: int = 640) -> Any:
    """An icicle of the value tree: depth down, global weight across.

    The tooltip gives each node's local weight (its share of its parent) and global weight.
    """
    alt = altair()
    colours = domain_colours(card)
    columns: dict[str, list[object]] = {
        k: [] for k in ("id", "label", "depth", "x0", "x1", "local", "global", "top")
    }

    def walk(parent: str, start: float, share: float, depth: int, top: str) -> None:
        for child in card.children(parent):
            local = float(weights[child])
            span = share * local
            columns["id"].append(child)
            columns["label"].append(card.node(child).label)
            columns["depth"].append(depth)
            columns["x0"].append(start)
            columns["x1"].append(start + span)
            columns["local"].append(round(local, 6))
            columns["global"].append(round(span, 6))
            columns["top"].append(top or card.node(child).label)
            walk(child, start, span, depth + 1, top or card.node(child).label)
            start += span

    walk(ROOT, 0.0, 1.0, 0, "")
    base = alt.Chart(alt.Data(values=rows(columns)), title=f"{card.name}: weights")
    rect = base.mark_rect(stroke="white").encode(
        x=alt.X(
            "x0:Q", axis=alt.Axis(format="%", title="global weight"), scale=alt.Scale(domain=[0, 1])
        ),
        x2="x1:Q",
        y=alt.Y("depth:O", title="level", axis=None),
        color=alt.Color(
            "top:N",
            scale=alt.Scale(domain=list(colours), range=list(colours.values())),
            title="domain",
            legend=alt.Legend(labelLimit=0, orient="bottom", columns=2),
        ),
        tooltip=[
            "label:N",
            "id:N",
            alt.Tooltip("local:Q", format=".1%"),
            alt.Tooltip("global:Q", format=".1%"),
        ],
    )
    text = (
        base.transform_filter(alt.datum.x1 - alt.datum.x0 > _LABELLED)
        .mark_text(fontSize=10, color="black")
        .encode(x=alt.X("mid:Q"), y=alt.Y("depth:O"), text="label:N")
        .transform_calculate(mid="(datum.x0 + datum.x1) / 2")
    )
    return (rect + text).properties(
        width=width,
        height=alt.Step(28),
        description=(
            "Icicle of the value tree: one row per level, each domain and metric as wide as its "
            "global weight, coloured by its top-level domain."
        ),
    )
