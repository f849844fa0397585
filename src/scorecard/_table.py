"""PerformanceTable: providers by metrics in natural units, with any denominators and errors."""

from __future__ import annotations

import csv
import decimal
import functools
import hashlib
import math
import numbers
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, overload

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import BoolArray, FloatArray
from scorecard._csvfile import read_csv_rows
from scorecard._identity import canonical_names
from scorecard._text import suggest
from scorecard.errors import TableError, UnknownProviderError

if TYPE_CHECKING:
    from scorecard._framed import ArrowTable, PandasFrame, PolarsFrame
    from scorecard._frames import Backend
    from scorecard.tree import Scorecard

__all__ = [
    "DENOMINATOR_SUFFIX",
    "STANDARD_ERROR_SUFFIX",
    "CsvColumns",
    "PerformanceTable",
    "csv_columns",
    "parse_cell",
    "write_rows",
]

DENOMINATOR_SUFFIX: Final = "__n"
"""Column suffix that marks a metric's denominators in frames and CSV files (``metric__n``)."""
STANDARD_ERROR_SUFFIX: Final = "__se"
"""Column suffix that marks a metric's standard errors in frames and CSV files (``metric__se``)."""
MISSING_MARKS: Final = frozenset({"", "na", "n/a", "nan", "null", "none"})
"""Cell texts read as missing (case-insensitive); any other text must be a number or a level."""


def _frozen_matrix(value: Any) -> FloatArray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TableError(f"values must be numbers: {exc}") from None
    arr.flags.writeable = False
    return arr


def _optional_matrix(value: Any) -> FloatArray | None:
    return None if value is None else _frozen_matrix(value)


