"""Quality of care: CQC ratings by key question, and the therapeutic alliance.

CQC rates services Inadequate, Requires improvement, Good or Outstanding, overall and for each
of five key questions [S24]; here the ratings are ordinal codes 1-4 [S25]. The alliance is the
share of rated sessions scoring at least 36 of 40 on the Session Rating Scale [S40].
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear, Ordinal
from scorecard.tree import Domain

__all__ = [
    "ALLIANCE_SRS_OK",
    "CQC_CARING",
    "CQC_EFFECTIVE",
    "CQC_LEVELS",
    "CQC_OVERALL",
    "CQC_RESPONSIVE",
    "CQC_SAFE",
    "CQC_SCALE",
    "CQC_WELL_LED",
    "METRICS",
    "quality_domain",
]

CQC_LEVELS: Final = ("Inadequate", "Requires improvement", "Good", "Outstanding")
"""CQC's four ratings from worst to best; their codes are 1-4."""

CQC_SCALE: Final = Ordinal(levels=CQC_LEVELS)
"""Evenly spaced values: Inadequate 0, Requires improvement 1/3, Good 2/3, Outstanding 1."""

_CQC_SOURCE = (
    "CQC ratings, 4-point scale, five key questions [S24]; coded Inadequate=1 ... "
    "Outstanding=4 following the SAF 1-4 scoring [S25]; specialist substance misuse services "
    "handbook [S26]. Typical: Good [E]."
)


def _cqc(key: str, name: str, question: str) -> Metric:
    return Metric(
        f"cqc_{key}",
        f"CQC rating: {name}",
        unit="rating 1-4",
        direction="higher",
        scale=CQC_SCALE,
        description=f"The CQC rating for the key question {name} ({question}), coded "
        "Inadequate 1, Requires improvement 2, Good 3, Outstanding 4.",
        source=_CQC_SOURCE,
    )


CQC_SAFE: Final = _cqc("safe", "Safe", "people are protected from abuse and avoidable harm")
CQC_EFFECTIVE: Final = _cqc(
    "effective",
    "Effective",
    "care achieves good outcomes and is based on the best available evidence; not in the "
    "balanced preset, whose outcomes domain measures this directly",
)
CQC_CARING: Final = _cqc(
    "caring", "Caring", "staff treat people with compassion, kindness, dignity and respect"
)
CQC_RESPONSIVE: Final = _cqc(
    "responsive", "Responsive", "services are organised to meet people's needs"
)
CQC_WELL_LED: Final = _cqc(
    "well_led",
    "Well-led",
    "leadership, management and governance assure high-quality, person-centred care",
)
CQC_OVERALL: Final = _cqc(
    "overall",
    "overall",
    "the overall rating; an alternative to the key questions, not in the balanced preset, "
    "which would otherwise count them twice",
)

ALLIANCE_SRS_OK: Final = Metric(
    "alliance_srs_ok",
    "Sessions with a good working alliance",
    unit="%",
    direction="higher",
    scale=Linear(worst=55, best=95),
    description="Share of rated sessions scoring at least 36 of 40 on the Session Rating "
    "Scale (below 36 flags an alliance concern).",
    source="Session Rating Scale, cut-off 36 [S40] (licensed); typical 80% [E] synthetic "
    f"estimate. {plausible_range(55, 95, '%')}",
)

METRICS: Final = (
    CQC_SAFE,
    CQC_CARING,
    CQC_RESPONSIVE,
    CQC_WELL_LED,
    ALLIANCE_SRS_OK,
    CQC_EFFECTIVE,
    CQC_OVERALL,
)
"""Every quality metric in the catalogue, including those the presets leave out."""


def quality_domain() -> Domain:
    """Quality of care: CQC Safe, Caring, Responsive and Well-led, and the therapeutic alliance.

    Effective is left out (the outcomes domain measures it directly), and so is the overall
    rating (it summarises the key questions); both are in `scorecard.catalog.metrics()`.

    Examples
    --------
    >>> [m.id for m in quality_domain().metrics]
    ['cqc_safe', 'cqc_caring', 'cqc_responsive', 'cqc_well_led', 'alliance_srs_ok']
    """
    return Domain(
        "quality",
        "Quality of care",
        metrics=[CQC_SAFE, CQC_CARING, CQC_RESPONSIVE, CQC_WELL_LED, ALLIANCE_SRS_OK],
        description="The regulator's view of safety, compassion, responsiveness and leadership, "
        "and the client's view of each session.",
    )
