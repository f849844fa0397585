"""The same derivation on every engine, and bad records: an error or a reported exclusion."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from records import PERIOD, D, episodes, pair, survey, top, workforce
from scorecard.datasets import client_records
from scorecard.measures import Derived, RecordError, Records, derive

SMALL = client_records(seed=3, n_providers=4)
POLARS: dict[str, pl.DataFrame] = SMALL.frames("polars")

_connection = duckdb.connect()


def _duckdb(frame: pl.DataFrame) -> Any:
    return _connection.from_arrow(frame.to_arrow())


ENGINES: dict[str, Callable[[pl.DataFrame], Any]] = {
    "polars": lambda f: f,
    "polars lazy": lambda f: f.lazy(),
    "pandas": lambda f: f.to_pandas(),
    "pyarrow": lambda f: f.to_arrow(),
    "duckdb": _duckdb,
}


def on(engine: str, frames: dict[str, pl.DataFrame] = POLARS) -> Records:
    return Records(**{name: ENGINES[engine](f) for name, f in frames.items()})


def run(engine: str) -> Derived:
    return derive(on(engine), period=PERIOD, providers=SMALL.providers)


REFERENCE = run("polars")


@pytest.mark.parametrize("engine", [e for e in ENGINES if e != "polars"])
def test_every_engine_derives_identical_figures(engine: str) -> None:
    found = run(engine)
    assert found.table == REFERENCE.table
    for attr in ("numerators", "lower", "upper", "missing"):
        np.testing.assert_array_equal(getattr(found, attr), getattr(REFERENCE, attr))


def test_lazy_engines_stay_lazy_until_the_sums(monkeypatch: pytest.MonkeyPatch) -> None:
    """A LazyFrame input is never collected whole: only aggregates and a few example rows."""
    collected: list[int] = []
    original = pl.LazyFrame.collect

    def spy(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.DataFrame:
        out: pl.DataFrame = original(self, *args, **kwargs)
        collected.append(out.height)
        return out

    monkeypatch.setattr(pl.LazyFrame, "collect", spy)
    found = derive(on("polars lazy"), period=PERIOD)
    assert found.table.shape[0] == 4
    assert collected
    assert max(collected) <= 4  # providers, or one row of totals; never client rows


def test_the_synthetic_records_give_a_realistic_table() -> None:
    table = REFERENCE.table
    assert table.shape == (4, 31)
    small = REFERENCE.small()
    assert small.shape == table.shape
    assert not np.isnan(table.values).any()
    assert REFERENCE.exclusions == ()


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shuffled = {
        name: f.sample(fraction=1.0, shuffle=True, seed=int(rng.integers(2**31)))
        for name, f in POLARS.items()
    }
    found = derive(on("polars", shuffled), period=PERIOD, providers=SMALL.providers)
    assert found.table == REFERENCE.table


# -- bad records ----------------------------------------------------------------------------------

GOOD = [*pair("a", {"opiate_days": 28, "psych": 8}, {"opiate_days": 0, "psych": 12})]
BAD_ROWS = {
    "unknown stage": (
        {"client": "x", "provider": "P", "stage": "middle", "date": D(2025, 3, 1)},
        "stage is not one of start, review, exit (client x at P: stage = 'middle')",
    ),
    "days outside 0-28": (
        {"client": "x", "provider": "P", "stage": "start", "date": D(2025, 3, 1), "crack_days": 31},
        "crack_days is outside 0-28 (client x at P: crack_days = 31.0)",
    ),
    "rating outside 0-20": (
        {"client": "x", "provider": "P", "stage": "start", "date": D(2025, 3, 1), "qol": -1},
        "qol is outside 0-20 (client x at P: qol = -1.0)",
    ),
    "flag not 0 or 1": (
        {"client": "x", "provider": "P", "stage": "start", "date": D(2025, 3, 1), "shared": 2},
        "shared is not 0 or 1",
    ),
    "no provider": (
        {"client": "x", "stage": "start", "date": D(2025, 3, 1)},
        "provider is empty",
    ),
}


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_record_is_an_error_naming_client_provider_field_and_value(
    case: str, engine: str
) -> None:
    row, message = BAD_ROWS[case]
    records = Records(top=ENGINES[engine](top(*GOOD, row)))
    with pytest.raises(RecordError, match="invalid='exclude'") as caught:
        derive(records)
    assert message in str(caught.value)


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_record_can_be_excluded_and_is_reported(case: str) -> None:
    row, message = BAD_ROWS[case]
    found = derive(Records(top=top(*GOOD, row)), invalid="exclude")
    assert len(found.exclusions) == 1
    assert found.exclusions[0].count == 1
    assert message in str(found.exclusions[0])
    assert message in found.report()
    assert found.table.column("top_opiate_abstinent")[0] == 100.0


def test_duplicates_are_reported_with_every_copy_left_out() -> None:
    rows = [*GOOD, *pair("b", {"psych": 3}, {"psych": 5}), *pair("b", {"psych": 3}, {"psych": 9})]
    with pytest.raises(RecordError, match="4 records: duplicate of the same client, stage, date"):
        derive(Records(top=top(*rows)))
    found = derive(Records(top=top(*rows)), invalid="exclude")
    assert found.exclusions[0].count == 4
    assert found.table.column("top_psych_change")[0] == 4.0  # a only


def test_a_review_before_the_start_is_reported_for_the_client() -> None:
    rows = [*GOOD, *pair("b", {"psych": 3}, {"psych": 5})]
    rows[-1] = {**rows[-1], "date": D(2024, 12, 1)}
    with pytest.raises(
        RecordError, match="1 client whose review or exit is dated before the start"
    ):
        derive(Records(top=top(*rows)))
    found = derive(Records(top=top(*rows)), invalid="exclude")
    assert "client b at P" in found.report()
    assert found.table.column("top_psych_change")[0] == 4.0


def test_episode_rules_across_fields() -> None:
    rows = [
        {
            "client": "a",
            "provider": "P",
            "substance_group": "opiate",
            "primary_substance": "opiate",
            "referral": D(2025, 5, 1),
            "start": D(2025, 4, 1),
        },
        {
            "client": "b",
            "provider": "P",
            "substance_group": "opiate",
            "primary_substance": "opiate",
            "referral": D(2025, 4, 1),
            "start": D(2025, 4, 1),
            "end": D(2025, 3, 1),
            "exit_reason": "successful",
        },
        {
            "client": "c",
            "provider": "P",
            "substance_group": "opiate",
            "primary_substance": "opiate",
            "referral": D(2025, 4, 1),
            "start": D(2025, 4, 1),
            "end": D(2025, 6, 1),
        },
    ]
    with pytest.raises(RecordError) as caught:
        derive(Records(episodes=episodes(*rows)), period=PERIOD)
    text = str(caught.value)
    assert "start is before referral (client a at P: start = 2025-04-01)" in text
    assert "end is before start (client b at P: end = 2025-03-01)" in text
    assert (
        "end and exit_reason must both be given or both be empty (client c at P: end = 2025-06-01)"
        in text
    )


def test_workforce_rules() -> None:
    row = {
        "provider": "P",
        "staff_in_post": 10,
        "leavers": -1,
        "vacant_posts": 0,
        "keyworker_wte": 5,
        "delivery_wte": 8,
        "training_hours": 10,
        "practitioners": 4,
        "supervised_monthly": 5,
        "learner_placements": 0,
    }
    with pytest.raises(RecordError) as caught:
        derive(Records(workforce=workforce(row)))
    assert "leavers is outside >= 0 (P: leavers = -1.0)" in str(caught.value)
    assert "supervised_monthly is more than practitioners (P: supervised_monthly = 5.0)" in str(
        caught.value
    )


def test_missing_columns_and_arguments_are_named() -> None:
    with pytest.raises(RecordError, match=r"TOP records: missing column.s. psych"):
        derive(Records(top=top(*GOOD).drop("psych")))
    with pytest.raises(RecordError, match="period is needed"):
        derive(Records(episodes=episodes()))
    with pytest.raises(RecordError, match="no records given"):
        derive(Records())
    with pytest.raises(RecordError, match="top must be a dataframe"):
        derive(Records(top=[1, 2, 3]))
    with pytest.raises(RecordError, match="not in providers: 'P'"):
        derive(Records(top=top(*GOOD)), providers=["Q"])
    with pytest.raises(RecordError, match="invalid must be"):
        derive(Records(top=top(*GOOD)), invalid="ignore")  # type: ignore[arg-type]


def test_records_on_two_engines_are_refused() -> None:
    answers = survey({"client": "a", "provider": "P", "stage": "start", "date": D(2025, 1, 1)})
    with pytest.raises(RecordError, match="one dataframe engine"):
        derive(Records(top=top(*GOOD), survey=pd.DataFrame(answers.to_pandas())))


TEXTUAL = top(*GOOD, *pair("b", {"opiate_days": 20, "shared": 1}, {"opiate_days": 10, "shared": 0}))
TEXTUAL = TEXTUAL.with_columns(
    pl.col("date").cast(pl.String),
    pl.col("client").replace({"a": "1", "b": "2"}).cast(pl.Int64),
    pl.col("shared").cast(pl.Boolean),
)


@pytest.mark.parametrize("engine", list(ENGINES))
def test_text_dates_whole_number_ids_and_boolean_flags_are_read(engine: str) -> None:
    found = derive(Records(top=ENGINES[engine](TEXTUAL)))
    assert found.table.column("top_opiate_abstinent")[0] == 50.0
    assert found.table.column("top_stopped_sharing")[0] == 100.0


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_a_date_that_is_not_a_date_is_an_error_naming_it(engine: str) -> None:
    bad = TEXTUAL.with_columns(
        pl.when(pl.col("client") == 2).then(pl.lit("2025-13-45")).otherwise("date").alias("date")
    )
    with pytest.raises(
        RecordError, match=r"TOP records: could not read column 'date' .*2025-13-45"
    ):
        derive(Records(top=ENGINES[engine](bad)))


@pytest.mark.parametrize("partitions", [1, 2])
def test_dask_is_refused_up_front_naming_the_limitation(partitions: int) -> None:
    import dask.dataframe as dd

    frames = {
        k: dd.from_pandas(v.to_pandas(), npartitions=partitions)  # type: ignore[no-untyped-call]
        for k, v in POLARS.items()
    }
    with pytest.raises(RecordError, match="top is a Dask dataframe") as caught:
        derive(Records(**frames), period=PERIOD)
    assert "window expressions" in str(caught.value)
    assert "DuckDB" in str(caught.value)
    assert "PySpark" in str(caught.value)


# -- identity rules: ids trimmed; empty ids and NFC collisions refused --------------------------


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_ids_differing_only_by_surrounding_spaces_are_one_client_and_one_provider(
    engine: str,
) -> None:
    start, review = pair("b", {"psych": 3}, {"psych": 9})
    rows = [
        *pair("a", {"psych": 3}, {"psych": 5}),
        {**start, "client": "b "},
        {**review, "client": " b", "provider": "P "},
    ]
    found = derive(Records(top=ENGINES[engine](top(*rows))))
    assert found.table.providers == ("P",)
    assert found.table.column("top_psych_change")[0] == pytest.approx((2 + 6) / 2)


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_two_clients_with_empty_ids_are_an_error_not_one_client(engine: str) -> None:
    rows = [
        *pair("a", {"psych": 3}, {"psych": 5}),
        *pair(" ", {"psych": 3}, {"psych": 5}),
        *pair("", {"psych": 4}, {"psych": 9}),
    ]
    with pytest.raises(RecordError, match="4 records where client is empty") as caught:
        derive(Records(top=ENGINES[engine](top(*rows))))
    assert "a record with no client at P" in str(caught.value)


def test_one_provider_spelt_two_ways_in_unicode_is_refused() -> None:
    rows = [
        *pair("a", {"psych": 3}, {"psych": 5}),
        *[{**r, "provider": "Jos\u00e9 House"} for r in pair("b", {"psych": 3}, {"psych": 5})],
        *[{**r, "provider": "Jose\u0301 House"} for r in pair("c", {"psych": 3}, {"psych": 5})],
    ]
    with pytest.raises(RecordError, match="is the same provider as"):
        derive(Records(top=top(*rows)))


# -- every record used or reported: dates that are numbers, reviews without a start ------------


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_dates_given_as_numbers_are_an_error_naming_the_column(engine: str) -> None:
    frame = top(*GOOD).with_columns(pl.col("date").dt.strftime("%Y%m%d").cast(pl.Int64))
    with pytest.raises(RecordError, match="column 'date' holds numbers"):
        derive(Records(top=ENGINES[engine](frame)))


def test_a_date_in_another_format_is_an_error_naming_the_column() -> None:
    frame = top(*GOOD).with_columns(pl.col("date").dt.strftime("%d/%m/%Y"))
    with pytest.raises(RecordError, match="could not read column 'date'"):
        derive(Records(top=frame))


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_a_review_without_a_start_is_reported_not_dropped(engine: str) -> None:
    rows = [*GOOD, pair("b", {"psych": 3}, {"psych": 9})[1]]
    with pytest.raises(RecordError, match="1 client with a review or exit but no start record"):
        derive(Records(top=ENGINES[engine](top(*rows))))
    found = derive(Records(top=ENGINES[engine](top(*rows))), invalid="exclude")
    assert [e.examples for e in found.exclusions] == [("client b at P",)]
    assert "no start record" in found.report()


def test_pandas_without_pyarrow_is_refused_up_front_saying_what_to_install() -> None:
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "import pandas as pd\n"
        "from scorecard.measures import Records, derive\n"
        "frame = pd.DataFrame({'client': ['a'], 'provider': ['P'], 'stage': ['start'],"
        " 'date': ['2025-01-06']})\n"
        "try:\n    derive(Records(top=frame))\n"
        "except Exception as e:\n    print(type(e).__name__, e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("RecordError top: deriving from a pandas dataframe needs pyarrow")