def _names(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(value)  # type: ignore[arg-type]  # checked in __attrs_post_init__


def _provider_ids(value: Iterable[object]) -> tuple[str, ...]:
    """Provider ids by the identity rules (`scorecard._identity`): trimmed, NFC, distinct."""
    return canonical_names("provider", value, error=TableError)


@attrs.frozen(eq=False)
class PerformanceTable:
    """Providers (rows) by metrics (columns) in natural units; NaN marks a missing value.

    ``denominators`` (e.g. clients in the cohort) and ``standard_errors`` are optional arrays of
    the same shape; they carry the uncertainty of each cell for intervals and robustness analysis.

    Examples
    --------
    >>> t = PerformanceTable(providers=["A", "B"], metrics=["completions"], values=[[41.0], [35.5]])
    >>> t.column("completions")
    array([41. , 35.5])
    """

    providers: tuple[str, ...] = attrs.field(converter=_provider_ids)
    metrics: tuple[str, ...] = attrs.field(converter=_names)
    values: FloatArray = attrs.field(converter=_frozen_matrix)
    denominators: FloatArray | None = attrs.field(
        default=None, kw_only=True, converter=_optional_matrix
    )
    standard_errors: FloatArray | None = attrs.field(
        default=None, kw_only=True, converter=_optional_matrix
    )
    source: str = attrs.field(default="", kw_only=True)
    """Where the table came from and how it was read ("data.csv: Windows-1252, ';'"); not part
    of the data (equality and the fingerprint ignore it)."""
    synthetic: bool = attrs.field(default=False, kw_only=True)
    """True for invented data (the package's example and generator): reports and the explorer
    say so in a banner. Not part of the data."""

    def __attrs_post_init__(self) -> None:
        _check_names("metric", self.metrics)
        shape = (len(self.providers), len(self.metrics))
        for name, arr in self._arrays().items():
            if arr.shape != shape:
                raise TableError(
                    f"{name} has shape {arr.shape}, but {shape[0]} providers by "
                    f"{shape[1]} metrics need {shape}"
                )
        self._check_cells(self.values, "value", negative_ok=True)
        for name in ("denominators", "standard_errors"):
            arr = getattr(self, name)
            if arr is not None:
                self._check_cells(arr, name[:-1].replace("_", " "), negative_ok=False)

    def _arrays(self) -> dict[str, FloatArray]:
        out = {"values": self.values}
        if self.denominators is not None:
            out["denominators"] = self.denominators
        if self.standard_errors is not None:
            out["standard_errors"] = self.standard_errors
        return out

    def _check_cells(self, arr: FloatArray, what: str, *, negative_ok: bool) -> None:
        bad = np.isinf(arr) if negative_ok else np.isinf(arr) | (arr < 0)
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            rule = "finite" if negative_ok else "finite and non-negative"
            raise TableError(
                f"{what} for provider {self.providers[i]!r}, metric {self.metrics[j]!r} is "
                f"{float(arr[i, j])!r}; it must be {rule} (leave the cell empty if it is missing)"
            )

    # -- access -------------------------------------------------------------------------------

    @functools.cached_property
    def column_summary(self) -> tuple[FloatArray, FloatArray, BoolArray]:
        """Each metric column's lowest and highest value and whether it has a gap (NaN).

        Computed once per table (tables are immutable), so valuation checks ranges and gaps
        without scanning every cell again; a column of gaps only has NaN for both ends.
        """
        low: FloatArray = np.fmin.reduce(self.values, axis=0) if self.values.size else self._empty()
        high: FloatArray = (
            np.fmax.reduce(self.values, axis=0) if self.values.size else self._empty()
        )
        gaps: BoolArray = np.asarray(np.isnan(self.values).any(axis=0), dtype=np.bool_)
        for arr in (low, high, gaps):
            arr.flags.writeable = False
        return low, high, gaps

    def _empty(self) -> FloatArray:
        return np.full(len(self.metrics), np.nan)

    @property
    def shape(self) -> tuple[int, int]:
        """(providers, metrics)."""
        return (len(self.providers), len(self.metrics))

    def column(self, metric: str) -> FloatArray:
        """One metric's raw values, in provider order."""
        return self.values[:, self.metric_index([metric])[0]]

    def metric_index(self, metrics: Sequence[str]) -> NDArray[np.intp]:
        """Column positions of ``metrics``; a `TableError` names any that are absent."""
        where = {m: j for j, m in enumerate(self.metrics)}
        absent = [m for m in metrics if m not in where]
        if absent:
            named = ", ".join(f"{m!r}{suggest(m, self.metrics)}" for m in absent)
            raise TableError(
                f"the table has no column for metric(s) {named}; "
                f"its metrics are {', '.join(map(repr, self.metrics))}"
            )
        return np.array([where[m] for m in metrics], dtype=np.intp)

    def select(self, metrics: Sequence[str]) -> PerformanceTable:
        """A table with just these metric columns, in this order."""
        idx = self.metric_index(metrics)
        return PerformanceTable(
            self.providers,
            tuple(metrics),
            self.values[:, idx],
            denominators=None if self.denominators is None else self.denominators[:, idx],
            standard_errors=None if self.standard_errors is None else self.standard_errors[:, idx],
        )

    def take(self, providers: Sequence[str]) -> PerformanceTable:
        """A table with just these providers, in this order."""
        where = {p: i for i, p in enumerate(self.providers)}
        absent = [p for p in providers if p not in where]
        if absent:
            names = ", ".join(map(repr, absent))
            raise UnknownProviderError(f"no provider(s) {names} in the table")
        idx = np.array([where[p] for p in providers], dtype=np.intp)
        return PerformanceTable(
            tuple(providers),
            self.metrics,
            self.values[idx],
            denominators=None if self.denominators is None else self.denominators[idx],
            standard_errors=None if self.standard_errors is None else self.standard_errors[idx],
        )

    def join(self, other: PerformanceTable) -> PerformanceTable:
        """A table of these metrics followed by ``other``'s, for the same providers.

        ``other`` may list the providers in any order; it must hold every provider of this
        table and no metric of it. Denominators and standard errors are kept (empty where a
        side had none). Use it to put derived client metrics beside provider returns.
        """
        clash = [m for m in other.metrics if m in set(self.metrics)]
        if clash:
            raise TableError(f"both tables have metric(s) {', '.join(map(repr, clash))}")
        extra = [p for p in other.providers if p not in set(self.providers)]
        if extra or len(other.providers) != len(self.providers):
            raise TableError(
                "the tables must hold the same providers; only the second has "
                f"{', '.join(map(repr, extra)) or 'none'}, and it has {len(other.providers)} "
                f"providers against {len(self.providers)}"
            )
        ordered = other.take(self.providers)

        def side(table: PerformanceTable, name: str) -> FloatArray:
            arr = getattr(table, name)
            return np.full(table.values.shape, np.nan) if arr is None else arr

        def both(name: str) -> FloatArray | None:
            if getattr(self, name) is None and getattr(ordered, name) is None:
                return None
            return np.column_stack([side(self, name), side(ordered, name)])

        return PerformanceTable(
            self.providers,
            self.metrics + ordered.metrics,
            np.column_stack([self.values, ordered.values]),
            denominators=both("denominators"),
            standard_errors=both("standard_errors"),
        )

    def fingerprint(self) -> str:
        """SHA-256 of providers, metrics and every array: identifies the data a decision used."""
        h = hashlib.sha256()
        for part in (self.providers, self.metrics):
            h.update("\x1f".join(part).encode())
            h.update(b"\x1e")
        for name, arr in self._arrays().items():
            h.update(name.encode())
            h.update(np.ascontiguousarray(arr).tobytes())
        return h.hexdigest()

    def __eq__(self, other: object) -> bool:
        """Same providers, metrics and arrays (NaN equal to NaN)."""
        if not isinstance(other, PerformanceTable):
            return NotImplemented
        mine, theirs = self._arrays(), other._arrays()
        return (
            self.providers == other.providers
            and self.metrics == other.metrics
            and mine.keys() == theirs.keys()
            and all(np.array_equal(mine[k], theirs[k], equal_nan=True) for k in mine)
        )

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable-looking arrays: not hashable

    def __repr__(self) -> str:
        """Shape and names, briefly."""
        extras = [k for k in ("denominators", "standard_errors") if getattr(self, k) is not None]
        missing = int(np.isnan(self.values).sum())
        return (
            f"PerformanceTable({len(self.providers)} providers x {len(self.metrics)} metrics"
            + (f", {missing} missing" if missing else "")
            + (f", with {' and '.join(extras)}" if extras else "")
            + ")"
        )

    # -- files and frames -----------------------------------------------------------------------

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, Sequence[object]],
        *,
        provider: str = "provider",
        card: Scorecard | None = None,
        where: str = "",
        row_offset: int = 0,
        unit: str = "row",
        lines: Sequence[int] | None = None,
    ) -> PerformanceTable:
        """Build a table from named columns of cells (numbers, text, or missing marks).

        Columns ending in `DENOMINATOR_SUFFIX` or `STANDARD_ERROR_SUFFIX` attach to their metric.
        ``card`` lets text cells of ordinal metrics name their level ("Good"). ``where``,
        ``row_offset`` and ``unit`` ("row" or "line") say where the data came from, for errors;
        ``lines``, when given, is each row's own line (a quoted cell may span lines).
        """
        at = _Place(where or "the data", unit, row_offset, tuple(lines) if lines else ())
        if provider not in columns:
            near = [c for c in columns if c.strip().casefold() == provider.casefold()]
            hint = (
                f"; pass --provider-column {near[0]!r} (or provider={near[0]!r})"
                if near
                else "; is the file split by something other than commas, semicolons or tabs?"
                if len(columns) == 1
                else ""
            )
            raise TableError(
                f"{at.where} has no provider column {provider!r}; its columns are "
                f"{', '.join(map(repr, columns))}{hint}"
            )
        names = canonical_names("provider", columns[provider], error=TableError, position=at.of)
        metric_cols = [c for c in columns if c != provider and not _is_extra(c)]
        extras = [c for c in columns if _is_extra(c)]
        for c in extras:
            base = c.rsplit("__", 1)[0]
            if base not in metric_cols:
                raise TableError(
                    f"{at.where}: column {c!r} belongs to metric {base!r}, "
                    "which has no column of its own"
                )

        def matrix(suffix: str) -> FloatArray | None:
            cols = [m + suffix for m in metric_cols]
            if not any(c in columns for c in cols):
                return None
            out = np.full((len(names), len(metric_cols)), np.nan)
            for j, c in enumerate(cols):
                if c in columns:
                    out[:, j] = [
                        parse_cell(v, provider=names[i], column=c, at=at.of(i))
                        for i, v in enumerate(columns[c])
                    ]
            return out

        values = np.empty((len(names), len(metric_cols)))
        for j, m in enumerate(metric_cols):
            levels = _levels_of(card, m)
            values[:, j] = [
                parse_cell(v, provider=names[i], column=m, at=at.of(i), levels=levels)
                for i, v in enumerate(columns[m])
            ]
        return cls(
            names,
            metric_cols,
            values,
            denominators=matrix(DENOMINATOR_SUFFIX),
            standard_errors=matrix(STANDARD_ERROR_SUFFIX),
        )

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        provider: str = "provider",
        card: Scorecard | None = None,
        decimal: str = ".",
    ) -> PerformanceTable:
        """Read a table from a CSV file with a header row; errors give the line and column.

        The encoding (UTF-8, with or without a byte-order mark, or Windows-1252) and the
        delimiter (comma, semicolon or tab) are found from the file and recorded in `source`.
        ``decimal=","`` reads decimal commas ("48,5"), for files delimited by semicolons or
        tabs; it is never guessed.
        """
        read = csv_columns(path, provider=provider, decimal=decimal)
        table = cls.from_columns(
            read.columns,
            provider=provider,
            card=card,
            where=read.where,
            unit="line",
            lines=read.lines,
        )
        return attrs.evolve(table, source=read.source)

    @classmethod
    def from_excel(
        cls,
        path: str | Path,
        *,
        sheet: str | None = None,
        provider: str = "provider",
        card: Scorecard | None = None,
    ) -> PerformanceTable:
        """Read a table from a sheet of an .xlsx workbook (the first by default).

        The layout is the CSV's: a header row, then one row per provider; errors give the
        sheet and the row as Excel numbers it. Needs the ``excel`` extra (openpyxl).
        """
        from scorecard._excel import read_sheet  # noqa: PLC0415 - openpyxl loads on use

        path = Path(path)
        name, rows = read_sheet(path, sheet)
        while rows and all(cell is None for cell in rows[-1]):  # trailing empty rows
            rows.pop()
        if not rows:
            raise TableError(f"{path}, sheet {name!r}: the sheet is empty; it needs a header row")
        width = max(i + 1 for i, cell in enumerate(rows[0]) if cell is not None)
        header = _stripped_header(path, tuple("" if c is None else str(c) for c in rows[0][:width]))
        body = [tuple(row[:width]) + (None,) * (width - len(row)) for row in rows[1:]]
        if len(set(header)) != len(header):
            dup = sorted({h for h in header if header.count(h) > 1})
            raise TableError(
                f"{path}, sheet {name!r}, row 1: column(s) {', '.join(map(repr, dup))} appear twice"
            )
        if not body:
            raise TableError(f"{path}, sheet {name!r}: a header but no providers")
        columns = {h: [row[j] for row in body] for j, h in enumerate(header)}
        table = cls.from_columns(
            columns, provider=provider, card=card, where=f"{path}, sheet {name!r}", row_offset=2
        )
        return attrs.evolve(table, source=f"{path}, sheet {name!r}")

    def to_csv(self, path: str | Path) -> None:
        """Write the table as CSV (the layout `from_csv` reads); missing cells are left empty."""
        columns = self.to_columns()
        header = list(columns)
        write_rows(
            path, header, [[columns[h][i] for h in header] for i in range(len(self.providers))]
        )

    def to_columns(self, *, provider: str = "provider") -> dict[str, list[Any]]:
        """Named columns (provider, metrics, then ``__n`` and ``__se`` columns where present)."""
        out: dict[str, list[Any]] = {provider: list(self.providers)}
        for j, m in enumerate(self.metrics):
            out[m] = self.values[:, j].tolist()
        for suffix, arr in (
            (DENOMINATOR_SUFFIX, self.denominators),
            (STANDARD_ERROR_SUFFIX, self.standard_errors),
        ):
            if arr is not None:
                for j, m in enumerate(self.metrics):
                    out[m + suffix] = arr[:, j].tolist()
        return out

    @classmethod
    def from_frame(
        cls, frame: Any, *, provider: str = "provider", card: Scorecard | None = None
    ) -> PerformanceTable:
        """Read a table from any dataframe narwhals supports (pandas, polars, pyarrow, ...).

        Lazy frames are collected: a provider-level table is small.
        """
        from scorecard._frames import columns_of  # noqa: PLC0415

        return cls.from_columns(
            columns_of(frame), provider=provider, card=card, where="the dataframe", row_offset=0
        )

    @overload
    def to_frame(self, backend: Literal["pandas"], *, provider: str = ...) -> PandasFrame: ...
    @overload
    def to_frame(self, backend: Literal["polars"], *, provider: str = ...) -> PolarsFrame: ...
    @overload
    def to_frame(self, backend: Literal["pyarrow"], *, provider: str = ...) -> ArrowTable: ...
    @overload
    def to_frame(self, backend: None = None, *, provider: str = ...) -> Any: ...
    def to_frame(self, backend: Backend | None = None, *, provider: str = "provider") -> Any:
        """The table as a dataframe of ``backend``: "pandas", "polars" or "pyarrow".

        With no backend, the first of those installed (pandas first); none installed is an
        error that names the extras (``commissioning-scorecard[pandas]``, ...).
        """
        from scorecard._frames import frame_of  # noqa: PLC0415

        return frame_of(self.to_columns(provider=provider), backend)


