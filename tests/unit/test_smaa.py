"""SMAA-2: acceptabilities, central weights, confidence, pairwise winning; determinism; errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

import scorecard as sc
from cards import flat_card
from scorecard import PerformanceTable
from scorecard._ranking import ranks
from scorecard._tree_weights import node_order
from scorecard.aggregation import Gated, Geometric
from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.sensitivity import (
    Around,
    Bounded,
    Fixed,
    RankOrder,
    UncertaintyError,
    Uniform,
    meta_weights,
    sample_weights,
    smaa,
)
from scorecard.sensitivity._ordering import rank_rows

EXAMPLE = sc.datasets.example()
BALANCED = sc.catalog.balanced()
FloatArray = NDArray[np.float64]


def flat_eval(values: FloatArray, **table: FloatArray) -> sc.Evaluation:
    n, m = values.shape
    card = flat_card(m, unit="%" if "denominators" in table else "")
    t = PerformanceTable(
        [f"P{i}" for i in range(n)],
        [f"m{j}" for j in range(m)],
        values,
        denominators=table.get("denominators"),
        standard_errors=table.get("standard_errors"),
    )
    return card.evaluate(t)


def assert_simplex(w: FloatArray) -> None:
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, rtol=0, atol=1e-9)


small_values = st.integers(2, 7).flatmap(
    lambda n: st.integers(1, 5).flatmap(
        lambda m: hnp.arrays(np.float64, (n, m), elements=st.floats(0, 1, allow_subnormal=False))
    )
)


# --- the measures ------------------------------------------------------------------------------


@settings(max_examples=25)
@given(values=small_values, seed=st.integers(0, 2**32 - 1))
def test_acceptability_rows_sum_to_one_and_central_weights_lie_on_the_simplex(
    values: FloatArray, seed: int
) -> None:
    result = smaa(flat_eval(values), samples=1_500, seed=seed)
    b = result.rank_acceptability
    np.testing.assert_allclose(b.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    if result.ties == 0:  # each rank taken once per sample
        np.testing.assert_allclose(b.sum(axis=0), 1.0, rtol=0, atol=1e-12)
    first = result.first > 0
    assert_simplex(result.central_weights[first])
    assert np.isnan(result.central_weights[~first]).all()
    assert np.all(result.confidence[first] == 1.0)  # additive: the centre is favourable
    c = result.pairwise
    assert c is not None
    assert np.all(np.diag(c) == 0)
    assert np.all(c + c.T <= 1.0 + 1e-12)
    np.testing.assert_allclose(result.holistic, b @ meta_weights(len(b)), atol=1e-12)


@settings(max_examples=15)
@given(values=small_values, seed=st.integers(0, 2**32 - 1), chunk=st.sampled_from([1, 1000, 2500]))
def test_results_do_not_depend_on_the_chunk_size(values: FloatArray, seed: int, chunk: int) -> None:
    ev = flat_eval(values)
    a = smaa(ev, samples=3_100, seed=seed, chunk_size=chunk)
    b = smaa(ev, samples=3_100, seed=seed, chunk_size=100_000)
    for name in ("rank_acceptability", "central_weights", "central_local", "pairwise"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name


def test_chunk_sizes_1000_and_100000_give_identical_results_on_the_example() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    kw = {"samples": 120_000, "seed": 11, "pairwise": True}
    a = smaa(ev, chunk_size=1_000, **kw)  # type: ignore[arg-type]
    b = smaa(ev, chunk_size=100_000, **kw)  # type: ignore[arg-type]
    for name in ("rank_acceptability", "central_weights", "central_local", "confidence"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    assert np.array_equal(a.pairwise, b.pairwise)  # type: ignore[arg-type]


def test_results_do_not_depend_on_the_number_of_workers() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    seen: list[int] = []
    one = smaa(ev, samples=9_000, seed=12, chunk_size=1_000, workers=1)
    three = smaa(
        ev,
        samples=9_000,
        seed=12,
        chunk_size=1_000,
        workers=3,
        progress=lambda d, _: seen.append(d),
    )
    assert seen == list(range(1_000, 9_001, 1_000))  # in order, from the calling thread
    for name in ("rank_acceptability", "central_weights", "pairwise", "confidence"):
        assert np.array_equal(getattr(one, name), getattr(three, name), equal_nan=True), name
    with pytest.raises(InvalidArgumentError, match="workers"):
        smaa(ev, samples=10, workers=0)


def test_performance_draws_do_not_depend_on_the_chunk_size() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    a = smaa(ev, samples=4_500, seed=3, uncertain=True, chunk_size=1_000)
    b = smaa(ev, samples=4_500, seed=3, uncertain=True, chunk_size=5_000)
    assert np.array_equal(a.rank_acceptability, b.rank_acceptability)
    assert np.array_equal(a.central_weights, b.central_weights, equal_nan=True)


@settings(max_examples=20)
@given(values=small_values, seed=st.integers(0, 2**16), data=st.data())
def test_relabelling_providers_permutes_the_results(
    values: FloatArray, seed: int, data: st.DataObject
) -> None:
    n = values.shape[0]
    perm = np.array(data.draw(st.permutations(range(n))))
    a = smaa(flat_eval(values), samples=1_000, seed=seed)
    b = smaa(flat_eval(values[perm]), samples=1_000, seed=seed)
    # Scores can differ in the last bit with a row's position (BLAS), so allow one sample.
    np.testing.assert_allclose(
        b.rank_acceptability, a.rank_acceptability[perm], rtol=0, atol=1 / 1_000 + 1e-12
    )


def test_fixed_weights_reproduce_the_evaluation() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    result = smaa(ev, samples=1_000, seed=0, default=Fixed())
    expected = np.zeros((16, 16))
    expected[np.arange(16), ev.ranks - 1] = 1.0
    assert np.array_equal(result.rank_acceptability, expected)
    best = int(np.argmin(ev.ranks))
    np.testing.assert_allclose(result.central_weights[best], ev.global_weights, atol=1e-12)
    assert result.summary().startswith(
        f"\u2068{ev.providers[best]}\u2069 is first in 100% of 1,000"
    )


def test_dominated_provider_is_never_first_and_dominant_always() -> None:
    values = np.array([[0.9, 0.8, 0.7], [0.5, 0.4, 0.05], [0.6, 0.7, 0.1]])
    result = smaa(flat_eval(values), samples=5_000, seed=1)
    assert result.first[0] == 1.0
    assert result.first[1] == 0.0
    assert result.rank_acceptability[1, 2] == 1.0
    assert result.pairwise is not None
    assert result.pairwise[0, 1] == 1.0
    assert result.pairwise[1, 0] == 0.0


def test_two_providers_swap_at_equal_weights_half_the_time() -> None:
    """Uniform weights on two criteria: A wins when w0 > 0.5, i.e. in half the samples."""
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    result = smaa(flat_eval(values), samples=40_000, seed=2)
    se = np.sqrt(0.25 / 40_000)
    assert abs(result.first[0] - 0.5) < 5 * se
    # Central weights: mean of w given w0 > 1/2 is (3/4, 1/4).
    np.testing.assert_allclose(result.central_weights[0], [0.75, 0.25], atol=5 * se)


def test_ordinal_and_bounded_knowledge_shape_the_central_weights() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    order = ("outcomes", "connection", "continuity", "training", "quality", "value")
    result = smaa(ev, samples=5_000, seed=4, knowledge={"root": RankOrder(order)}, default=Fixed())
    pos = [node_order(ev.card).index(d) for d in order]
    for row in result.central_local[result.first > 0]:
        assert np.all(np.diff(row[pos]) <= 1e-12)
    bounded = smaa(
        ev,
        samples=3_000,
        seed=4,
        knowledge={"root": Bounded(lower={"outcomes": 0.4}, upper={"value": 0.05})},
        default=Fixed(),
    )
    i = node_order(ev.card).index("outcomes")
    k = node_order(ev.card).index("value")
    rows = bounded.central_local[bounded.first > 0]
    assert np.all(rows[:, i] >= 0.4 - 1e-9)
    assert np.all(rows[:, k] <= 0.05 + 1e-9)


def test_concentrated_knowledge_stays_near_the_current_ranking() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    tight = smaa(ev, samples=2_000, seed=5, default=Around(1e6))
    best = int(np.argmin(ev.ranks))
    assert tight.first[best] > 0.99


def test_sample_weights_are_the_weights_smaa_ranks_under() -> None:
    values = np.random.default_rng(0).random((6, 4))
    ev = flat_eval(values)
    w = sample_weights(ev, 2_500, seed=9)
    assert_simplex(w)
    scores = w @ ev.values.T
    counts = np.zeros((6, 6))
    r = ranks(scores)
    for i in range(6):
        counts[i] = np.bincount(r[:, i] - 1, minlength=6)
    assert np.array_equal(smaa(ev, samples=2_500, seed=9).rank_acceptability, counts / 2_500)


def test_gated_providers_that_fail_are_never_first_while_one_passes() -> None:
    gate = Gated({"cqc_safe": "Good"})
    ev = BALANCED.evaluate(EXAMPLE, aggregation=gate)
    result = smaa(ev, samples=2_000, seed=6)
    assert not ev.passed.all()
    assert np.all(result.first[~ev.passed] == 0)
    failing = int((~ev.passed).sum())
    np.testing.assert_allclose(result.rank_acceptability[~ev.passed][:, :-failing].sum(), 0.0)


def test_geometric_aggregation_is_supported() -> None:
    ev = BALANCED.evaluate(EXAMPLE, aggregation=Geometric(floor=0.01))
    result = smaa(ev, samples=2_000, seed=7)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)


def test_meta_weights_match_the_smaa2_definitions() -> None:
    assert meta_weights(4).round(3).tolist() == [1.0, 0.52, 0.28, 0.12]
    assert meta_weights(5, "linear").tolist() == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert meta_weights(3, "inverse").tolist() == [1.0, 0.5, 1 / 3]
    assert meta_weights(3, "elitist").tolist() == [1.0, 0.0, 0.0]
    with pytest.raises(InvalidArgumentError, match="meta-weights"):
        meta_weights(3, "bogus")  # type: ignore[arg-type]


def test_progress_reports_every_chunk() -> None:
    seen: list[tuple[int, int]] = []
    smaa(
        flat_eval(np.eye(3)),
        samples=2_500,
        seed=0,
        chunk_size=1_000,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]


def test_frame_summary_and_standard_errors() -> None:
    result = smaa(BALANCED.evaluate(EXAMPLE), samples=2_000, seed=8)
    frame = result.to_frame("polars")
    assert frame.shape == (256, 4)
    assert result.standard_errors.shape == (16, 16)
    assert "plausible weightings" in result.summary()
    assert "2,000 samples" in repr(result)


# --- performance uncertainty -------------------------------------------------------------------


def test_zero_standard_errors_give_the_deterministic_result() -> None:
    values = np.random.default_rng(1).random((5, 3))
    plain = smaa(flat_eval(values), samples=2_000, seed=3)
    drawn = smaa(
        flat_eval(values, standard_errors=np.zeros((5, 3))), samples=2_000, seed=3, uncertain=True
    )
    assert drawn.uncertain == ("m0", "m1", "m2")
    assert np.array_equal(plain.rank_acceptability, drawn.rank_acceptability)


def test_small_denominators_make_rankings_uncertain_and_large_ones_certain() -> None:
    values = np.array([[60.0], [50.0]])  # percentages
    small = flat_eval(values, denominators=np.full((2, 1), 10.0))
    large = flat_eval(values, denominators=np.full((2, 1), 100_000.0))
    a = smaa(small, samples=4_000, seed=1, uncertain=True, confidence_samples=2_000)
    b = smaa(large, samples=4_000, seed=1, uncertain=True)
    assert 0.55 < a.first[0] < 0.85  # P(Beta(6.5, 4.5) > Beta(5.5, 5.5)) is about 0.68
    assert b.first[0] == 1.0
    assert 0.5 < a.confidence[0] < 0.9


def test_uncertainty_errors_name_the_cell() -> None:
    values = np.array([[0.5, 0.2], [0.4, 0.3]])
    se = np.array([[0.1, np.nan], [np.nan, 0.1]])
    ev = flat_eval(values, standard_errors=se)
    with pytest.raises(UncertaintyError, match=r"'P1', metric 'm0': the standard error is NaN"):
        smaa(ev, samples=10, seed=0, uncertain=True)
    with pytest.raises(UncertaintyError, match="not a metric"):
        smaa(ev, samples=10, seed=0, uncertain=["nope"])
    with pytest.raises(UncertaintyError, match="no standard errors"):
        smaa(flat_eval(values), samples=10, seed=0, uncertain=["m0"])
    with pytest.raises(UncertaintyError, match="ordinal"):
        smaa(
            BALANCED.evaluate(
                PerformanceTable(
                    EXAMPLE.providers,
                    EXAMPLE.metrics,
                    EXAMPLE.values,
                    standard_errors=np.ones(EXAMPLE.values.shape),
                )
            ),
            samples=10,
            seed=0,
            uncertain=["cqc_safe"],
        )


# --- bad input -----------------------------------------------------------------------------------


def test_bad_requests_get_clear_errors() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    with pytest.raises(InvalidArgumentError, match="zero samples"):
        smaa(ev, samples=0)
    with pytest.raises(WeightError, match=r"ranking for node 'root'.*missing \['value'\]"):
        smaa(
            ev,
            samples=10,
            knowledge={
                "root": RankOrder(("outcomes", "connection", "continuity", "training", "quality"))
            },
        )
    with pytest.raises(WeightError, match=r"names \['bogus'\], which are not its children"):
        smaa(ev, samples=10, knowledge={"root": RankOrder(("bogus", "outcomes"))})
    with pytest.raises(WeightError, match="staff_turnover' is a metric"):
        smaa(ev, samples=10, knowledge={"staff_turnover": Uniform()})
    with pytest.raises(WeightError, match="'elsewhere' is not a node"):
        smaa(ev, samples=10, knowledge={"elsewhere": Uniform()})
    with pytest.raises(WeightError, match="constraints for node 'root'"):
        smaa(ev, samples=10, knowledge={"root": Bounded(lower={"outcomes": 0.7, "value": 0.7})})
    with pytest.raises(WeightError, match="default must be"):
        smaa(ev, samples=10, default=RankOrder(("outcomes",)))
    with pytest.raises(InvalidArgumentError, match="chunk_size"):
        smaa(ev, samples=10, chunk_size=0)


# --- the fast ranking ---------------------------------------------------------------------------


@given(
    scores=st.integers(1, 40).flatmap(
        lambda n: hnp.arrays(
            np.float64,
            (5, n),
            elements=st.sampled_from([0.0, 0.25, 0.5, 0.5 + 4e-13, 0.5 + 2e-12, 1.0])
            | st.floats(0, 1),
        )
    ),
    demote=st.booleans(),
)
def test_fast_ranks_equal_the_reference_ranks(scores: FloatArray, demote: bool) -> None:
    demoted = (np.arange(scores.shape[1]) % 3 == 0) if demote else None
    assert np.array_equal(rank_rows(scores, demoted), ranks(scores, demoted=demoted))


def test_fast_ranks_handle_many_providers_and_out_of_range_scores() -> None:
    rng = np.random.default_rng(0)
    many = rng.random((50, 700))
    many[:, 5] = many[:, 6]
    assert np.array_equal(rank_rows(many), ranks(many))
    wide = rng.normal(size=(20, 9))
    assert np.array_equal(rank_rows(wide), ranks(wide))


def test_memory_stays_bounded_by_the_chunk_whatever_the_sample_count() -> None:
    """A trillion samples: chunks are made and submitted a few at a time, never listed first.

    The run is stopped from the progress callback after a few chunks; until then the traced
    memory stays at a few MiB (listing the chunks first took gigabytes before any work).
    """
    import tracemalloc

    class EnoughError(Exception):
        pass

    seen: list[int] = []

    def stop_soon(done: int, _total: int) -> None:
        seen.append(done)
        if len(seen) == 5:
            raise EnoughError

    ev = BALANCED.evaluate(EXAMPLE)
    tracemalloc.start()
    try:
        with pytest.raises(EnoughError):
            smaa(ev, samples=10**12, seed=1, chunk_size=1_000, workers=2, progress=stop_soon)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == [1_000, 2_000, 3_000, 4_000, 5_000]
    assert peak < 16 * 2**20, peak


def test_among_draws_only_convex_combinations_of_the_weightings() -> None:
    from scorecard.sensitivity import Among, Fixed
    from scorecard.sensitivity._preferences import sample_local

    card = sc.catalog.balanced()
    kids = card.children("root")
    a = {k: 1 / len(kids) for k in kids}
    b = {k: (0.5 if k == "connection" else 0.1) for k in kids}
    ev = card.evaluate(sc.datasets.example())
    from scorecard._tree_weights import local_vector, node_order

    current = local_vector(card, ev.weights)
    drawn = sample_local(
        card, current, {"root": Among([a, b])}, Fixed(), n=500, rng=np.random.default_rng(3)
    )
    at = [node_order(card).index(k) for k in kids]
    va, vb = np.array([a[k] for k in kids]), np.array([b[k] for k in kids])
    t = (drawn[:, at] - va) @ (vb - va) / ((vb - va) @ (vb - va))
    np.testing.assert_allclose(drawn[:, at], va + t[:, None] * (vb - va), atol=1e-12)
    assert (t >= -1e-12).all()
    assert (t <= 1 + 1e-12).all()
    assert t.min() < 0.1
    assert t.max() > 0.9
    one = sample_local(
        card, current, {"root": Among([b])}, Fixed(), n=5, rng=np.random.default_rng(3)
    )
    np.testing.assert_allclose(one[:, at], np.tile(vb, (5, 1)))


def test_bad_among_weightings_are_named() -> None:
    from scorecard.errors import WeightError
    from scorecard.sensitivity import Among

    ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    kids = ev.card.children("root")
    with pytest.raises(WeightError, match="at least one weighting"):
        smaa(ev, samples=10, knowledge={"root": Among([])})
    with pytest.raises(WeightError, match="weighting 1 must give every child"):
        smaa(ev, samples=10, knowledge={"root": Among([{"outcomes": 1.0}])})
    with pytest.raises(WeightError, match="summing to 1"):
        smaa(ev, samples=10, knowledge={"root": Among([dict.fromkeys(kids, 0.5)])})
