"""Edge cases found by mutation testing: boundaries, scalar inputs, provenance and messages.

Each test pins a behaviour that a mutation of the core modules changed without any other test
noticing (see the closing notes of the testing-toolkit issue for the run).
"""

from __future__ import annotations

import numpy as np
import pytest

import scorecard as sc
from cards import flat_card
from scorecard import Metric, PerformanceTable, Provenance, Scorecard, Weights, rebalance
from scorecard._ranking import TIE_TOLERANCE, ranks
from scorecard._tree_weights import effective_many
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import MissingValueError, ScorecardError, TreeError
from scorecard.scales import Banded, Linear, Ordinal, Piecewise

AGGREGATIONS = [Additive(), Geometric(), Geometric(floor=0.05), Gated({"m0": 0.1})]


@pytest.mark.parametrize("agg", AGGREGATIONS, ids=repr)
def test_paired_scores_equal_scores_when_every_sample_has_the_same_values(agg: object) -> None:
    rng = np.random.default_rng(0)
    values = rng.random((5, 4))
    values[1, 2] = 0.0  # a zero value: geometric scores 0 where it carries weight
    weights = rng.dirichlet(np.ones(4), size=6)
    weights[0, 2] = 0.0  # ... and not where its weight is 0
    repeated = np.repeat(values[None], 6, axis=0)
    expected = agg.scores(values, weights)  # type: ignore[attr-defined]
    paired = agg.paired_scores(repeated, weights)  # type: ignore[attr-defined]
    np.testing.assert_allclose(paired, expected, rtol=0, atol=1e-15)
    per_provider = np.repeat(weights[:, None, :], 5, axis=1)  # (K, N, M) weights
    np.testing.assert_allclose(
        agg.paired_scores(repeated, per_provider),  # type: ignore[attr-defined]
        expected,
        rtol=0,
        atol=1e-15,
    )
    assert paired.dtype == np.float64


def test_geometric_zero_value_scores_zero_only_where_it_carries_weight() -> None:
    values = np.array([[0.0, 0.5]])
    weights = np.array([[0.0, 1.0], [0.5, 0.5]])
    assert Geometric(floor=0).scores(values, weights).tolist() == [[0.5], [0.0]]
    paired = Geometric(floor=0).paired_scores(values[None].repeat(2, 0), weights)
    assert paired.tolist() == [[0.5], [0.0]]


def test_gated_contributions_follow_the_base() -> None:
    values = np.array([[0.25, 1.0], [0.5, 0.5]])
    weights = np.array([[0.5, 0.5], [0.5, 0.5]])
    scores = Geometric(floor=0).scores(values, weights[:1])[0]
    gated = Gated({"a": 1.0}, base=Geometric(floor=0))
    np.testing.assert_array_equal(
        gated.contributions(values, weights, scores),
        Geometric(floor=0).contributions(values, weights, scores),
    )


def test_gate_minimums_are_stored_as_numbers_or_level_names() -> None:
    gate = Gated({"waits": 3, "cqc_safe": "Good"})
    assert gate.minimums["waits"] == 3.0
    assert isinstance(gate.minimums["waits"], float)
    assert gate.minimums["cqc_safe"] == "Good"


def test_a_lower_is_better_gate_passes_exactly_at_its_limit() -> None:
    waits = Metric("waits", "Waiting weeks", direction="lower", scale=Linear(worst=12, best=0))
    card = Scorecard("Waits", metrics=[waits])
    table = PerformanceTable(["A", "B", "C"], ["waits"], [[3.0], [3.5], [2.0]])
    failures = Gated({"waits": 3.0}).failures(card, table)
    assert failures[:, 0].tolist() == [False, True, False]


