"""A self-contained HTML report of an evaluation: one file, charts inline, no network to open it.

The report holds a banner when the data are synthetic, the decision it records (rationale,
time, data fingerprint) when given, the ranking beside a baseline, the domain contributions,
the rank shifts, how far each top-level weight can move before first place changes hands (in
labels and names: who takes first place from whom), the SMAA robustness summary, the weights,
and every cell a missing-data or clip policy acted on. Charts are SVG rendered locally by
vl-convert (the ``widgets`` extra), each with a title and a description for screen readers;
every provider, metric and domain name is escaped. It prints on A4 with nothing cut (charts
scale to the page) and reads on a phone (wide tables scroll in their own box).

`review_report` is the quarterly contract review over a panel of periods, of one provider
or of the whole system; `award_report` and `keep_or_retender_report` are the contract
decision records.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard import _baselines as named
from scorecard._contract_report import award_report, keep_or_retender_report
from scorecard._markup import SYNTHETIC, page, ranking_html
from scorecard._review_report import review_report
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scorecard._weights import Weights
    from scorecard.decision import DecisionRecord
    from scorecard.evaluation import Evaluation

__all__ = [
    "FIGURE_LIMIT",
    "SYNTHETIC",
    "award_report",
    "default_baseline",
    "keep_or_retender_report",
    "report",
    "review_report",
    "write_report",
]

FIGURE_LIMIT = 60
"""Providers drawn in the contributions chart and the SMAA heat map; their titles say so."""


def report(
    ev: Evaluation,
    baseline: Evaluation | None = None,
    *,
    baseline_name: str | None = None,
    decision: DecisionRecord | None = None,
    samples: int = 10_000,
    seed: int = 0,
    title: str | None = None,
    now: dt.datetime | None = None,
    lenses: Mapping[str, Weights] | None = None,
) -> str:
    """The report as one HTML document (text).

    ``baseline`` defaults to `default_baseline` (the card's completion metrics, else equal
    weights); ``baseline_name`` says what it is (default: "completions only" or "equal" for
    the default, else the baseline card's name). ``decision``: the saved decision ``ev``
    replays, whose rationale, time and data fingerprint the report shows. ``samples``
    weightings go into SMAA (0 leaves SMAA out). Data marked synthetic get a banner.
    ``lenses`` (default: the decision's) are stakeholder groups' combined weights: the report
    shows the evaluation through each group's eyes beside the decision's weights.
    """
    from scorecard import charts  # noqa: PLC0415 - altair loads only for reports
    from scorecard.sensitivity import smaa, thresholds  # noqa: PLC0415

    if baseline is None:
        baseline, baseline_name = default_baseline(ev), baseline_name or named.default_name(ev.card)
    against = baseline_name or (
        baseline.card.name if baseline.card.name != ev.card.name else "the baseline"
    )
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    heading = html.escape(title or ev.card.name)
    limits = thresholds(ev, list(ev.card.children(ROOT)))
    sections = [f"<p class='banner'><b>{SYNTHETIC}</b></p>"] if ev.table.synthetic else []
    sections += [
        f"<h1>{heading}</h1>",
        (
            f"<p class='note'>{len(ev.providers)} providers, {len(ev.metrics)} metrics, "
            f"{html.escape(ev.aggregation.kind)} aggregation; made {when}; data fingerprint "
            f"{ev.table.fingerprint()[:16]}"
            + (f"; read from {html.escape(ev.table.source)}" if ev.table.source else "")
            + ".</p>"
        ),
        *_decision_section(ev, decision),
        f"<h2>Ranking beside {html.escape(against)}</h2>",
        f"<div class='wide'>{ranking_html(ev.compare(baseline), baseline=against)}</div>",
        "<h2>What each domain contributes</h2>",
        _figure(charts.contributions(ev, limit=FIGURE_LIMIT)),
        f"<h2>Rank shifts against {html.escape(against)}</h2>",
        _figure(charts.rank_shifts(ev, baseline, baseline_name=against)),
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
    chosen = lenses if lenses is not None else (decision.lenses if decision is not None else {})
    if chosen:
        sections += _lens_section(ev, chosen)
    sections += ["<h2>The weights</h2>", _figure(charts.weight_tree(ev.card, ev.weights))]
    sections += _policy_section(ev)
    return page(heading, sections)


def _lens_section(ev: Evaluation, lenses: Mapping[str, Weights]) -> list[str]:
    """The evaluation through each stakeholder group's eyes, beside the decision's weights."""
    from scorecard import charts  # noqa: PLC0415
    from scorecard.stakeholders import rank_agreement  # noqa: PLC0415

    views = {name: ev.rescore(w) for name, w in lenses.items()}
    firsts = {name: v.ranking[0] for name, v in views.items()}
    same = len(set(firsts.values())) == 1 and ev.ranking[0] in firsts.values()
    lead = (
        f"{html.escape(ev.ranking[0])} is first under the decision's weights and under every "
        "group's."
        if same
        else "First under each group's weights: "
        + "; ".join(f"{html.escape(n)}: {html.escape(p)}" for n, p in firsts.items())
        + f" (under the decision's: {html.escape(ev.ranking[0])})."
    )
    out = [
        "<h2>Through each stakeholder group's eyes</h2>",
        f"<p>{len(lenses)} group(s). {lead}</p>",
        _figure(
            charts.lens_weights(
                ev.card, lenses, compromise=ev.weights, marked="the decision's weights"
            )
        ),
        _figure(charts.lens_ranks(views, limit=FIGURE_LIMIT)),
    ]
    if len(views) >= 2:  # noqa: PLR2004
        agreement = rank_agreement(views).describe()
        out.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in agreement) + "</ul>")
    return out


def _decision_section(ev: Evaluation, decision: DecisionRecord | None) -> list[str]:
    """The decision's rationale, time, baseline and data fingerprint (none given: nothing)."""
    if decision is None:
        return []
    same = decision.data_fingerprint == ev.table.fingerprint()
    data = (
        "the data of this report"
        if same
        else f"other data than this report's ({ev.table.fingerprint()[:16]})"
    )
    rationale = html.escape(decision.rationale) if decision.rationale else "<i>(none given)</i>"
    return [
        "<h2>The decision</h2>",
        "<div class='decision'>",
        f"<p><b>Rationale.</b> {rationale}</p>",
        (
            f"<p class='note'>Decided {html.escape(decision.timestamp)}"
            + (f" beside {html.escape(decision.baseline)}" if decision.baseline else "")
            + f"; made on data fingerprint {decision.data_fingerprint[:16]}, {data}.</p>"
        ),
        "</div>",
    ]


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
                ev.card.metric(cell.metric).label,
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
            "<div class='wide'><table><tr><th>provider</th><th>metric</th><th>action</th>"
            f"<th>value given</th><th>set to</th></tr>{rows}</table></div>"
        ),
    ]


def default_baseline(ev: Evaluation) -> Evaluation:
    """The baseline of a report: "completions only" on the card given, else equal weights.

    "Completions only" puts every weight on the completion metrics the card has (values and
    aggregation kept); a card without any is set beside equal weights.
    """
    return named.baseline(ev)


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
