"""Lenses and their members: answers per node, combining rules, agreement, bad input named."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from cards import grid_card
from scorecard.errors import StakeholderError
from scorecard.stakeholders import (
    AIJ,
    AIP,
    EQUAL,
    MEAN,
    Lens,
    Member,
    combine,
    elicit,
    geometric_mean_matrix,
)
from scorecard.stakeholders._agreement import node_agreement, rank_agreement
from scorecard.stakeholders._concordance import kendall_tau, kendall_w, mid_ranks, spearman
from scorecard.weighting import AHP, Points, RankOrderCentroid, WeightingScheme

CARD = grid_card(2, 3)  # root: d0, d1; d0: m00 m01 m02; d1: m10 m11 m12


def ahp(ids: list[str], a: float, b: float, c: float) -> AHP:
    """A 3x3 reciprocal matrix: ids[0] vs ids[1] = a, ids[0] vs ids[2] = b, ids[1] vs ids[2] = c."""
    return AHP(ids, [[1, a, b], [1 / a, 1, c], [1 / b, 1 / c, 1]])


def weights_of(found: object, nodes: list[str]) -> list[float]:
    return [found.weights[n] for n in nodes]  # type: ignore[attr-defined]


# -- combining ---------------------------------------------------------------------------------


def test_one_member_is_their_own_weights_under_every_rule() -> None:
    answers: dict[str, WeightingScheme] = {
        "root": Points({"d0": 3, "d1": 1}),
        "d0": ahp(["m00", "m01", "m02"], 3, 5, 2),
    }
    member = Member("Ana", answers)
    alone = sc.weighting.resolve(CARD, answers)
    for acting in ("separately", "as one"):
        found = combine(elicit(CARD, Lens("carers", [member])), acting=acting)
        for node in ("d0", "d1", "m00", "m01", "m02"):
            assert found.weights[node] == pytest.approx(alone[node], abs=1e-12), (acting, node)
    assert found.rules["d1"] == EQUAL
    assert found.missing == (("Ana", "d1"),)


def test_the_mean_of_local_weights_weighs_members_by_their_voice() -> None:
    lens = Lens(
        "providers",
        [
            Member("A", {"root": Points({"d0": 1, "d1": 1})}),
            Member("B", {"root": Points({"d0": 3, "d1": 1})}, weight=3),
            Member("C", {}),  # answered nothing: left out, and reported
        ],
    )
    found = combine(elicit(CARD, lens))
    assert found.weights["d0"] == pytest.approx((0.5 + 3 * 0.75) / 4)
    assert found.rules["root"] == MEAN
    assert found.answered["root"] == ("A", "B")
    assert ("C", "root") in found.missing
    provenance = found.weights.provenance["root"]
    assert provenance.scheme == "lens"
    assert provenance.parameters["missing"] == ["C"]


def test_ahp_answers_pool_by_judgements_as_one_and_by_priorities_separately() -> None:
    ids = ["m00", "m01", "m02"]
    members = [Member("A", {"d0": ahp(ids, 2, 4, 2)}), Member("B", {"d0": ahp(ids, 1 / 2, 3, 5)})]
    lens = Lens("clinicians", members)
    as_one = combine(elicit(CARD, lens), acting="as one")
    pooled = geometric_mean_matrix(
        np.stack([np.array(m.answers["d0"].matrix) for m in members]),  # type: ignore[attr-defined]
        np.ones(2),
    )
    expected = AHP(ids, pooled).priorities
    assert weights_of(as_one, ids) == pytest.approx([expected[c] for c in ids], abs=1e-12)
    assert as_one.rules["d0"] == AIJ
    assert "d0" in as_one.consistency
    apart = combine(elicit(CARD, lens), acting="separately")
    p = np.array([[m.answers["d0"].priorities[c] for c in ids] for m in members])  # type: ignore[attr-defined]
    geo = np.exp(np.log(p).mean(axis=0))
    assert weights_of(apart, ids) == pytest.approx(list(geo / geo.sum()), abs=1e-12)
    assert apart.rules["d0"] == AIP


def test_mixed_schemes_at_a_node_use_the_mean() -> None:
    ids = ["m00", "m01", "m02"]
    lens = Lens(
        "mixed",
        [Member("A", {"d0": ahp(ids, 2, 4, 2)}), Member("B", {"d0": RankOrderCentroid(ids)})],
    )
    found = combine(elicit(CARD, lens), acting="as one")
    assert found.rules["d0"] == MEAN


@settings(max_examples=60, deadline=None)
@given(
    judgements=st.lists(
        st.tuples(*(st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1, 2, 3, 5, 7, 9]),) * 3),
        min_size=1,
        max_size=6,
    ),
    voices=st.lists(st.floats(0.1, 10), min_size=6, max_size=6),
)
def test_the_geometric_mean_of_reciprocal_judgements_is_reciprocal(
    judgements: list[tuple[float, float, float]], voices: list[float]
) -> None:
    ids = ["m00", "m01", "m02"]
    matrices = np.stack([np.array(ahp(ids, *j).matrix) for j in judgements])
    pooled = geometric_mean_matrix(matrices, np.array(voices[: len(judgements)]))
    np.testing.assert_allclose(pooled * pooled.T, np.ones((3, 3)), rtol=1e-12)
    np.testing.assert_allclose(np.diag(pooled), 1.0)


@settings(max_examples=40, deadline=None)
@given(
    points=st.lists(
        st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9)), min_size=2, max_size=6
    ),
    seed=st.integers(0, 1000),
    acting=st.sampled_from(["separately", "as one"]),
)
def test_the_order_of_members_never_matters(
    points: list[tuple[int, int, int]], seed: int, acting: str
) -> None:
    ids = ["m10", "m11", "m12"]
    members = [
        Member(
            f"P{k}",
            {
                "d1": Points(dict(zip(ids, p, strict=True))),
                "d0": ahp(["m00", "m01", "m02"], p[0], p[1], p[2]),
            },
            weight=1 + k % 3,
        )
        for k, p in enumerate(points)
    ]
    order = np.random.default_rng(seed).permutation(len(members))
    a = combine(elicit(CARD, Lens("g", members)), acting=acting)  # type: ignore[arg-type]
    b = combine(elicit(CARD, Lens("g", [members[k] for k in order])), acting=acting)  # type: ignore[arg-type]
    for node in a.weights.local:
        assert a.weights[node] == pytest.approx(b.weights[node], abs=1e-12)


# -- bad input ---------------------------------------------------------------------------------


def test_every_bad_answer_names_the_lens_member_and_node() -> None:
    with pytest.raises(StakeholderError, match="lens 'carers' has no members"):
        Lens("carers", [])
    with pytest.raises(StakeholderError, match="lens 'carers': a member has no name"):
        Lens("carers", [Member(" ", {})])
    with pytest.raises(StakeholderError, match="member 'Ana' appears twice"):
        Lens("carers", [Member("Ana", {}), Member("Ana", {})])
    cases: list[tuple[dict[str, WeightingScheme], str]] = [
        ({"nowhere": Points({"a": 1})}, "member 'Ana': answers node 'nowhere', which is not in"),
        ({"m00": Points({"a": 1})}, "answers node 'm00', which is a metric"),
        ({"root": sc.weighting.Entropy()}, "node 'root': 'entropy' is not a judgement a person"),
        (
            {"d0": AHP(["m00", "m01"], [[1, 2], [1 / 2, 1]])},
            "lens 'carers', member 'Ana', node 'd0'",
        ),
        ({"root": Points({"d0": 1, "dx": 1})}, "lens 'carers', member 'Ana', node 'root'"),
    ]
    for answers, message in cases:
        with pytest.raises(StakeholderError, match=message):
            elicit(CARD, Lens("carers", [Member("Ana", answers)]))
    with pytest.raises(StakeholderError, match="positive"):
        Member("Ana", {}, weight=0)


# -- agreement ---------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    m=st.integers(2, 6),
    n=st.integers(2, 7),
    seed=st.integers(0, 10_000),
    levels=st.integers(2, 9),
)
def test_kendalls_w_is_friedmans_chi_square_over_m_n_minus_1(
    m: int, n: int, seed: int, levels: int
) -> None:
    values = np.random.default_rng(seed).integers(0, levels, size=(m, n)).astype(float)
    ours = kendall_w(values)
    if n < 3:  # scipy's Friedman test needs three items; check the definition directly
        r = mid_ranks(values)
        s = ((r.sum(axis=0) - r.sum(axis=0).mean()) ** 2).sum()
        ties = sum(((c := np.unique(row, return_counts=True)[1]) ** 3 - c).sum() for row in r)
        den = m**2 * (n**3 - n) - m * ties
        assert (np.isnan(ours) and den == 0) or ours == pytest.approx(12 * s / den)
        return
    if (values == values[:, :1]).all(axis=1).all():
        assert np.isnan(ours)
        return
    chi2 = ss.friedmanchisquare(*values.T).statistic  # ties corrected, on ascending ranks
    assert ours == pytest.approx(chi2 / (m * (n - 1)), rel=1e-9)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 40))
def test_rank_correlations_match_scipy(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 6, n).astype(float), rng.integers(0, 6, n).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns on a constant input (NaN, as ours)
        tau, rho = ss.kendalltau(a, b).statistic, ss.spearmanr(a, b).statistic
    for ours, theirs in ((kendall_tau(a, b), tau), (spearman(a, b), rho)):
        assert (np.isnan(ours) and np.isnan(theirs)) or ours == pytest.approx(theirs, abs=1e-12)


def test_agreement_per_node_and_between_lenses() -> None:
    ids = ["d0", "d1"]
    lens = Lens(
        "people using services",
        [
            Member("A", {"root": Points({"d0": 3, "d1": 1})}),
            Member("B", {"root": Points({"d0": 2, "d1": 1})}),
            Member("C", {"root": Points({"d0": 1, "d1": 4})}),
        ],
    )
    found = node_agreement(elicit(CARD, lens))["root"]
    assert found.answered == 3
    assert found.span.tolist() == pytest.approx([0.75 - 0.2, 0.8 - 0.25])
    assert found.w == pytest.approx(kendall_w(np.array([[3, 1], [2, 1], [1, 4]])))
    assert "Kendall's W" in found.describe()
    inconsistent = Lens("x", [Member("A", {"d0": ahp(["m00", "m01", "m02"], 9, 1 / 9, 9)})])
    assert [(m, n) for m, n, _ in elicit(CARD, inconsistent).inconsistent] == [("A", "d0")]
    table = sc.PerformanceTable(
        ("P", "Q", "R"), CARD.metric_ids, np.random.default_rng(1).uniform(size=(3, 6))
    )
    one = CARD.evaluate(table, weights={"root": Points({"d0": 9, "d1": 1})})
    other = CARD.evaluate(table, weights={"root": Points({"d0": 1, "d1": 9})})
    agreement = rank_agreement({"commissioners": one, "people using services": other})
    assert agreement.tau[0, 1] == pytest.approx(kendall_tau(one.scores, other.scores))
    assert agreement.describe()[0].startswith("commissioners and people using services")
    assert found.children == tuple(ids)


def test_an_ahp_node_reports_goepels_consensus_with_its_band() -> None:
    ids = ["m00", "m01", "m02"]
    same = Lens(
        "g", [Member("A", {"d0": ahp(ids, 3, 5, 2)}), Member("B", {"d0": ahp(ids, 3, 5, 2)})]
    )
    found = node_agreement(elicit(CARD, same))["d0"]
    assert found.consensus == pytest.approx(1.0)
    assert found.band == "very high"
    assert "AHP consensus 100% (very high)" in found.describe()
    mixed = Lens(
        "g",
        [
            Member("A", {"d0": ahp(ids, 3, 5, 2)}),
            Member("B", {"d0": Points(dict.fromkeys(ids, 1))}),
        ],
    )
    assert np.isnan(node_agreement(elicit(CARD, mixed))["d0"].consensus)
