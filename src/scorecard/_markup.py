"""The ranking as escaped HTML, shared by the weight explorer and the report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from scorecard._palette import SHIFT_COLOURS, shift_trend
from scorecard._text import shift_arrow

if TYPE_CHECKING:
    from scorecard._comparison import Comparison

__all__ = ["ranking_html"]

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
