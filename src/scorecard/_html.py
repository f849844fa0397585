"""Rich display in Jupyter: small, escaped HTML tables and lists for ``_repr_html_``.

Plain ``html`` and strings only (no widget, no chart library), so the model's objects can show
themselves in a notebook without importing anything heavy.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

__all__ = ["ROWS_SHOWN", "html_table"]

ROWS_SHOWN: Final = 30
"""Rows a rich display shows before it says how many more there are."""


def html_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], note: str = ""
) -> str:
    """A titled table of the first `ROWS_SHOWN` rows, then a line saying how many were left.

    Examples
    --------
    >>> html_table("<T>", ["a"], [["1"], ["<2>"]]).count("<tr>")
    3
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in rows[:ROWS_SHOWN]
    )
    more = len(rows) - ROWS_SHOWN
    tail = [f"and {more:,} more (repr, to_columns or to_frame give all)"] if more > 0 else []
    notes = "".join(f"<br><small>{html.escape(n)}</small>" for n in [*tail, *filter(None, [note])])
    return (
        f"<div><b>{html.escape(title)}</b><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{notes}</div>"
    )
