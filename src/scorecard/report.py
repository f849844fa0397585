"""A self-contained HTML report of an evaluation: one file, charts inline, no network to open it.

The report holds the ranking beside a baseline, the domain contributions, the rank shifts, how
far each top-level weight can move before first place changes hands, the SMAA robustness
summary and the weights themselves. Charts are SVG rendered locally by vl-convert (the
``widgets`` extra); every provider, metric and domain name is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard._markup import ranking_html
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["FIGURE_LIMIT", "default_baseline", "report", "write_report"]

FIGURE_LIMIT = 60
"""Providers drawn in the contributions chart and the SMAA heat map; their titles say so."""

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; }
figure { margin: 1.5rem 0; } .note { color: #555; font-size: 0.9rem; }
"""


def report(
    ev: Evaluation,
    baseline: Evaluation | None = None,
    *,
    samples: int = 10_000,
    seed: int = 0,
    title: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The report as one HTML document (text).

    ``baseline`` defaults to the catalogue's "completions only" when the table has its
    metrics, else equal weights on the same scorecard. ``samples`` weightings go into SMAA
    (0 leaves SMAA out).
    """
    from scorecard import charts  # noqa: PLC0415 - altair loads only for reports
    from scorecard.sensitivity import smaa, thresholds  # noqa: PLC0415

    if baseline is None:
        baseline = default_baseline(ev)
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    heading = html.escape(title or ev.card.name)
    limits = thresholds(ev, list(ev.card.children(ROOT)))
    sections = [
        f"<h1>{heading}</h1>",
        (
            f"<p class='note'>{len(ev.providers)} providers, {len(ev.metrics)} metrics; "
            f"made {when}; data fingerprint {ev.table.fingerprint()[:16]}"
            + (f"; read from {html.escape(ev.table.source)}" if ev.table.source else "")
            + ".</p>"
        ),
        "<h2>Ranking</h2>",
        ranking_html(ev.compare(baseline), baseline=baseline.card.name),
        "<h2>What each domain contributes</h2>",
        _figure(charts.contributions(ev, limit=FIGURE_LIMIT)),
        "<h2>Rank shifts against the baseline</h2>",
        _figure(charts.rank_shifts(ev, baseline)),
        "<h2>How far can each weight move?</h2>",
        ("<ul>" + "".join(f"<li>{html.escape(n.summary())}</li>" for n in limits.nodes) + "</ul>"),
    ]
    if samples:
        result = smaa(ev, samples=samples, seed=seed, pairwise=False)  # the report shows none
        sections += [
            "<h2>Robustness over plausible weightings (SMAA)</h2>",
            f"<p>{html.escape(result.summary())}</p>",
            _figure(charts.acceptability(result, limit=FIGURE_LIMIT)),
        ]
    sections += ["<h2>The weights</h2>", _figure(charts.weight_tree(ev.card, ev.weights))]
    sections += _policy_section(ev)
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{heading}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _policy_section(ev: Evaluation) -> list[str]:
    """A table of every cell a policy acted on (none: no section)."""
    if not ev.policy_cells:
        return []
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(text)}</td>"
            for text in (
                cell.provider,
                cell.metric,
                cell.action,
                "missing" if math.isnan(cell.raw) else f"{cell.raw:g}",
                "" if cell.bound is None else f"{cell.end} ({cell.bound:g})",
            )
        )
        + "</tr>"
        for cell in ev.policy_cells
    )
    return [
        "<h2>Cells the policies acted on</h2>",
        (
            f"<p class='note'>{len(ev.policy_cells)} cell(s): values outside a scale were "
            "clipped to its end; missing values were scored as the worst or left out, as each "
            "metric's policy says.</p>"
        ),
        (
            "<table><tr><th>provider</th><th>metric</th><th>action</th><th>value given</th>"
            f"<th>set to</th></tr>{rows}</table>"
        ),
    ]


def default_baseline(ev: Evaluation) -> Evaluation:
    """The baseline: "completions only", else the card focused on its completion metrics.

    The catalogue's card when the table has all three completion metrics; otherwise the card
    given, focused on the completion metrics it has, or with equal weights if it has none.
    """
    from scorecard._tree_weights import focus  # noqa: PLC0415
    from scorecard.catalog import completions_only  # noqa: PLC0415
    from scorecard.weighting import Equal  # noqa: PLC0415

    status_quo = completions_only()
    if set(status_quo.metric_ids) <= set(ev.table.metrics):
        return status_quo.evaluate(ev.table)
    mine = [m for m in status_quo.metric_ids if m in ev.card.metric_ids]
    weights = focus(ev.card, mine) if mine else Equal()  # the card's own completion metrics
    return ev.card.evaluate(ev.table, weights=weights, aggregation=ev.aggregation)


def _figure(chart: object) -> str:
    from scorecard.charts import svg  # noqa: PLC0415

    return f"<figure>{svg(chart)}</figure>"


def write_report(
    path: str | Path, ev: Evaluation, baseline: Evaluation | None = None, **options: object
) -> Path:
    """Write `report` to ``path``; returns the path."""
    target = Path(path)
    target.write_text(report(ev, baseline, **options), encoding="utf-8")  # type: ignore[arg-type]
    return target
