from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import scorecard as sc
from scorecard import PerformanceTable
from scorecard._frames import Backend
from scorecard.errors import ScorecardError, TableError
from scorecard.sensitivity import one_way

COLUMNS = {
    "provider": ["A", "B", "C"],
    "x": [1.0, None, 3.0],
    "y": [10, 20, 30],
    "y__n": [100, 200, 300],
}


def expected() -> PerformanceTable:
    return PerformanceTable(
        ["A", "B", "C"],
        ["x", "y"],
        [[1.0, 10.0], [np.nan, 20.0], [3.0, 30.0]],
        denominators=[[np.nan, 100.0], [np.nan, 200.0], [np.nan, 300.0]],
    )


@pytest.mark.parametrize(
    "make",
    [
        pd.DataFrame,
        pl.DataFrame,
        lambda c: pl.DataFrame(c).lazy(),
        pa.table,
    ],
    ids=["pandas", "polars", "polars-lazy", "pyarrow"],
)
def test_from_any_frame(make: object) -> None:
    frame = make(COLUMNS)  # type: ignore[operator]
    assert PerformanceTable.from_frame(frame) == expected()


def test_from_duckdb_relation() -> None:
    duckdb = pytest.importorskip("duckdb")
    rel = duckdb.sql(
        "select * from (values ('A', 1.0, 10, 100), ('B', null, 20, 200), ('C', 3.0, 30, 300))"
        " t(provider, x, y, y__n)"
    )
    assert PerformanceTable.from_frame(rel) == expected()


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_to_frame_round_trip(backend: Backend) -> None:
    t = expected()
    assert PerformanceTable.from_frame(t.to_frame(backend)) == t


def test_text_cell_in_frame_names_row() -> None:
    frame = pd.DataFrame({"provider": ["A", "B"], "x": ["1", "many"]})
    with pytest.raises(TableError, match=r"the dataframe, row 1: provider 'B', column 'x': 'many'"):
        PerformanceTable.from_frame(frame)


def test_not_a_frame() -> None:
    with pytest.raises(TableError, match="expected a dataframe"):
        PerformanceTable.from_frame([1, 2, 3])


def test_unknown_backend() -> None:
    with pytest.raises(ValueError, match="backend must be one of"):
        expected().to_frame("excel")  # type: ignore[call-overload]  # an untyped caller


def test_installed_backend_prefers_polars_and_names_the_purpose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    from scorecard._frames import installed_backend
    from scorecard.errors import ScorecardError

    assert installed_backend("x") == "polars"
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(
        ScorecardError,
        match=r"generate\(\) needs a dataframe library: pip install "
        r"'commissioning-scorecard\[polars\]' \(or \[pyarrow\], or \[pandas\]\)",
    ):
        installed_backend("generate()")


def test_to_frame_makes_the_frame_its_backend_names() -> None:
    t, ev = expected(), sc.catalog.balanced().evaluate(sc.datasets.example())
    assert isinstance(t.to_frame("pandas"), pd.DataFrame)
    assert isinstance(t.to_frame("polars"), pl.DataFrame)
    assert isinstance(t.to_frame("pyarrow"), pa.Table)
    assert isinstance(ev.to_frame("polars", what="contributions"), pl.DataFrame)
    assert isinstance(ev.compare(ev).to_frame("pyarrow"), pa.Table)


def test_to_frame_defaults_to_the_first_installed_of_pandas_polars_pyarrow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    t = expected()
    assert isinstance(t.to_frame(), pd.DataFrame)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "pandas" else real(name)
    )
    assert isinstance(t.to_frame(), pl.DataFrame)
    sweep = one_way(sc.catalog.balanced().evaluate(sc.datasets.example()), "connection", grid=3)
    assert isinstance(sweep.to_frame(), pl.DataFrame)


def test_to_frame_with_no_dataframe_library_names_the_extras(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(ScorecardError, match=r"commissioning-scorecard\[pandas\]"):
        expected().to_frame()
    assert expected().to_columns()["provider"] == ["A", "B", "C"]  # columns need no library