def _check_names(kind: str, names: tuple[str, ...]) -> None:
    for n in names:
        if not isinstance(n, str) or not n.strip():
            raise TableError(f"{kind} names must be non-empty text, got {n!r}")
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise TableError(f"{kind}(s) {', '.join(map(repr, dup))} appear more than once")


def _stripped_header(path: Path, header: tuple[str, ...]) -> list[str]:
    """Column names without surrounding spaces; a warning names (quoted) those that had them."""
    out = [h.strip() for h in header]
    padded = [h for h, clean in zip(header, out, strict=True) if h != clean]
    if padded:
        warnings.warn(
            f"{path}, line 1: spaces around column name(s) {', '.join(map(repr, padded))} were "
            "removed",
            UserWarning,
            stacklevel=3,
        )
    return out


def _is_extra(column: str) -> bool:
    return column.endswith((DENOMINATOR_SUFFIX, STANDARD_ERROR_SUFFIX))


def _levels_of(card: Scorecard | None, metric: str) -> Any:
    if card is None or metric not in card.metric_ids:
        return None
    scale = card.metric(metric).scale
    return scale if hasattr(scale, "code") else None


_DECIMAL_COMMA: Final = re.compile(r"[-+]?\d+,\d+")
_MISSING_OBJECTS: Final = frozenset({"NAType", "NaTType"})
"""pandas' missing marks (``pd.NA`` in nullable columns, ``pd.NaT``), known without pandas."""


