"""Combining and agreement against published worked examples.

- Kendall's W: the Siegel and Castellan (1988) example and the ``anxiety`` data with ties, as
  published in the R package DescTools' ``KendallW`` help (W = 0.6560847; tie-corrected
  W = 0.5396569).
- AHP group aggregation: ahpsurvey's ``city200`` (tests/data/README.md): its README's
  individual eigenvector priorities of decision makers 1-6 (ahpsurvey stops its power
  iteration after 11 steps, so its figures differ from the exact eigenvector by up to 6e-8,
  and its aggregate by up to 2e-7), its vignette's element-wise
  geometric mean of all 200 matrices (AIJ, printed to 3 decimals), and its README's geometric
  mean of the 200 eigenvector priorities (AIP; ahpsurvey does not renormalise, so the published
  vector sums to 0.98685 and ours is it divided by its sum).
- Goepel's consensus indicator (IJAHP 2018, section 9): k members each putting a different one
  of k children 9 times above the others give a consensus of exactly 0; identical members 1.
"""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from scorecard import Domain, Metric, Scorecard
from scorecard.scales import Linear
from scorecard.stakeholders import AIJ, AIP, Lens, Member, combine, elicit, geometric_mean_matrix
from scorecard.stakeholders._concordance import ahp_consensus, consensus_band, kendall_w
from scorecard.weighting import AHP

DATA = Path(__file__).parent.parent / "data"
CITY = ("cult", "fam", "house", "jobs", "trans")


def test_kendalls_w_of_siegel_and_castellans_three_raters() -> None:
    ranks = np.array(
        [[5, 6, 7, 1, 2, 4, 3, 8], [1, 7, 6, 2, 3, 5, 4, 8], [4, 5, 1, 3, 2, 7, 6, 8]], float
    )
    assert kendall_w(ranks) == pytest.approx(0.6560847, abs=5e-8)
    assert 3 * 7 * kendall_w(ranks) == pytest.approx(13.778, abs=5e-4)  # chi-square, df 7


def test_kendalls_w_of_the_anxiety_ratings_with_ties() -> None:
    raters = np.array(
        [
            [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
            [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
            [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
        ],
        float,
    )
    assert kendall_w(raters) == pytest.approx(0.5396569, abs=5e-8)
    assert 3 * 19 * kendall_w(raters) == pytest.approx(30.76, abs=5e-3)
    assert kendall_w(raters, ties=False) == pytest.approx(0.5019215, abs=5e-8)


def _city_matrices() -> np.ndarray:
    with (DATA / "city200.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = np.ones((len(rows), 5, 5))
    for k, row in enumerate(rows):
        for (i, a), (j, b) in combinations(enumerate(CITY), 2):
            v = float(row[f"{a}_{b}"])
            cell = 1.0 / v if v > 0 else -v
            out[k, i, j], out[k, j, i] = cell, 1.0 / cell
    return out


CITY_MATRICES = _city_matrices()


def test_the_individual_priorities_of_city200_are_ahpsurveys() -> None:
    published = [
        [0.1709466, 0.4587181, 0.08547330, 0.2507636, 0.03409845],
        [0.2291009, 0.3935620, 0.08292558, 0.2531962, 0.04121537],
        [0.1540045, 0.4921905, 0.08239372, 0.2213908, 0.05002052],
        [0.1242495, 0.4634863, 0.06162027, 0.3159930, 0.03465092],
        [0.1521676, 0.3556904, 0.07239889, 0.3748108, 0.04493236],
        [0.1536560, 0.4738939, 0.07106456, 0.2516808, 0.04970479],
    ]
    for k, expected in enumerate(published):
        found = AHP(CITY, CITY_MATRICES[k]).priorities
        assert [found[c] for c in CITY] == pytest.approx(expected, abs=1e-7)


def test_the_geometric_mean_of_the_200_judgements_is_ahpsurveys() -> None:
    published = np.array(
        [
            [1.000, 0.220, 3.093, 0.488, 4.64],
            [4.541, 1.000, 6.461, 1.704, 6.15],
            [0.323, 0.155, 1.000, 0.249, 2.93],
            [2.048, 0.587, 4.019, 1.000, 7.04],
            [0.216, 0.163, 0.342, 0.142, 1.00],
        ]
    )
    pooled = geometric_mean_matrix(CITY_MATRICES, np.ones(len(CITY_MATRICES)))
    printed = np.full((5, 5), 0.0005)  # half the last printed digit: three decimals,
    printed[:, 4] = 0.005  # two in the last column
    assert np.all(np.abs(pooled - published) <= printed + 1e-12)


def _city_card() -> Scorecard:
    metrics = [Metric(c, c, direction="higher", scale=Linear(worst=0, best=1)) for c in CITY]
    return Scorecard("City", domains=[Domain("city", "Choosing a city", metrics=metrics)])


def test_combining_the_200_members_separately_is_ahpsurveys_aggregate() -> None:
    card = _city_card()
    members = [Member(f"DM {k + 1}", {"city": AHP(CITY, m)}) for k, m in enumerate(CITY_MATRICES)]
    lens = Lens("city200", members)
    apart = combine(elicit(card, lens), acting="separately")
    published = np.array([0.15261018, 0.44827276, 0.07052519, 0.27579123, 0.03965027])
    assert published.sum() == pytest.approx(0.98685, abs=5e-6)  # not renormalised by ahpsurvey
    assert [apart.weights[c] for c in CITY] == pytest.approx(
        list(published / published.sum()), abs=5e-7
    )
    assert apart.rules["city"] == AIP
    as_one = combine(elicit(card, lens), acting="as one")
    assert as_one.rules["city"] == AIJ
    pooled = AHP(CITY, geometric_mean_matrix(CITY_MATRICES, np.ones(200))).priorities
    assert [as_one.weights[c] for c in CITY] == pytest.approx([pooled[c] for c in CITY], abs=1e-12)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 7, 10])
def test_goepels_consensus_is_zero_when_each_member_favours_another_child(n: int) -> None:
    extreme = np.full((n, n), 1.0 / (n + 8))
    np.fill_diagonal(extreme, 9.0 / (n + 8))
    assert ahp_consensus(extreme) == pytest.approx(0.0, abs=1e-12)
    same = np.tile(extreme[0], (3, 1))
    assert ahp_consensus(same) == pytest.approx(1.0, abs=1e-12)


def test_goepels_bands_are_the_papers() -> None:
    words = [consensus_band(x) for x in (0.3, 0.5, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9)]
    assert words == ["very low", "very low", "low", "low", "moderate", "high", "high", "very high"]
