"""Excel workbooks in and out, through openpyxl (the ``excel`` extra).

openpyxl is the maintained pure-Python reader and writer of .xlsx files: one dependency for
both directions, no compiled code, and it reads cell values as Excel stores them (numbers as
numbers, empty cells as None). Rows are numbered as Excel shows them (the header is row 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecard.errors import ExtraUnavailableError, ScorecardError, TableError

__all__ = ["openpyxl", "read_sheet"]

_HINT = "pip install 'commissioning-scorecard[excel]'"


def openpyxl() -> Any:
    """The openpyxl module, or a clear error naming the extra to install."""
    try:
        import openpyxl as module  # noqa: PLC0415 - optional, loaded when a workbook is used
    except ImportError:
        raise ExtraUnavailableError(
            f"reading and writing Excel workbooks needs openpyxl: {_HINT}"
        ) from None
    return module


def read_sheet(path: Path, sheet: str | None = None) -> tuple[str, list[tuple[Any, ...]]]:
    """The rows of one sheet (the first by default) and the sheet's name.

    Raises
    ------
    TableError
        If the file is not a workbook or the sheet does not exist.
    """
    xl = openpyxl()
    try:
        book = xl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ScorecardError):
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile, XML, openpyxl: not a workbook
        raise TableError(f"{path}: not an Excel workbook that can be read ({exc})") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = ", ".join(map(repr, book.sheetnames))
            raise TableError(f"{path}: no sheet {sheet!r}; its sheets are {names}")
        rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
        return ws.title, rows
    finally:
        book.close()
