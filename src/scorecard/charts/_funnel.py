"""A funnel plot: one share metric against its denominator, inside control limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from scorecard.charts._altair import altair, rows
from scorecard.stats import Limits, Overdispersion
from scorecard.stats import funnel as funnel_limits


def funnel(
    numerators: ArrayLike,
    denominators: ArrayLike,
    providers: Sequence[str],
    *,
    metric: str = "rate",
    method: Overdispersion = "none",
    limits: Limits | None = None,
    width: int = 480,
) -> Any:
    """Providers' rates (%) against their denominators, inside funnel limits.

    The 95% and 99.8% limits surround the pooled rate (`scorecard.stats.funnel`: exact
    binomial by default, ``limits="wilson"`` for Fingertips' limits; ``method`` adjusts for
    overdispersion, on the arcsine scale). Points beyond 99.8% are diamonds; figures on fewer
    than 20 clients are faint. The funnel is drawn at whole-number denominators.
    """
    alt = altair()
    found = funnel_limits(numerators, denominators, method=method, limits=limits, names=providers)
    n = np.asarray(denominators, dtype=np.float64)
    k = np.asarray(numerators, dtype=np.float64)
    outside = found.outside[-1]
    points: dict[str, list[object]] = {
        "provider": list(providers),
        "n": [float(x) for x in n],
        "rate": [round(100 * float(a / b), 6) for a, b in zip(k, n, strict=True)],
        "beyond": ["beyond 99.8%" if o else "within" for o in outside],
        "small": [bool(s) for s in found.small],
    }
    grid = np.unique(np.round(np.linspace(max(1.0, float(n.min()) * 0.8), n.max() * 1.05, 120)))
    low, high = found.curve(grid)
    curve: dict[str, list[object]] = {"n": [], "rate": [], "limit": [], "side": []}
    for j, level in enumerate(found.levels):
        for side, arr in (("lower", low[j]), ("upper", high[j])):
            for x, y in zip(grid, arr, strict=True):
                curve["n"].append(float(x))
                curve["rate"].append(round(100 * float(y), 6))
                curve["limit"].append(f"{level:.1%}")
                curve["side"].append(side)
    x = alt.X("n:Q", title="denominator (clients)")
    y = alt.Y("rate:Q", title=f"{metric} (%)")
    lines = (
        alt.Chart(alt.Data(values=rows(curve)))
        .mark_line(color="#737373")
        .encode(x=x, y=y, strokeDash=alt.StrokeDash("limit:N", title="limit"), detail="side:N")
    )
    target = (
        alt.Chart(alt.Data(values=[{"rate": 100 * found.target}]))
        .mark_rule(color="#252525")
        .encode(y="rate:Q")
    )
    dots = (
        alt.Chart(alt.Data(values=rows(points)))
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape(
                "beyond:N",
                scale=alt.Scale(domain=["within", "beyond 99.8%"], range=["circle", "diamond"]),
                title=None,
            ),
            opacity=alt.Opacity(
                "small:N",
                scale=alt.Scale(domain=[False, True], range=[1.0, 0.35]),
                title="fewer than 20",
            ),
            tooltip=["provider:N", "n:Q", alt.Tooltip("rate:Q", format=".1f"), "beyond:N"],
        )
    )
    return (lines + target + dots).properties(
        width=width,
        height=320,
        title=f"Funnel plot: {metric}",
        description=(
            f"Funnel plot of {metric}: each provider's rate against its denominator, with the "
            "target line and the 95% and 99.8% limits; diamonds lie beyond 99.8%."
        ),
    )
