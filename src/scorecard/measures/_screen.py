"""Screening records before derivation: every bad record is an error or a reported exclusion.

`screen` runs a schema's checks (`scorecard.measures._schema`) over a lazy narwhals frame. The
counts come back in one aggregate query, duplicates in one more, and example rows only for the
problems found, so a lazy engine never sends client rows to Python. Under ``invalid="raise"``
(the default) any problem is a `RecordError`; under ``invalid="exclude"`` the bad rows are left
out and each problem is reported as an `Exclusion`. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import attrs
import narwhals.stable.v2 as nw

from scorecard.errors import RecordError
from scorecard.measures._measure import any_of
from scorecard.measures._schema import Check, Kind, RecordSchema

__all__ = [
    "BAD_RECORDS",
    "DASK_REFUSED",
    "EXAMPLES",
    "Exclusion",
    "Invalid",
    "RecordError",
    "as_lazy",
    "screen",
]

Invalid = Literal["raise", "exclude"]
_NUMERIC = (Kind.NUMBER, Kind.FLAG)
_COPIES = "__copies"
EXAMPLES = 3
"""How many example records an error or exclusion names."""
BAD_RECORDS = "bad records (pass invalid='exclude' to leave them out and report them):"


@attrs.frozen
class Exclusion:
    """Records left out of the derivation, and why.

    ``records`` names the kind of record, ``problem`` what is wrong, ``count`` how many rows
    (or, for problems found by pairing records, clients) and ``examples`` up to `EXAMPLES`
    of them ("client C00017 at Riverside Recovery: opiate_days = 31").
    """

    records: str
    problem: str
    count: int
    examples: tuple[str, ...] = ()

    def __str__(self) -> str:
        shown = "; ".join(self.examples)
        return f"{self.records}: {self.count} {self.problem}" + (f" ({shown})" if shown else "")


DASK_REFUSED = (
    "{what} is a Dask dataframe, which derive does not accept: pairing each client's records "
    "needs window expressions (over client, ordered by date) that narwhals cannot run across "
    "Dask partitions (Dask support is also leaving narwhals). For records past memory use "
    "DuckDB (duckdb.read_parquet) or PySpark; for records that fit, pass frame.compute()"
)
"""Why Dask is refused before any work starts (it fails on one partition and on many)."""


def as_lazy(native: Any, what: str) -> nw.LazyFrame[Any]:
    """A narwhals lazy frame over any supported dataframe (eager frames are wrapped, not copied).

    Raises
    ------
    RecordError
        If ``native`` is not a dataframe, or is a Dask dataframe (`DASK_REFUSED`).
    """
    if type(native).__module__.partition(".")[0] in {"dask", "dask_expr"}:
        raise RecordError(DASK_REFUSED.format(what=what))
    try:
        frame = nw.from_native(native)
    except TypeError as exc:
        raise RecordError(
            f"{what} must be a dataframe (pandas, polars, pyarrow, DuckDB, ...), "
            f"got {type(native).__name__}"
        ) from exc
    if frame.implementation.is_pandas_like() and not _has_pyarrow():
        raise RecordError(
            f"{what}: deriving from a pandas dataframe needs pyarrow (narwhals reads dates on "
            "pandas through it): pip install pyarrow, or pass polars or DuckDB frames"
        )
    if isinstance(frame, nw.DataFrame):
        return frame.lazy()
    if isinstance(frame, nw.LazyFrame):
        return frame
    raise RecordError(f"{what} must be a dataframe, got a {type(native).__name__}")


def _has_pyarrow() -> bool:
    try:
        import pyarrow as pa  # noqa: F401, PLC0415 - only whether it can be imported
    except ImportError:
        return False
    return True


def _example(row: dict[str, Any], column: str | None) -> str:
    if "client" in row:
        who = "a record with no client" if _missing(row["client"]) else f"client {row['client']}"
    else:
        who = ""
    at = f" at {row['provider']}" if who else str(row["provider"])
    shown = row.get(column) if column is not None else None
    text = repr(shown) if isinstance(shown, str) or shown is None else str(shown)
    value = f": {column} = {text}" if column is not None and column in row else ""
    return f"{who}{at}{value}"


def _missing(value: object) -> bool:
    """An empty cell as an engine returns it: None, or NaN (pandas)."""
    return value is None or (isinstance(value, float) and value != value)  # noqa: PLR0124


def _rows(frame: nw.LazyFrame[Any], columns: Sequence[str], n: int) -> list[dict[str, Any]]:
    native = frame.select(*columns).head(n).collect()
    return [dict(zip(columns, values, strict=True)) for values in native.iter_rows()]


def screen(
    frame: nw.LazyFrame[Any], schema: RecordSchema, *, invalid: Invalid = "raise"
) -> tuple[nw.LazyFrame[Any], tuple[Exclusion, ...]]:
    """Check ``frame`` against ``schema``: the good rows (dates cast to dates) and the exclusions.

    Raises
    ------
    RecordError
        If a column is missing, or if any row is bad and ``invalid`` is ``"raise"``.
    """
    if invalid not in ("raise", "exclude"):
        raise RecordError(f"invalid must be 'raise' or 'exclude', got {invalid!r}")
    try:
        dtypes = frame.collect_schema()
    except Exception as exc:  # each engine raises its own reading errors (an empty file, say)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RecordError(f"{schema.name}: cannot read the records ({reason})") from exc
    absent = [name for name in schema.names if name not in dtypes]
    if absent:
        expected = ", ".join(schema.names)
        raise RecordError(
            f"{schema.name}: missing column(s) {', '.join(absent)}; expected {expected}"
        )
    for name in schema.dates():
        if dtypes[name].is_numeric():
            raise RecordError(
                f"{schema.name}: column {name!r} holds numbers (such as 20250420), not dates; "
                "give dates as dates or as YYYY-MM-DD text"
            )
    text_dates = not frame.implementation.is_pandas_like()
    named = {name: _as_date(name, dtypes[name], text=text_dates) for name in schema.dates()}
    named |= {
        f.name: _as_id(f.name)
        for f in schema.fields
        if f.kind is Kind.ID and dtypes[f.name] == nw.String
    }
    named |= {f.name: nw.col(f.name).cast(nw.Float64) for f in schema.fields if f.kind in _NUMERIC}
    casts = list(named.values())
    problems = schema.problems()
    source = frame
    try:  # eager engines convert here, lazy ones in the first query
        frame = frame.select(*schema.names).with_columns(*casts)
        checked = frame
        if schema.key:
            checked = frame.with_columns(nw.len().over(*schema.key).alias(_COPIES))
            keyed = nw.all_horizontal(
                *(~nw.col(k).is_null() for k in schema.key), ignore_nulls=False
            )
            problems[f"duplicate of the same {', '.join(schema.key)}"] = Check(
                None,
                (nw.col(_COPIES) > 1) & keyed,  # records with an empty key: reported so
            )
        found, seen = _found(checked, schema, problems)
    except Exception as exc:  # each engine raises its own conversion errors
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        column = _unreadable(source, named)
        where = f"column {column!r}" if column else "the values"
        raise RecordError(
            f"{schema.name}: could not read {where} ({reason}); dates must be dates or "
            "YYYY-MM-DD text, and numbers and flags numbers"
        ) from exc
    if seen:  # filter only by the problems found: clean records pass untouched
        frame = checked.filter(~any_of(seen)).select(*schema.names)
    if found and invalid == "raise":
        raise RecordError("\n  ".join([BAD_RECORDS, *map(str, found)]))
    return frame, tuple(found)


def _unreadable(frame: nw.LazyFrame[Any], named: dict[str, nw.Expr]) -> str | None:
    """The first column whose conversion fails on its own (the error path only: a pass each)."""
    for name, cast in named.items():
        try:
            frame.select(cast).select(nw.all().is_null().sum()).collect()  # every value read
        except Exception:  # noqa: BLE001 - any engine's conversion error marks the column
            return name
    return None


def _as_id(name: str) -> nw.Expr:
    """A text id trimmed of surrounding spaces; an id of spaces or nothing is empty (null).

    So 'C017' and 'C017 ' are one client, and two clients with an empty id are an error, not
    one client. (Unicode normalisation is applied to provider names when the sums come back;
    lazy engines have no NFC, so client ids are compared as given after trimming.)
    """
    trimmed = nw.col(name).str.strip_chars()
    return nw.when(trimmed.str.len_chars() > 0).then(trimmed).alias(name)


def _as_date(name: str, dtype: Any, *, text: bool) -> nw.Expr:
    """A date column as dates: text is read as YYYY-MM-DD, timestamps keep their day.

    pandas reads text dates by casting (its string methods give no dates).
    """
    if text and dtype == nw.String:
        return nw.col(name).str.to_date(format="%Y-%m-%d")
    return nw.col(name).cast(nw.Date)


def _found(
    frame: nw.LazyFrame[Any], schema: RecordSchema, problems: dict[str, Check]
) -> tuple[list[Exclusion], list[nw.Expr]]:
    """Count every problem in one query.

    Returns the exclusions (with a few examples) and the expressions of the problems found.
    """
    if not problems:
        return [], []
    labels = [f"p{i}" for i in range(len(problems))]
    flags = frame.select(
        *(
            c.bad.cast(nw.Int64).alias(label)
            for label, c in zip(labels, problems.values(), strict=True)
        )
    )
    counts = flags.select(*(nw.col(label).sum() for label in labels)).collect()
    identity = [c for c in ("client", "provider") if c in schema.names]
    found: list[Exclusion] = []
    present: list[nw.Expr] = []
    for label, (problem, check) in zip(labels, problems.items(), strict=True):
        count = int(counts[label][0] or 0)
        if count:
            column = check.column
            extra = [column] if column is not None and column not in identity else []
            rows = _rows(frame.filter(check.bad), [*identity, *extra], EXAMPLES)
            examples = tuple(_example(r, column) for r in rows)
            found.append(Exclusion(schema.name, _rows_phrase(count, problem), count, examples))
            present.append(check.bad)
    return found, present


def _rows_phrase(count: int, problem: str) -> str:
    noun = "record" if count == 1 else "records"
    return (
        f"{noun} where {problem}" if not problem.startswith("duplicate") else f"{noun}: {problem}"
    )
