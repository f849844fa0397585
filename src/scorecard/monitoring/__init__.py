"""Contract monitoring over time: XmR charts and their rules (statistical process control).

`xmr` draws NHS England "Making Data Count" XmR charts for one series or thousands at once:
limits from the mean moving range, screening, fixed baselines and rebasing, the four
special-cause rules in priority order, improvement and concern by the direction that is
better, and assurance against a target. `p_chart` and `u_chart` judge proportions and rates by
each period's own denominator, with Laney's adjustment for overdispersion. A `Panel` holds a
performance table per period (periods as real dates); `over_time` evaluates a scorecard at every
period in one batched evaluation, and `rank_changes` marks the rank moves that lie beyond
the noise of each period's figures. `review` lists a provider's strengths before its concerns,
each with its evidence (metric, periods, rule). `standing` sets each provider beside all
providers and a cluster of similar ones (`Comparators`, given or nearest on stated
characteristics) with quartiles and direction-of-travel arrows. `kpi_status` gives contract
KPIs a RAG status that reads the noise, and `kpi_evidence` hands them to a keep-or-retender
assessment.
"""

from scorecard.monitoring._attribute import p_chart, u_chart
from scorecard.monitoring._comparators import TRAVEL, Comparators, Standing, standing
from scorecard.monitoring._kpi import RAG, ContractKPI, KPIStatus, kpi_evidence, kpi_status
from scorecard.monitoring._panel import OverTime, Panel, over_time
from scorecard.monitoring._rank_changes import RankChanges, rank_changes
from scorecard.monitoring._review import SUSTAINED, Finding, Review, review
from scorecard.monitoring._xmr import (
    ASSURANCE,
    LIMIT_CONSTANT,
    MIN_BASELINE,
    RULES,
    SCREEN_LIMIT,
    SIGMA_DIVISOR,
    VARIATION,
    Chart,
    SPCWarning,
    check_periods,
    xmr,
)

__all__ = [
    "ASSURANCE",
    "LIMIT_CONSTANT",
    "MIN_BASELINE",
    "RAG",
    "RULES",
    "SCREEN_LIMIT",
    "SIGMA_DIVISOR",
    "SUSTAINED",
    "TRAVEL",
    "VARIATION",
    "Chart",
    "Comparators",
    "ContractKPI",
    "Finding",
    "KPIStatus",
    "OverTime",
    "Panel",
    "RankChanges",
    "Review",
    "SPCWarning",
    "Standing",
    "check_periods",
    "kpi_evidence",
    "kpi_status",
    "over_time",
    "p_chart",
    "rank_changes",
    "review",
    "standing",
    "u_chart",
    "xmr",
]
