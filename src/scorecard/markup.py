"""The ranking as escaped HTML, shared by the weight explorer and the report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from scorecard.text import shift_arrow

if TYPE_CHECKING:
    from scorecard.comparison import Comparison

__all__ = ["ranking_html"]

_COLOURS = {1: "#1a9850", -1: "#d73027", 0: "#969696"}
"""Rises, falls, holds."""
_STYLE = (
    ".scorecard-ranking th, .scorecard-ranking td {padding: 2px 10px; text-align: left;}"
    " .scorecard-ranking td:nth-child(3), .scorecard-ranking td:nth-child(4) {text-align: right;}"
)


def ranking_html(comparison: Comparison, *, baseline: str) -> str:
    """A table of rank, provider, score, rank under ``baseline`` and shift; names escaped."""
    order = sorted(
        range(len(comparison.providers)),
        key=lambda i: (int(comparison.ranks[i]), comparison.providers[i]),
    )
    rows = []
    for i in order:
        shift = int(comparison.rank_shift[i])
        colour = _COLOURS[(shift > 0) - (shift < 0)]
        rows.append(
            "<tr>"
            f"<td>{int(comparison.ranks[i])}</td>"
            f"<td class='provider'>{html.escape(comparison.providers[i])}</td>"
            f"<td>{comparison.scores[i]:.3f}</td>"
            f"<td>{int(comparison.baseline_ranks[i])}</td>"
            f"<td style='color:{colour}'>{shift_arrow(shift)}</td>"
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
