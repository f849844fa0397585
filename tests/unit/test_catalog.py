from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest

import scorecard as sc
from scorecard import ROOT, Domain, Metric, MissingPolicy, Scorecard, global_weights
from scorecard.catalog import _all_metrics as metrics_module
from scorecard.catalog import _outcomes as outcomes_module
from scorecard.catalog import (
    balanced,
    completions_domain,
    completions_only,
    connection_domain,
    continuity_domain,
    metrics,
    outcomes_domain,
    quality_domain,
    training_domain,
    treatment_exits_domain,
    value_domain,
)
from scorecard.catalog._presets import BALANCED_POINTS
from scorecard.catalog._quality import CQC_LEVELS, CQC_SCALE
from scorecard.catalog._sources import SOURCES, plausible_range, tags
from scorecard.errors import TreeError
from scorecard.scales import Ordinal
from scorecard.weighting import resolve

PRESETS = (balanced, completions_only)
NOT_IN_BALANCED = {"representation_6m", "tupe_retention_12m", "cqc_effective", "cqc_overall"}


# -- the catalogue --------------------------------------------------------------------------------


def test_metric_ids_are_unique_across_the_catalogue() -> None:
    every = [m.id for module in metrics_module._MODULES for m in module.METRICS]
    assert len(every) == len(set(every)) == len(metrics())


def test_a_repeated_id_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    twice = (*metrics_module._MODULES, outcomes_module)
    monkeypatch.setattr(metrics_module, "_MODULES", twice)
    with pytest.raises(TreeError, match="'top_opiate_abstinent' is defined twice"):
        metrics()


def test_every_metric_is_documented_with_its_sources() -> None:
    for m in metrics().values():
        assert m.label.strip(), m.id
        assert m.unit.strip(), m.id
        assert len(m.description) > 30, m.id
        assert m.source.strip(), m.id
        cited = tags(m.source)
        assert cited or "[E]" in m.source, m.id
        assert set(cited) <= set(SOURCES), f"{m.id} cites unknown {set(cited) - set(SOURCES)}"


def test_estimates_are_marked_as_estimates() -> None:
    for m in metrics().values():
        if "estimate" in m.source:
            assert "[E]" in m.source, m.id


def test_tags_resolve_in_order_and_skip_k_and_e() -> None:
    assert tags("x [S6]; y [S6,S7] z [K] [E] [K/E]") == ("S6", "S7")
    assert "[E]" in plausible_range(30, 8, "%")


def test_only_metrics_that_can_be_absent_exclude_missing_values() -> None:
    excluded = {m.id for m in metrics().values() if m.missing is MissingPolicy.EXCLUDE}
    assert excluded == {"continuity_of_care_prison", "tupe_retention_12m"}


def test_cqc_metrics_are_ordinal_with_the_four_cqc_levels() -> None:
    cqc = [m for m in metrics().values() if m.id.startswith("cqc_")]
    assert {m.id for m in cqc} == {
        "cqc_safe",
        "cqc_effective",
        "cqc_caring",
        "cqc_responsive",
        "cqc_well_led",
        "cqc_overall",
    }
    assert CQC_LEVELS == ("Inadequate", "Requires improvement", "Good", "Outstanding")
    for m in cqc:
        assert isinstance(m.scale, Ordinal)
        assert m.scale.levels == CQC_LEVELS
        assert (m.scale.worst, m.scale.best) == (1.0, 4.0)
    assert [CQC_SCALE.code(level) for level in CQC_LEVELS] == [1, 2, 3, 4]


def test_caseload_scores_full_marks_up_to_good_practice_then_falls() -> None:
    scale = metrics()["caseload_per_worker"].scale
    got = scale.value(np.array([25.0, 40.0, 50.0, 60.0, 90.0, 120.0]))
    np.testing.assert_allclose(got, [1.0, 1.0, 0.7, 0.4, 0.0, 0.0])


def test_contract_stability_has_diminishing_returns() -> None:
    scale = metrics()["contract_years_stable"].scale
    steps = np.diff(scale.value(np.arange(0.0, 13.0)))
    assert (steps >= 0).all()
    assert steps[0] > steps[-1]


