from __future__ import annotations

import itertools
import math
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import (
    ROOT,
    Domain,
    Metric,
    PerformanceTable,
    Scorecard,
    Weights,
    global_weights,
    rebalance,
)
from scorecard._arrays import FloatArray
from scorecard._weights import Provenance
from scorecard.errors import WeightError
from scorecard.scales import Linear
from scorecard.weighting import Equal, resolve
from scorecard.weighting._protocol import Group


def metric(mid: str) -> Metric:
    return Metric(mid, mid, direction="higher", scale=Linear(worst=0, best=1))


def card() -> Scorecard:
    return Scorecard(
        "W",
        domains=[
            Domain("a", "A", metrics=[metric("a1"), metric("a2"), metric("a3")]),
            Domain("b", "B", metrics=[metric("b1")]),
        ],
    )


def test_weights_reject_bad_numbers() -> None:
    with pytest.raises(WeightError, match="weight of 'x' must be finite and non-negative"):
        Weights({"x": -0.1})
    with pytest.raises(WeightError, match="weight of 'x' must be a number"):
        Weights({"x": "heavy"})  # type: ignore[dict-item]
    with pytest.raises(WeightError, match="no weight is set for 'y'"):
        Weights({"x": 1.0})["y"]


def test_weights_are_read_only_and_equal_by_value() -> None:
    w = Weights({"x": 1.0}, provenance={"root": Provenance("points", {"x": 5})})
    assert w == Weights({"x": 1}, provenance={"root": Provenance("points", {"x": 5})})
    with pytest.raises(TypeError):
        w.local["x"] = 2.0  # type: ignore[index]


def test_rebalance_is_proportional_and_records_provenance() -> None:
    c = card()
    w = Weights({"a": 0.5, "b": 0.5, "a1": 0.5, "a2": 0.3, "a3": 0.2, "b1": 1.0})
    out = rebalance(c, w, "a1", 0.8)
    assert out["a1"] == 0.8
    assert out["a2"] == pytest.approx(0.12)
    assert out["a3"] == pytest.approx(0.08)
    assert out.provenance["a"].scheme == "adjusted"
    assert out.provenance["a"].parameters["convention"] == "proportional"
    assert out["a"] == 0.5  # other groups untouched


def test_rebalance_from_all_zero_siblings_shares_equally() -> None:
    c = card()
    w = Weights({"a": 0.5, "b": 0.5, "a1": 1.0, "a2": 0.0, "a3": 0.0, "b1": 1.0})
    out = rebalance(c, w, "a1", 0.4)
    assert (out["a2"], out["a3"]) == pytest.approx((0.3, 0.3))


def test_rebalance_errors() -> None:
    c = card()
    w = resolve(c, None)
    with pytest.raises(WeightError, match=r"must lie in \[0, 1\]"):
        rebalance(c, w, "a1", 1.5)
    with pytest.raises(WeightError, match="'b1' has no siblings"):
        rebalance(c, w, "b1", 0.5)
    assert rebalance(c, w, "b1", 1.0)["b1"] == 1.0


@given(
    raw=st.lists(st.floats(0, 10), min_size=3, max_size=3).filter(lambda r: sum(r) > 0),
    node=st.sampled_from(["a1", "a2", "a3"]),
    value=st.floats(0, 1),
)
def test_rebalance_keeps_the_simplex_and_sibling_ratios(
    raw: list[float], node: str, value: float
) -> None:
    c = card()
    total = sum(raw)
    local = {"a": 0.5, "b": 0.5, "b1": 1.0} | {f"a{i + 1}": r / total for i, r in enumerate(raw)}
    w = c.check_weights(Weights(local))
    out = rebalance(c, w, node, value)
    group = [out[i] for i in c.children("a")]
    assert math.fsum(group) == pytest.approx(1.0, abs=1e-12)
    assert all(g >= 0 for g in group)
    others = [i for i in c.children("a") if i != node]
    before = [w[i] for i in others]
    after = [out[i] for i in others]
    if sum(before) > 0:
        assert np.allclose(
            np.array(after) * sum(before), np.array(before) * (1 - value), atol=1e-12
        )
    c.check_weights(out)


def test_resolve_none_is_equal_weights_with_provenance() -> None:
    w = resolve(card(), None)
    assert w["a1"] == pytest.approx(1 / 3)
    assert w.provenance[ROOT].scheme == "equal"
    assert set(w.provenance) == {ROOT, "a", "b"}