def parse_cell(
    value: object,
    *,
    provider: str,
    column: str,
    at: str = "",
    levels: Any = None,
) -> float:
    """One cell as a float: a number, NaN for a missing mark, or an ordinal level's code.

    Anything else raises a `TableError` naming the provider, the column and ``at`` (where the
    cell is: a file and line, or a row of a dataframe).
    """
    if value is None or type(value).__name__ in _MISSING_OBJECTS:
        return math.nan
    if isinstance(value, bool):
        raise _bad_cell(value, provider, column, at=at)
    if isinstance(value, str):
        text = value.strip()
        if text.casefold() in MISSING_MARKS:
            return math.nan
        try:
            number = float(text)
        except ValueError:
            code = _level_code(levels, text)
            if code is None:
                raise _bad_cell(value, provider, column, at=at, levels=levels) from None
            return code
    elif isinstance(value, numbers.Real | decimal.Decimal):
        number = float(value)
    else:
        raise _bad_cell(value, provider, column, at=at)
    if math.isinf(number):
        raise _bad_cell(value, provider, column, at=at, why="infinite")
    return number


def _level_code(levels: Any, text: str) -> float | None:
    if levels is None:
        return None
    try:
        return float(levels.code(text))
    except KeyError:
        return None


def _bad_cell(
    value: object,
    provider: str,
    column: str,
    *,
    at: str,
    why: str = "not a number",
    levels: Any = None,
) -> TableError:
    hint = (
        f"; levels are {', '.join(map(repr, levels.levels))}"
        if levels is not None
        else "; leave it empty if it is missing"
    )
    if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
        hint = "; a decimal comma? read the file with decimal=',' (--decimal-comma)"
    where = f"{at}: " if at else ""
    return TableError(f"{where}provider {provider!r}, column {column!r}: {value!r} is {why}{hint}")


