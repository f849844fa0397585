"""``scorecard derive`` and ``scorecard example-records``: the measures from the command line.

``derive`` reads client record CSV files (lazily where the engine can: polars, then pyarrow,
then pandas, whichever is installed), derives the metrics and writes a performance table CSV
(values, ``__n`` denominators and ``__se`` standard errors) that ``scorecard evaluate`` reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from scorecard._frames import Backend, installed_backend
from scorecard.cli._arguments import OneLineParser, positive_number
from scorecard.measures._derive import Records, derive
from scorecard.measures._episodes import Period
from scorecard.measures._schema import SCHEMAS
from scorecard.measures._screen import RecordError
from scorecard.measures._top import ReliableChange

if TYPE_CHECKING:
    from argparse import _SubParsersAction

__all__ = ["add_commands", "derive_files", "example_records"]


def add_commands(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``derive`` and ``example-records`` to the ``scorecard`` command."""
    de = sub.add_parser(
        "derive", help="derive provider metrics from client record CSV files (see docs/measures.md)"
    )
    for name, schema in SCHEMAS.items():
        de.add_argument(f"--{name}", type=Path, metavar="CSV", help=f"{schema.name}")
    de.add_argument(
        "--period",
        help="reporting period START:END as YYYY-MM-DD:YYYY-MM-DD (needed with episodes)",
    )
    de.add_argument(
        "--days",
        type=positive_number,
        default=ReliableChange().days,
        help="reliable change, days (above 0)",
    )
    de.add_argument(
        "--rating",
        type=positive_number,
        default=ReliableChange().rating,
        help="reliable change, 0-20 points (above 0)",
    )
    de.add_argument(
        "--exclude",
        action="store_true",
        help="leave bad records out and report them (default: stop with an error)",
    )
    de.add_argument("-o", "--output", type=Path, required=True, help="performance table CSV")
    ex = sub.add_parser(
        "example-records", help="write the SYNTHETIC example's client records as CSV files"
    )
    ex.add_argument("directory", type=Path)


def _period(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        start, end = text.split(":")
        return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    except (ValueError, TypeError) as exc:
        raise RecordError(f"--period must be YYYY-MM-DD:YYYY-MM-DD, got {text!r} ({exc})") from exc


def _read(path: Path, backend: Backend) -> Any:
    if not path.is_file():
        raise RecordError(f"no such file: {path}")
    if path.stat().st_size == 0:
        raise RecordError(f"{path}: the file is empty; it needs a header row")
    if backend == "polars":
        return nw.scan_csv(str(path), backend=backend).to_native()
    return nw.read_csv(str(path), backend=backend).to_native()


def derive_files(args: argparse.Namespace) -> str:
    """Run ``scorecard derive``: write the table; return the report."""
    given = {name: getattr(args, name) for name in SCHEMAS if getattr(args, name) is not None}
    if not given:
        raise RecordError("give at least one of " + ", ".join(f"--{n}" for n in SCHEMAS))
    backend = installed_backend("reading CSV files")
    records = Records(**{name: _read(path, backend) for name, path in given.items()})
    found = derive(
        records,
        period=_period(args.period),
        thresholds=ReliableChange(days=args.days, rating=args.rating),
        invalid="exclude" if args.exclude else "raise",
    )
    found.table.to_csv(args.output)
    rows, cols = found.table.shape
    return f"wrote {cols} metrics for {rows} providers to {args.output}\n{found.report()}\n"


def example_records(directory: Path) -> str:
    """Write the synthetic client records as one CSV file per kind of record."""
    from scorecard.datasets import PERIOD, client_records  # noqa: PLC0415

    directory.mkdir(parents=True, exist_ok=True)
    frames = client_records().frames(installed_backend("writing the records"))
    written = []
    for name, native in frames.items():
        path = directory / f"{name}.csv"
        nw.from_native(native, eager_only=True).write_csv(str(path))
        written.append(f"--{name} {path}")
    period = f"{PERIOD.start}:{PERIOD.end}"
    return (
        f"wrote SYNTHETIC client records to {directory}; derive the example's metrics with\n"
        f"  scorecard derive {' '.join(written)} --period {period} -o derived.csv\n"
    )
