"""Treatment outcome metrics: the TOP domains, completions without re-presentation, early exits.

TOP (Treatment Outcomes Profile) outcomes compare each client's start TOP with their 6-month
review [S1,S6]; completions are the PHOF C19a/b/c measures [S9,S10]. Scales run over the
plausible range between providers, which is an estimate for synthetic data ([E]).
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear
from scorecard.tree import Domain

__all__ = [
    "EARLY_UNPLANNED_EXIT",
    "METRICS",
    "REPRESENTATION_6M",
    "SC_ALCOHOL_NO_REP",
    "SC_NONOPIATE_NO_REP",
    "SC_OPIATE_NO_REP",
    "TOP_CRACK_ABSTINENT",
    "TOP_CRIME_DESISTANCE",
    "TOP_GAINED_WORK_OR_EDUCATION",
    "TOP_HOUSING_RESOLVED",
    "TOP_OPIATE_ABSTINENT",
    "TOP_OPIATE_ABST_OR_IMPROVED",
    "TOP_PHYS_CHANGE",
    "TOP_PRIMARY_DAYS_REDUCTION",
    "TOP_PSYCH_CHANGE",
    "TOP_QOL_CHANGE",
    "TOP_QOL_RELIABLE_IMPROVE",
    "TOP_STOPPED_INJECTING",
    "TOP_STOPPED_SHARING",
    "completions_domain",
    "outcomes_domain",
    "treatment_exits_domain",
]

_TOP = "TOP start vs 6-month review [S1,S6]"

# -- substance use (TOP section 1) -------------------------------------------------------------

TOP_OPIATE_ABSTINENT: Final = Metric(
    "top_opiate_abstinent",
    "Opiate users abstinent at review",
    unit="%",
    direction="higher",
    scale=Linear(worst=25, best=60),
    description="Share of clients using illicit opiates at start with 0 days of use in the "
    "28 days before their 6-month review TOP.",
    source=f"{_TOP}. Typical: 37% of heroin users (2008 cohort) [S6]; 51% of opiate-only "
    f"clients (2011-12) [S7]. {plausible_range(25, 60, '%')}",
)

TOP_OPIATE_ABST_OR_IMPROVED: Final = Metric(
    "top_opiate_abst_or_improved",
    "Opiate users abstinent or reliably improved",
    unit="%",
    direction="higher",
    scale=Linear(worst=50, best=85),
    description="Share of clients using illicit opiates at start who are abstinent at review "
    "or whose days of use fell by at least the reliable-change threshold.",
    source=f"{_TOP}. Typical: about 71-74% [S6,S7]; reliable-change threshold in days is a "
    f"parameter [E]. {plausible_range(50, 85, '%')}",
)

TOP_CRACK_ABSTINENT: Final = Metric(
    "top_crack_abstinent",
    "Crack users abstinent at review",
    unit="%",
    direction="higher",
    scale=Linear(worst=35, best=70),
    description="Share of clients using crack at start with 0 days of use in the 28 days "
    "before their 6-month review TOP.",
    source=f"{_TOP}. Typical: 52% (2008 cohort) [S6]; 63% of crack-only clients (2011-12) "
    f"[S7]. {plausible_range(35, 70, '%')}",
)

TOP_PRIMARY_DAYS_REDUCTION: Final = Metric(
    "top_primary_days_reduction",
    "Fewer days using the main problem substance",
    unit="days/28",
    direction="higher",
    scale=Linear(worst=5, best=16),
    description="Mean reduction (start minus review) in days of use of the client's primary "
    "substance in the past 28 days.",
    source=f"{_TOP}. Typical mean reductions: heroin 14.5 days, crack 7.7 days [S6]. "
    f"{plausible_range(5, 16, 'days/28')}",
)

# -- injecting risk (TOP section 2) -------------------------------------------------------------

TOP_STOPPED_INJECTING: Final = Metric(
    "top_stopped_injecting",
    "Injectors who stopped injecting",
    unit="%",
    direction="higher",
    scale=Linear(worst=25, best=70),
    description="Share of clients injecting at start who report 0 injecting days in the 28 "
    "days before review.",
    source=f"TOP section 2 [S1]; typical 45% [E] synthetic estimate. "
    f"{plausible_range(25, 70, '%')}",
)

TOP_STOPPED_SHARING: Final = Metric(
    "top_stopped_sharing",
    "Sharers who stopped sharing equipment",
    unit="%",
    direction="higher",
    scale=Linear(worst=60, best=95),
    description="Share of clients sharing needles, syringes or other equipment at start who "
    "report no sharing at review.",
    source=f"TOP section 2, sharing flag [S1]; typical 80% [E] synthetic estimate. "
    f"{plausible_range(60, 95, '%')}",
)

# -- crime (TOP section 3) ------------------------------------------------------------------------

TOP_CRIME_DESISTANCE: Final = Metric(
    "top_crime_desistance",
    "Offenders reporting no crime at review",
    unit="%",
    direction="higher",
    scale=Linear(worst=40, best=80),
    description="Share of clients reporting any TOP crime item (shoplifting, drug selling, "
    "theft, other) at start who report none at review.",
    source=f"TOP section 3 [S1]; typical 60% [E] synthetic estimate. "
    f"{plausible_range(40, 80, '%')}",
)

# -- health and wellbeing (TOP section 4 ratings) -----------------------------------------------

TOP_PSYCH_CHANGE: Final = Metric(
    "top_psych_change",
    "Improvement in psychological health",
    unit="points",
    direction="higher",
    scale=Linear(worst=0.5, best=4.0),
    description="Mean change (review minus start) in the client's 0-20 rating of "
    "psychological health.",
    source=f"TOP section 4 [S1,S4]; typical +2.0 from a start mean of about 10 [E] synthetic "
    f"estimate. {plausible_range(0.5, 4.0, 'points')}",
)

TOP_PHYS_CHANGE: Final = Metric(
    "top_phys_change",
    "Improvement in physical health",
    unit="points",
    direction="higher",
    scale=Linear(worst=0.3, best=3.5),
    description="Mean change (review minus start) in the client's 0-20 rating of physical health.",
    source=f"TOP section 4 [S1,S4]; typical +1.5 [E] synthetic estimate. "
    f"{plausible_range(0.3, 3.5, 'points')}",
)

TOP_QOL_CHANGE: Final = Metric(
    "top_qol_change",
    "Improvement in quality of life",
    unit="points",
    direction="higher",
    scale=Linear(worst=0.5, best=4.5),
    description="Mean change (review minus start) in the client's 0-20 rating of overall "
    "quality of life.",
    source=f"TOP section 4 [S1]; typical +2.5 [E] synthetic estimate. "
    f"{plausible_range(0.5, 4.5, 'points')}",
)

TOP_QOL_RELIABLE_IMPROVE: Final = Metric(
    "top_qol_reliable_improve",
    "Quality of life reliably improved",
    unit="%",
    direction="higher",
    scale=Linear(worst=20, best=55),
    description="Share of clients whose quality-of-life rating rose by at least the "
    "reliable-change threshold (default 4 points) between start and review.",
    source=f"TOP section 4 [S1]; threshold and typical 35% [E] synthetic estimate. "
    f"{plausible_range(20, 55, '%')}",
)

# -- housing, work and education (TOP section 4) -------------------------------------------------

TOP_HOUSING_RESOLVED: Final = Metric(
    "top_housing_resolved",
    "Acute housing problems resolved",
    unit="%",
    direction="higher",
    scale=Linear(worst=30, best=75),
    description="Share of clients with an acute housing problem at start who no longer have "
    "one at review.",
    source=f"TOP section 4 and NDTMS housing items [S1,S11]; typical 50% [E] synthetic "
    f"estimate; 20% of entrants have no home of their own [S11]. {plausible_range(30, 75, '%')}",
)

TOP_GAINED_WORK_OR_EDUCATION: Final = Metric(
    "top_gained_work_or_education",
    "Gained work or education",
    unit="%",
    direction="higher",
    scale=Linear(worst=4, best=25),
    description="Share of clients with 0 days of paid work, college or school at start who "
    "report at least 1 day at review.",
    source=f"TOP section 4 [S1]; typical 10% [E] synthetic estimate. {plausible_range(4, 25, '%')}",
)

# -- completions and exits (NDTMS) ---------------------------------------------------------------

_C19 = (
    "Successful completions (left free of dependence) who did not re-present within 6 months, "
    "as a share of all {who} in treatment in the period"
)

SC_OPIATE_NO_REP: Final = Metric(
    "sc_opiate_no_rep",
    "Opiate clients completing, not re-presenting",
    unit="%",
    direction="higher",
    scale=Linear(worst=2, best=12),
    description=_C19.format(who="opiate clients")
    + " (PHOF C19a). Clients still receiving substitute medication at exit do not count as "
    "successful.",
    source="PHOF C19a; OHID/NDTMS [S9,S10]. Typical: 6.6-8.6% (2010-14) [S10]; about 5% in "
    f"recent years [K]. {plausible_range(2, 12, '%')}",
)

SC_NONOPIATE_NO_REP: Final = Metric(
    "sc_nonopiate_no_rep",
    "Non-opiate clients completing, not re-presenting",
    unit="%",
    direction="higher",
    scale=Linear(worst=15, best=55),
    description=_C19.format(who="non-opiate clients") + " (PHOF C19b).",
    source="PHOF C19b; OHID/NDTMS [S10]. Typical: 34-39% (2010-12) [S10]; about 30-35% in "
    f"recent years [K/E]. {plausible_range(15, 55, '%')}",
)

SC_ALCOHOL_NO_REP: Final = Metric(
    "sc_alcohol_no_rep",
    "Alcohol clients completing, not re-presenting",
    unit="%",
    direction="higher",
    scale=Linear(worst=20, best=55),
    description=_C19.format(who="alcohol-only clients") + " (PHOF C19c).",
    source="PHOF C19c; OHID/NDTMS [S10]. Typical: about 35-38% in recent years [K/E]. "
    f"{plausible_range(20, 55, '%')}",
)

EARLY_UNPLANNED_EXIT: Final = Metric(
    "early_unplanned_exit",
    "Early unplanned exits",
    unit="%",
    direction="lower",
    scale=Linear(worst=30, best=8),
    description="Share of new starters with an unplanned exit (drop-out) before 12 weeks in "
    "treatment. A service that pushes people out early shows it here.",
    source="DOMES early unplanned exits indicator [S8]; NDTMS. Typical 15% [E] synthetic "
    f"estimate. {plausible_range(30, 8, '%')}",
)

REPRESENTATION_6M: Final = Metric(
    "representation_6m",
    "Completers re-presenting within 6 months",
    unit="%",
    direction="lower",
    scale=Linear(worst=25, best=3),
    description="Share of successful completers who re-present to treatment within 6 months. "
    "Not in the balanced preset: the C19 measures already net re-presentations out.",
    source="NDTMS re-presentations, reported in DOMES [S8]; typical 12% [E] synthetic "
    f"estimate. {plausible_range(25, 3, '%')}",
)

METRICS: Final = (
    TOP_OPIATE_ABSTINENT,
    TOP_OPIATE_ABST_OR_IMPROVED,
    TOP_CRACK_ABSTINENT,
    TOP_PRIMARY_DAYS_REDUCTION,
    TOP_STOPPED_INJECTING,
    TOP_STOPPED_SHARING,
    TOP_CRIME_DESISTANCE,
    TOP_PSYCH_CHANGE,
    TOP_PHYS_CHANGE,
    TOP_QOL_CHANGE,
    TOP_QOL_RELIABLE_IMPROVE,
    TOP_HOUSING_RESOLVED,
    TOP_GAINED_WORK_OR_EDUCATION,
    SC_OPIATE_NO_REP,
    SC_NONOPIATE_NO_REP,
    SC_ALCOHOL_NO_REP,
    EARLY_UNPLANNED_EXIT,
    REPRESENTATION_6M,
)
"""Every outcome metric in the catalogue, including those the presets leave out."""


def completions_domain() -> Domain:
    """Successful completions without re-presentation (PHOF C19a/b/c): the status-quo measure.

    Examples
    --------
    >>> [m.id for m in completions_domain().metrics]
    ['sc_opiate_no_rep', 'sc_nonopiate_no_rep', 'sc_alcohol_no_rep']
    """
    return Domain(
        "completions",
        "Successful completions (PHOF C19)",
        metrics=[SC_OPIATE_NO_REP, SC_NONOPIATE_NO_REP, SC_ALCOHOL_NO_REP],
        description="Completions free of dependence, not re-presenting within 6 months, as a "
        "share of everyone in treatment: opiate (C19a), non-opiate (C19b) and alcohol (C19c).",
    )


def treatment_exits_domain() -> Domain:
    """Completions (C19a/b/c) with early unplanned exits.

    Early exits sit beside completions so that pushing people out early does not pass for
    success.

    Examples
    --------
    >>> [m.id for m in treatment_exits_domain().metrics][-1]
    'early_unplanned_exit'
    """
    return Domain(
        "treatment_exits",
        "Completions and exits",
        metrics=[SC_OPIATE_NO_REP, SC_NONOPIATE_NO_REP, SC_ALCOHOL_NO_REP, EARLY_UNPLANNED_EXIT],
        description="How people leave treatment: successful completions that last (PHOF "
        "C19a/b/c) and drop-outs in the first 12 weeks.",
    )


def outcomes_domain() -> Domain:
    """Treatment outcomes: the TOP sections, and completions with early exits.

    Sub-domains: ``substance_use``, ``injecting_risk``, ``crime``, then TOP's health and
    social functioning section in two, ``health_wellbeing`` (psychological and physical
    health, quality of life) and ``social_functioning`` (housing, work and education), and
    ``treatment_exits``.

    Examples
    --------
    >>> [d.id for d in outcomes_domain().domains]  # doctest: +NORMALIZE_WHITESPACE
    ['substance_use', 'injecting_risk', 'crime', 'health_wellbeing', 'social_functioning',
     'treatment_exits']
    """
    return Domain(
        "outcomes",
        "Treatment outcomes",
        domains=[
            Domain(
                "substance_use",
                "Substance use",
                metrics=[
                    TOP_OPIATE_ABSTINENT,
                    TOP_OPIATE_ABST_OR_IMPROVED,
                    TOP_CRACK_ABSTINENT,
                    TOP_PRIMARY_DAYS_REDUCTION,
                ],
                description="TOP section 1: abstinence and reduced use at the 6-month review.",
            ),
            Domain(
                "injecting_risk",
                "Injecting risk",
                metrics=[TOP_STOPPED_INJECTING, TOP_STOPPED_SHARING],
                description="TOP section 2: injecting and sharing equipment.",
            ),
            Domain(
                "crime",
                "Crime",
                metrics=[TOP_CRIME_DESISTANCE],
                description="TOP section 3: offending reported by the client.",
            ),
            Domain(
                "health_wellbeing",
                "Health and quality of life",
                metrics=[
                    TOP_PSYCH_CHANGE,
                    TOP_PHYS_CHANGE,
                    TOP_QOL_CHANGE,
                    TOP_QOL_RELIABLE_IMPROVE,
                ],
                description="TOP section 4 ratings: psychological health, physical health and "
                "overall quality of life.",
            ),
            Domain(
                "social_functioning",
                "Housing, work and education",
                metrics=[TOP_HOUSING_RESOLVED, TOP_GAINED_WORK_OR_EDUCATION],
                description="TOP section 4: acute housing problems, paid work and education.",
            ),
            treatment_exits_domain(),
        ],
        description="What treatment changes for the people it serves, measured by the TOP and "
        "by how they leave treatment.",
    )
