from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard._arrays import FloatArray
from scorecard._metric import Metric
from scorecard.errors import WeightError
from scorecard.scales import Linear, Ordinal
from scorecard.tree import Domain
from scorecard.weighting._protocol import Group, WeightingScheme
from scorecard.weighting._subjective import (
    Points,
    RankEntry,
    RankOrderCentroid,
    RankReciprocal,
    RankSum,
    Swing,
    rank_order_centroid_weights,
    rank_reciprocal_weights,
    rank_sum_weights,
)

RankScheme = RankOrderCentroid | RankSum | RankReciprocal
RANK_SCHEMES: tuple[type[RankScheme], ...] = (RankOrderCentroid, RankSum, RankReciprocal)


def group_of(*ids: str, parent: str = "root") -> Group:
    return Group(parent, tuple(ids), ())


def child_ids(n: int) -> tuple[str, ...]:
    return tuple(f"c{i}" for i in range(n))


def assert_valid_weights(w: FloatArray, n: int) -> None:
    assert w.shape == (n,)
    assert np.all(np.isfinite(w))
    assert np.all(w >= 0)
    assert abs(math.fsum(w.tolist()) - 1.0) <= 1e-12


# -- published and hand-computed rank weights ---------------------------------------------------


def test_roc_four_attributes_matches_barron_and_barrett() -> None:
    # Barron, F. H. & Barrett, B. E. (1996), "Decision quality using ranked attribute weights",
    # Management Science 42(11):1515-1523: rank-order centroid weights for four attributes,
    # printed to four decimals as 0.5208, 0.2708, 0.1458, 0.0625.
    published = [0.5208, 0.2708, 0.1458, 0.0625]
    assert rank_order_centroid_weights(4).round(4).tolist() == published


def test_roc_four_attributes_exactly() -> None:
    # By hand: w1 = (1 + 1/2 + 1/3 + 1/4) / 4 = 25/48, w2 = (1/2 + 1/3 + 1/4) / 4 = 13/48,
    # w3 = (1/3 + 1/4) / 4 = 7/48, w4 = (1/4) / 4 = 3/48.
    expected = [25 / 48, 13 / 48, 7 / 48, 3 / 48]
    np.testing.assert_allclose(rank_order_centroid_weights(4), expected, rtol=0, atol=1e-15)


def test_rank_sum_four_attributes_by_hand() -> None:
    # w_i = (n + 1 - i) / (1 + 2 + 3 + 4) = 4/10, 3/10, 2/10, 1/10.
    np.testing.assert_allclose(rank_sum_weights(4), [0.4, 0.3, 0.2, 0.1], rtol=0, atol=1e-15)


