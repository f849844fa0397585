from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import Domain, Metric, PerformanceTable, Scorecard
from scorecard.errors import TableError
from scorecard.scales import Linear, Ordinal

CQC = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])


def cqc_card() -> Scorecard:
    return Scorecard(
        "C",
        domains=[
            Domain(
                "quality",
                "Quality",
                metrics=[
                    Metric("cqc_safe", "Safe", direction="higher", scale=CQC),
                    Metric(
                        "alliance", "Alliance", direction="higher", scale=Linear(worst=50, best=95)
                    ),
                ],
            )
        ],
    )


def test_arrays_are_read_only_copies() -> None:
    raw = np.array([[1.0, 2.0]])
    t = PerformanceTable(["A"], ["x", "y"], raw)
    raw[0, 0] = 99
    assert t.values[0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        t.values[0, 0] = 5


def test_shape_mismatch_is_named() -> None:
    with pytest.raises(TableError, match=r"values has shape \(1, 1\), but 2 providers by 1"):
        PerformanceTable(["A", "B"], ["x"], [[1.0]])
    with pytest.raises(TableError, match="denominators has shape"):
        PerformanceTable(["A"], ["x"], [[1.0]], denominators=[[1.0, 2.0]])


def test_duplicate_providers_and_metrics_are_named() -> None:
    with pytest.raises(
        TableError, match=r"provider 3: provider 'A' appears twice \(also provider 1\)"
    ):
        PerformanceTable(["A", "B", "A"], ["x"], [[1.0], [2.0], [3.0]])
    with pytest.raises(TableError, match=r"metric\(s\) 'x' appear more than once"):
        PerformanceTable(["A"], ["x", "x"], [[1.0, 2.0]])


def test_infinity_names_provider_and_metric() -> None:
    with pytest.raises(TableError, match=r"provider 'B', metric 'y' is inf"):
        PerformanceTable(["A", "B"], ["x", "y"], [[1.0, 2.0], [3.0, np.inf]])


def test_negative_denominator_is_refused() -> None:
    with pytest.raises(TableError, match=r"denominator for provider 'A', metric 'x' is -3.0"):
        PerformanceTable(["A"], ["x"], [[1.0]], denominators=[[-3.0]])


def test_non_numeric_values_are_refused() -> None:
    with pytest.raises(TableError, match="must be numbers"):
        PerformanceTable(["A"], ["x"], [["high"]])
    with pytest.raises(TableError, match="non-empty text"):
        PerformanceTable([""], ["x"], [[1.0]])


def test_select_take_and_missing_column() -> None:
    t = PerformanceTable(
        ["A", "B"], ["x", "y"], [[1, 2], [3, 4]], denominators=[[10, 20], [30, 40]]
    )
    assert t.select(["y"]).values.tolist() == [[2], [4]]
    assert t.select(["y"]).denominators.tolist() == [[20], [40]]  # type: ignore[union-attr]
    assert t.take(["B"]).values.tolist() == [[3, 4]]
    with pytest.raises(TableError, match=r"no column for metric\(s\) 'z'"):
        t.select(["z"])
    with pytest.raises(TableError, match=r"no provider\(s\) 'C'"):
        t.take(["C"])


def test_equality_treats_nan_as_equal_and_fingerprint_changes() -> None:
    a = PerformanceTable(["A"], ["x"], [[np.nan]])
    b = PerformanceTable(["A"], ["x"], [[np.nan]])
    assert a == b
    assert a.fingerprint() == b.fingerprint()
    c = PerformanceTable(["A"], ["x"], [[1.0]])
    assert a != c
    assert a.fingerprint() != c.fingerprint()
    assert "1 missing" in repr(a)


def test_csv_round_trip(tmp_path: Path) -> None:
    t = PerformanceTable(
        ["Riverside", "Hilltop, North"],
        ["x", "y"],
        [[1.5, np.nan], [0.1 + 0.2, 7.0]],
        denominators=[[100, 50], [np.nan, 20]],
    )
    path = tmp_path / "t.csv"
    t.to_csv(path)
    assert PerformanceTable.from_csv(path) == t


def test_csv_errors_give_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("provider,x,y\nA,1,2\nB,3,lots\n")
    with pytest.raises(TableError, match=r"bad\.csv, line 3: provider 'B', column 'y': 'lots'"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,x\nA,1,2\n")
    with pytest.raises(TableError, match=r"line 2: 3 cells, but the header has 2"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,x,x\nA,1,2\n")
    with pytest.raises(TableError, match=r"line 1: column\(s\) 'x' appear twice"):
        PerformanceTable.from_csv(path)
    path.write_text("name,x\nA,1\n")
    with pytest.raises(TableError, match="no provider column 'provider'"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,x\n,1\n")
    with pytest.raises(TableError, match="line 2: provider name must be non-empty"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,x,y__n\nA,1,2\n")
    with pytest.raises(TableError, match="'y__n' belongs to metric 'y', which has no column"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,x\nA,inf\n")
    with pytest.raises(TableError, match="line 2: provider 'A', column 'x': 'inf' is infinite"):
        PerformanceTable.from_csv(path)
    path.write_text("")
    with pytest.raises(TableError, match="empty"):
        PerformanceTable.from_csv(path)


def test_csv_missing_marks(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("provider,a,b,c,d\nA,,NA,n/a,NaN\n")
    assert np.isnan(PerformanceTable.from_csv(path).values).all()


def test_ordinal_levels_by_name_with_a_card(tmp_path: Path) -> None:
    path = tmp_path / "cqc.csv"
    path.write_text("provider,cqc_safe,alliance\nA,Good,80\nB,requires improvement,70\nC,4,60\n")
    t = PerformanceTable.from_csv(path, card=cqc_card())
    assert t.column("cqc_safe").tolist() == [3.0, 2.0, 4.0]
    with pytest.raises(TableError, match="'Good' is not a number; leave it empty"):
        PerformanceTable.from_csv(path)
    path.write_text("provider,cqc_safe,alliance\nA,Excellent,80\n")
    with pytest.raises(TableError, match="'Excellent' is not a number; levels are 'Inadequate'"):
        PerformanceTable.from_csv(path, card=cqc_card())


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=8
).filter(lambda s: s.strip() != "")


@given(
    providers=st.lists(names, min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_csv_round_trip_property(
    providers: list[str], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    values = data.draw(
        st.lists(
            st.lists(st.floats(allow_infinity=False, width=64), min_size=2, max_size=2),
            min_size=len(providers),
            max_size=len(providers),
        )
    )
    t = PerformanceTable(providers, ["x", "y"], values)
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    t.to_csv(path)
    assert PerformanceTable.from_csv(path) == t


def test_join_puts_metrics_side_by_side_for_the_same_providers() -> None:
    left = PerformanceTable(["a", "b"], ["m1"], [[1.0], [2.0]], denominators=[[10.0], [20.0]])
    right = PerformanceTable(["b", "a"], ["m2", "m3"], [[5.0, 6.0], [3.0, 4.0]])
    joined = left.join(right)
    assert joined.metrics == ("m1", "m2", "m3")
    np.testing.assert_array_equal(joined.values, [[1.0, 3.0, 4.0], [2.0, 5.0, 6.0]])
    assert joined.denominators is not None
    np.testing.assert_array_equal(joined.denominators[:, 0], [10.0, 20.0])
    assert np.isnan(joined.denominators[:, 1:]).all()
    assert joined.standard_errors is None
    with pytest.raises(TableError, match="both tables have metric"):
        left.join(left)
    with pytest.raises(TableError, match="same providers; only the second has 'c'"):
        left.join(PerformanceTable(["a", "c"], ["m9"], [[1.0], [2.0]]))
    with pytest.raises(TableError, match="same providers"):
        left.join(PerformanceTable(["a"], ["m9"], [[1.0]]))


# -- identity rules: trimmed, NFC, case kept; collisions and empty ids refused ------------------


def test_provider_ids_are_trimmed_and_nfc_normalised() -> None:
    t = PerformanceTable([" Riverside", "Jose\u0301 House"], ["x"], [[1.0], [2.0]])
    assert t.providers == ("Riverside", "Jos\u00e9 House")
    assert PerformanceTable(["Riverside", "RIVERSIDE"], ["x"], [[1.0], [2.0]]).shape == (2, 1)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["Riverside", "Riverside "], "'Riverside ' is the same provider as 'Riverside'"),
        (["Jos\u00e9", "Jose\u0301"], "is the same provider as 'Jos\u00e9'"),
        (["A", "  "], "provider 2: provider name must be non-empty text"),
        (["A", ""], "provider 2: provider name must be non-empty text"),
    ],
)
def test_ids_that_collide_after_the_rules_or_are_empty_are_refused(
    names: list[str], message: str
) -> None:
    with pytest.raises(TableError, match=re.escape(message)):
        PerformanceTable(names, ["x"], [[1.0], [2.0]])


def test_a_csv_with_two_spellings_of_one_provider_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("provider,x\nRiverside,1\nKestrel,2\nRiverside ,3\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        PerformanceTable.from_csv(path)
    text = str(caught.value)
    assert "line 4: provider 'Riverside ' is the same provider as 'Riverside'" in text
    assert "line 2" in text
