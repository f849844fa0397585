"""Text for people: padded tables, rank-shift arrows, "did you mean" and names isolated in prose."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence

__all__ = ["format_table", "isolate", "score_text", "shift_arrow", "suggest"]


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


def suggest(word: object, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the option closest to ``word`` (difflib), or nothing.

    Examples
    --------
    >>> suggest("top_opiate_abstinnet", ["top_opiate_abstinent", "staff_turnover"])
    " (did you mean 'top_opiate_abstinent'?)"
    """
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_FSI, _PDI = "\u2068", "\u2069"


_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def place(rank: int) -> str:
    """A rank in words: "first place" to "fifth place", then "rank 6".

    Examples
    --------
    >>> place(1), place(7)
    ('first place', 'rank 7')
    """
    return f"{_ORDINALS[rank - 1]} place" if 1 <= rank <= len(_ORDINALS) else f"rank {rank}"


def weight_text(value: float, beside: float) -> str:
    """``value`` to two decimals, or as many more (up to five) as set it apart from ``beside``.

    A threshold of 0.3004 beside a weight of 0.3000 reads "0.3004", never "0.30 (now 0.30)".

    Examples
    --------
    >>> weight_text(0.4876, 0.3), weight_text(0.3004, 0.3)
    ('0.49', '0.3004')
    """
    for digits in range(2, 6):
        if f"{value:.{digits}f}" != f"{beside:.{digits}f}":
            return f"{value:.{digits}f}"
    return f"{value:.5f}"


def isolate(name: str) -> str:
    """``name`` between Unicode first-strong and pop directional isolates (U+2068, U+2069).

    A provider name in a sentence cannot then reorder the text around it: a right-to-left
    override (U+202E) inside the name ends with the name.

    Examples
    --------
    >>> isolate("Riverside") == "\u2068Riverside\u2069"
    True
    """
    return f"{_FSI}{name}{_PDI}"
