from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from cards import grid_card
from scorecard import Domain, Metric, PerformanceTable, Scorecard, rebalance
from scorecard._ranking import TIE_TOLERANCE
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.scales import Linear
from scorecard.sensitivity import one_way, thresholds
from scorecard.sensitivity._thresholds import _bisection

EXAMPLE = sc.datasets.example()
BALANCED = sc.catalog.balanced()


def direct(ev: sc.Evaluation, node: str, t: float) -> np.ndarray:
    """Scores from a fresh evaluation with the node's weight set by `rebalance`."""
    w = rebalance(ev.card, ev.weights, node, float(t))
    return ev.card.evaluate(ev.table, weights=w, aggregation=ev.aggregation).scores


@pytest.mark.parametrize("node", ["connection", "outcomes", "continuity_of_care", "staff_turnover"])
def test_sweep_points_equal_direct_evaluations(node: str) -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    sweep = one_way(ev, node, grid=5)
    here = int(np.flatnonzero(sweep.grid == sweep.current)[0])
    assert np.allclose(sweep.scores[here], ev.scores, atol=1e-12)
    assert np.array_equal(sweep.ranks[here], ev.ranks)
    for g in (0, len(sweep.grid) - 1, 2):
        assert np.allclose(sweep.scores[g], direct(ev, node, sweep.grid[g]), atol=1e-12)
    assert sweep.convention == "proportional"
    frame = sweep.to_frame("polars")
    assert frame.shape == (len(sweep.grid) * 16, 5)


def test_sweep_grid_options_and_errors() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    assert one_way(ev, "connection", grid=[0.0, 0.5]).grid.tolist() == [0.0, 0.15, 0.5]
    with pytest.raises(InvalidArgumentError, match="at least 2 points"):
        one_way(ev, "connection", grid=1)
    with pytest.raises(WeightError, match="'nowhere' is not one of"):
        one_way(ev, "nowhere")
    with pytest.raises(WeightError, match=r"must be finite numbers in \[0, 1\]"):
        one_way(ev, "connection", grid=[0.2, 1.5])
    with pytest.raises(WeightError, match="'top_crime_desistance' has no siblings"):
        one_way(ev, "top_crime_desistance", grid=3)


def assert_flips(ev: sc.Evaluation, node: str, matrix: np.ndarray) -> int:
    """Every finite threshold flips its pair's order between t - 1e-9 and t + 1e-9."""
    checked = 0
    for i, k in zip(*np.nonzero(np.isfinite(matrix)), strict=True):
        if i > k:
            continue
        t = matrix[i, k]
        lo, hi = direct(ev, node, max(t - 1e-9, 0.0)), direct(ev, node, min(t + 1e-9, 1.0))
        before, after = lo[i] - lo[k], hi[i] - hi[k]
        if max(abs(before), abs(after)) < 1e-13:
            continue  # the pair is (all but) parallel: the difference is below float noise
        if t + 1e-9 > 1.0 or t - 1e-9 < 0.0:
            # At an end of [0, 1] there is no other side: the pair ties there, or its order at
            # the end itself differs from just inside (a provider's last weighted metric in
            # the group drops out exactly at the end).
            at_end = after if t + 1e-9 > 1.0 else before
            flipped = np.sign(before) != np.sign(after)
            assert abs(at_end) <= TIE_TOLERANCE or flipped, (node, ev.providers[i], t)
        else:
            assert np.sign(before) != np.sign(after), (node, ev.providers[i], ev.providers[k], t)
        checked += 1
    return checked


@pytest.mark.parametrize("node", ["connection", "outcomes", "continuity", "keyworker_continuity"])
def test_thresholds_flip_the_order_either_side(node: str) -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    t = thresholds(ev, [node], rank=None)[node]
    checked = assert_flips(ev, node, t.below) + assert_flips(ev, node, t.above)
    assert checked > 0
    # keyworker_continuity shares a group with a metric two providers lack: scores are ratios
    # of lines in its weight there, and their crossings are roots of quadratics.
    ratios = node == "keyworker_continuity"
    assert t.method == ("closed form (ratios)" if ratios else "closed form")


