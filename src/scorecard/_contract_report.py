"""Contract decision records as self-contained HTML a board or an auditor can read.

An award report shows the tender's criteria and weights, the bids ranked with their criterion
scores, totals and gates, the moderation (flags and recorded reasons), the abnormally low
flags, how fragile the award is (in words), and each bidder's assessment summary. A
keep-or-retender report shows the route and the considerable change test, every key
criterion's judgement with its reasons and the evidence beside it, the checks, the
decision-makers and conflicts of interest. Both carry the disclaimer, print on A4 and escape
every name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorecard._markup import escape as _e
from scorecard._markup import page
from scorecard._markup import wide_table as _table

if TYPE_CHECKING:
    from scorecard._psr import Interest
    from scorecard.contracts import (
        AwardRecord,
        Fragility,
        KeepOrRetenderRecord,
        TenderEvaluation,
    )

__all__ = ["award_report", "keep_or_retender_report"]


def _rationale(text: str) -> str:
    return f"<div class='decision'><p><b>Rationale.</b> {_e(text or '(none given)')}</p></div>"


def _people(makers: Sequence[str], interests: Sequence[Interest]) -> list[str]:
    out = [
        "<h2>Decision-makers</h2>",
        "<ul>" + "".join(f"<li>{_e(m)}</li>" for m in makers) + "</ul>",
    ]
    out.append("<h2>Conflicts of interest</h2>")
    if interests:
        out.append(
            _table(
                ["person", "interest", "how it was managed"],
                [[i.person, i.interest, i.management] for i in interests],
            )
        )
    else:
        out.append("<p>None declared.</p>")
    return out


def _lenses(found: TenderEvaluation, record: AwardRecord) -> list[str]:
    """The bids weighed through each stakeholder group's eyes, and whether the award holds."""
    views = {name: found.evaluation.rescore(w) for name, w in record.lenses.items()}
    rows = [
        [name, v.ranking[0], "yes" if v.ranking[0] == found.winner else "no"]
        for name, v in views.items()
    ]
    holds = all(r[2] == "yes" for r in rows)
    lead = (
        f"{found.winner} is first under every group's weights as well as the published ones."
        if holds
        else "Not every group's weights put the recorded winner first."
    )
    out = ["<h2>Through each stakeholder group's eyes</h2>", f"<p>{_e(lead)}</p>"]
    out.append(_table(["group", "first under its weights", "the recorded winner?"], rows))
    if len(views) >= 2:  # noqa: PLR2004
        from scorecard.stakeholders import rank_agreement  # noqa: PLC0415

        items = rank_agreement(views).describe()
        out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in items) + "</ul>")
    return out


def award_report(record: AwardRecord, fragility: Fragility | None = None) -> str:
    """The award record as one HTML document (``fragility``: its statements, if given)."""
    from scorecard._psr import DISCLAIMER  # noqa: PLC0415
    from scorecard.contracts._evaluate import split_text  # noqa: PLC0415

    found = record.replay()  # a report only of a record that replays
    tender = found.tender
    order = [found.bidders.index(b) for b in found.ranking]
    criteria = tender.criteria
    rows = [
        [
            str(int(found.evaluation.ranks[i])),
            found.bidders[i] + (" (incumbent)" if tender.bids[i].incumbent else ""),
            f"{found.totals[i]:.3f}",
            f"{tender.bids[i].price:,.2f}",
            *(f"{found.criterion(c.id)[i]:.0%}" for c in criteria),
            "; ".join(found.failures(found.bidders[i])) or "pass",
        ]
        for i in order
    ]
    weights = [
        [c.label, f"{record.quality_weight * c.weight:.1%}", str(len(tender.questions_of(c.id)))]
        for c in criteria
    ] + [["Price", f"{1 - record.quality_weight:.1%}", tender.price_rule.describe()]]
    sections = [
        f"<h1>{_e(tender.name)}{_e(f', lot {tender.lot}' if tender.lot else '')}: award</h1>",
        f"<p class='note'>{_e(DISCLAIMER)}</p>",
        (
            f"<p>{_e(record.regime)}: {_e(record.process)}; "
            f"{split_text(record.quality_weight)} quality:price; "
            + (
                f"lifetime value {record.lifetime_value:,.2f}; "
                if record.lifetime_value is not None
                else ""
            )
            + f"recorded {_e(record.timestamp)}; tender fingerprint "
            f"{record.tender_fingerprint[:16]}.</p>"
        ),
        _rationale(record.rationale),
        "<h2>Award criteria and their weight in the total</h2>",
        _table(["criterion", "weight", "questions / rule"], weights),
        "<h2>The bids</h2>",
        _table(["rank", "bidder", "total", "price", *(c.label for c in criteria), "gates"], rows),
        f"<p>{_e(found.summary())}</p>",
    ]
    if fragility is not None:
        sections += ["<h2>How fragile is the award?</h2>", f"<p>{_e(fragility.summary())}</p>"]
    if record.lenses:
        sections += _lenses(found, record)
    flags = found.moderated.flags
    sections.append("<h2>Moderation</h2>")
    sections.append(
        f"<p>{_e(tender.moderation.capitalize())} of the marks of {len(tender.evaluators)} "
        "evaluators.</p>"
    )
    if flags:
        sections.append("<ul>" + "".join(f"<li>{_e(f)}</li>" for f in flags) + "</ul>")
    if record.addresses:
        sections += [
            "<h2>The providers</h2>",
            _table(["bidder", "address"], [[b, a] for b, a in record.addresses.items()]),
        ]
    sections += _people(record.decision_makers, record.interests)
    sections.append("<h2>Assessment summary of each bid</h2>")
    for bidder, summary in zip(record.bidders, record.summaries, strict=True):
        sections.append(f"<h3>{_e(bidder)}</h3>")
        sections.append(
            _table(
                ["criterion", "score", "available", "relative importance", "explanation"],
                [
                    [
                        s.label,
                        f"{s.score:.2f}",
                        f"{s.available:g}",
                        f"{s.importance:.1%}",
                        s.explanation,
                    ]
                    for s in summary
                ],
            )
        )
    return page(_e(f"{tender.name}: award"), sections)


def keep_or_retender_report(record: KeepOrRetenderRecord) -> str:
    """The keep-or-retender record as one HTML document."""
    from scorecard._psr import assess  # noqa: PLC0415

    d = record.decision
    found = assess(d)  # the route and judgements (the evidence is the recorded evidence)
    rows = []
    for f, evidence in zip(found.findings, record.evidence, strict=True):
        j = f.judgement
        verdict = ("satisfying" if j.satisfying else "not satisfying") + (
            ", likely to satisfy the proposed contract" if j.likely else ", not likely to"
        )
        rows.append(
            [f.label, verdict, j.reasons, "; ".join(evidence) or "none", "; ".join(f.flags)]
        )
    sections = [
        f"<h1>{_e(d.service)}: keep or retender</h1>",
        f"<p class='note'>{_e(record.disclaimer)}</p>",
        f"<p><b>{_e(record.process)}</b> for {_e(d.incumbent)}; recorded {_e(record.timestamp)}"
        + (f"; scorecard data {record.data_fingerprint[:16]}" if record.data_fingerprint else "")
        + ".</p>",
        "<ul>" + "".join(f"<li>{_e(r)}</li>" for r in found.reasons) + "</ul>",
        _rationale(record.rationale),
        "<h2>The key criteria</h2>",
        _table(["key criterion", "judgement", "reasons", "evidence", "check"], rows),
        *_people(d.decision_makers, d.interests),
    ]
    return page(_e(f"{d.service}: keep or retender"), sections)
