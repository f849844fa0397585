"""Stakeholder lenses side by side: each group's weights per domain, and each provider's ranks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from scorecard._palette import LENS_COLOURS
from scorecard.charts._altair import altair, rows
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard._weights import Weights
    from scorecard.evaluation import Evaluation
    from scorecard.tree import Scorecard

__all__ = ["lens_ranks", "lens_weights"]

_SHAPES: Final = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross")


def _colour(alt: Any, names: list[str]) -> Any:
    """Each lens's colour, in the order given, with its legend at the bottom."""
    colours = [LENS_COLOURS[k % len(LENS_COLOURS)] for k in range(len(names))]
    return alt.Color(
        "lens:N",
        sort=names,
        scale=alt.Scale(domain=names, range=colours),
        title=None,
        legend=alt.Legend(orient="bottom", labelLimit=0),
    )


def lens_weights(
    card: Scorecard,
    lenses: Mapping[str, Weights],
    *,
    compromise: Weights | None = None,
    marked: str = "the compromise",
    width: int = 520,
) -> Any:
    """Each lens's weight of every top-level domain, side by side, the compromise marked.

    Bars per domain, one per lens (colour and order by lens); the compromise (or other
    weights, named by ``marked``: the decision's, say), when given, is a black tick across
    each domain's bars.
    """
    alt = altair()
    domains = list(card.children(ROOT))
    labels = [card.node(d).label for d in domains]
    names = list(lenses)
    columns: dict[str, list[object]] = {k: [] for k in ("domain", "lens", "weight")}
    for name, weights in lenses.items():
        for d, label in zip(domains, labels, strict=True):
            columns["domain"].append(label)
            columns["lens"].append(name)
            columns["weight"].append(round(float(weights[d]), 6))
    base = alt.Chart(alt.Data(values=rows(columns)), title="Each group's weights")
    bars = base.mark_bar().encode(
        x=alt.X("domain:N", sort=labels, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=0)),
        xOffset=alt.XOffset("lens:N", sort=names),
        y=alt.Y("weight:Q", title="weight at the top level", axis=alt.Axis(format="%")),
        color=_colour(alt, names),
        tooltip=["lens:N", "domain:N", alt.Tooltip("weight:Q", format=".2f")],
    )
    layers = [bars]
    if compromise is not None:
        ticks: dict[str, list[object]] = {
            "domain": list(labels),
            "weight": [round(float(compromise[d]), 6) for d in domains],
        }
        layers.append(
            alt.Chart(alt.Data(values=rows(ticks)))
            .mark_tick(color="black", thickness=2, size=40)
            .encode(x=alt.X("domain:N", sort=labels), y="weight:Q")
        )
    described = ", ".join(names)
    return alt.layer(*layers).properties(
        width=width,
        height=260,
        description=(
            f"The weight each group gives each of {len(domains)} domains, side by side: "
            f"{described}" + (f"; {marked} is a black tick on each domain." if compromise else ".")
        ),
    )


def lens_ranks(evaluations: Mapping[str, Evaluation], *, limit: int = 30) -> Any:
    """Each provider's rank under each lens: where the lenses agree, the marks coincide.

    One row per provider (best mean rank first, the first ``limit``), a grey line from its
    best to its worst rank, a mark per lens (colour and shape).
    """
    alt = altair()
    names = list(evaluations)
    first = evaluations[names[0]]
    providers = first.providers
    ranks = {n: ev.ranks for n, ev in evaluations.items()}
    mean = {p: sum(int(ranks[n][i]) for n in names) / len(names) for i, p in enumerate(providers)}
    order = sorted(providers, key=lambda p: (mean[p], p))[:limit]
    columns: dict[str, list[object]] = {k: [] for k in ("provider", "lens", "rank")}
    spans: dict[str, list[object]] = {k: [] for k in ("provider", "best", "worst")}
    for p in order:
        i = providers.index(p)
        mine = [int(ranks[n][i]) for n in names]
        spans["provider"].append(p)
        spans["best"].append(min(mine))
        spans["worst"].append(max(mine))
        for n, r in zip(names, mine, strict=True):
            columns["provider"].append(p)
            columns["lens"].append(n)
            columns["rank"].append(r)
    y = alt.Y("provider:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    scale = alt.Scale(domain=[1, len(providers)], nice=False)
    x = alt.X("rank:Q", title="rank (1 = best)", scale=scale)
    span = (
        alt.Chart(alt.Data(values=rows(spans)))
        .mark_rule(color="#BBBBBB", strokeWidth=2)
        .encode(y=y, x=alt.X("best:Q", title="rank (1 = best)", scale=scale), x2="worst:Q")
    )
    marks = (
        alt.Chart(alt.Data(values=rows(columns)))
        .mark_point(filled=True, size=70)
        .encode(
            y=y,
            x=x,
            color=_colour(alt, names),
            shape=alt.Shape(
                "lens:N",
                sort=names,
                scale=alt.Scale(
                    domain=names, range=[_SHAPES[k % len(_SHAPES)] for k in range(len(names))]
                ),
                title=None,
                legend=alt.Legend(orient="bottom", labelLimit=0),
            ),
            tooltip=["provider:N", "lens:N", "rank:Q"],
        )
    )
    agree = sum(1 for b, w in zip(spans["best"], spans["worst"], strict=True) if b == w)
    shown = f"the best {len(order)} of {len(providers)}" if len(order) < len(providers) else "all"
    return alt.layer(span, marks).properties(
        width=420,
        height=max(160, 18 * len(order)),
        title="Each provider's rank under each group's weights",
        description=(
            f"Ranks of {shown} providers under {len(names)} groups' weights ({', '.join(names)}); "
            f"all groups give the same rank to {agree} of them."
        ),
    )
