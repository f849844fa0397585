"""Plain-text tables: columns padded to their widest cell, and arrows for rank shifts."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["format_table", "score_text", "shift_arrow"]


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


def score_text(x: float) -> str:
    """A score to three decimals; "-" where there is none (NaN)."""
    return "-" if math.isnan(x) else f"{x:.3f}"
