"""Value for money: cost per successful completion and modelled social return per £1.

Drug treatment returns about £2.50 per £1 (DTORS) [S16,S17] or £4 per £1 (Black review) [S19];
treat the return as a scenario (low 2.5, central 4, high 9.5), with its source attached.
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear
from scorecard.tree import Domain

__all__ = ["COST_PER_SUCCESSFUL_COMPLETION", "METRICS", "SROI_RATIO", "value_domain"]

COST_PER_SUCCESSFUL_COMPLETION: Final = Metric(
    "cost_per_successful_completion",
    "Cost per successful completion",
    unit="£",
    direction="lower",
    scale=Linear(worst=30_000, best=4_000),
    description="Annual contract value divided by successful completions that did not "
    "re-present within 6 months. It rewards completions, so read it beside early exits.",
    source="Finance and NDTMS returns; typical £10,000 [E] synthetic estimate. "
    f"{plausible_range(30_000, 4_000, '£')}",
)

SROI_RATIO: Final = Metric(
    "sroi_ratio",
    "Social return per £1",
    unit="£ per £1",
    direction="higher",
    scale=Linear(worst=2.0, best=9.5),
    description="Modelled social return (crime, health, social care and quality-of-life "
    "benefits) per £1 spent, in the style of the PHE SROI tool; a scenario, not a measurement.",
    source="PHE SROI tool [S16]; DTORS about £2.50 per £1 [S17]; Black review £4 per £1 [S19]. "
    f"{plausible_range(2.0, 9.5, '£ per £1')}",
)

METRICS: Final = (COST_PER_SUCCESSFUL_COMPLETION, SROI_RATIO)
"""Every value-for-money metric in the catalogue."""


def value_domain() -> Domain:
    """Value for money: what a completion costs and what each £1 returns.

    Examples
    --------
    >>> value_domain().metrics[0].direction
    <Direction.LOWER: 'lower'>
    """
    return Domain(
        "value",
        "Value for money",
        metrics=list(METRICS),
        description="Cost per successful completion and the modelled social return on investment.",
    )
