"""Plausibility: a column in the wrong unit and an impossible proportion are refused by name."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from scorecard import Metric, PerformanceTable, Scorecard
from scorecard.cli import main
from scorecard.errors import OutOfRangeError
from scorecard.report import report
from scorecard.scales import Linear

BALANCED = sc.catalog.balanced()
EXAMPLE = sc.datasets.example()


def _with_column(table: PerformanceTable, metric: str, values: np.ndarray) -> PerformanceTable:
    out = table.values.copy()
    out[:, table.metrics.index(metric)] = values
    return PerformanceTable(table.providers, table.metrics, out)


def test_percentages_given_as_fractions_are_an_error_saying_so() -> None:
    column = EXAMPLE.column("top_opiate_abstinent") / 100
    with pytest.raises(OutOfRangeError, match="fractions of 1 rather than percentages") as caught:
        BALANCED.evaluate(_with_column(EXAMPLE, "top_opiate_abstinent", column))
    assert "metric 'top_opiate_abstinent'" in str(caught.value)
    assert "multiplied by 100" in str(caught.value)


def _share_card(unit: str) -> Scorecard:
    """A second card: shares kept as fractions of 1 (scale 0.2 to 0.9)."""
    metrics = [
        Metric(
            f"s{j}", f"Share {j}", unit=unit, direction="higher", scale=Linear(worst=0.2, best=0.9)
        )
        for j in range(3)
    ]
    return Scorecard("Fractions", metrics=metrics)


def test_fractions_given_as_percentages_are_an_error_saying_so_on_a_custom_card() -> None:
    card = _share_card("share")
    values = np.array([[45.0, 0.5, 0.6], [70.0, 0.4, 0.3], [38.0, 0.8, 0.7]])
    table = PerformanceTable(["A", "B", "C"], card.metric_ids, values)
    with pytest.raises(OutOfRangeError, match="percentages where the scale expects fractions"):
        card.evaluate(table)


@pytest.mark.parametrize("value", [150.0, 100.5, -5.0])
def test_a_proportion_beyond_0_to_100_percent_is_refused_whatever_the_policy(value: float) -> None:
    column = EXAMPLE.column("top_opiate_abstinent").copy()
    column[3] = value
    with pytest.raises(OutOfRangeError, match="is not a proportion") as caught:
        BALANCED.evaluate(_with_column(EXAMPLE, "top_opiate_abstinent", column))
    assert repr(EXAMPLE.providers[3]) in str(caught.value)
    assert f"{value:g}%" in str(caught.value)


def test_a_column_beyond_its_scale_in_the_right_unit_is_clipped_and_reported() -> None:
    column = np.linspace(61, 90, len(EXAMPLE.providers))  # all better than best (60), in %
    ev = BALANCED.evaluate(_with_column(EXAMPLE, "top_opiate_abstinent", column))
    j = ev.metrics.index("top_opiate_abstinent")
    assert ev.clipped[:, j].all()


@settings(max_examples=50, deadline=None)
@given(
    lo=st.floats(1, 40),
    span=st.floats(10, 59),
    shares=st.lists(st.floats(0, 1), min_size=2, max_size=12),
)
def test_values_within_their_scale_never_trip_the_checks(
    lo: float, span: float, shares: list[float]
) -> None:
    card = Scorecard(
        "Within",
        metrics=[
            Metric("m", "M", unit="%", direction="higher", scale=Linear(worst=lo, best=lo + span))
        ],
    )
    values = np.array([[lo + s * span] for s in shares])
    table = PerformanceTable([f"p{i}" for i in range(len(shares))], ["m"], values)
    ev = card.evaluate(table)
    assert not ev.clipped.any()


# -- every cell a policy acted on is listed -------------------------------------------------------


def test_every_cell_a_policy_acted_on_is_listed_with_its_value_and_bound() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    cells = ev.policy_cells
    flagged = int(ev.clipped.sum() + ev.imputed.sum() + ev.excluded.sum())
    assert len(cells) == flagged > 0
    for cell in cells:
        i, j = ev.providers.index(cell.provider), ev.metrics.index(cell.metric)
        assert getattr(ev, cell.action)[i, j]
        if cell.action == "clipped":
            scale = BALANCED.metric(cell.metric).scale
            assert cell.raw == ev.raw[i, j]
            assert cell.bound == getattr(scale, cell.end or "")
            assert ev.valuation.values[i, j] == (1.0 if cell.end == "best" else 0.0)
        else:
            assert np.isnan(cell.raw)
    assert ev.to_dict()["policy_cells"] == [c.to_dict() for c in cells]


def test_a_custom_card_lists_imputed_and_excluded_cells() -> None:
    metrics = [
        Metric("a", "A", direction="higher", scale=Linear(worst=0, best=10), missing="worst"),
        Metric("b", "B", direction="lower", scale=Linear(worst=10, best=0), missing="exclude"),
        Metric("c", "C", direction="higher", scale=Linear(worst=0, best=10)),
    ]
    card = Scorecard("Custom", metrics=metrics)
    nan = np.nan
    table = PerformanceTable(["P", "Q"], ["a", "b", "c"], [[nan, 4.0, 12.0], [3.0, nan, -1.0]])
    text = [
        str(c).replace("\u2068", "").replace("\u2069", "")
        for c in card.evaluate(table).policy_cells
    ]
    assert text == [
        "'P', 'a': missing, scored as the worst value (policy 'worst')",
        "'P', 'c': 12 is outside the scale, clipped to its best end (10)",
        "'Q', 'b': missing, left out; its weight is shared by its siblings (policy 'exclude')",
        "'Q', 'c': -1 is outside the scale, clipped to its worst end (0)",
    ]


def test_the_command_line_and_the_report_list_them(tmp_path: Path) -> None:
    card, data = tmp_path / "card.json", tmp_path / "data.csv"
    BALANCED.to_json(card)
    EXAMPLE.to_csv(data)
    out = io.StringIO()
    assert main(["evaluate", str(card), str(data)], out=out) == 0
    text = out.getvalue().replace("\u2068", "").replace("\u2069", "")
    assert "Cells the policies acted on:" in text
    assert "'Riverside Recovery', 'top_crack_abstinent': 80.3922 is outside the scale" in text
    page = report(BALANCED.evaluate(EXAMPLE), samples=0)
    assert "<h2>Cells the policies acted on</h2>" in page
    assert page.count("<td>clipped</td>") == int(BALANCED.evaluate(EXAMPLE).clipped.sum())
