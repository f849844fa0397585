"""Training capacity: CPD hours, clinical supervision, and learners hosted.

No national benchmark was found for these measures; the centres and ranges are estimates for
synthetic data ([E]). Access to training and a relevant qualification are among the factors
linked to lower turnover in adult social care [S46]; the Black review describes "decreased
training and lack of clinical supervision" [S19].
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear, Piecewise
from scorecard.tree import Domain

__all__ = [
    "LEARNER_PLACEMENTS_PER10WTE",
    "METRICS",
    "SUPERVISION_MONTHLY",
    "TRAINING_HOURS_PER_WTE",
    "training_domain",
]

TRAINING_HOURS_PER_WTE: Final = Metric(
    "training_hours_per_wte",
    "Training hours per WTE",
    unit="hours per WTE",
    direction="higher",
    scale=Piecewise(points=[(5, 0.0), (20, 0.6), (60, 1.0)]),
    description="Accredited training and CPD hours per whole-time-equivalent member of staff "
    "per year. Diminishing returns: reaching about 20 hours (three days of CPD) earns most of "
    "the value.",
    source="No national benchmark; typical 20 hours, range 5-60 and the value function are "
    "[E] synthetic estimates. Training and qualifications lower turnover [S46]; decreased "
    "training noted by the Black review [S19].",
)

SUPERVISION_MONTHLY: Final = Metric(
    "supervision_monthly",
    "Practitioners supervised monthly",
    unit="%",
    direction="higher",
    scale=Linear(worst=40, best=100),
    description="Share of practitioners receiving clinical supervision at least monthly.",
    source="Lack of clinical supervision noted by the Black review [S19]; typical 80% [E] "
    f"synthetic estimate. {plausible_range(40, 100, '%')}",
)

LEARNER_PLACEMENTS_PER10WTE: Final = Metric(
    "learner_placements_per10wte",
    "Learner placements per 10 WTE",
    unit="placements per 10 WTE",
    direction="higher",
    scale=Linear(worst=0, best=6),
    description="Student, trainee, apprentice and peer-trainee placements hosted per year, "
    "per 10 whole-time-equivalent staff (nursing, medical, psychology, social work, "
    "apprentices, peer workers).",
    source="Provider return; typical 1.5 [E] synthetic estimate. "
    f"{plausible_range(0, 6, 'placements')}",
)

METRICS: Final = (TRAINING_HOURS_PER_WTE, SUPERVISION_MONTHLY, LEARNER_PLACEMENTS_PER10WTE)
"""Every training-capacity metric in the catalogue."""


def training_domain() -> Domain:
    """Training capacity: the service's investment in its own and the sector's workforce.

    Examples
    --------
    >>> len(training_domain().metrics)
    3
    """
    return Domain(
        "training",
        "Training capacity",
        metrics=list(METRICS),
        description="CPD for staff, regular clinical supervision, and placements that grow the "
        "next workforce.",
    )
