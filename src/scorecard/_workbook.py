"""An evaluation as an Excel workbook: scores, contributions, the baseline, weights, policy cells.

Sheets: ``Scores`` (rank, provider, score, top-level domain scores), ``Contributions`` (each
metric's share of each provider's score), ``Against baseline`` (ranks and shifts, when a
baseline is given), ``Weights`` (local and global weight of every node) and ``Policy cells``
(every cell a policy clipped, imputed or excluded). Numbers stay numbers; nothing is rounded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard._excel import openpyxl
from scorecard._tree_weights import node_order
from scorecard.tree import ROOT

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["SHEETS", "write_workbook"]

SHEETS = ("Scores", "Contributions", "Against baseline", "Weights", "Policy cells")


def _sheet(book: Any, title: str, columns: Mapping[str, Sequence[Any]]) -> None:
    ws = book.create_sheet(title)
    names = list(columns)
    ws.append(names)
    for row in zip(*(columns[n] for n in names), strict=True):
        ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    ws.freeze_panes = "A2"


def write_workbook(ev: Evaluation, path: str | Path, baseline: Evaluation | None = None) -> Path:
    """Write ``ev`` (and its comparison with ``baseline``) to an .xlsx file; return the path."""
    xl = openpyxl()
    book = xl.Workbook()
    book.remove(book.active)
    _sheet(book, "Scores", ev.to_columns("scores"))
    _sheet(book, "Contributions", ev.to_columns("contributions"))
    if baseline is not None:
        _sheet(book, "Against baseline", ev.compare(baseline).to_columns())
    card = ev.card
    nodes = [n for n in node_order(card) if n != ROOT]
    glob = dict(zip(card.metric_ids, ev.global_weights.tolist(), strict=True))
    _sheet(
        book,
        "Weights",
        {
            "node": nodes,
            "parent": [card.parent(n) for n in nodes],
            "local weight": [float(ev.weights[n]) for n in nodes],
            "global weight (metrics)": [glob.get(n) for n in nodes],
        },
    )
    cells = [c.to_dict() for c in ev.policy_cells]
    fields = ("provider", "metric", "action", "raw", "bound", "end")
    _sheet(book, "Policy cells", {f: [c[f] for c in cells] for f in fields})
    out = Path(path)
    book.save(out)
    return out
