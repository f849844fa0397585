"""An XmR chart: the points, the mean and the process limits, special causes marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from scorecard._palette import SHIFT_COLOURS
from scorecard.charts._altair import altair, rows

if TYPE_CHECKING:
    import datetime as dt

    from scorecard.monitoring import Chart

_KINDS: Final = {
    "common cause": ("#8C8C8C", "circle"),
    "improvement": (SHIFT_COLOURS["rises"], "triangle-up"),
    "concern": (SHIFT_COLOURS["falls"], "triangle-down"),
    "neutral": ("#CC79A7", "diamond"),
}
"""Each kind of variation's colour and shape: colour is never the only cue."""


def _columns(
    chart: Chart, series: int, when: Sequence[object], label: str = ""
) -> dict[str, list[object]]:
    """The rows of one series: time, value, mean, limits, variation and rule."""
    from scorecard.monitoring import RULES, VARIATION  # noqa: PLC0415

    columns: dict[str, list[object]] = {
        k: []
        for k in ("when", "value", "mean", "lower", "upper", "variation", "rule", "metric", "panel")
    }
    for k in range(chart.values.shape[1]):
        rule = int(chart.rule[series, k])
        columns["when"].append(when[k])
        columns["value"].append(round(float(chart.values[series, k]), 6))
        columns["mean"].append(round(float(chart.mean[series, k]), 6))
        columns["lower"].append(round(float(chart.lower[series, k]), 6))
        columns["upper"].append(round(float(chart.upper[series, k]), 6))
        columns["variation"].append(VARIATION[int(chart.variation[series, k])])
        columns["rule"].append(RULES[rule] if rule >= 0 else "")
        columns["metric"].append(label)
        columns["panel"].append(_wrapped(label))
    return columns


PANEL_LINE = 26
"""Characters per line of a small multiple's header: a 200 px panel holds 26 bold characters
even in a wide sans-serif (DejaVu), so a long metric name never sticks out of the figure."""


def _wrapped(label: str) -> str:
    """``label`` broken into lines of at most `PANEL_LINE` characters at spaces, joined by newlines.

    Only spaces become line breaks, so labels with no line breaks of their own stay distinct.
    """
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= PANEL_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _layers(base: Any, x: Any, kind: str) -> list[Any]:
    """The mean and limits as steps, the line, and the points coloured and shaped by variation."""
    alt = altair()
    steps = [
        base.mark_line(interpolate="step-after", color=colour, strokeDash=dash).encode(
            x=x, y=alt.Y(f"{field}:Q", title=None, scale=alt.Scale(zero=False))
        )
        for field, colour, dash in (
            ("mean", "#444444", [1, 0]),
            ("upper", "#444444", [4, 3]),
            ("lower", "#444444", [4, 3]),
        )
    ]
    line = base.mark_line(color="#BBBBBB").encode(x=x, y="value:Q")
    points = base.mark_point(filled=True, size=60).encode(
        x=x,
        y=alt.Y("value:Q", title="value", scale=alt.Scale(zero=False)),
        color=alt.Color(
            "variation:N",
            scale=alt.Scale(domain=list(_KINDS), range=[c for c, _ in _KINDS.values()]),
            title=None,
            legend=alt.Legend(orient="bottom"),
        ),
        shape=alt.Shape(
            "variation:N",
            scale=alt.Scale(domain=list(_KINDS), range=[s for _, s in _KINDS.values()]),
            title=None,
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            f"when:{kind}",
            "value:Q",
            "variation:N",
            "rule:N",
            "mean:Q",
            "lower:Q",
            "upper:Q",
        ],
    )
    return [*steps, line, points]


def _when(chart: Chart, periods: Sequence[dt.date] | None) -> tuple[list[object], str]:
    t = chart.values.shape[1]
    if periods is None:
        return list(range(1, t + 1)), "O"
    return [p.isoformat() for p in periods], "T"


def xmr(
    chart: Chart,
    *,
    series: int = 0,
    periods: Sequence[dt.date] | None = None,
    target: float | None = None,
    title: str = "XmR chart",
    width: int = 520,
    height: int = 260,
) -> Any:
    """One series of an XmR chart (`scorecard.monitoring.xmr`), special causes marked.

    Points over time; the mean and limits as steps (they move at a rebase); special causes
    coloured and shaped by improvement, concern or neutral; the target dashed when given.
    """
    alt = altair()
    when, kind = _when(chart, periods)
    base = alt.Chart(alt.Data(values=rows(_columns(chart, series, when))), title=title)
    layers = _layers(base, alt.X(f"when:{kind}", title=None), kind)
    if target is not None:
        layers.append(
            alt.Chart(alt.Data(values=[{"target": target}]))
            .mark_rule(color=SHIFT_COLOURS["rises"], strokeDash=[6, 4])
            .encode(y="target:Q")
        )
    t = chart.values.shape[1]
    special = int((chart.rule[series] >= 0).sum())
    return alt.layer(*layers).properties(
        width=width,
        height=height,
        description=(
            f"XmR chart of {t} points: the values, the mean (solid) and the process limits "
            f"(dashed); {special} point(s) show a special cause, coloured and shaped as "
            "improvement, concern or neutral"
            + (f"; the target {target:g} is the blue dashed line." if target is not None else ".")
        ),
    )


def xmr_grid(
    chart: Chart,
    labels: Sequence[str],
    *,
    periods: Sequence[dt.date] | None = None,
    columns: int = 3,
    title: str = "XmR charts",
) -> Any:
    """Small multiples: one small XmR chart per series of ``chart``, titled by ``labels``.

    One faceted chart (a panel per label, in the order given), each panel with its own value
    axis (metrics differ in units) and one shared legend.
    """
    alt = altair()
    n = chart.values.shape[0]
    if len(labels) != n or len(set(labels)) != n:
        from scorecard.errors import ScorecardError  # noqa: PLC0415

        raise ScorecardError(f"{len(labels)} labels for {n} series; give one distinct label each")
    when, kind = _when(chart, periods)
    data: list[dict[str, object]] = []
    for k in range(n):
        data += rows(_columns(chart, k, when, labels[k]))
    base = alt.Chart()
    layered = alt.layer(
        *_layers(base, alt.X(f"when:{kind}", title=None), kind), data=alt.Data(values=data)
    )
    special = int((chart.rule >= 0).any(axis=1).sum())
    return (
        layered.properties(width=200, height=120)
        .facet(
            facet=alt.Facet(
                "panel:N",
                sort=[_wrapped(label) for label in labels],
                title=None,
                header=alt.Header(labelFontWeight="bold", labelExpr="split(datum.value, '\\n')"),
            ),
            columns=columns,
            title=title,
        )
        .resolve_scale(y="independent")
        .properties(
            description=(
                f"{n} small XmR charts, one per metric, each with its mean (solid) and process "
                f"limits (dashed); {special} of them show a special cause, coloured and shaped "
                "as improvement, concern or neutral."
            )
        )
    )
