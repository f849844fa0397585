"""HTML shared by the explorer and the reports: the ranking table, and a self-contained page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorecard._palette import SHIFT_COLOURS, shift_trend
from scorecard._text import shift_arrow

if TYPE_CHECKING:
    from scorecard._comparison import Comparison

__all__ = ["PAGE_STYLE", "SYNTHETIC", "escape", "page", "ranking_html", "wide_table"]

_STYLE = (
    ".scorecard-ranking th, .scorecard-ranking td {padding: 2px 10px; text-align: left;}"
    " .scorecard-ranking td:nth-child(3), .scorecard-ranking td:nth-child(4) {text-align: right;}"
)


def ranking_html(comparison: Comparison, *, baseline: str) -> str:
    """A table of rank, provider, score, rank under ``baseline`` and shift; names escaped."""
    rows = []
    for r in comparison.rows():
        colour = SHIFT_COLOURS[shift_trend(r.shift)]
        rows.append(
            "<tr>"
            f"<td>{r.rank}</td>"
            f"<td class='provider'>{html.escape(r.provider)}</td>"
            f"<td>{r.score:.3f}</td>"
            f"<td>{r.baseline_rank}</td>"
            f"<td style='color:{colour}'>{shift_arrow(r.shift)}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>rank</th><th>provider</th><th>score</th>"
        f"<th>rank under {html.escape(baseline)}</th><th>shift</th></tr>"
    )
    return (
        f"<style>{_STYLE}</style>"
        "<table class='scorecard-ranking' style='border-collapse:collapse'>"
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #222; line-height: 1.4; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; }
figure { margin: 1.5rem 0; } .note { color: #555; font-size: 0.9rem; }
figure svg { max-width: 100%; height: auto; }
.wide { overflow-x: auto; max-width: 100%; }
.banner { background: #fff4ce; border: 1px solid #c9a227; padding: 0.5rem 0.8rem; }
.decision { border-left: 4px solid #0072B2; padding: 0.2rem 0.9rem; }
td.provider, p, li, dd, h1, h2, h3 { overflow-wrap: break-word; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  .wide { overflow: visible; }
  th, td { padding: 0.15rem 0.4rem; }
  h2 { break-after: avoid; } figure, tr, .decision { break-inside: avoid; }
}
@media (max-width: 40rem) {
  body { margin: 1rem auto; } h1 { font-size: 1.5rem; } th, td { padding: 0.2rem 0.35rem; }
}
"""


SYNTHETIC = "Synthetic data: the providers are invented, not real services."
"""The banner of a report on the package's example or generated data."""


def escape(text: object) -> str:
    """``text`` as HTML text: every name a person typed is escaped."""
    return html.escape(str(text))


def wide_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain table in a box that scrolls sideways on a narrow screen; every cell escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<div class='wide'><table><tr>{head}</tr>{body}</table></div>"


def page(heading: str, sections: Sequence[str]) -> str:
    """A self-contained HTML document of ``sections`` titled ``heading`` (already escaped).

    Print CSS for A4 and a phone layout; no script, nothing fetched.
    """
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{heading}</title><style>{PAGE_STYLE}</style></head>\n<body>\n{body}\n"
        "</body></html>\n"
    )
