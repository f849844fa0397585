from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scorecard import Domain, Metric, PerformanceTable, Scorecard
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import ScorecardError, TreeError
from scorecard.scales import Linear, Ordinal

unit = st.floats(0, 1)


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 6))
    k = draw(st.integers(1, 4))
    values = draw(hnp.arrays(np.float64, (n, m), elements=unit))
    raw = draw(hnp.arrays(np.float64, (k, m), elements=st.floats(0.01, 1)))
    return values, raw / raw.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("agg", [Additive(), Geometric()])
@given(problem=problems())
def test_scores_in_unit_interval_and_contributions_sum(
    agg: Additive | Geometric,
    problem: tuple[np.ndarray, np.ndarray],
) -> None:
    values, weights = problem
    s = agg.scores(values, weights)
    assert s.shape == (weights.shape[0], values.shape[0])
    assert np.all((s >= -1e-12) & (s <= 1 + 1e-12))
    per_provider = np.broadcast_to(weights[0], values.shape)
    c = agg.contributions(values, per_provider, s[0])
    assert np.allclose(c.sum(axis=1), s[0], atol=1e-12)


@pytest.mark.parametrize("agg", [Additive(), Geometric()])
@given(problem=problems())
def test_batched_equals_per_provider_weights(
    agg: Additive | Geometric,
    problem: tuple[np.ndarray, np.ndarray],
) -> None:
    values, weights = problem
    shared = agg.scores(values, weights)
    per = agg.scores(
        values, np.broadcast_to(weights[:, None, :], (weights.shape[0], *values.shape))
    )
    assert np.allclose(shared, per, atol=1e-12)


def test_geometric_zero_kills_and_floor_softens() -> None:
    v = np.array([[0.0, 1.0]])
    w = np.array([[0.5, 0.5]])
    assert Geometric(floor=0).scores(v, w).tolist() == [[0.0]]
    assert Geometric(floor=0.04).scores(v, w)[0, 0] == pytest.approx(0.2)
    assert Geometric(floor=0).scores(v, np.array([[0.0, 1.0]])).tolist() == [[1.0]]


def test_geometric_rewards_balance() -> None:
    v = np.array([[0.5, 0.5], [0.9, 0.1]])
    w = np.array([[0.5, 0.5]])
    add, geo = Additive().scores(v, w)[0], Geometric().scores(v, w)[0]
    assert add[0] == pytest.approx(add[1])
    assert geo[0] > geo[1]


@pytest.mark.parametrize("floor", [-0.1, 1.0, float("nan")])
def test_geometric_floor_must_be_in_unit_interval(floor: float) -> None:
    with pytest.raises(ScorecardError, match="floor must lie in"):
        Geometric(floor=floor)


CQC = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])


def gated_card() -> Scorecard:
    return Scorecard(
        "G",
        domains=[
            Domain(
                "q",
                "Quality",
                metrics=[
                    Metric("safe", "Safe", direction="higher", scale=CQC, missing="exclude"),
                    Metric(
                        "turnover", "Turnover", direction="lower", scale=Linear(worst=40, best=8)
                    ),
                ],
            )
        ],
    )


def test_gate_failures_follow_direction_and_missing_fails() -> None:
    card = gated_card()
    table = PerformanceTable(
        ["A", "B", "C", "D"], ["safe", "turnover"], [[3, 20], [1, 10], [np.nan, 10], [4, 35]]
    )
    gate = Gated({"safe": "Requires improvement", "turnover": 30})
    assert gate.thresholds(card) == {"safe": 2.0, "turnover": 30.0}
    assert gate.failures(card, table).tolist() == [
        [False, False],
        [True, False],
        [True, False],
        [False, True],
    ]


def test_gate_errors() -> None:
    card = gated_card()
    with pytest.raises(ScorecardError, match="at least one metric"):
        Gated({})
    with pytest.raises(TreeError, match="'ghost' is not a metric"):
        Gated({"ghost": 1}).thresholds(card)
    with pytest.raises(ScorecardError, match="'Excellent' is not a level of 'safe'"):
        Gated({"safe": "Excellent"}).thresholds(card)
    with pytest.raises(ScorecardError, match="'turnover' is the text 'low'"):
        Gated({"turnover": "low"}).thresholds(card)
    with pytest.raises(ScorecardError, match="must be finite"):
        Gated({"turnover": float("inf")})


def test_gates_on_columns_the_card_does_not_weigh() -> None:
    import scorecard as sc

    table = sc.datasets.example()
    card = sc.catalog.balanced()
    assert "cqc_effective" in table.metrics
    assert "cqc_effective" not in card.metric_ids  # a column the card does not weigh
    gate = Gated({"cqc_safe": "Requires improvement"}, columns={"cqc_effective": 3.0})
    ev = card.evaluate(table, aggregation=gate)
    assert ev.gates == ("cqc_safe", "cqc_effective")
    effective = table.column("cqc_effective")
    assert (ev.gate_failures[:, 1] == ~(effective >= 3.0)).all()
    plain = card.evaluate(table)
    np.testing.assert_array_equal(ev.scores, plain.scores)  # gates act on ranks only
    assert sc.io.structure(sc.io.unstructure(gate), Gated) == gate
    with pytest.raises(sc.errors.TreeError, match="'nowhere' not in the table"):
        _ = card.evaluate(table, aggregation=Gated({}, columns={"nowhere": 1.0})).passed
    with pytest.raises(sc.errors.ScorecardError, match="both a metric and a column"):
        Gated({"cqc_safe": 2.0}, columns={"cqc_safe": 2.0})
