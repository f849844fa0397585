"""Rank shifts between a baseline evaluation and the current one, as a slope chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard._palette import SHIFT_COLOURS, SHIFT_SHAPES, shift_trend
from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation


def rank_shifts(
    ev: Evaluation,
    baseline: Evaluation,
    *,
    width: int = 320,
    baseline_name: str | None = None,
) -> Any:
    """A slope chart of each provider's rank under ``baseline`` (left) and ``ev`` (right).

    A provider that rises is blue with a triangle pointing up, one that falls vermillion
    with a triangle pointing down, one that holds grey with a circle (colour is never the
    only cue). ``baseline_name`` labels the left side (default: the baseline card's name).
    """
    alt = altair()
    shifts = ev.compare(baseline)
    before, after = baseline_name or baseline.card.name, ev.card.name
    if before == after:
        before, after = f"{before} (baseline)", f"{after} (now)"
    columns: dict[str, list[object]] = {
        k: [] for k in ("provider", "evaluation", "rank", "shift", "side")
    }
    for i, provider in enumerate(shifts.providers):
        move = int(shifts.rank_shift[i])
        trend = shift_trend(move)
        for side, (name, rank) in enumerate(
            ((before, shifts.baseline_ranks[i]), (after, shifts.ranks[i]))
        ):
            columns["provider"].append(provider)
            columns["evaluation"].append(name)
            columns["rank"].append(int(rank))
            columns["shift"].append(trend)
            columns["side"].append(side)
    base = alt.Chart(alt.Data(values=rows(columns)), title="Rank shifts")
    colour = alt.Color(
        "shift:N",
        scale=alt.Scale(domain=list(SHIFT_COLOURS), range=list(SHIFT_COLOURS.values())),
        title=None,
        legend=alt.Legend(orient="bottom"),
    )
    shape = alt.Shape(
        "shift:N",
        scale=alt.Scale(domain=list(SHIFT_SHAPES), range=list(SHIFT_SHAPES.values())),
        title=None,
        legend=alt.Legend(orient="bottom"),
    )
    x = alt.X("evaluation:N", sort=[before, after], title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("rank:Q", scale=alt.Scale(reverse=True, domainMin=1), title="rank (1 = best)")
    lines = base.mark_line().encode(x=x, y=y, color=colour, detail="provider:N")
    points = base.mark_point(filled=True, size=60).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=["provider:N", "evaluation:N", "rank:Q"]
    )
    labels = (
        base.transform_filter(alt.datum.side == 1)
        .mark_text(align="left", dx=6)
        .encode(x=x, y=y, text="provider:N")
    )
    moves = [shift_trend(int(s)) for s in shifts.rank_shift]
    told = ", ".join(f"{moves.count(t)} {t}" for t in SHIFT_COLOURS)
    return (lines + points + labels).properties(
        width=width,
        height=alt.Step(22),
        description=(
            f"Slope chart of each provider's rank under {before} (left) and {after} (right): "
            f"{told}."
        ),
    )
