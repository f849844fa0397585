"""Ready-made metrics, domains and preset scorecards for commissioning drug and alcohol treatment.

Each metric carries its definition (``description``) and where its figures come from
(``source``): ``[S#]`` tags resolve through `scorecard.catalog.SOURCES`, ``[K]`` marks a
figure still to be verified and ``[E]`` an estimate made for synthetic data.

Examples
--------
>>> import scorecard as sc
>>> card = sc.catalog.balanced()
>>> len(card.metric_ids), len(sc.catalog.metrics())
(36, 40)
"""

from scorecard.catalog._all_metrics import metrics
from scorecard.catalog._connection import connection_domain
from scorecard.catalog._continuity import continuity_domain
from scorecard.catalog._custom import custom
from scorecard.catalog._outcomes import completions_domain, outcomes_domain, treatment_exits_domain
from scorecard.catalog._presets import balanced, completions_only
from scorecard.catalog._quality import quality_domain
from scorecard.catalog._sources import SOURCES, plausible_range
from scorecard.catalog._training import training_domain
from scorecard.catalog._value import value_domain

__all__ = [
    "SOURCES",
    "balanced",
    "completions_domain",
    "completions_only",
    "connection_domain",
    "continuity_domain",
    "custom",
    "metrics",
    "outcomes_domain",
    "plausible_range",
    "quality_domain",
    "training_domain",
    "treatment_exits_domain",
    "value_domain",
]
