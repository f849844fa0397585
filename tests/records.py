"""Small hand-made client records for the derivation tests: one row per dict, the rest empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from scorecard.measures import EPISODES, KEYWORKERS, SURVEY, TOP, WORKFORCE, Period, RecordSchema
from scorecard.measures._schema import Kind

PERIOD = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
D = dt.date
BEGUN = D(2025, 1, 6)


def frame(schema: RecordSchema, rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """A polars frame with every column of ``schema``; cells not given are empty."""
    unknown = {k for row in rows for k in row} - set(schema.names)
    assert not unknown, unknown
    dtypes = {
        Kind.ID: pl.String,
        Kind.CATEGORY: pl.String,
        Kind.DATE: pl.Date,
        Kind.NUMBER: pl.Float64,
        Kind.FLAG: pl.Float64,
    }
    return pl.DataFrame(
        {f.name: [row.get(f.name) for row in rows] for f in schema.fields},
        schema={f.name: dtypes[f.kind] for f in schema.fields},
    )


def top(*rows: Mapping[str, Any]) -> pl.DataFrame:
    return frame(TOP, rows)


def episodes(*rows: Mapping[str, Any]) -> pl.DataFrame:
    return frame(EPISODES, rows)


def survey(*rows: Mapping[str, Any]) -> pl.DataFrame:
    return frame(SURVEY, rows)


def keyworkers(*rows: Mapping[str, Any]) -> pl.DataFrame:
    return frame(KEYWORKERS, rows)


def workforce(*rows: Mapping[str, Any]) -> pl.DataFrame:
    return frame(WORKFORCE, rows)


def pair(
    client: str,
    start: Mapping[str, Any],
    review: Mapping[str, Any] | None,
    *,
    provider: str = "P",
    begun: dt.date = BEGUN,
    stage: str = "review",
) -> list[dict[str, Any]]:
    """A client's start form and (unless None) review form, dated six months apart."""
    rows = [{"client": client, "provider": provider, "stage": "start", "date": begun, **start}]
    if review is not None:
        later = begun + dt.timedelta(days=182)
        rows.append(
            {"client": client, "provider": provider, "stage": stage, "date": later, **review}
        )
    return rows