def test_rank_reciprocal_four_attributes_by_hand() -> None:
    # 1 + 1/2 + 1/3 + 1/4 = 25/12, so w = 12/25, 6/25, 4/25, 3/25.
    expected = [12 / 25, 6 / 25, 4 / 25, 3 / 25]
    np.testing.assert_allclose(rank_reciprocal_weights(4), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize(
    "formula", [rank_order_centroid_weights, rank_sum_weights, rank_reciprocal_weights]
)
def test_rank_weights_of_one_position_is_one(formula: Any) -> None:
    assert formula(1).tolist() == [1.0]


@pytest.mark.parametrize(
    "formula", [rank_order_centroid_weights, rank_sum_weights, rank_reciprocal_weights]
)
@pytest.mark.parametrize("n", [0, -1, True, 2.0])
def test_rank_weights_need_a_positive_whole_number(formula: Any, n: object) -> None:
    with pytest.raises(WeightError, match="whole number of positions, at least 1"):
        formula(n)


@given(st.integers(min_value=1, max_value=60))
def test_roc_steps_down_by_one_over_n_i(n: int) -> None:
    # From the definition, w_i - w_{i+1} = 1 / (n i), and w_n = 1 / n².
    w = rank_order_centroid_weights(n)
    steps = w[:-1] - w[1:]
    expected = 1.0 / (n * np.arange(1, n))
    np.testing.assert_allclose(steps, expected, rtol=1e-12, atol=1e-15)
    assert w[-1] == pytest.approx(1.0 / n**2, rel=1e-12)


@given(st.integers(min_value=1, max_value=60))
def test_rank_sum_and_reciprocal_match_exact_fractions(n: int) -> None:
    total_rank = sum(range(1, n + 1))
    harmonic = sum(Fraction(1, k) for k in range(1, n + 1))
    rs = [float(Fraction(n + 1 - i, total_rank)) for i in range(1, n + 1)]
    rr = [float(Fraction(1, i) / harmonic) for i in range(1, n + 1)]
    np.testing.assert_allclose(rank_sum_weights(n), rs, rtol=1e-12, atol=0)
    np.testing.assert_allclose(rank_reciprocal_weights(n), rr, rtol=1e-12, atol=0)


# -- rank schemes on groups ---------------------------------------------------------------------


def test_rank_schemes_follow_the_group_order() -> None:
    group = group_of("access", "outcomes", "cost", "workforce")
    ranking = ["outcomes", "access", "workforce", "cost"]
    w = RankOrderCentroid(ranking).weigh(group)
    np.testing.assert_allclose(w, [13 / 48, 25 / 48, 3 / 48, 7 / 48], rtol=0, atol=1e-15)
    np.testing.assert_allclose(RankSum(ranking).weigh(group), [0.3, 0.4, 0.1, 0.2], atol=1e-15)
    np.testing.assert_allclose(
        RankReciprocal(ranking).weigh(group), [6 / 25, 12 / 25, 3 / 25, 4 / 25], atol=1e-15
    )


def test_roc_tie_takes_the_mean_of_the_positions() -> None:
    # a first; b and c share positions 2 and 3: (13/48 + 7/48) / 2 = 10/48 each; d last.
    w = RankOrderCentroid(["a", ["b", "c"], "d"]).weigh(group_of("a", "b", "c", "d"))
    np.testing.assert_allclose(w, [25 / 48, 10 / 48, 10 / 48, 3 / 48], rtol=0, atol=1e-15)


def test_rank_sum_tie_at_the_top() -> None:
    # n = 3: positions weigh 3/6, 2/6, 1/6; a and b share the first two: 5/12 each.
    w = RankSum([("a", "b"), "c"]).weigh(group_of("a", "b", "c"))
    np.testing.assert_allclose(w, [5 / 12, 5 / 12, 1 / 6], rtol=0, atol=1e-15)


def test_everything_tied_is_equal_weights() -> None:
    w = RankReciprocal([["a", "b", "c"]]).weigh(group_of("c", "b", "a"))
    np.testing.assert_allclose(w, [1 / 3, 1 / 3, 1 / 3], rtol=0, atol=1e-15)


def test_a_tie_of_one_is_the_id_itself() -> None:
    assert RankSum([["a"], "b"]) == RankSum(["a", "b"])
    assert RankSum(["a", "b"]).ranking == ("a", "b")
    assert RankSum(["a", ["b", "c"]]).ranking == ("a", ("b", "c"))


def test_rank_schemes_are_frozen_equal_and_distinct_by_kind() -> None:
    assert RankOrderCentroid(["a", "b"]) == RankOrderCentroid(("a", "b"))
    roc: object = RankOrderCentroid(["a", "b"])
    assert roc != RankSum(["a", "b"])
    scheme = RankSum(["a", "b"])
    with pytest.raises(AttributeError):
        scheme.ranking = ("b", "a")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("scheme", "name"),
    [
        (RankOrderCentroid(["a"]), "rank_order_centroid"),
        (RankSum(["a"]), "rank_sum"),
        (RankReciprocal(["a"]), "rank_reciprocal"),
        (Points({"a": 1}), "points"),
        (Swing({"a": 100}), "swing"),
    ],
)
def test_schemes_satisfy_the_protocol(scheme: WeightingScheme, name: str) -> None:
    assert isinstance(scheme, WeightingScheme)
    assert scheme.name == name
    assert scheme.needs_values is False


