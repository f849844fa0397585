"""Completions, exits, waits and keyworker continuity from treatment episodes in a period.

* In treatment in the period: the episode started by its end and had not ended before its start.
* ``sc_<group>_no_rep`` (PHOF C19a/b/c [S9]): successful exits in the period that did not
  re-present within 6 months, over every episode in treatment in the period in that group.
* ``representation_6m``: successful exits in the period that re-presented within 6 months.
* ``early_unplanned_exit``: episodes starting in the period that ended unplanned
  (`UNPLANNED`) within 12 weeks (84 days) of the start.
* ``wait_within_3wks``: episodes starting in the period whose first intervention came within
  21 days of referral [S57].
* ``keyworker_continuity``: clients in treatment for at least 182 days at the period's end whose
  keyworker did not change in those last 182 days (no assignment dated within them); clients
  with no keyworker recorded are missing, not failures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
import narwhals.stable.v2 as nw

from scorecard.measures._measure import Form, Measure, equals, known, positive
from scorecard.measures._schema import SUBSTANCE_GROUPS, UNPLANNED

__all__ = [
    "EARLY_DAYS",
    "SIX_MONTHS",
    "WAIT_DAYS",
    "Period",
    "caseload",
    "continuity_rows",
    "episode_measures",
    "keyworker_measure",
]

EARLY_DAYS: Final = 84
"""An unplanned exit within this many days of the start is early (12 weeks, DOMES [S8])."""
WAIT_DAYS: Final = 21
"""Waits up to this many days from referral count as within 3 weeks [S57]."""
SIX_MONTHS: Final = 182
"""Days in treatment, and the window, for keyworker continuity."""


@attrs.frozen
class Period:
    """The reporting period, both ends included (e.g. a financial year)."""

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise TypeError(f"Period.{name} must be a datetime.date, got {value!r}")
        if self.end < self.start:
            raise ValueError(f"Period ends ({self.end}) before it starts ({self.start})")

    @property
    def window(self) -> dt.date:
        """The first day of the last `SIX_MONTHS` days of the period."""
        return self.end - dt.timedelta(days=SIX_MONTHS - 1)


def _in_treatment(period: Period) -> nw.Expr:
    ended_before = (nw.col("end") < period.start).fill_null(value=False)
    return (nw.col("start") <= period.end) & ~ended_before


def _started(period: Period) -> nw.Expr:
    return (nw.col("start") >= period.start) & (nw.col("start") <= period.end)


def _successful(period: Period) -> nw.Expr:
    ended = ((nw.col("end") >= period.start) & (nw.col("end") <= period.end)).fill_null(value=False)
    return ended & equals("exit_reason", "successful")


def episode_measures(period: Period) -> tuple[Measure, ...]:
    """Completions by group, re-presentations, early unplanned exits and waits."""
    in_treatment, started, successful = _in_treatment(period), _started(period), _successful(period)
    lasted = successful & equals("represented", 0)
    known_return = ~successful | known("represented")
    groups = dict(zip(SUBSTANCE_GROUPS, ("opiate", "nonopiate", "alcohol"), strict=True))
    unplanned = nw.col("exit_reason").is_in(UNPLANNED).fill_null(value=False)
    early = (nw.col("end") <= nw.col("start").dt.offset_by(f"{EARLY_DAYS}d")).fill_null(value=False)
    return (
        *(
            Measure(
                f"sc_{name}_no_rep",
                Form.SHARE,
                in_treatment & (nw.col("substance_group") == group),
                lasted,
                known_return,
            )
            for group, name in groups.items()
        ),
        Measure("early_unplanned_exit", Form.SHARE, started, unplanned & early),
        Measure(
            "representation_6m",
            Form.SHARE,
            successful,
            equals("represented", 1),
            known("represented"),
        ),
        Measure(
            "wait_within_3wks",
            Form.SHARE,
            started,
            nw.col("start") <= nw.col("referral").dt.offset_by(f"{WAIT_DAYS}d"),
        ),
    )


def caseload(episodes: nw.LazyFrame[Any], period: Period, name: str) -> nw.LazyFrame[Any]:
    """Episodes in treatment in the period per provider, in column ``name``."""
    counted = episodes.select("provider", _in_treatment(period).cast(nw.Float64).alias(name))
    return counted.group_by("provider").agg(nw.col(name).sum())


def continuity_rows(
    episodes: nw.LazyFrame[Any], keyworkers: nw.LazyFrame[Any], period: Period
) -> nw.LazyFrame[Any]:
    """One row per episode in treatment at the end: ``changes`` and ``assigned`` counts."""
    window = period.window
    flags = keyworkers.select(
        "client",
        ((nw.col("date") >= window) & (nw.col("date") <= period.end))
        .cast(nw.Float64)
        .alias("changes"),
        (nw.col("date") <= period.end).cast(nw.Float64).alias("assigned"),
    )
    per_client = flags.group_by("client").agg(nw.col("changes").sum(), nw.col("assigned").sum())
    long_stay = (nw.col("start") < window) & ~(nw.col("end") <= period.end).fill_null(value=False)
    return (
        episodes.filter(long_stay)
        .select("client", "provider")
        .join(per_client, on="client", how="left")
    )


def keyworker_measure() -> Measure:
    """Keyworker continuity over `continuity_rows`."""
    return Measure(
        "keyworker_continuity",
        Form.SHARE,
        nw.lit(value=True),
        equals("changes", 0),
        positive("assigned"),
    )