def test_resolve_mapping_of_numbers_is_explicit_weights() -> None:
    spec = {"a": 0.7, "b": 0.3, "a1": 0.2, "a2": 0.3, "a3": 0.5, "b1": 1.0}
    w = resolve(card(), spec)
    assert w["a"] == 0.7
    assert w.provenance["a"].scheme == "explicit"


def test_resolve_scheme_per_node_and_errors() -> None:
    c = card()
    w = resolve(c, {"a": Equal()})
    assert w.provenance["a"].scheme == "equal"
    with pytest.raises(WeightError, match="'a1', which is a metric"):
        resolve(c, {"a1": Equal()})
    with pytest.raises(WeightError, match="'zz', which is not in the scorecard"):
        resolve(c, {"zz": Equal()})
    with pytest.raises(WeightError, match="must be a weighting scheme"):
        resolve(c, {"a": "equal"})  # type: ignore[arg-type]


class Broken:
    """A scheme returning weights that do not sum to 1: resolve must refuse them."""

    name: ClassVar[str] = "broken"
    needs_values: ClassVar[bool] = False

    def weigh(self, group: Group) -> FloatArray:
        return np.full(len(group.ids), 1.0)

    def describe(self, group: Group) -> dict[str, object]:  # noqa: ARG002
        return {}


class DataHungry(Broken):
    """Needs the performance table; returns equal weights."""

    name: ClassVar[str] = "hungry"
    needs_values: ClassVar[bool] = True

    def weigh(self, group: Group) -> FloatArray:
        assert group.values is not None
        assert group.values.shape[1] == len(group.ids)
        return np.full(len(group.ids), 1.0 / len(group.ids))


def test_resolve_checks_what_schemes_return() -> None:
    with pytest.raises(
        WeightError, match=r"broken weights for the children of 'a' sum to 3.0, not 1"
    ):
        resolve(card(), Broken())


def test_objective_schemes_need_a_table_and_see_domain_scores() -> None:
    c = card()
    with pytest.raises(
        WeightError, match="hungry derive weights from the data: pass the performance table"
    ):
        resolve(c, DataHungry())
    t = PerformanceTable(["P", "Q"], ["a1", "a2", "a3", "b1"], [[0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]])
    w = resolve(c, DataHungry(), t)
    assert w.provenance[ROOT].scheme == "hungry"


# -- locks and focus ------------------------------------------------------------------------------


def _balanced() -> Scorecard:
    from scorecard.catalog import balanced

    return balanced()


@given(
    value=st.floats(0, 1),
    locked=st.sets(st.sampled_from(["connection", "continuity", "training", "quality", "value"])),
)
def test_locked_siblings_keep_their_weights_and_the_rest_keep_their_ratios(
    value: float, locked: set[str]
) -> None:
    card = _balanced()
    before = resolve(card, None)
    siblings = card.children(ROOT)
    free = 1 - math.fsum(before[s] for s in locked)
    if value > free + 1e-12 or (len(locked) == len(siblings) - 1 and abs(value - free) > 1e-12):
        with pytest.raises(WeightError, match="outcomes"):
            rebalance(card, before, "outcomes", value, locked=locked)
        return
    after = rebalance(card, before, "outcomes", value, locked=locked)
    assert math.fsum(after[s] for s in siblings) == pytest.approx(1.0, abs=1e-12)
    for s in locked:
        assert after[s] == before[s]
    moving = [s for s in siblings if s != "outcomes" and s not in locked]
    for a, b in itertools.pairwise(moving):
        assert after[a] * before[b] == pytest.approx(after[b] * before[a], abs=1e-12)


def test_a_weight_cannot_pass_what_locked_siblings_leave() -> None:
    card = _balanced()
    w = resolve(card, None)
    with pytest.raises(WeightError, match=r"at most 0\.85 while 'continuity' stays locked"):
        rebalance(card, w, "outcomes", 0.95, locked=["continuity"])


def test_focus_puts_every_weight_on_the_chosen_metrics() -> None:
    from scorecard import focus
    from scorecard.catalog import completions_only

    card = _balanced()
    chosen = completions_only().metric_ids
    weights = global_weights(card, focus(card, chosen))
    for metric, weight in zip(card.metric_ids, weights, strict=True):
        assert weight == pytest.approx(1 / 3 if metric in chosen else 0.0, abs=1e-12)
    with pytest.raises(WeightError, match="not metrics of the scorecard: 'nope'"):
        focus(card, ["nope"])
