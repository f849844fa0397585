"""The synthetic lenses of the example: the differences they are built to show, and their use."""

from __future__ import annotations

import scorecard as sc
from scorecard.stakeholders import (
    AIP,
    combine,
    common_ground,
    elicit,
    example_lenses,
    node_agreement,
    rank_agreement,
    robust_winners,
)

CARD = sc.catalog.balanced()
TABLE = sc.datasets.example()


def test_four_groups_of_three_to_eight_with_the_stated_differences() -> None:
    lenses = example_lenses()
    assert [len(lens.members) for lens in lenses] == [5, 4, 3, 8]
    combined = {lens.name: combine(elicit(CARD, lens)) for lens in lenses}
    w = {name: c.weights for name, c in combined.items()}
    people, commissioners = w["people using services"], w["commissioners"]
    for domain in ("connection", "continuity"):  # people using services weigh these higher
        assert people[domain] > max(v[domain] for n, v in w.items() if n != "people using services")
    for domain in ("value", "outcomes"):  # commissioners: value for money and outcomes
        assert commissioners[domain] > people[domain]
    assert commissioners["value"] == max(v["value"] for v in w.values())
    assert commissioners["treatment_exits"] > people["treatment_exits"]  # completions
    assert combined["clinicians"].rules["root"] == AIP  # they answered by pairwise comparison
    missing_root = [m for m, node in combined["people using services"].missing if node == "root"]
    assert missing_root == ["people using services 7", "people using services 8"]
    again = {lens.name: combine(elicit(CARD, lens)).weights for lens in example_lenses()}
    assert all(again[n].local == w[n].local for n in w)  # one seed, the same lenses


def test_the_example_lenses_run_through_agreement_common_ground_and_smaa() -> None:
    elicited = [elicit(CARD, lens) for lens in example_lenses()]
    assert all(0.5 < node_agreement(e)["root"].w <= 1 for e in elicited)
    evaluations = {e.lens.name: CARD.evaluate(TABLE, weights=combine(e).weights) for e in elicited}
    agreement = rank_agreement(evaluations)
    assert agreement.tau.min() > 0.5  # the lenses broadly agree on the providers
    ground = common_ground(elicited)
    assert not ground.nodes["root"].overlap  # but their weight regions do not meet at the root
    assert ground.nodes["root"].distance < 0.2
    winners = robust_winners(CARD.evaluate(TABLE), elicited, samples=1_000)
    assert winners.acceptability.shape == (5, 16)
    assert winners.describe()
