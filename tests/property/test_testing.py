"""scorecard.testing: strategies make valid objects and reach the edges; helpers find real bugs."""

from __future__ import annotations

import itertools
import os
from typing import Any, ClassVar

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import scorecard as sc
from cards import flat_card
from scorecard import Metric, PerformanceTable, Scorecard, Weights
from scorecard._metric import Direction
from scorecard._tree_weights import ancestry
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import ScorecardError
from scorecard.scales import Linear, Ordinal
from scorecard.testing import (
    assert_dominance_respected,
    assert_monotone,
    assert_permutation_invariant,
    assert_round_trip,
    assert_scale_invariant,
    assert_weights_valid,
)
from scorecard.testing import strategies as sst
from scorecard.weighting._protocol import Group, WeightingScheme

EXAMPLE = sc.datasets.example()
BALANCED = sc.catalog.balanced()
MANY = settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
# The thorough profile builds thousands of objects and validates each.
THOUSANDS = settings(
    max_examples=1_000 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 200,
    suppress_health_check=[HealthCheck.too_slow],
)
# Reachability: the first example that qualifies, not shrunk (shrinking is not the point).
FIRST = settings(max_examples=3_000, database=None, phases=[Phase.generate])


# --- strategies make only valid objects -----------------------------------------------------


@THOUSANDS
@given(card=sst.scorecards(), data=st.data())
def test_generated_tables_and_weights_evaluate(card: Scorecard, data: st.DataObject) -> None:
    table = data.draw(sst.performance_tables(card), label="table")
    weights = data.draw(sst.weights(card), label="weights")
    assert_weights_valid(weights, card)
    assert card.check_weights(weights) is not None
    ev = card.evaluate(table)  # equal weights: every provider keeps a value, so it is scored
    assert np.all((ev.values >= 0) & (ev.values <= 1))
    assert table.providers == ev.providers


@MANY
@given(ev=sst.evaluations())
def test_generated_evaluations_respect_dominance_and_relabelling(ev: sc.Evaluation) -> None:
    assert_dominance_respected(ev)
    assert_permutation_invariant(ev.card, ev.table, weights=ev.weights)
    np.testing.assert_allclose(ev.contributions.sum(axis=1), ev.scores, atol=1e-9)


@given(
    children=st.lists(sst.ids(), min_size=1, max_size=6, unique=True),
    data=st.data(),
)
def test_generated_schemes_weigh_their_group(children: list[str], data: st.DataObject) -> None:
    scheme = data.draw(sst.weighting_schemes(children=children), label="scheme")
    assert isinstance(scheme, WeightingScheme)
    values = data.draw(
        st.lists(
            st.lists(st.floats(0, 1), min_size=len(children), max_size=len(children)),
            min_size=2,
            max_size=5,
        ),
        label="values",
    )
    group = Group(
        "root",
        tuple(children),
        (),
        providers=tuple(f"P{i}" for i in range(len(values))),
        values=np.array(values),
    )
    try:
        w = scheme.weigh(group)
    except ScorecardError:  # objective schemes refuse groups without spread
        refused = True
    else:
        refused = False
        assert_weights_valid(w)
    assert not refused or scheme.needs_values


@settings(max_examples=100)
@given(
    card=sst.scorecards(max_depth=1, max_children=4),
    data=st.data(),
)
def test_bounded_and_ordered_weights(card: Scorecard, data: st.DataObject) -> None:
    children = card.groups["root"]
    k = len(children)
    lo = data.draw(st.floats(0, 1 / k), label="lo")
    hi = data.draw(st.floats(max(lo, 1 / k), 1), label="hi")
    order = data.draw(st.permutations(children), label="order")
    w = data.draw(sst.weights(card, min_weight=lo, max_weight=hi, ordering=order))
    shares = [w.local[c] for c in order]
    assert all(lo - 1e-9 <= x <= hi + 1e-9 for x in shares)
    assert all(a >= b - 1e-12 for a, b in itertools.pairwise(shares))
    assert_weights_valid(w, card)


# --- edges are reachable ------------------------------------------------------------------------


def _depth(card: Scorecard) -> int:
    return int(ancestry(card).paths.shape[1])


@pytest.mark.parametrize(
    ("what", "condition"),
    [
        ("a single provider", lambda t: len(t[1].providers) == 1),
        ("one metric", lambda t: len(t[0].metric_ids) == 1),
        ("tied providers", lambda t: len(t[1].providers) > 1 and _has_tie(t[1])),
        ("a zero-range metric", lambda t: len(t[1].providers) > 2 and _constant_column(t[1])),
        ("a missing value", lambda t: bool(np.isnan(t[1].values).any())),
        ("a deep tree", lambda t: _depth(t[0]) >= 4),
    ],
)
@pytest.mark.filterwarnings(  # a deep tree's repr can pass 30 kB; only its cost is warned of
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
def test_edges_are_reachable(what: str, condition: Any) -> None:
    pairs = sst.scorecards(max_depth=3).flatmap(
        lambda c: st.tuples(st.just(c), sst.performance_tables(c))
    )
    found = find(pairs, condition, settings=FIRST)
    assert condition(found), what


def _has_tie(table: PerformanceTable) -> bool:
    rows = [tuple(np.nan_to_num(r, nan=-1.0)) for r in table.values]
    return len(set(rows)) < len(rows)


def _constant_column(table: PerformanceTable) -> bool:
    v = table.values
    return bool(np.any(np.all(v == v[0], axis=0)))


def test_zero_weights_are_reachable() -> None:
    card = BALANCED
    w = find(sst.weights(card), lambda w: min(w.local.values()) == 0.0, settings=FIRST)
    assert_weights_valid(w, card)


def test_from_type_builds_the_model_types() -> None:
    for cls in (Scorecard, Metric, PerformanceTable, Weights, Linear, Ordinal, sc.Domain):
        example = find(st.from_type(cls), lambda _: True, settings=FIRST)
        assert isinstance(example, cls)


def test_strategy_arguments_are_checked_eagerly() -> None:
    with pytest.raises(InvalidArgument, match="max_depth"):
        sst.scorecards(max_depth=-1)
    with pytest.raises(InvalidArgument, match="max_providers"):
        sst.performance_tables(BALANCED, min_providers=3, max_providers=2)
    with pytest.raises(InvalidArgument, match="card must be a Scorecard"):
        sst.performance_tables("card")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="infeasible"):
        sst.weights(BALANCED, min_weight=0.5)
    with pytest.raises(InvalidArgument, match="ordering"):
        sst.weights(BALANCED, ordering=["outcomes"])
    with pytest.raises(InvalidArgument, match="not the root or a domain"):
        sst.weights(BALANCED, node="staff_turnover")
    with pytest.raises(InvalidArgument, match="distinct"):
        sst.weighting_schemes(children=["a", "a"])


