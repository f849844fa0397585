"""Metrics period by period: quarters, or rolling 12-month windows, from one set of records.

`windows` lays out the periods (a quarter every quarter, or 12 months to the end of each
quarter, the usual convention for completions); `derive_by_period` screens the records once
and derives every period from the records that belong to it:

- TOP and survey: the clients with an outcome (a review or an exit) dated in the period,
  compared at their latest outcome in the period with their first start on or before its end;
- episodes: those begun on or before the period's end (the period decides who was in
  treatment, started, completed or waited);
- keyworker assignments: those made on or before the period's end;
- workforce returns carry no dates, so they are given per period (or not at all).

Deriving a period this way gives exactly what `derive` gives on that period's records alone
(a property test holds it to that).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from scorecard.errors import InvalidArgumentError
from scorecard.measures._derive import Derived, Records, derive_screened, screened
from scorecard.measures._episodes import Period
from scorecard.measures._schema import WORKFORCE
from scorecard.measures._screen import Exclusion, Invalid, RecordError, as_lazy, screen
from scorecard.measures._top import ReliableChange

__all__ = ["derive_by_period", "in_period", "windows"]

_MONTHS_IN_YEAR = 12


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * _MONTHS_IN_YEAR + day.month - 1 + months
    return dt.date(index // _MONTHS_IN_YEAR, index % _MONTHS_IN_YEAR + 1, 1)


def windows(
    first: dt.date, count: int, *, every: int = 3, length: int | None = None
) -> tuple[Period, ...]:
    """``count`` periods, the first starting on ``first``, a new one every ``every`` months.

    Each lasts ``length`` months (default ``every``: back-to-back quarters). ``length=12``
    with ``every=3`` gives rolling 12-month windows a quarter apart; such windows overlap, so
    their points are not independent (see docs/monitoring.md before drawing SPC rules on them).

    Examples
    --------
    >>> windows(dt.date(2025, 4, 1), 2)
    (Period(start=datetime.date(2025, 4, 1), end=datetime.date(2025, 6, 30)), \
Period(start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30)))
    """
    if not isinstance(first, dt.date) or isinstance(first, dt.datetime) or first.day != 1:
        raise InvalidArgumentError(f"first must be the first day of a month, got {first!r}")
    span = every if length is None else length
    for name, value in (("count", count), ("every", every), ("length", span)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidArgumentError(
                f"{name} must be a whole number of at least 1, got {value!r}"
            )
    return tuple(
        Period(
            _add_months(first, k * every),
            _add_months(first, k * every + span) - dt.timedelta(days=1),
        )
        for k in range(count)
    )


def _dated(column: str, period: Period) -> nw.Expr:
    date = nw.col(column)
    return (date >= period.start) & (date <= period.end)


def _assessed(frame: nw.LazyFrame[Any], period: Period) -> nw.LazyFrame[Any]:
    """Outcomes dated in the period, with those clients' start records up to its end."""
    stage = nw.col("stage")
    outcomes = frame.filter((stage != "start") & _dated("date", period))
    clients = outcomes.select("client").unique()
    starts = frame.filter((stage == "start") & (nw.col("date") <= period.end))
    return nw.concat([starts.join(clients, on="client", how="semi"), outcomes])


def in_period(name: str, frame: nw.LazyFrame[Any], period: Period) -> nw.LazyFrame[Any]:
    """The records of kind ``name`` (a key of `Records`) that belong to ``period``."""
    if name in {"top", "survey"}:
        return _assessed(frame, period)
    if name == "episodes":
        return frame.filter(nw.col("start") <= period.end)
    if name == "keyworkers":
        return frame.filter(nw.col("date") <= period.end)
    raise RecordError(f"{name} records carry no dates: give them per period")


def _workforce(
    returns: Sequence[Any] | None, periods: Sequence[Period], invalid: Invalid
) -> tuple[list[nw.LazyFrame[Any] | None], list[Exclusion]]:
    if returns is None:
        return [None] * len(periods), []
    if len(returns) != len(periods):
        raise RecordError(
            f"{len(returns)} workforce returns given for {len(periods)} periods: "
            "give one per period"
        )
    frames: list[nw.LazyFrame[Any] | None] = []
    exclusions: list[Exclusion] = []
    for period, native in zip(periods, returns, strict=True):
        what = f"workforce returns for {period.start}:{period.end}"
        frame, found = screen(as_lazy(native, what), WORKFORCE, invalid=invalid)
        frames.append(frame)
        exclusions.extend(found)
    return frames, exclusions


def derive_by_period(
    records: Records,
    periods: Sequence[Period],
    *,
    workforce: Sequence[Any] | None = None,
    thresholds: ReliableChange | None = None,
    providers: Sequence[str] | None = None,
    invalid: Invalid = "raise",
) -> tuple[Derived, ...]:
    """Provider metrics for every period, from one set of client records (screened once).

    Parameters
    ----------
    records
        The `Records` over all the periods; ``records.workforce`` must be None (returns carry
        no dates: pass them as ``workforce``).
    periods
        The periods (`windows` lays them out), in time order.
    workforce
        One workforce return per period, or None.
    thresholds, invalid
        As for `derive`.
    providers
        The providers, in order, the same in every period. Default: every provider named in
        any of the records, sorted, so each period's table has the same rows.

    Returns
    -------
    tuple of Derived
        One per period. Screening's exclusions are reported with the first period; each
        period reports the clients it could not pair.
    """
    if records.workforce is not None:
        raise RecordError(
            "workforce returns carry no dates: pass one per period as workforce=, not in Records"
        )
    ordered = list(periods)
    if not ordered:
        raise RecordError("no periods given")
    for earlier, later in itertools.pairwise(ordered):
        if later.start <= earlier.start:
            raise RecordError(
                f"periods out of time order: {later.start}:{later.end} comes after "
                f"{earlier.start}:{earlier.end}"
            )
    frames, exclusions = screened(records, invalid=invalid, period=ordered[0])
    returns, found = _workforce(workforce, ordered, invalid)
    exclusions.extend(found)
    order = tuple(providers) if providers is not None else _providers(frames, returns)
    out: list[Derived] = []
    for k, period in enumerate(ordered):
        own: dict[str, nw.LazyFrame[Any]] = {
            name: in_period(name, frame, period) for name, frame in frames.items()
        }
        if (ret := returns[k]) is not None:
            own["workforce"] = ret
        out.append(
            derive_screened(
                own,
                period=period,
                thresholds=thresholds,
                providers=order,
                invalid=invalid,
                exclusions=exclusions if k == 0 else (),
            )
        )
    return tuple(out)


def _providers(
    frames: Mapping[str, nw.LazyFrame[Any]], returns: Sequence[nw.LazyFrame[Any] | None]
) -> tuple[str, ...]:
    """Every provider named in any record, sorted (one small query per kind of record)."""
    named: set[str] = set()
    for frame in [*frames.values(), *(r for r in returns if r is not None)]:
        found = frame.select("provider").unique().collect()
        named.update(str(p) for p in found["provider"].to_list() if p is not None)
    return tuple(sorted(named))
