"""Values fixed while weights move: rescore, batch_scores, lazy results and the fast paths."""

from __future__ import annotations

import gc
import sys
import types

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import scorecard as sc
from cards import flat_card
from scorecard import _tree_weights as tw
from scorecard._memo import Recent
from scorecard._ranking import TIE_TOLERANCE, ranks
from scorecard._valuation import valuate
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.testing import strategies as sst
from scorecard.weighting import Equal, RankOrderCentroid, resolve

BALANCED = sc.catalog.balanced()
EXAMPLE = sc.datasets.example()


def _same_evaluation(a: sc.Evaluation, b: sc.Evaluation) -> None:
    assert a.providers == b.providers
    assert dict(a.weights.local) == dict(b.weights.local)
    for name in ("scores", "ranks", "values", "global_weights", "contributions", "excluded"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    for d in a.card.domain_ids:
        assert np.array_equal(a.domain_scores[d], b.domain_scores[d], equal_nan=True), d


@pytest.mark.parametrize(
    "aggregation", [Additive(), Geometric(floor=0.05), Gated({"cqc_safe": "Good"})]
)
def test_rescore_is_evaluate_without_valuing_again(aggregation: sc.aggregation.Aggregation) -> None:
    ev = BALANCED.evaluate(EXAMPLE, aggregation=aggregation)
    assert ev.partial  # the example has excluded cells: per-provider weights
    for spec in (Equal(), {"root": RankOrderCentroid(BALANCED.children("root"))}, None):
        again = BALANCED.evaluate(EXAMPLE, weights=spec, aggregation=aggregation)
        _same_evaluation(ev.rescore(spec), again)
    assert ev.rescore(Equal()).valuation is ev.valuation  # the values are shared, not redone


def test_rescore_on_a_custom_card_with_complete_data() -> None:
    card = flat_card(4)
    table = sc.PerformanceTable(["A", "B", "C"], card.metric_ids, np.eye(3, 4))
    ev = card.evaluate(table)
    assert not ev.partial
    w = sc.Weights({"m0": 0.7, "m1": 0.1, "m2": 0.1, "m3": 0.1})
    moved = ev.rescore(w)
    assert moved.ranking == ("A", "B", "C")
    assert moved.scores.tolist() == pytest.approx([0.7, 0.1, 0.1])
    _same_evaluation(moved, card.evaluate(table, weights=w))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_batch_scores_are_the_scores_of_each_weighting(data: st.DataObject) -> None:
    ev = data.draw(sst.evaluations(max_providers=6))
    card = ev.card
    drawn = [data.draw(sst.weights(card)) for _ in range(3)]
    local = np.stack([tw.local_vector(card, card.check_weights(w)) for w in drawn])
    try:
        batch = ev.batch_scores(local)
        one_by_one = np.stack([ev.rescore(w).scores for w in drawn])
    except sc.errors.MissingValueError:  # a provider with no weighted value under one of them
        return
    np.testing.assert_allclose(batch, one_by_one, rtol=1e-12, atol=1e-12)
    blocked = ev.batch_scores(local, block=2)
    np.testing.assert_allclose(blocked, batch, rtol=1e-12, atol=1e-12)


def test_derived_results_are_computed_once_and_read_only() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    assert ev.ranks is ev.ranks
    assert ev.domain_scores is ev.domain_scores
    for name in ("scores", "ranks", "values", "contributions", "effective_weights"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(ev, name)[0] = 0


scores_1d = hnp.arrays(
    np.float64,
    st.integers(1, 30),
    elements=st.sampled_from([0.0, 0.25, 0.5, 0.5 + TIE_TOLERANCE / 2, 1.0]) | st.floats(0, 1),
)


@given(scores=scores_1d)
def test_one_row_fast_path_matches_the_gap_rule(scores: np.ndarray) -> None:
    # demoted=all False takes the general path: the fast one must agree with it exactly.
    general = ranks(scores, demoted=np.zeros(scores.shape, dtype=np.bool_))
    assert ranks(scores).tolist() == general.tolist()
    assert ranks(scores).dtype == np.int64


def test_valuation_shortcut_matches_the_cell_by_cell_checks() -> None:
    card = flat_card(3)
    inside = sc.PerformanceTable(["A", "B"], card.metric_ids, [[0.0, 0.5, 1.0], [1.0, 0.2, 0.0]])
    v = valuate(card, inside)
    assert not v.clipped.any()
    assert not v.partial
    outside = sc.PerformanceTable(["A", "B"], card.metric_ids, [[0.0, 1.5, 1.0], [1.0, 0.2, -1]])
    w = valuate(card, outside)
    assert w.clipped.tolist() == [[False, True, False], [False, False, True]]
    assert w.values.tolist() == [[0.0, 1.0, 1.0], [1.0, 0.2, 0.0]]
    low, high, gaps = outside.column_summary
    assert low.tolist() == [0.0, 0.2, -1.0]
    assert high.tolist() == [1.0, 1.5, 1.0]
    assert not gaps.any()


def test_resolved_weights_are_kept_but_bounded() -> None:
    card = flat_card(3)
    first = resolve(card, Equal())
    assert resolve(card, Equal()) is first  # a frozen scheme resolves once per scorecard
    for k in range(200):  # many distinct weights do not grow the memo without end
        resolve(card, sc.Weights({"m0": k / 200, "m1": 1 - k / 200, "m2": 0.0}))
    memo: object = card.derived("resolved weights", lambda _c: None)
    assert isinstance(memo, Recent)
    assert len(memo) <= 64


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_effective_global_is_the_recursion_bit_for_bit(data: st.DataObject) -> None:
    card = data.draw(sst.scorecards())
    n = data.draw(st.integers(1, 5))
    excluded = data.draw(hnp.arrays(np.bool_, (n, len(card.metric_ids))))
    drawn = [data.draw(sst.weights(card)) for _ in range(2)]
    local = np.stack([tw.local_vector(card, card.check_weights(w)) for w in drawn])
    providers = tuple(f"P{i}" for i in range(n))
    try:
        recursion = tw.effective_many(card, local, excluded, providers)[sc.ROOT]
    except sc.errors.MissingValueError:  # nothing weighted for someone: zeros, never an error
        assert not tw.effective_global(card, local, excluded).any(axis=2).all()
        return
    assert np.array_equal(tw.effective_global(card, local, excluded), recursion)


def _arrays_held(garbage: list[object]) -> list[np.ndarray]:
    """The arrays that objects found in reference cycles hold, directly or through others.

    Arrays are not tracked by the cycle collector themselves, so they never appear in
    ``gc.garbage``: look through what does (cells, dicts, frames), not into modules.
    """
    modules = {id(m.__dict__) for m in list(sys.modules.values()) if m is not None}
    seen: set[int] = set()
    stack, found = list(garbage), []
    while stack:
        o = stack.pop()
        if id(o) in seen or id(o) in modules or isinstance(o, types.ModuleType | type):
            continue
        seen.add(id(o))
        if isinstance(o, np.ndarray):
            found.append(o)
        elif isinstance(o, types.FunctionType):
            stack.extend(c.cell_contents for c in o.__closure__ or ())
        else:
            stack.extend(gc.get_referents(o))
    return found


def test_the_cycle_check_sees_arrays_held_by_a_closure() -> None:
    def leak() -> None:
        out: dict[int, np.ndarray] = {}

        def below(n: int) -> np.ndarray:  # refers to itself: the cycle effective_many had
            out[n] = np.ones(3) if n == 0 else below(n - 1) * 2
            return out[n]

        below(2)

    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        leak()
        gc.collect()
        held = _arrays_held(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(held) == 3


def test_scoring_with_excluded_cells_leaves_no_cycles_holding_arrays() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    assert ev.partial
    local = np.stack([tw.local_vector(BALANCED, ev.weights)] * 4)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection frees is kept in gc.garbage to look at
    try:
        ev.batch_scores(local)
        tw.effective_many(BALANCED, local, ev.excluded, ev.providers)
        ev.rescore(Equal()).contributions  # noqa: B018 - derived when read
        sc.sensitivity.smaa(ev, samples=300, seed=0, workers=1)
        gc.collect()
        arrays = _arrays_held(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert arrays == []


@settings(max_examples=60, deadline=None)
@given(data=st.data(), geometric=st.booleans())
def test_group_by_group_scores_match_the_effective_weights(
    data: st.DataObject, geometric: bool
) -> None:
    ev = data.draw(sst.evaluations(max_providers=6))
    if not ev.partial:
        return
    card = ev.card
    aggregation = Geometric(floor=data.draw(st.sampled_from([0.0, 0.1]))) if geometric else None
    if aggregation is not None:
        ev = card.evaluate(ev.table, weights=ev.weights, aggregation=aggregation)
    k = data.draw(st.integers(1, 7))
    local = np.random.default_rng(k).dirichlet(np.ones(len(tw.node_order(card))), size=k)
    rows = np.flatnonzero(ev.excluded.any(axis=1))
    try:
        got = ev.batch_scores(local)
    except sc.errors.MissingValueError:
        return
    weights = tw.effective_global(card, local, ev.excluded[rows])
    want = ev.aggregation.scores(ev.values[rows], weights)
    np.testing.assert_allclose(got[:, rows], want, rtol=1e-12, atol=1e-13)
    # Fixed-size pieces: a weighting's scores do not depend on how many are scored with it
    # (for every provider when additive, the block products; for these providers always).
    one_by_one = np.concatenate([ev.batch_scores(local[i : i + 1], block=4) for i in range(k)])
    together = ev.batch_scores(local, block=4)
    assert np.array_equal(together[:, rows], one_by_one[:, rows])
    if not geometric:
        assert np.array_equal(together, one_by_one)


def test_a_tiny_weight_on_the_only_value_present_still_carries_it() -> None:
    from cards import grid_card

    card = grid_card(2, 2, missing="exclude")
    values = np.array([[0.5, np.nan, 0.2, 0.4], [0.9, 0.1, 0.3, 0.3]])
    ev = card.evaluate(sc.PerformanceTable(["A", "B"], card.metric_ids, values))
    tiny = sc.Weights({"d0": 0.5, "d1": 0.5, "m00": 5e-324, "m01": 1.0, "m10": 0.5, "m11": 0.5})
    local = tw.local_vector(card, card.check_weights(tiny))[None]
    got = ev.batch_scores(local)
    weights = tw.effective_global(card, local, ev.excluded)
    want = ev.aggregation.scores(ev.values, weights)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    assert got[0, 0] == pytest.approx(0.5 * 0.5 + 0.5 * 0.3)  # A's d0 is its m00: 0.5
