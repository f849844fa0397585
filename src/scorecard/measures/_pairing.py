"""Pair each client's start record with their outcome record (TOP forms, survey answers).

The **start** record is the client's earliest ``start``; the **outcome** record is their latest
``review``, or their latest ``exit`` when they have no review. Columns of the start record get
the suffix ``_s`` and of the outcome ``_r``; clients with no outcome keep empty ``_r`` columns
(they count as not reviewed). The provider is the start record's.

A client whose outcome is dated before their start is a problem of the pair. Finding it costs
no extra pass: `pair` marks it in column `BACKWARDS` and empties ``date_r`` (every cohort needs
an outcome date, so the client counts nowhere), the derivation sums the marks with the metrics,
and `backwards` turns a non-zero total into an error or an exclusion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import narwhals.stable.v2 as nw

from scorecard.measures._screen import BAD_RECORDS, EXAMPLES, Exclusion, Invalid, RecordError

__all__ = ["BACKWARDS", "backwards", "orphans", "pair", "unmatched"]

BACKWARDS: Final = "__backwards"
"""Column marking (1.0) clients whose outcome is dated before their start."""


def pair(frame: nw.LazyFrame[Any], fields: Sequence[str]) -> nw.LazyFrame[Any]:
    """One row per client with a start record: ``provider``, ``<field>_s`` and ``<field>_r``."""
    columns = ["date", *fields]
    date = nw.col("date")
    starts = frame.filter(nw.col("stage") == "start").filter(date == date.min().over("client"))
    review = nw.col("__review")
    later = (
        frame.filter(nw.col("stage") != "start")
        .with_columns((nw.col("stage") == "review").cast(nw.Int8).alias("__review"))
        .filter(review == review.max().over("client"))
        .filter(date == date.max().over("client"))
    )
    paired = starts.select(
        "client", "provider", *(nw.col(c).alias(f"{c}_s") for c in columns)
    ).join(
        later.select("client", *(nw.col(c).alias(f"{c}_r") for c in columns)),
        on="client",
        how="left",
    )
    wrong = (nw.col("date_r") < nw.col("date_s")).fill_null(value=False)
    return paired.with_columns(
        wrong.cast(nw.Float64).alias(BACKWARDS),
        nw.when(~wrong).then(nw.col("date_r")).alias("date_r"),
    )


def backwards(
    paired: nw.LazyFrame[Any], count: int, *, records: str, invalid: Invalid
) -> tuple[Exclusion, ...]:
    """The exclusion for ``count`` clients marked in `BACKWARDS` (an error under ``raise``)."""
    if not count:
        return ()
    marked = paired.filter(nw.col(BACKWARDS) > 0).select("client", "provider")
    examples = tuple(f"client {c} at {p}" for c, p in marked.head(EXAMPLES).collect().iter_rows())
    problem = f"client{'s' if count > 1 else ''} whose review or exit is dated before the start"
    exclusion = Exclusion(records, problem, count, examples)
    if invalid == "raise":
        raise RecordError(f"{BAD_RECORDS}\n  {exclusion}")
    return (exclusion,)


def orphans(frame: nw.LazyFrame[Any], *, records: str, invalid: Invalid) -> tuple[Exclusion, ...]:
    """Clients with a review or exit but no start record: their records cannot be used."""
    stage = nw.col("stage")
    return unmatched(
        frame.filter(stage != "start"),
        frame.filter(stage == "start"),
        records=records,
        problem="with a review or exit but no start record (not used)",
        invalid=invalid,
    )


def unmatched(
    rows: nw.LazyFrame[Any],
    reference: nw.LazyFrame[Any],
    *,
    records: str,
    problem: str,
    invalid: Invalid,
) -> tuple[Exclusion, ...]:
    """Clients in ``rows`` but not in ``reference``: an error under ``raise``, else an exclusion.

    One query (an anti-join on client) counts them, and a second names a few.
    """
    clients = rows.select("client", "provider").unique(["client"])
    lost = clients.join(reference.select("client").unique(), on="client", how="anti")
    count = int(lost.select(nw.len()).collect().item())
    if not count:
        return ()
    found = lost.sort("client").head(EXAMPLES).collect().iter_rows()
    examples = tuple(f"client {c} at {p}" for c, p in found)
    exclusion = Exclusion(records, f"client{'s' if count > 1 else ''} {problem}", count, examples)
    if invalid == "raise":
        raise RecordError(f"{BAD_RECORDS}\n  {exclusion}")
    return (exclusion,)
