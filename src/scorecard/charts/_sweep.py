"""Scores as one node's weight sweeps from 0 to 1: the one-way sensitivity picture."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.sensitivity._one_way import Sweep
    from scorecard.sensitivity._thresholds import NodeThresholds


def one_way(sweep: Sweep, thresholds: NodeThresholds | None = None, *, width: int = 480) -> Any:
    """One line per provider: its score against the node's local weight.

    A solid rule marks the current weight, dashed rules the weights where the watched rank
    changes (from ``thresholds``).
    """
    alt = altair()
    columns: dict[str, list[object]] = {"weight": [], "provider": [], "score": [], "rank": []}
    for g, w in enumerate(sweep.grid):
        for i, provider in enumerate(sweep.providers):
            columns["weight"].append(round(float(w), 6))
            columns["provider"].append(provider)
            columns["score"].append(round(float(sweep.scores[g, i]), 6))
            columns["rank"].append(int(sweep.ranks[g, i]))
    lines = (
        alt.Chart(
            alt.Data(values=rows(columns)), title=f"Scores as the weight of {sweep.node} moves"
        )
        .mark_line()
        .encode(
            x=alt.X(
                "weight:Q", title=f"local weight of {sweep.node}", scale=alt.Scale(domain=[0, 1])
            ),
            y=alt.Y("score:Q", title="score"),
            color=alt.Color("provider:N", legend=alt.Legend(columns=1, symbolLimit=40)),
            tooltip=["provider:N", "weight:Q", "score:Q", "rank:Q"],
        )
    )
    marks = [{"weight": sweep.current, "kind": "current weight"}]
    if thresholds is not None:
        found = (thresholds.rank_below, thresholds.rank_above)
        marks += [{"weight": float(v), "kind": "ranking changes"} for v in found if v is not None]
    rules = (
        alt.Chart(alt.Data(values=marks))
        .mark_rule()
        .encode(
            x="weight:Q",
            strokeDash=alt.StrokeDash(
                "kind:N",
                scale=alt.Scale(
                    domain=["current weight", "ranking changes"], range=[[1, 0], [6, 4]]
                ),
                title=None,
            ),
            tooltip=["kind:N", alt.Tooltip("weight:Q", format=".3f")],
        )
    )
    return (lines + rules).properties(
        width=width,
        height=300,
        description=(
            f"One line per provider: its score as the local weight of {sweep.node} moves from "
            "0 to 1; a solid rule marks the current weight, dashed rules where the ranking changes."
        ),
    )
