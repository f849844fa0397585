"""Continuity: stable staff, the same keyworker, care after prison, and contracts that last.

Frequent re-procurement brings "unnecessary churn and disruption and ... poorer recovery
outcomes, at least in the short term" [S20]; the Black review criticised three-year contracts
[S19]. Workforce figures are from the drug and alcohol workforce census [S47].
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear, Piecewise
from scorecard.tree import Domain

__all__ = [
    "CASELOAD_PER_WORKER",
    "CONTINUITY_OF_CARE_PRISON",
    "CONTRACT_YEARS_STABLE",
    "KEYWORKER_CONTINUITY",
    "METRICS",
    "STAFF_TURNOVER",
    "TUPE_RETENTION_12M",
    "VACANCY_RATE",
    "continuity_domain",
]

STAFF_TURNOVER: Final = Metric(
    "staff_turnover",
    "Staff turnover",
    unit="%",
    direction="lower",
    scale=Linear(worst=40, best=8),
    description="Leavers in the last 12 months as a share of average delivery staff in post.",
    source="Drug and alcohol workforce census: 19% in 2024, 25% in 2023 [S47]; adult social "
    f"care 24.8% (2023/24) [S46]. {plausible_range(40, 8, '%')}",
)

VACANCY_RATE: Final = Metric(
    "vacancy_rate",
    "Vacancy rate",
    unit="%",
    direction="lower",
    scale=Linear(worst=20, best=2),
    description="Vacant posts as a share of all posts (filled plus vacant).",
    source="Drug and alcohol workforce census: about 8% [S47]; adult social care 8.3% "
    f"(2023/24) [S46]. {plausible_range(20, 2, '%')}",
)

CASELOAD_PER_WORKER: Final = Metric(
    "caseload_per_worker",
    "Caseload per keyworker",
    unit="clients per WTE",
    direction="lower",
    scale=Piecewise(points=[(25, 1.0), (40, 1.0), (60, 0.4), (90, 0.0)]),
    description="Mean open caseload per whole-time-equivalent drug and alcohol worker. Every "
    "caseload up to the good-practice level of 40 scores 1; the value falls steeply to 0.4 at "
    "60 (the middle of the 50-80 band where quality and morale were reported to deteriorate) "
    "and reaches 0 at 90.",
    source="Dame Carol Black review: caseloads of 50-80, sometimes 100, against good practice "
    "of 40 or fewer [S19]. Shape of the value function and the range 25-90 are [E] synthetic "
    "estimates.",
)

KEYWORKER_CONTINUITY: Final = Metric(
    "keyworker_continuity",
    "Same keyworker for 6 months",
    unit="%",
    direction="higher",
    scale=Linear(worst=35, best=90),
    description="Share of clients in treatment for 6 months or more who kept the same "
    "keyworker over the last 6 months.",
    source="Case-management records; typical 65% [E] synthetic estimate. "
    f"{plausible_range(35, 90, '%')}",
)

CONTINUITY_OF_CARE_PRISON: Final = Metric(
    "continuity_of_care_prison",
    "Prison leavers engaging within 3 weeks",
    unit="%",
    direction="higher",
    scale=Linear(worst=15, best=75),
    description="Share of people released from prison with a substance misuse treatment need "
    "who engage with community treatment within 3 weeks of release (PHOF 2.16). Missing for "
    "a provider with no prison leavers referred: its weight goes to the other continuity "
    "measures.",
    source="PHOF 2.16; continuity of care guidance [S13]. 30.3% (2015/16), 40.7% after "
    "strategy funding, government ambition 75% [S14]. Scale worst 15%, best 75% (the "
    "ambition); lower end [E] synthetic estimate.",
    missing="exclude",
)

CONTRACT_YEARS_STABLE: Final = Metric(
    "contract_years_stable",
    "Years since the last change of provider",
    unit="years",
    direction="higher",
    scale=Piecewise(points=[(0, 0.0), (3, 0.5), (6, 0.85), (12, 1.0)]),
    description="Years since the lead provider last changed. Concave: the first years after a "
    "re-procurement carry the churn, so the first 3 years earn half the value; beyond 6 years "
    "little more is gained.",
    source="Three-year contract cycles are common and criticised [S19]; re-procurement churn "
    "[S20]. Typical 4 years, range 0-12 and the value function are [E] synthetic estimates.",
)

TUPE_RETENTION_12M: Final = Metric(
    "tupe_retention_12m",
    "Transferred staff still employed after 12 months",
    unit="%",
    direction="higher",
    scale=Linear(worst=40, best=95),
    description="Share of staff transferred under TUPE at the last change of provider who are "
    "still employed 12 months after the transfer. Missing when there was no transfer in the "
    "last 1-3 years. Not in the balanced preset: most providers have no recent transfer.",
    source="TUPE service provision change [S48]; typical 70% [E] synthetic estimate. "
    f"{plausible_range(40, 95, '%')}",
    missing="exclude",
)

METRICS: Final = (
    STAFF_TURNOVER,
    VACANCY_RATE,
    CASELOAD_PER_WORKER,
    KEYWORKER_CONTINUITY,
    CONTINUITY_OF_CARE_PRISON,
    CONTRACT_YEARS_STABLE,
    TUPE_RETENTION_12M,
)
"""Every continuity metric in the catalogue, including those the presets leave out."""


def continuity_domain() -> Domain:
    """Continuity: workforce stability, continuity of care, and contract stability.

    Sub-domains ``workforce`` (turnover, vacancies, caseload) and ``continuity_of_care``
    (keyworker, prison to community), then the metric ``contract_years_stable``.

    Examples
    --------
    >>> [c.id for c in continuity_domain().children]
    ['workforce', 'continuity_of_care', 'contract_years_stable']
    """
    return Domain(
        "continuity",
        "Continuity",
        domains=[
            Domain(
                "workforce",
                "Workforce stability",
                metrics=[STAFF_TURNOVER, VACANCY_RATE, CASELOAD_PER_WORKER],
                description="Staff who stay, posts that are filled, and caseloads small enough "
                "to build relationships.",
            ),
            Domain(
                "continuity_of_care",
                "Continuity of care",
                metrics=[KEYWORKER_CONTINUITY, CONTINUITY_OF_CARE_PRISON],
                description="The same keyworker over time, and care that continues from "
                "prison into the community.",
            ),
        ],
        metrics=[CONTRACT_YEARS_STABLE],
        description="Stability that relationships need: staff, keyworkers, care pathways and "
        "the contract itself.",
    )