def test_gate_errors_name_the_metric_and_its_levels() -> None:
    card = sc.catalog.balanced()
    with pytest.raises(ScorecardError, match="is not ordinal; give a number in its units"):
        Gated({"staff_turnover": "Good"}).thresholds(card)
    with pytest.raises(
        ScorecardError, match="levels are 'Inadequate', 'Requires improvement', 'Good'"
    ):
        Gated({"cqc_safe": "Excellent"}).thresholds(card)


def test_ranks_of_a_single_score_and_a_gap_exactly_at_the_tolerance() -> None:
    single = ranks(np.array(0.3))
    assert single.shape == ()
    assert int(single) == 1
    assert ranks(np.array([TIE_TOLERANCE, 0.0])).tolist() == [1, 1]  # exactly 1e-12 apart: tied
    assert ranks(np.array([2 * TIE_TOLERANCE, 0.0])).tolist() == [1, 2]
    assert ranks(np.array([[0.1, 0.5], [0.5, 0.1]])).tolist() == [[2, 1], [1, 2]]


def test_merge_lays_the_other_weights_and_provenance_over() -> None:
    a = Weights({"x": 0.5, "y": 0.5}, provenance={"root": Provenance("equal", {})})
    b = Weights({"y": 0.25}, provenance={"root": Provenance("points", {"y": 1})})
    merged = a.merge(b)
    assert dict(merged.local) == {"x": 0.5, "y": 0.25}
    assert merged.provenance["root"].scheme == "points"


def test_rebalance_records_what_it_changed() -> None:
    card = sc.catalog.balanced()
    ev = card.evaluate(sc.datasets.example())
    moved = rebalance(card, ev.weights, "connection", 0.3)
    note = moved.provenance["root"]
    assert note.scheme == "adjusted"
    assert dict(note.parameters) == {
        "node": "connection",
        "value": 0.3,
        "from": ev.weights.provenance["root"].scheme,
        "convention": "proportional",
    }
    bare = Weights(dict(ev.weights.local))
    assert rebalance(card, bare, "connection", 0.3).provenance["root"].parameters["from"] == (
        "unknown"
    )


def test_effective_weights_error_names_the_weight_vector() -> None:
    card = flat_card(2)
    local = np.array([[0.5, 0.5], [1.0, 0.0]])  # vector 1 puts all weight on 'm0'
    excluded = np.array([[True, False]])  # ... which provider P lacks
    with pytest.raises(
        MissingValueError,
        match=r"'P' has no value for any metric that carries weight under weight vector 1, "
        "so it cannot be scored",
    ):
        effective_many(card, local, excluded, ("P",))
    with pytest.raises(MissingValueError, match=r"carries weight, so it cannot be scored"):
        effective_many(card, local[1:], excluded, ("P",))


def test_scales_refuse_values_that_do_not_run_between_the_ends() -> None:
    with pytest.raises(TreeError, match="must rise monotonically from 0 to 1 or fall"):
        Piecewise(points=[(0, 1), (1, 0.5), (2, 0.8), (3, 0)])  # ends 1 -> 0, not falling
    with pytest.raises(TreeError, match="must rise monotonically from 0 to 1 or fall"):
        Piecewise(points=[(0, 0), (1, 0.5), (2, 0.4), (3, 1)])  # ends 0 -> 1, not rising
    with pytest.raises(TreeError, match="values must rise monotonically"):
        Ordinal(levels=["a", "b", "c", "d"], values=[0, 0.5, 0.4, 1])
    with pytest.raises(TreeError, match="values must rise monotonically"):
        Ordinal(levels=["a", "b", "c"], values=[0, 0.5, 0.9])
    with pytest.raises(TreeError, match="values must rise monotonically"):
        Ordinal(levels=["a", "b", "c"], values=[0.1, 0.5, 1])
    with pytest.raises(TreeError, match="edges must be finite and increase"):
        Banded(edges=[1, 1], values=[0, 0.5, 1])
    falling = Banded(edges=[10, 20], values=[1, 0.5, 0])
    assert falling.value(np.array([5.0, 15.0, 25.0])).tolist() == [1.0, 0.5, 0.0]
    with pytest.raises(TreeError, match="banded scale"):
        Banded(edges=[10, 20], values=[1, 0.6, 0.2])


