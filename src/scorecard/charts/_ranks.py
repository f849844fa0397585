"""Ranks over time: each provider's rank per period, its interval, and the moves the data carry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from scorecard._palette import DOMAIN_COLOURS, SHIFT_COLOURS, SHIFT_SHAPES
from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.monitoring import RankChanges


def ranks_over_time(
    changes: RankChanges,
    *,
    highlight: Sequence[str] = (),
    width: int = 560,
    title: str = "Ranks over time",
) -> Any:
    """Each provider's rank per period (1 at the top), with the moves the data carry marked.

    The ``highlight`` providers are drawn in colour with their 95% rank interval as a band;
    the rest are thin grey lines. A move the data carry (`RankChanges.real`) is a filled
    triangle, pointing up (blue) for a rise and down (vermillion) for a fall; a move within
    the noise is a small hollow grey circle.
    """
    alt = altair()
    chosen = list(highlight)
    unknown = [p for p in chosen if p not in changes.providers]
    if unknown:
        from scorecard.errors import ScorecardError  # noqa: PLC0415

        raise ScorecardError(f"no provider {unknown[0]!r} in the rank changes")
    columns: dict[str, list[object]] = {
        k: [] for k in ("when", "provider", "rank", "low", "high", "move", "shown")
    }
    for i, provider in enumerate(changes.providers):
        for t, when in enumerate(changes.periods):
            move = ""
            if t > 0 and changes.moved[t - 1, i]:
                if changes.real[t - 1, i]:
                    move = "rises" if changes.ranks[t, i] < changes.ranks[t - 1, i] else "falls"
                else:
                    move = "within the noise"
            columns["when"].append(when.isoformat())
            columns["provider"].append(provider)
            columns["rank"].append(int(changes.ranks[t, i]))
            columns["low"].append(int(changes.low[t, i]))
            columns["high"].append(int(changes.high[t, i]))
            columns["move"].append(move)
            columns["shown"].append(provider if provider in chosen else "others")
    base = alt.Chart(alt.Data(values=rows(columns)), title=title)
    x = alt.X("when:T", title=None)
    y = alt.Y(
        "rank:Q",
        scale=alt.Scale(reverse=True, domain=[1, len(changes.providers)], nice=False),
        title="rank (1 = best)",
    )
    names = [*chosen, "others"]
    palette = [DOMAIN_COLOURS[k % len(DOMAIN_COLOURS)] for k in range(len(chosen))]
    colour = alt.Color(
        "shown:N",
        scale=alt.Scale(domain=names, range=[*palette, "#CCCCCC"]),
        title=None,
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
    )
    others = base.transform_filter(alt.datum.shown == "others").mark_line(strokeWidth=1)
    lines = [
        others.encode(x=x, y=y, detail="provider:N", color=colour),
    ]
    if chosen:
        mine = base.transform_filter(alt.datum.shown != "others")
        lines += [
            mine.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=colour),
            mine.mark_area(opacity=0.15).encode(
                x=x, y="low:Q", y2="high:Q", color=alt.Color("shown:N", legend=None)
            ),
        ]
    kinds = {k: SHIFT_COLOURS[k] for k in ("rises", "falls")}
    real = base.transform_filter((alt.datum.move == "rises") | (alt.datum.move == "falls"))
    marks = [
        base.transform_filter(alt.datum.move == "within the noise")
        .mark_point(size=40, filled=False, color="#8C8C8C", shape="circle")
        .encode(x=x, y=y, tooltip=["provider:N", "when:T", "rank:Q", "low:Q", "high:Q"]),
        real.mark_point(size=110, filled=True, opacity=1).encode(
            x=x,
            y=y,
            color=alt.Color(
                "move:N",
                scale=alt.Scale(domain=list(kinds), range=list(kinds.values())),
                title="moves beyond the noise",
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "move:N",
                scale=alt.Scale(domain=list(kinds), range=[SHIFT_SHAPES[k] for k in kinds]),
                title="moves beyond the noise",
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["provider:N", "when:T", "rank:Q", "low:Q", "high:Q", "move:N"],
        ),
    ]
    moved = int(changes.moved.sum())
    real = int(changes.real.sum())
    together = alt.layer(alt.layer(*lines), alt.layer(*marks))
    return together.resolve_scale(color="independent", shape="independent").properties(
        width=width,
        height=320,
        description=(
            f"Ranks of {len(changes.providers)} providers over {len(changes.periods)} periods; "
            f"{moved} rank moves, of which {real} lie beyond the noise of the data (filled "
            "triangles: blue up, vermillion down); moves within the noise are hollow grey circles"
            + (
                f"; highlighted with their 95% rank interval: {', '.join(chosen)}."
                if chosen
                else "."
            )
        ),
    )