def test_rank_describe_records_the_ranking_and_ties() -> None:
    group = group_of("a", "b", "c")
    plain = RankOrderCentroid(["a", "b", "c"]).describe(group)
    assert plain == {"ranking": ["a", "b", "c"]}
    tied = RankOrderCentroid(["a", ["b", "c"]]).describe(group)
    assert tied["ranking"] == ["a", ["b", "c"]]
    assert "mean" in tied["ties"]
    json.dumps(tied)


@pytest.mark.parametrize("kind", RANK_SCHEMES)
@pytest.mark.parametrize(
    ("ranking", "match"),
    [
        (
            ["a", "b"],
            r"ranking for the children of 'root' must name each of 'a', 'b', 'c' once: missing 'c'",
        ),
        (["a", "b", "c", "x"], r"for the children of 'root' .* unknown 'x'"),
    ],
)
def test_ranking_must_name_exactly_the_children(
    kind: type[RankScheme], ranking: list[str], match: str
) -> None:
    with pytest.raises(WeightError, match=match):
        kind(ranking).weigh(group_of("a", "b", "c"))


@pytest.mark.parametrize(
    ("ranking", "match"),
    [
        ([], "at least one child id"),
        ("abc", "sequence of child ids"),
        (["a", []], "non-empty list of ids"),
        (["a", 3], "child id or a non-empty list"),
        (["a", ["b", 2]], "child id or a non-empty list"),
        (["a", "b", "a"], "names 'a' more than once"),
        (["a", ["b", "a"]], "names 'a' more than once"),
        ([["b", "b"]], "more than once"),
    ],
)
def test_bad_rankings_are_refused(ranking: Any, match: str) -> None:
    with pytest.raises(WeightError, match=match):
        RankOrderCentroid(ranking)


@st.composite
def rankings(draw: st.DrawFn) -> tuple[list[RankEntry], tuple[str, ...]]:
    """A ranking of n children with random ties, and the group's ids in a random order."""
    n = draw(st.integers(min_value=1, max_value=12))
    ids = child_ids(n)
    order = draw(st.permutations(ids))
    cuts = draw(st.sets(st.integers(min_value=1, max_value=n - 1))) if n > 1 else set()
    bounds = [0, *sorted(cuts), n]
    ranking: list[RankEntry] = []
    for lo, hi in itertools.pairwise(bounds):
        block = order[lo:hi]
        ranking.append(block[0] if len(block) == 1 else list(block))
    group_order = tuple(draw(st.permutations(ids)))
    return ranking, group_order


@pytest.mark.parametrize("kind", RANK_SCHEMES)
@given(data=rankings())
def test_rank_weights_are_valid_and_non_increasing_along_the_ranking(
    kind: type[RankScheme], data: tuple[list[RankEntry], tuple[str, ...]]
) -> None:
    ranking, ids = data
    scheme = kind(ranking)
    w = scheme.weigh(Group("root", ids, ()))
    assert_valid_weights(w, len(ids))
    by_id = dict(zip(ids, w.tolist(), strict=True))
    along = [by_id[i] for i in scheme.ids]
    assert all(a >= b - 1e-15 for a, b in itertools.pairwise(along))
    for entry in ranking:
        if not isinstance(entry, str):
            tied = [by_id[i] for i in entry]
            assert max(tied) - min(tied) <= 1e-15


