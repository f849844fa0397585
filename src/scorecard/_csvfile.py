"""Reading a CSV file as people save it: the encoding and the delimiter found, not assumed.

* **Encoding**: UTF-8 (with or without the byte-order mark Excel writes), else Windows-1252
  (what Excel on Windows saves as "CSV"); bytes that are neither are a `TableError` naming the
  position. The encoding found is returned, so the reader can say it.
* **Delimiter**: a comma, or a semicolon or tab when the header has one of those and no comma
  (Excel in many European locales saves with semicolons). Decimal commas are not guessed.
* **Broken files** (a NUL byte, an unclosed quote) are a `TableError` with the line.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import Final

import attrs

from scorecard.errors import TableError

__all__ = ["CsvText", "read_csv_rows"]

_DELIMITERS: Final = (",", ";", "\t")


@attrs.frozen
class CsvText:
    """The rows of a CSV file, and how it was read."""

    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]
    """The file line (1-based) each row starts on: a quoted cell may span lines."""
    encoding: str
    delimiter: str


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return raw.decode(encoding), "UTF-8" if encoding == "utf-8" else "UTF-8 with BOM"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{path}: byte {exc.start} (0x{raw[exc.start]:02x}) is neither UTF-8 nor "
            "Windows-1252 text; is this a CSV file? Save it as CSV (UTF-8)"
        ) from None


def _delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    for candidate in _DELIMITERS[1:]:
        if candidate in first_line:
            return candidate
    return ","


def read_csv_rows(path: Path) -> CsvText:
    """Every row of the CSV at ``path`` (the header first), decoded and split.

    Raises
    ------
    TableError
        If the file is not text, or a row cannot be read (the message gives the line).
    """
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise TableError(
            f"{path}: this is a zip file (an Excel .xlsx workbook?), not CSV; name it .xlsx "
            "(read with the excel extra), or in Excel save the sheet as 'CSV UTF-8'"
        )
    text, encoding = _decode(path, raw)
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            rows.append(tuple(row))
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(f"{path}, line {reader.line_num}: cannot read the row ({exc})") from None
    return CsvText(tuple(rows), tuple(lines), encoding, delimiter)
