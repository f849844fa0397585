"""Preset scorecards: the balanced drug and alcohol scorecard, and completions only (status quo)."""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Final

from scorecard._weights import Provenance, Weights
from scorecard.catalog._connection import connection_domain
from scorecard.catalog._continuity import continuity_domain
from scorecard.catalog._outcomes import completions_domain, outcomes_domain
from scorecard.catalog._quality import quality_domain
from scorecard.catalog._training import training_domain
from scorecard.catalog._value import value_domain
from scorecard.tree import ROOT, Scorecard

__all__ = ["BALANCED_POINTS", "balanced", "completions_only"]


def _allocation(points: Mapping[str, int], rationale: str) -> tuple[Mapping[str, int], str]:
    return types.MappingProxyType(dict(points)), rationale


BALANCED_POINTS: Final[Mapping[str, tuple[Mapping[str, int], str]]] = types.MappingProxyType(
    {
        ROOT: _allocation(
            {
                "outcomes": 30,
                "connection": 15,
                "continuity": 15,
                "training": 10,
                "quality": 20,
                "value": 10,
            },
            "Outcomes stay the largest domain, but under a third, so completions alone cannot "
            "decide a ranking; the connection test counts as an outcome in its own right, at "
            "half the weight of the TOP and completion outcomes; continuity carries the "
            "evidence that churn harms recovery (ACMD 2017, Black review); quality is the "
            "regulator's and the client's view; training is capability with no national "
            "benchmark yet; value for money is usually scored separately as price, so it is "
            "light here.",
        ),
        "outcomes": _allocation(
            {
                "substance_use": 25,
                "injecting_risk": 10,
                "crime": 10,
                "health_wellbeing": 20,
                "social_functioning": 10,
                "treatment_exits": 25,
            },
            "Substance use and how people leave treatment are the primary aims; health and "
            "quality of life come next; injecting, crime and housing/work are narrower cohorts.",
        ),
        "substance_use": _allocation(
            {
                "top_opiate_abstinent": 30,
                "top_opiate_abst_or_improved": 20,
                "top_crack_abstinent": 25,
                "top_primary_days_reduction": 25,
            },
            "Opiates get half, split between abstinence and the broader abstinent-or-improved "
            "measure that overlaps it; crack and reduced use of the main substance the rest.",
        ),
        "injecting_risk": _allocation(
            {"top_stopped_injecting": 50, "top_stopped_sharing": 50},
            "Both halves of injecting risk count equally.",
        ),
        "crime": _allocation({"top_crime_desistance": 100}, "A single measure."),
        "health_wellbeing": _allocation(
            {
                "top_psych_change": 30,
                "top_phys_change": 30,
                "top_qol_change": 20,
                "top_qol_reliable_improve": 20,
            },
            "Psychological health, physical health and quality of life about equally; quality "
            "of life is split over its two measures.",
        ),
        "social_functioning": _allocation(
            {"top_housing_resolved": 50, "top_gained_work_or_education": 50},
            "Housing and work or education count equally.",
        ),
        "treatment_exits": _allocation(
            {
                "sc_opiate_no_rep": 25,
                "sc_nonopiate_no_rep": 25,
                "sc_alcohol_no_rep": 25,
                "early_unplanned_exit": 25,
            },
            "The three PHOF C19 groups equally, and early drop-outs as much as any one of them, "
            "so that pushing people out early does not pass for success.",
        ),
        "connection": _allocation(
            {"conn_informed": 1, "conn_confident_barc": 1, "conn_connected": 1},
            "The three questions of the connection test count equally.",
        ),
        "continuity": _allocation(
            {"workforce": 40, "continuity_of_care": 40, "contract_years_stable": 20},
            "Workforce and continuity of care are what clients feel; contract stability is "
            "their precondition, partly outside the provider's control.",
        ),
        "workforce": _allocation(
            {"staff_turnover": 40, "vacancy_rate": 25, "caseload_per_worker": 35},
            "Turnover breaks relationships most directly; caseload drives turnover; vacancies "
            "partly repeat both.",
        ),
        "continuity_of_care": _allocation(
            {"keyworker_continuity": 50, "continuity_of_care_prison": 50},
            "Keyworker continuity and prison-to-community continuity count equally; a provider "
            "with no prison leavers is judged on keyworker continuity alone.",
        ),
        "training": _allocation(
            {
                "training_hours_per_wte": 35,
                "supervision_monthly": 40,
                "learner_placements_per10wte": 25,
            },
            "Supervision bears most directly on practice; training hours next; placements "
            "build the future workforce.",
        ),
        "quality": _allocation(
            {
                "cqc_safe": 25,
                "cqc_caring": 15,
                "cqc_responsive": 15,
                "cqc_well_led": 20,
                "alliance_srs_ok": 25,
            },
            "Safe and Well-led are the risk questions; Caring and Responsive describe "
            "compassionate care; the client's own view of the alliance weighs as much as Safe.",
        ),
        "value": _allocation(
            {"cost_per_successful_completion": 50, "sroi_ratio": 50},
            "Cost per completion and modelled social return count equally.",
        ),
    }
)
"""The balanced preset's point allocation and rationale for every group, keyed by parent id.

Children are listed in the scorecard's order; the recorded provenance has the shape
`scorecard.weighting.Points` records (``points`` and ``total``) plus the ``rationale``."""


