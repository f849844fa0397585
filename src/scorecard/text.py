"""Plain-text tables for reprs and the command line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scorecard.comparison import Comparison
    from scorecard.evaluation import Evaluation

__all__ = ["comparison_table", "evaluation_table", "format_table", "shift_arrow"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; text left-aligned, numbers right-aligned."""
    widths = [
        max(len(h), *(len(r[j]) for r in rows)) if rows else len(h) for j, h in enumerate(headers)
    ]

    def numeric(cell: str) -> bool:
        return cell == "=" or cell.lstrip("+-▲▼ ").replace(".", "", 1).isdigit()

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if numeric(c) else c.ljust(w) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def shift_arrow(shift: int) -> str:
    """▲3 for up three places, ▼2 for down two, = for no change."""
    if shift > 0:
        return f"▲{shift}"
    if shift < 0:
        return f"▼{-shift}"
    return "="


def evaluation_table(ev: Evaluation) -> str:
    """The ranking with total and top-level domain scores."""
    top = [c for c in ev.card.groups["root"] if c in ev.domain_scores]
    headers = ["rank", "provider", "score", *top]
    if ev.gates:
        headers.append("gates")
    rows = []
    for i in np.argsort(ev.ranks, kind="stable"):
        row = [str(ev.ranks[i]), ev.providers[i], f"{ev.scores[i]:.3f}"]
        row += [_score(ev.domain_scores[d][i]) for d in top]
        if ev.gates:
            failed = [g for g, f in zip(ev.gates, ev.gate_failures[i], strict=True) if f]
            row.append("fails " + ", ".join(failed) if failed else "pass")
        rows.append(row)
    flags = []
    for name in ("clipped", "imputed", "excluded"):
        count = int(getattr(ev, name).sum())
        if count:
            flags.append(f"{count} cell(s) {name}")
    title = f"{ev.card.name}: {len(ev.providers)} providers, {ev.aggregation.kind} aggregation"
    note = f"\n({'; '.join(flags)})" if flags else ""
    return f"{title}\n{format_table(headers, rows)}{note}"


def comparison_table(cmp: Comparison) -> str:
    """Current and baseline ranks side by side, with arrows."""
    headers = ["rank", "provider", "score", "was", "shift", "score change"]
    rows = [
        [
            str(cmp.ranks[i]),
            cmp.providers[i],
            f"{cmp.scores[i]:.3f}",
            str(cmp.baseline_ranks[i]),
            shift_arrow(int(cmp.rank_shift[i])),
            f"{cmp.score_delta[i]:+.3f}",
        ]
        for i in np.argsort(cmp.ranks, kind="stable")
    ]
    title = f"{cmp.current.card.name} against {cmp.baseline.card.name}"
    return f"{title}\n{format_table(headers, rows)}"


def _score(x: float) -> str:
    return "-" if np.isnan(x) else f"{x:.3f}"
