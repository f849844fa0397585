"""Rank shifts between a baseline evaluation and the current one, as a slope chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation


def rank_shifts(ev: Evaluation, baseline: Evaluation, *, width: int = 320) -> Any:
    """A slope chart of each provider's rank under ``baseline`` (left) and ``ev`` (right).

    Lines are green where the provider rises, red where it falls, grey where it holds.
    """
    alt = altair()
    shifts = ev.compare(baseline)
    before, after = baseline.card.name, ev.card.name
    if before == after:
        before, after = f"{before} (baseline)", f"{after} (now)"
    columns: dict[str, list[object]] = {
        k: [] for k in ("provider", "evaluation", "rank", "shift", "side")
    }
    for i, provider in enumerate(shifts.providers):
        move = int(shifts.rank_shift[i])
        trend = "rises" if move > 0 else "falls" if move < 0 else "holds"
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
        scale=alt.Scale(
            domain=["rises", "falls", "holds"], range=["#1a9850", "#d73027", "#969696"]
        ),
        title=None,
        legend=alt.Legend(orient="bottom"),
    )
    x = alt.X("evaluation:N", sort=[before, after], title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("rank:Q", scale=alt.Scale(reverse=True, domainMin=1), title="rank (1 = best)")
    lines = base.mark_line(point=True).encode(
        x=x,
        y=y,
        color=colour,
        detail="provider:N",
        tooltip=["provider:N", "evaluation:N", "rank:Q"],
    )
    labels = (
        base.transform_filter(alt.datum.side == 1)
        .mark_text(align="left", dx=6)
        .encode(x=x, y=y, text="provider:N")
    )
    return (lines + labels).properties(width=width, height=alt.Step(22))
