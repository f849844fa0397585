"""`TenderExplorer`: move the quality:price split and the criteria's weights; see the award shift.

The sliders, ranking, contributions chart and robustness panel are the `WeightExplorer`'s,
on the tender's own scorecard (`scorecard.contracts.tender_card`) with its gates. Beside them:
each bid's margin behind the leader with the gates it fails, the evaluators' spread on every
question (flags marked), how fragile the award is at the weights now shown (in words, live),
and the award record and report to download, with the decision-makers and rationale typed in.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import attrs
import ipywidgets as w

from scorecard.contracts import (
    TenderEvaluation,
    award_record,
    evaluate_tender,
    fragility,
)
from scorecard.widgets._explorer import WeightExplorer
from scorecard.widgets._export import download_link

if TYPE_CHECKING:
    from scorecard._tender import Tender
    from scorecard.evaluation import Evaluation

__all__ = ["TenderExplorer"]


class TenderExplorer(w.VBox):  # type: ignore[misc]
    """The tender's weights as sliders; margins, spread, fragility and the award record.

    Parameters
    ----------
    tender
        The tender (`scorecard.contracts.Tender`).
    samples, seed
        SMAA settings for the robustness panel.

    ``found`` is the tender evaluated at the weights shown, ``fragility`` its fragility;
    ``weights`` is the inner `WeightExplorer` (``move``, ``apply_preset`` and the rest).
    """

    def __init__(self, tender: Tender, *, samples: int = 10_000, seed: int = 0) -> None:
        super().__init__()
        self.tender = tender
        self.found = evaluate_tender(tender)
        ev = self.found.evaluation
        self.weights = WeightExplorer(
            ev.card, ev.table, aggregation=ev.aggregation, samples=samples, seed=seed, export=False
        )
        self.margins = w.HTML()
        self.margins.add_class("scorecard-tender-margins")
        self.spread = w.HTML(_spread_html(self.found))
        self.fragile = w.HTML()
        self.fragile.add_class("scorecard-tender-fragility")
        self.makers = w.Text(placeholder="Decision-makers, separated by semicolons")
        self.rationale = w.Textarea(placeholder="Why this award? (saved with the record)")
        self.button = w.Button(description="Record award", tooltip="make award.json and its report")
        self.links = w.HTML()
        self.links.add_class("scorecard-award-links")
        self.button.on_click(lambda _b: self.record())
        self.weights.on_change(self._changed)
        self._changed(ev)
        self.children = [
            self.weights,
            w.HTML("<b>Margins and gates</b>"),
            self.margins,
            w.HTML("<b>How fragile is the award?</b>"),
            self.fragile,
            w.Accordion(children=[self.spread], titles=("Evaluators' spread by question",)),
            w.HTML("<b>Award record</b>"),
            self.makers,
            self.rationale,
            w.HBox([self.button, self.links]),
        ]

    def tender_now(self) -> Tender:
        """The tender with the weights the sliders show."""
        local = self.weights.weights
        t = self.tender
        if t.price_rule.per_quality_point:  # no split and no weights to move: the tender itself
            return t
        return attrs.evolve(
            t,
            quality_weight=local["quality"],
            criteria=[attrs.evolve(c, weight=local[c.id]) for c in t.criteria],
            questions=[attrs.evolve(q, weight=local[q.id]) for q in t.questions],
        )

    def record(self) -> str:
        """The award record (JSON) at the weights shown; links to it and its report appear.

        With no decision-maker named, nothing is recorded and the panel says so ("").
        """
        from scorecard.report import award_report  # noqa: PLC0415

        makers = [m.strip() for m in self.makers.value.split(";") if m.strip()]
        if not makers:
            self.links.value = "<b>Name the decision-makers first: the record says who decided.</b>"
            return ""
        saved = award_record(self.found, decision_makers=makers, rationale=self.rationale.value)
        text = saved.to_json()
        page = award_report(saved, self.fragility)
        self.links.value = download_link(
            text, "award.json", "application/json", "Download award.json"
        ) + download_link(page, "award.html", "text/html", "Download award.html")
        return text

    def _changed(self, _evaluation: Evaluation) -> None:
        self.found = evaluate_tender(self.tender_now())
        self.fragility = fragility(self.found)
        self.margins.value = _margins_html(self.found)
        self.fragile.value = f"<p>{html.escape(self.fragility.summary())}</p>"


def _margins_html(found: TenderEvaluation) -> str:
    ev = found.evaluation
    order = [found.bidders.index(b) for b in found.ranking]
    top = float(ev.scores[order[0]])
    rows = []
    for i in order:
        gates = "; ".join(found.failures(found.bidders[i])) or "pass"
        rows.append(
            "<tr>"
            f"<td>{int(ev.ranks[i])}</td><td>{html.escape(found.bidders[i])}</td>"
            f"<td>{ev.scores[i]:.3f}</td><td>{ev.scores[i] - top:+.3f}</td>"
            f"<td>{html.escape(gates)}</td></tr>"
        )
    head = "<tr><th>rank</th><th>bid</th><th>total</th><th>behind the first</th><th>gates</th></tr>"
    return f"<table class='scorecard-margins'>{head}{''.join(rows)}</table>"


def _spread_html(found: TenderEvaluation) -> str:
    moderated = found.moderated
    flagged = {(f.bidder, f.question) for f in moderated.flags}
    head = "".join(f"<th>{html.escape(b)}</th>" for b in moderated.bidders)
    rows = []
    for j, q in enumerate(found.tender.questions):
        cells = []
        for i, b in enumerate(moderated.bidders):
            mark = "!" if (b, q.id) in flagged else ""
            cells.append(f"<td>{moderated.spread[i, j]:g}{mark}</td>")
        rows.append(f"<tr><td>{html.escape(q.label)}</td>{''.join(cells)}</tr>")
    note = (
        "<p><small>Highest less lowest mark; ! marks a flag for the moderation record.</small></p>"
    )
    return f"<table><tr><th>question</th>{head}</tr>{''.join(rows)}</table>{note}"
