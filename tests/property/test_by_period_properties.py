"""Deriving by period from client records equals deriving each period's records alone.

The oracle picks each period's records with plain polars filters written here, independently of
`scorecard.measures._periods`, and hands them to `derive`; `derive_by_period` screens all the
records once and must give the same tables, period by period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from scorecard.measures import Period, Records, derive, derive_by_period, windows


def _assessed(frame: pl.DataFrame, period: Period) -> pl.DataFrame:
    outcomes = frame.filter(
        (pl.col("stage") != "start") & pl.col("date").is_between(period.start, period.end)
    )
    starts = frame.filter(
        (pl.col("stage") == "start")
        & (pl.col("date") <= period.end)
        & pl.col("client").is_in(outcomes["client"].implode())
    )
    return pl.concat([starts, outcomes])


def _alone(frames: dict[str, pl.DataFrame], period: Period) -> Records:
    return Records(
        top=_assessed(frames["top"], period),
        survey=_assessed(frames["survey"], period),
        episodes=frames["episodes"].filter(pl.col("start") <= period.end),
        keyworkers=frames["keyworkers"].filter(pl.col("date") <= period.end),
        workforce=frames["workforce"],
    )


def _same(a: Any, b: Any) -> None:
    assert a.table.providers == b.table.providers
    assert a.table.metrics == b.table.metrics
    for name in ("values", "denominators", "standard_errors"):
        np.testing.assert_allclose(getattr(a.table, name), getattr(b.table, name), rtol=1e-12)
    np.testing.assert_allclose(a.missing, b.missing)


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    providers=st.integers(2, 4),
    offset=st.integers(0, 14),
    every=st.sampled_from([1, 3]),
    rolling=st.booleans(),
    count=st.integers(1, 4),
)
def test_by_period_equals_each_period_alone(  # noqa: PLR0917 - one per drawn value
    seed: int, providers: int, offset: int, every: int, rolling: bool, count: int
) -> None:
    frames = sc.datasets.client_records(seed=seed, n_providers=providers).frames("polars")
    first = dt.date(2025 + offset // 12, offset % 12 + 1, 1)
    periods = windows(first, count, every=every, length=12 if rolling else None)
    names = tuple(sorted(frames["workforce"]["provider"].unique().to_list()))
    together = derive_by_period(
        Records(
            top=frames["top"],
            survey=frames["survey"],
            episodes=frames["episodes"],
            keyworkers=frames["keyworkers"],
        ),
        periods,
        workforce=[frames["workforce"]] * count,
        providers=names,
    )
    assert len(together) == count
    for period, found in zip(periods, together, strict=True):
        _same(found, derive(_alone(frames, period), period=period, providers=names))