def test_nearest_change_of_the_top_provider() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    t = thresholds(ev, ["connection"])["connection"]
    assert t.holder == ev.ranking[0]
    assert t.rank_above is not None

    def first_at(w: float) -> str:
        return ev.providers[int(np.argmax(direct(ev, "connection", w)))]

    assert first_at(t.rank_above - 1e-6) == t.holder
    assert first_at(t.rank_above + 1e-6) != t.holder
    assert t.swap_above == (t.holder, first_at(t.rank_above + 1e-6))  # who takes first place
    assert t.summary().startswith("If the weight of Connection test rises above ")
    assert f"takes first place from \u2068{t.holder}\u2069" in t.summary()
    assert thresholds(ev, ["connection"]).to_frame("pandas").shape == (1, 7)


def test_geometric_uses_log_lines_and_gates_keep_tiers() -> None:
    ev = BALANCED.evaluate(EXAMPLE, aggregation=Geometric(floor=0.05))
    t = thresholds(ev, ["connection"], rank=None)["connection"]
    assert t.method == "closed form"
    assert_flips(ev, "connection", t.above)
    gated = BALANCED.evaluate(EXAMPLE, aggregation=Gated({"cqc_safe": "Good"}))
    g = thresholds(gated, ["connection"], rank=None)["connection"]
    passed = gated.passed
    across = passed[:, None] != passed[None, :]
    assert np.isnan(g.above[across]).all()
    assert np.isnan(g.below[across]).all()


def test_threshold_errors() -> None:
    ev = BALANCED.evaluate(EXAMPLE)
    with pytest.raises(InvalidArgumentError, match=r"rank must lie in 1\.\.16"):
        thresholds(ev, ["connection"], rank=17)
    with pytest.raises(WeightError, match="has no siblings"):
        thresholds(ev, ["top_crime_desistance"])
    with pytest.raises(WeightError, match="not a domain or metric"):
        thresholds(ev, ["nowhere"])


def small_card() -> Scorecard:
    def m(mid: str) -> Metric:
        return Metric(mid, mid, direction="higher", scale=Linear(worst=0, best=1))

    return Scorecard(
        "Small",
        domains=[
            Domain("a", "A", metrics=[m("a1"), m("a2")]),
            Domain("b", "B", metrics=[m("b1"), m("b2"), m("b3")]),
        ],
    )


@settings(max_examples=40)
@given(
    values=st.lists(st.lists(st.floats(0, 1), min_size=5, max_size=5), min_size=2, max_size=6),
    node=st.sampled_from(["a", "b", "a1", "b2"]),
)
def test_property_thresholds_flip_and_sweeps_match(values: list[list[float]], node: str) -> None:
    card = small_card()
    table = PerformanceTable(
        [f"P{i}" for i in range(len(values))], card.metric_ids, np.array(values)
    )
    ev = card.evaluate(table)
    sweep = one_way(ev, node, grid=3)
    for g, w in enumerate(sweep.grid):
        assert np.allclose(sweep.scores[g], direct(ev, node, w), atol=1e-12)
    t = thresholds(ev, [node], rank=None)[node]
    assert_flips(ev, node, t.below)
    assert_flips(ev, node, t.above)


def _gappy(seed: int) -> tuple[Scorecard, PerformanceTable]:
    """A custom two-level card whose table misses a fifth of its cells (policy exclude)."""
    rng = np.random.default_rng(seed)
    card = grid_card(3, 3, missing="exclude")
    values = rng.uniform(0, 1, (12, 9))
    values[rng.random(values.shape) < 0.2] = np.nan
    values[:, 0] = rng.uniform(0, 1, 12)  # nobody misses everything
    return card, PerformanceTable([f"P{i}" for i in range(12)], card.metric_ids, values)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("aggregation", [Additive(), Geometric(floor=0.05)])
def test_ratio_crossings_agree_with_bisection_and_flip_the_order(
    seed: int, aggregation: Additive | Geometric
) -> None:
    card, table = _gappy(seed)
    ev = card.evaluate(table, aggregation=aggregation)
    checked = 0
    for node in ("m01", "m10", "m21", "m22"):  # each group misses a cell somewhere
        t = thresholds(ev, [node], rank=None)[node]
        assert t.method == "closed form (ratios)", node
        current = float(ev.weights[node])
        below, above = _bisection(ev, node, current)
        for ours, grid in ((t.below, below), (t.above, above)):
            both = np.isfinite(ours) & np.isfinite(grid)
            np.testing.assert_allclose(ours[both], grid[both], atol=1e-9)
            # bisection misses two crossings inside one grid cell; never the other way round
            assert not (np.isfinite(grid) & ~np.isfinite(ours)).any(), node
        checked += assert_flips(ev, node, t.below) + assert_flips(ev, node, t.above)
    assert checked > 0