@attrs.frozen
class _Place:
    where: str
    unit: str
    offset: int

    lines: tuple[int, ...] = ()

    def of(self, i: int) -> str:
        number = self.lines[i] if self.lines else self.offset + i
        return f"{self.where}, {self.unit} {number}"


def _csv_text(value: object) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return str(value)


@attrs.frozen
class CsvColumns:
    """A CSV file's cells by column, each row's line, and how the file was read."""

    columns: dict[str, list[str]]
    lines: tuple[int, ...]
    where: str
    """The file, for errors (with the encoding when it was not UTF-8)."""
    source: str
    """The file and how it was read, for `PerformanceTable.source`."""


def csv_columns(path: str | Path, *, provider: str, decimal: str = ".") -> CsvColumns:
    """The columns of a CSV file with a header row, checked: errors give the line and column.

    The encoding and delimiter are found from the file; ``decimal=","`` turns decimal commas
    into points in every column but ``provider``.
    """
    if decimal not in {".", ","}:
        raise TableError(f"decimal must be '.' or ',', got {decimal!r}")
    path = Path(path)
    found = read_csv_rows(path)
    if decimal == "," and found.delimiter == ",":
        raise TableError(
            f"{path}: decimal commas need a file delimited by semicolons or tabs, but this "
            "one is delimited by commas"
        )
    if not found.rows:
        raise TableError(f"{path}: the file is empty; it needs a header row")
    header, body = _stripped_header(path, found.rows[0]), found.rows[1:]
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise TableError(f"{path}, line 1: column(s) {', '.join(map(repr, dup))} appear twice")
    if not body:
        raise TableError(f"{path}: the file has a header but no providers")
    for lineno, row in zip(found.lines[1:], body, strict=True):
        if len(row) != len(header):
            hint = "; the file may use another delimiter (';' or tab?)" if len(header) == 1 else ""
            raise TableError(
                f"{path}, line {lineno}: {len(row)} cells, but the header has {len(header)}{hint}"
            )
    columns = {h: [row[j] for row in body] for j, h in enumerate(header)}
    if decimal == ",":
        columns = {
            h: cells if h == provider else [c.replace(",", ".") for c in cells]
            for h, cells in columns.items()
        }
    delimiter = {",": "commas", ";": "semicolons", "\t": "tabs"}[found.delimiter]
    how = f"{found.encoding}, {delimiter}" + (", decimal commas" if decimal == "," else "")
    where = f"{path} (read as {found.encoding})" if found.encoding == "Windows-1252" else str(path)
    return CsvColumns(columns, tuple(found.lines[1:]), where, f"{path}: {how}")


def write_rows(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a CSV file (UTF-8, commas): the header, then the rows; missing cells left empty."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(_csv_text(cell) for cell in row)
