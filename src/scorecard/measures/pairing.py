"""Pair each client's start record with their outcome record (TOP forms, survey answers).

The **start** record is the client's earliest ``start``; the **outcome** record is their latest
``review``, or their latest ``exit`` when they have no review. Columns of the start record get
the suffix ``_s`` and of the outcome ``_r``; clients with no outcome keep empty ``_r`` columns
(they count as not reviewed). The provider is the start record's. A client whose outcome is
dated before their start is a problem of the pair: an error, or an exclusion of that client.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals as nw

from scorecard.measures.screen import BAD_RECORDS, EXAMPLES, Exclusion, Invalid, RecordError

__all__ = ["pair"]


def _one_per_client(frame: nw.LazyFrame[Any], column: str, *, latest: bool) -> nw.LazyFrame[Any]:
    pick = nw.col(column).max() if latest else nw.col(column).min()
    return frame.join(frame.group_by("client").agg(pick), on=["client", column], how="inner")


def pair(
    frame: nw.LazyFrame[Any],
    fields: Sequence[str],
    *,
    records: str,
    invalid: Invalid,
) -> tuple[nw.LazyFrame[Any], tuple[Exclusion, ...]]:
    """One row per client with a start record: ``provider``, ``<field>_s`` and ``<field>_r``."""
    columns = ["date", *fields]
    starts = _one_per_client(frame.filter(nw.col("stage") == "start"), "date", latest=False)
    later = frame.filter(nw.col("stage") != "start").with_columns(
        (nw.col("stage") == "review").cast(nw.Int8).alias("__review")
    )
    later = _one_per_client(_one_per_client(later, "__review", latest=True), "date", latest=True)
    paired = starts.select(
        "client", "provider", *(nw.col(c).alias(f"{c}_s") for c in columns)
    ).join(
        later.select("client", *(nw.col(c).alias(f"{c}_r") for c in columns)),
        on="client",
        how="left",
    )
    backwards = (nw.col("date_r") < nw.col("date_s")).fill_null(value=False)
    count = int(paired.select(backwards.cast(nw.Int64).sum().alias("n")).collect()["n"][0] or 0)
    if not count:
        return paired, ()
    rows = paired.filter(backwards).select("client", "provider").head(EXAMPLES).collect()
    examples = tuple(f"client {c} at {p}" for c, p in rows.iter_rows())
    problem = f"client{'s' if count > 1 else ''} whose review or exit is dated before the start"
    exclusion = Exclusion(records, problem, count, examples)
    if invalid == "raise":
        raise RecordError(f"{BAD_RECORDS}\n  {exclusion}")
    return paired.filter(~backwards), (exclusion,)
