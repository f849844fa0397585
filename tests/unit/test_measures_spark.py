"""PySpark, the tested distributed engine: a local Spark session derives what polars derives.

The session runs on Debian's Java (``make test`` installs it, as it installs chromium). It
starts once for the module (about 10 s); each derivation takes 10-20 s on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import polars as pl
import pytest

from records import PERIOD, D, top
from scorecard.datasets import client_records
from scorecard.measures import Derived, RecordError, Records, derive

SMALL = client_records(seed=5, n_providers=4)
BAD = {"client": "x", "provider": SMALL.providers[0], "stage": "start", "date": D(2025, 5, 1)}


def _with_bad_records() -> dict[str, pl.DataFrame]:
    """The small records, plus a TOP form with days outside 0-28 and a duplicated form."""
    frames = SMALL.frames("polars")
    first = frames["top"].head(1)
    bad = top({**BAD, "crack_days": 31}).select(frames["top"].columns)
    frames["top"] = pl.concat([frames["top"], first, bad], how="vertical_relaxed")
    return frames


FRAMES = _with_bad_records()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("scorecard-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _on_spark(spark: Any, frames: dict[str, pl.DataFrame]) -> Records:
    return Records(**{name: spark.createDataFrame(f.to_pandas()) for name, f in frames.items()})


def _derive(records: Records) -> Derived:
    return derive(records, period=PERIOD, providers=SMALL.providers, invalid="exclude")


def test_spark_derives_every_metric_and_exclusion_as_polars_does(spark: Any) -> None:
    expected = _derive(Records(**FRAMES))
    found = _derive(_on_spark(spark, FRAMES))
    assert found.table.metrics == expected.table.metrics
    assert len(found.table.metrics) >= 20  # TOP, episodes, survey, keyworkers, workforce
    assert found.table == expected.table
    for attr in ("numerators", "lower", "upper", "missing"):
        np.testing.assert_array_equal(getattr(found, attr), getattr(expected, attr))
    assert [str(e) for e in found.exclusions] == [str(e) for e in expected.exclusions]
    problems = " ".join(e.problem for e in found.exclusions)
    assert "duplicate" in problems
    assert "outside 0-28" in problems


def test_spark_names_a_bad_record_as_polars_does(spark: Any) -> None:
    only_top = {"top": FRAMES["top"]}
    with pytest.raises(RecordError) as expected:
        derive(Records(**only_top))
    with pytest.raises(RecordError) as found:
        derive(_on_spark(spark, only_top))
    assert str(found.value) == str(expected.value)
    assert "crack_days = 31" in str(found.value)