def test_ordinal_value_of_missing_and_out_of_range_codes() -> None:
    scale = Ordinal(levels=["low", "mid", "high"], values=[0, 0.25, 1])
    # Missing codes score as the worst level, codes beyond the ends as the nearest level.
    assert scale.value(np.array([np.nan, 0.0, -3.0, 9.0])).tolist() == [0.0, 0.0, 0.0, 1.0]
    assert scale.out_of_range(np.array([np.nan, 0.0, 2.0, 2.5])).tolist() == [
        False,
        True,
        False,
        True,
    ]
    assert Banded(edges=[1.0], values=[0, 1]).out_of_range(np.zeros((2, 3))).shape == (2, 3)


# --- objective schemes: messages that say which matrix, row and column -----------------------


@pytest.mark.parametrize(
    ("fn", "name"),
    [
        ("entropy_weights", "entropy weights"),
        ("std_weights", "std_dev weights"),
        ("critic_weights", "critic weights"),
    ],
)
def test_matrix_functions_name_the_matrix_row_and_column(fn: str, name: str) -> None:
    from scorecard.weighting import _objective as objective

    weights_of = getattr(objective, fn)
    tall = [[1.0, 2.0], [3.0, 4.0], [5.0, float("nan")]]  # 3 rows, 2 columns
    with pytest.raises(
        sc.errors.WeightError,
        match=rf"^{name} need complete data: row 2 has no value for column 1 \(1 of 6 values "
        r"missing or infinite\)\. Objective schemes use every provider's value; fill the gaps, "
        "or weight this group with a subjective scheme$",
    ):
        weights_of(tall)
    with pytest.raises(
        sc.errors.WeightError,
        match=rf"^{name}: the matrix must be two-dimensional \(alternatives in rows, criteria "
        r"in columns\) with at least one column, got shape \(3,\)$",
    ):
        weights_of([1.0, 2.0, 3.0])
    with pytest.raises(
        sc.errors.WeightError,
        match=rf"^{name}: the matrix must be a rectangular array of numbers \(alternatives in "
        r"rows, criteria in columns\)$",
    ):
        weights_of([[1.0, 2.0], [3.0]])
    with pytest.raises(
        sc.errors.WeightError,
        match=rf"^{name}: .*so the data give no ground to weigh the children by; weight this "
        "group with Equal or a subjective scheme$",
    ):
        weights_of([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]])


def test_objective_schemes_describe_their_calculation() -> None:
    from scorecard.weighting import CRITIC, Entropy, StdDev
    from scorecard.weighting._protocol import Group

    values = np.array([[0.2, 0.9, 0.4], [0.6, 0.1, 0.5], [0.9, 0.3, 0.45]])
    group = Group("quality", ("a", "b", "c"), (), ("P", "Q", "R"), values)
    entropy = Entropy().describe(group)
    assert set(entropy) == {"providers", "entropy", "divergence"}
    assert entropy["providers"] == 3
    assert list(entropy["entropy"]) == ["a", "b", "c"]
    critic = CRITIC().describe(group)
    assert critic["normalisation"] == "value scale"
    assert critic["ddof"] == 1
    assert CRITIC(rescale=True).describe(group)["normalisation"] == "min-max"
    std = StdDev().describe(group)
    assert {k: std[k] for k in ("providers", "normalisation", "ddof")} == {
        "providers": 3,
        "normalisation": "value scale",
        "ddof": 1,
    }
    assert set(std["std"]) == {"a", "b", "c"}
    with pytest.raises(sc.errors.WeightError, match=r"provider 'Q' has -0\.1 for 'b'"):
        Entropy().weigh(
            Group("quality", ("a", "b"), (), ("P", "Q"), np.array([[0.1, 0.2], [0.3, -0.1]]))
        )
