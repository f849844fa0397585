"""Common ground: overlap and compromise checked with scipy; robust winners at members' weights."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import scorecard as sc
from cards import grid_card
from scorecard.errors import StakeholderError
from scorecard.stakeholders import Lens, Member, common_ground, elicit, robust_winners
from scorecard.weighting import Points

CARD = grid_card(1, 3)  # root: d0; d0: m00 m01 m02
IDS = ["m00", "m01", "m02"]


def lens(name: str, rows: list[list[float]]) -> Lens:
    return Lens(
        name,
        [
            Member(f"{name} {k}", {"d0": Points(dict(zip(IDS, r, strict=True)))})
            for k, r in enumerate(rows)
        ],
    )


def in_hull(point: np.ndarray, vertices: np.ndarray) -> bool:
    """scipy's HiGHS: is ``point`` a convex combination of ``vertices``' rows?"""
    k = vertices.shape[0]
    a_eq = np.vstack([vertices.T, np.ones((1, k))])
    found = linprog(
        np.zeros(k), A_eq=a_eq, b_eq=np.append(point, 1.0), bounds=(0, None), method="highs"
    )
    return bool(found.status == 0)


def test_overlapping_regions_meet_in_the_compromise() -> None:
    a = lens("commissioners", [[6, 3, 1], [4, 4, 2], [5, 2, 3]])
    b = lens("people using services", [[4, 4, 2], [2, 5, 3]])
    found = common_ground([elicit(CARD, a), elicit(CARD, b)])
    ground = found.nodes["d0"]
    assert ground.overlap
    for e in (elicit(CARD, a), elicit(CARD, b)):
        assert in_hull(ground.compromise, e.local["d0"])
    assert found.weights.provenance["d0"].scheme == "compromise"
    assert "overlap" in found.describe()[1]


def test_separate_regions_get_the_minimax_point() -> None:
    a = lens("a", [[8, 1, 1], [7, 2, 1]])
    b = lens("b", [[1, 1, 8], [1, 2, 7]])
    ground = common_ground([elicit(CARD, a), elicit(CARD, b)]).nodes["d0"]
    assert not ground.overlap
    assert not ground.boxes_meet
    hulls = [elicit(CARD, a).local["d0"], elicit(CARD, b).local["d0"]]
    assert ground.distance == pytest.approx(_scipy_minimax(hulls), abs=1e-9)
    stated = max(_linf_to_hull(ground.compromise, h) for h in hulls)
    assert stated == pytest.approx(ground.distance, abs=1e-9)  # the compromise is that far


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=3),
    spread=st.floats(0.5, 30),
)
def test_the_overlap_test_agrees_with_a_direct_check(
    seed: int, sizes: list[int], spread: float
) -> None:
    rng = np.random.default_rng(seed)
    lenses = [
        elicit(
            CARD,
            lens(
                f"L{g}",
                rng.dirichlet(
                    np.full(3, spread) * rng.dirichlet(np.ones(3)) * 3 + 0.2, size=n
                ).tolist(),
            ),
        )
        for g, n in enumerate(sizes)
    ]
    ground = common_ground(lenses).nodes["d0"]
    hulls = [e.local["d0"] for e in lenses]
    if ground.overlap:
        assert all(in_hull(ground.compromise, h) for h in hulls)  # a point in every region
    else:
        # Sampling the first region finds no point that lies in all the others
        points = rng.dirichlet(np.ones(len(hulls[0])), size=60) @ hulls[0]
        assert not any(all(in_hull(p, h) for h in hulls[1:]) for p in points)
        assert ground.distance == pytest.approx(_scipy_minimax(hulls), abs=1e-8)


def _scipy_minimax(hulls: list[np.ndarray]) -> float:
    """min over the simplex of the largest L-infinity distance to each hull (scipy)."""
    m = hulls[0].shape[1]
    sizes = [h.shape[0] for h in hulls]
    n = m + sum(sizes) + 1  # x, every lambda, t
    c = np.zeros(n)
    c[-1] = 1.0
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    row_sum = np.zeros(n)
    row_sum[:m] = 1.0
    a_eq.append(row_sum)
    b_eq.append(1.0)
    start = m
    for h, size in zip(hulls, sizes, strict=True):
        lam = np.zeros(n)
        lam[start : start + size] = 1.0
        a_eq.append(lam)
        b_eq.append(1.0)
        for j in range(m):
            for sign in (1.0, -1.0):  # +-(x_j - V' lambda) <= t
                row = np.zeros(n)
                row[j] = sign
                row[start : start + size] = -sign * h[:, j]
                row[-1] = -1.0
                a_ub.append(row)
                b_ub.append(0.0)
        start += size
    found = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return float(found.fun)


def _linf_to_hull(point: np.ndarray, vertices: np.ndarray) -> float:
    """min over the hull of the largest coordinate gap (scipy, independently)."""
    k, m = vertices.shape
    # variables: lambda (k), t; |point - V' lambda| <= t
    c = np.zeros(k + 1)
    c[-1] = 1.0
    a_ub = np.vstack(
        [np.hstack([-vertices.T, -np.ones((m, 1))]), np.hstack([vertices.T, -np.ones((m, 1))])]
    )
    b_ub = np.concatenate([-point, point])
    a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    found = linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=(0, None), method="highs"
    )
    return float(found.fun)


def test_robust_winners_hold_at_every_combination_of_members_weights() -> None:
    card = grid_card(2, 2)  # root: d0 d1; d0: m00 m01; d1: m10 m11
    rng = np.random.default_rng(4)
    values = rng.uniform(0.1, 0.9, size=(5, 4))
    values[2] = [0.95, 0.9, 0.92, 0.9]  # C is best on everything: first whichever weights
    table = sc.PerformanceTable(tuple("ABCDE"), card.metric_ids, values)
    ev = card.evaluate(table)

    def member(name: str, root: list[float], d0: list[float]) -> Member:
        return Member(
            name,
            {
                "root": Points({"d0": root[0], "d1": root[1]}),
                "d0": Points({"m00": d0[0], "m01": d0[1]}),
            },
        )

    lenses = [
        elicit(card, Lens("a", [member("a1", [3, 1], [1, 1]), member("a2", [2, 1], [3, 1])])),
        elicit(card, Lens("b", [member("b1", [1, 3], [1, 2]), member("b2", [1, 1], [1, 4])])),
    ]
    found = robust_winners(ev, lenses, samples=2_000, level=0.999)
    assert found.for_everyone == ("C",)
    # Verified directly: scores are multilinear in each node's local weights, so C is first in
    # every sample exactly when it is first at every combination of the members' weightings
    # (d1 unanswered: its corners, all weight on one metric or the other).
    for e in lenses:
        rows_root = e.local["root"]
        rows_d0 = e.local["d0"]
        for r, d, corner in itertools.product(rows_root, rows_d0, ([1.0, 0.0], [0.0, 1.0])):
            weights = {
                "d0": r[0],
                "d1": r[1],
                "m00": d[0],
                "m01": d[1],
                "m10": corner[0],
                "m11": corner[1],
            }
            assert card.evaluate(table, weights=weights).ranking[0] == "C"
    assert found.acceptability.shape == (3, 5)
    assert found.acceptability[:, 2].min() == pytest.approx(1.0)
    assert "C: first in at least 100% of the weightings of every lens" in found.describe()


def test_a_winner_for_one_lens_only_is_named_with_it() -> None:
    card = grid_card(1, 2)
    table = sc.PerformanceTable(("A", "B"), card.metric_ids, [[0.9, 0.1], [0.1, 0.9]])
    ev = card.evaluate(table)
    lenses = [
        elicit(card, Lens("first metric", [Member("x", {"d0": Points({"m00": 9, "m01": 1})})])),
        elicit(card, Lens("second metric", [Member("y", {"d0": Points({"m00": 1, "m01": 9})})])),
    ]
    found = robust_winners(ev, lenses, samples=500)
    assert found.for_everyone == ()
    assert found.for_some == {"A": ("first metric",), "B": ("second metric",)}


def test_common_ground_needs_two_lenses_on_one_card() -> None:
    one = elicit(CARD, lens("a", [[1, 1, 1]]))
    with pytest.raises(StakeholderError, match="at least two lenses"):
        common_ground([one])
    with pytest.raises(StakeholderError, match="same scorecard"):
        common_ground([one, elicit(grid_card(1, 3), lens("b", [[1, 1, 1]]))])