def _points_weights(allocation: Mapping[str, tuple[Mapping[str, int], str]]) -> Weights:
    local: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}
    for parent, (points, rationale) in allocation.items():
        total = sum(points.values())
        local.update({node: p / total for node, p in points.items()})
        provenance[parent] = Provenance(
            "points",
            {
                "points": {node: float(p) for node, p in points.items()},
                "total": float(total),
                "rationale": rationale,
            },
        )
    return Weights(local, provenance=provenance)


def balanced() -> Scorecard:
    """The balanced drug and alcohol treatment scorecard, with default weights.

    Six top-level domains: ``outcomes`` (TOP sub-domains and completions with early exits),
    ``connection`` (the connection test), ``continuity``, ``training``, ``quality`` and
    ``value``. Its default weights come from `BALANCED_POINTS`, recorded as provenance
    scheme ``"points"`` with the allocation and its rationale for every group.

    Returns
    -------
    Scorecard
        A new scorecard on every call.

    Notes
    -----
    Top-level points (of 100) and why:

    ==========  ======  ===============================================================
    Domain      Points  Reason
    ==========  ======  ===============================================================
    outcomes        30  the service exists for them, but under a third of the total;
                        completions and early exits are a quarter of outcomes (7.5%
                        overall), so completions cannot decide a ranking on their own
    connection      15  the connection test as an outcome in its own right
    continuity      15  churn in staff, keyworkers and contracts harms recovery
    training        10  capability; no national benchmark, so less certain
    quality         20  the regulator's view (CQC) and the client's (alliance)
    value           10  price is usually scored separately in a tender
    ==========  ======  ===============================================================

    Examples
    --------
    >>> card = balanced()
    >>> [d.id for d in card.domains]
    ['outcomes', 'connection', 'continuity', 'training', 'quality', 'value']
    >>> card.weights["outcomes"], card.weights.provenance["root"].scheme
    (0.3, 'points')
    """
    return Scorecard(
        "Balanced drug and alcohol treatment scorecard",
        domains=[
            outcomes_domain(),
            connection_domain(),
            continuity_domain(),
            training_domain(),
            quality_domain(),
            value_domain(),
        ],
        description="Treatment outcomes weighed with the connection test (informed, confident, "
        "connected), continuity, training capacity, quality of care and value for money.",
        weights=_points_weights(BALANCED_POINTS),
    )


def completions_only() -> Scorecard:
    """The status quo: providers judged by successful completions alone (PHOF C19a/b/c).

    The metrics are the same objects (and ids) as in `balanced`, so one performance table
    evaluates both; the three completion measures are weighted equally.

    Examples
    --------
    >>> card = completions_only()
    >>> card.metric_ids
    ('sc_opiate_no_rep', 'sc_nonopiate_no_rep', 'sc_alcohol_no_rep')
    >>> set(card.metric_ids) <= set(balanced().metric_ids)
    True
    """
    domain = completions_domain()
    local = {domain.id: 1.0} | {m.id: 1 / len(domain.metrics) for m in domain.metrics}
    return Scorecard(
        "Completions only (status quo)",
        domains=[domain],
        description="Successful completions that do not re-present within 6 months, as a "
        "share of all in treatment: how providers are judged today.",
        weights=Weights(
            local, provenance={ROOT: Provenance("equal"), domain.id: Provenance("equal")}
        ),
    )