@pytest.mark.parametrize("kind", RANK_SCHEMES)
@given(data=rankings(), shuffle=st.randoms(use_true_random=False))
def test_rank_weights_permute_with_the_group_ids(
    kind: type[RankScheme], data: tuple[list[RankEntry], tuple[str, ...]], shuffle: Any
) -> None:
    ranking, ids = data
    scheme = kind(ranking)
    perm = list(range(len(ids)))
    shuffle.shuffle(perm)
    permuted = tuple(ids[k] for k in perm)
    w = scheme.weigh(Group("root", ids, ()))
    w_permuted = scheme.weigh(Group("root", permuted, ()))
    np.testing.assert_array_equal(w_permuted, w[perm])


# -- points ------------------------------------------------------------------------------------


def test_points_are_shares_of_the_total() -> None:
    w = Points({"a": 50, "b": 30, "c": 20}).weigh(group_of("c", "a", "b"))
    np.testing.assert_allclose(w, [0.2, 0.5, 0.3], rtol=0, atol=1e-15)


def test_points_copy_into_a_read_only_mapping() -> None:
    given_points = {"a": 1.0, "b": 3.0}
    scheme = Points(given_points)
    given_points["a"] = 100.0
    assert scheme.points["a"] == 1.0
    with pytest.raises(TypeError):
        scheme.points["a"] = 2.0  # type: ignore[index]
    assert Points({"a": 1}) == Points({"a": 1.0})
    assert Points({"a": 1, "b": 2}) != Points({"a": 2, "b": 1})


def test_points_describe_is_plain_json() -> None:
    group = group_of("a", "b")
    info = Points({"b": 1, "a": 3}).describe(group)
    assert info == {"points": {"a": 3.0, "b": 1.0}, "total": 4.0}
    assert json.loads(json.dumps(info)) == info


@pytest.mark.parametrize(
    ("points", "match"),
    [
        ({"a": 0, "b": 0}, "every child has 0 points"),
        ({"a": -1, "b": 2}, r"points: 'a' has -1.0 points; points must be finite and at least 0"),
        ({"a": math.nan, "b": 2}, r"'a' has nan points"),
        ({"a": math.inf, "b": 2}, r"'a' has inf points"),
        ({"a": "ten", "b": 2}, r"points for 'a' must be a number, got 'ten'"),
        ({"a": True, "b": 2}, r"points for 'a' must be a number"),
        ({1: 2.0}, r"keyed by child ids"),
        ({}, "at least one child"),
        ([("a", 1)], "must be a mapping"),
    ],
)
def test_bad_points_are_refused(points: Any, match: str) -> None:
    with pytest.raises(WeightError, match=match):
        Points(points)


@pytest.mark.parametrize(
    ("points", "match"),
    [
        (
            {"a": 1},
            r"points for the children of 'domain' must name each of 'a', 'b' once: missing 'b'",
        ),
        ({"a": 1, "b": 1, "z": 1}, r"unknown 'z'"),
    ],
)
def test_points_must_name_exactly_the_children(points: dict[str, float], match: str) -> None:
    with pytest.raises(WeightError, match=match):
        Points(points).weigh(group_of("a", "b", parent="domain"))


# Zero, or a normal positive number (scaling a subnormal one may underflow to 0).
point_values = st.just(0.0) | st.floats(min_value=1e-6, max_value=1e6)


@st.composite
def allocations(draw: st.DrawFn) -> dict[str, float]:
    n = draw(st.integers(min_value=1, max_value=10))
    values = draw(st.lists(point_values, min_size=n, max_size=n).filter(lambda v: sum(v) > 0))
    return dict(zip(child_ids(n), values, strict=True))


@given(allocations())
def test_points_give_valid_weights(points: dict[str, float]) -> None:
    w = Points(points).weigh(Group("root", tuple(points), ()))
    assert_valid_weights(w, len(points))


@given(allocations(), st.floats(min_value=1e-3, max_value=1e3))
def test_points_are_invariant_to_scaling(points: dict[str, float], c: float) -> None:
    group = Group("root", tuple(points), ())
    scaled = {k: v * c for k, v in points.items()}
    np.testing.assert_allclose(
        Points(scaled).weigh(group), Points(points).weigh(group), rtol=1e-12, atol=1e-15
    )