@pytest.mark.parametrize(
    ("metric", "worst", "best"),
    [
        ("sc_opiate_no_rep", 2, 12),
        ("early_unplanned_exit", 30, 8),
        ("staff_turnover", 40, 8),
        ("cost_per_successful_completion", 30_000, 4_000),
        ("continuity_of_care_prison", 15, 75),
    ],
)
def test_scales_span_the_plausible_provider_range(metric: str, worst: float, best: float) -> None:
    scale = metrics()[metric].scale
    assert (scale.worst, scale.best) == (worst, best)


# -- domains and presets --------------------------------------------------------------------------


def test_domain_builders_give_equal_fresh_domains() -> None:
    for build in (
        outcomes_domain,
        connection_domain,
        continuity_domain,
        training_domain,
        quality_domain,
        value_domain,
        completions_domain,
        treatment_exits_domain,
    ):
        first, second = build(), build()
        assert isinstance(first, Domain)
        assert first == second


def test_balanced_has_the_six_domains_and_nested_outcomes() -> None:
    card = balanced()
    assert card.name == "Balanced drug and alcohol treatment scorecard"
    assert [d.id for d in card.domains] == [
        "outcomes",
        "connection",
        "continuity",
        "training",
        "quality",
        "value",
    ]
    assert len(card.domains[0].domains) > 1
    assert card.path("sc_opiate_no_rep") == ("outcomes", "treatment_exits", "sc_opiate_no_rep")
    assert set(card.metric_ids) == set(metrics()) - NOT_IN_BALANCED


@pytest.mark.parametrize("preset", PRESETS)
def test_preset_ids_are_unique_and_weights_valid(preset: Callable[[], Scorecard]) -> None:
    card = preset()
    ids = [node.id for node in card.walk()]
    assert len(ids) == len(set(ids))
    assert card.weights is not None
    checked = card.check_weights(card.weights)
    resolved = resolve(card, None)
    assert dict(resolved.local) == pytest.approx(dict(checked.local))
    assert set(resolved.provenance) == set(card.groups)
    assert math.isclose(global_weights(card, resolved).sum(), 1.0)


def test_balanced_weights_record_the_point_allocation() -> None:
    card = balanced()
    weights = resolve(card, None)
    for parent, children in card.groups.items():
        provenance = weights.provenance[parent]
        assert provenance.scheme == "points"
        points = provenance.parameters["points"]
        assert tuple(points) == children
        assert provenance.parameters["total"] == sum(points.values())
        assert provenance.parameters["rationale"]
        total = sum(points.values())
        for child in children:
            assert weights[child] == pytest.approx(points[child] / total)
    assert set(BALANCED_POINTS) == set(card.groups)
    top = {d.id: weights[d.id] for d in card.domains}
    assert top == pytest.approx(
        {
            "outcomes": 0.30,
            "connection": 0.15,
            "continuity": 0.15,
            "training": 0.10,
            "quality": 0.20,
            "value": 0.10,
        }
    )


def test_completions_only_shares_metrics_with_balanced() -> None:
    status_quo, card = completions_only(), balanced()
    assert set(status_quo.metric_ids) < set(card.metric_ids)
    for mid in status_quo.metric_ids:
        assert status_quo.metric(mid) == card.metric(mid)
    assert resolve(status_quo, None).provenance[ROOT].scheme == "equal"
    assert all(resolve(status_quo, None)[m] == pytest.approx(1 / 3) for m in status_quo.metric_ids)


def test_presets_are_fresh_objects_each_call() -> None:
    assert balanced() == balanced()
    assert balanced() is not balanced()


def test_balanced_round_trips_through_json() -> None:
    card = balanced()
    again = Scorecard.from_json(card.to_json())
    assert again == card
    assert again.weights is not None
    assert again.weights.provenance[ROOT].parameters["points"]["outcomes"] == 30


def test_catalogue_is_reachable_lazily_from_the_package() -> None:
    assert sc.catalog.balanced().metric_ids == balanced().metric_ids


def test_metrics_mapping_is_read_only() -> None:
    catalogue = metrics()
    with pytest.raises(TypeError):
        catalogue["x"] = next(iter(catalogue.values()))  # type: ignore[index]
    assert all(isinstance(m, Metric) for m in catalogue.values())
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", mid) for mid in catalogue)