# --- assertion helpers: pass on sound objects, fail on real bugs ----------------------------------


def test_helpers_pass_on_the_bundled_example() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    assert_dominance_respected(ev)
    assert_permutation_invariant(BALANCED, EXAMPLE)
    assert_scale_invariant(BALANCED, EXAMPLE, "top_opiate_abstinent", factor=0.01)
    assert_weights_valid(ev.weights, BALANCED)
    for metric in BALANCED.all_metrics:
        assert_monotone(metric)
    assert_round_trip(BALANCED)
    assert_round_trip(ev.weights)


@attrs.frozen
class UpsideDown:
    """A home-made value function with a bug: it rewards the worse end near the top."""

    kind: ClassVar[str] = "upside-down"
    clippable: ClassVar[bool] = True
    direction: Direction = Direction.HIGHER
    worst: float = 0.0
    best: float = 100.0

    def value(self, raw: np.ndarray) -> np.ndarray:
        x = np.clip(raw / 100.0, 0, 1)
        return np.where(x > 0.9, 1.8 - x, x)  # falls after 90

    def out_of_range(self, raw: np.ndarray) -> np.ndarray:
        return (raw < 0) | (raw > 100)


def test_assert_monotone_shows_the_first_wrong_step() -> None:
    with pytest.raises(
        AssertionError, match=r"the scale: raw 8\d\.\d+ scores 0\.8\d* but the better raw 90"
    ):
        assert_monotone(UpsideDown())


def test_assert_weights_valid_names_the_group() -> None:
    card = flat_card(2)
    with pytest.raises(AssertionError, match=r"children of 'root' sum to 0\.9"):
        assert_weights_valid({"m0": 0.5, "m1": 0.4}, card)
    with pytest.raises(AssertionError, match="non-negative"):
        assert_weights_valid(np.array([[0.5, 0.5], [1.2, -0.2]]))
    with pytest.raises(AssertionError, match=r"no weight for \['m1'\]"):
        assert_weights_valid({"m0": 1.0}, card)


def test_assert_dominance_names_the_pair() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    best, worst = int(np.argmin(ev.ranks)), int(np.argmax(ev.ranks))
    values = ev.values.copy()
    values[best] = 1.0  # best is now at least as good as anyone on everything...
    scores = ev.scores.copy()
    scores[best] = 0.0  # ... yet scores least: a broken aggregation
    broken = attrs.evolve(ev, valuation=attrs.evolve(ev.valuation, values=values), scores=scores)
    with pytest.raises(
        AssertionError, match=f"provider '{ev.providers[best]}' is at least as good"
    ):
        assert_dominance_respected(broken)
    assert worst != best


@attrs.frozen
class FirstRowBonus:
    """A broken aggregation: whoever is listed first gets a bonus."""

    kind: ClassVar[str] = "first-row-bonus"

    def scores(self, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
        out = Additive().scores(values, weights)
        out[..., 0] += 0.5
        return out

    def paired_scores(self, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return Additive().paired_scores(values, weights)

    def contributions(self, values: np.ndarray, weights: np.ndarray, scores: np.ndarray) -> Any:
        return Additive().contributions(values, weights, scores)


def test_assert_permutation_invariant_catches_order_dependence() -> None:
    assert_permutation_invariant(BALANCED, EXAMPLE, aggregation=Geometric(floor=0.01))
    assert_permutation_invariant(BALANCED, EXAMPLE, aggregation=Gated({"cqc_safe": "Good"}))
    with pytest.raises(AssertionError, match="when the providers are listed in another order"):
        assert_permutation_invariant(BALANCED, EXAMPLE, aggregation=FirstRowBonus())


def test_assert_scale_invariant_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="ordinal"):
        assert_scale_invariant(BALANCED, EXAMPLE, "cqc_safe")
    with pytest.raises(ValueError, match="positive"):
        assert_scale_invariant(BALANCED, EXAMPLE, "top_opiate_abstinent", factor=0)


def test_assert_round_trip_names_the_changed_field(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorecard import io

    real = io.structure

    def lossy(data: Any, cls: type[Scorecard]) -> Scorecard:
        return attrs.evolve(real(data, cls), description="")

    monkeypatch.setattr(io, "structure", lossy)
    card = attrs.evolve(BALANCED, description="Balanced, with the connection test")
    with pytest.raises(AssertionError, match=r"field 'description'"):
        assert_round_trip(card)


def test_import_scorecard_testing_does_not_import_hypothesis() -> None:
    import subprocess
    import sys

    code = "import sys, scorecard.testing; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