# -- swing -------------------------------------------------------------------------------------

TURNOVER = Metric(
    "turnover",
    "Staff turnover",
    unit="%",
    direction="lower",
    scale=Linear(worst=40, best=8),
)
CQC = Metric(
    "cqc",
    "CQC rating",
    direction="higher",
    scale=Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"]),
)
OUTCOMES = Domain(
    "outcomes",
    "Outcomes",
    metrics=[
        Metric(
            "completions",
            "Completions",
            unit="%",
            direction="higher",
            scale=Linear(worst=10, best=60),
        ),
    ],
)


def test_swing_weights_are_ratings_over_their_total() -> None:
    w = Swing({"turnover": 100, "cqc": 60, "outcomes": 40}).weigh(
        Group("root", ("outcomes", "turnover", "cqc"), (OUTCOMES, TURNOVER, CQC))
    )
    np.testing.assert_allclose(w, [0.2, 0.5, 0.3], rtol=0, atol=1e-15)


def test_swing_describe_records_each_swing_range() -> None:
    group = Group("root", ("outcomes", "turnover", "cqc"), (OUTCOMES, TURNOVER, CQC))
    info = Swing({"turnover": 100, "cqc": 60, "outcomes": 100}).describe(group)
    assert info["points"] == {"outcomes": 100.0, "turnover": 100.0, "cqc": 60.0}
    assert info["reference"] == ["outcomes", "turnover"]
    assert info["swings"]["turnover"] == {"worst": 40.0, "best": 8.0, "unit": "%"}
    assert info["swings"]["cqc"] == {
        "worst": 1.0,
        "best": 4.0,
        "unit": "",
        "worst_level": "Inadequate",
        "best_level": "Outstanding",
    }
    assert info["swings"]["outcomes"] == "all metrics worst → best"
    assert json.loads(json.dumps(info)) == info


@pytest.mark.parametrize(
    ("points", "match"),
    [
        ({"a": 80, "b": 60}, r"most important swing must be rated 100 .* highest rating is 80"),
        ({"a": 100, "b": 120}, r"swing: 'b' is rated 120; swing ratings must lie in \[0, 100\]"),
        ({"a": 100, "b": -5}, r"swing: 'b' has -5.0 points; swing ratings must lie in \[0, 100\]"),
        ({"a": 100, "b": math.nan}, r"'b' has nan points"),
        ({"a": 0, "b": 0}, "highest rating is 0"),
        ({"a": "big"}, "must be a number"),
    ],
)
def test_bad_swings_are_refused(points: Any, match: str) -> None:
    with pytest.raises(WeightError, match=match):
        Swing(points)


def test_swing_must_name_exactly_the_children() -> None:
    with pytest.raises(
        WeightError,
        match=r"swing points for the children of 'workforce' .* "
        r"missing 'vacancies'",
    ):
        Swing({"turnover": 100}).weigh(group_of("turnover", "vacancies", parent="workforce"))


@st.composite
def swings(draw: st.DrawFn) -> dict[str, float]:
    n = draw(st.integers(min_value=1, max_value=10))
    ratings = draw(st.lists(st.floats(min_value=0, max_value=100), min_size=n, max_size=n))
    ratings[draw(st.integers(min_value=0, max_value=n - 1))] = 100.0
    return dict(zip(child_ids(n), ratings, strict=True))


@given(swings())
def test_swing_gives_valid_weights_and_the_reference_the_most(points: dict[str, float]) -> None:
    w = Swing(points).weigh(Group("root", tuple(points), ()))
    assert_valid_weights(w, len(points))
    top = [k for k, v in points.items() if v == 100.0]
    assert w[list(points).index(top[0])] == pytest.approx(w.max(), rel=0, abs=0)
