"""Ready-made metrics, domains and preset scorecards for commissioning drug and alcohol treatment.

Each metric carries its definition (``description``) and where its figures come from
(``source``): ``[S#]`` tags resolve through `scorecard.catalog.sources.SOURCES`, ``[K]`` marks a
figure still to be verified and ``[E]`` an estimate made for synthetic data.

Examples
--------
>>> import scorecard as sc
>>> card = sc.catalog.balanced()
>>> len(card.metric_ids), len(sc.catalog.metrics())
(36, 40)
"""

from scorecard.catalog.all_metrics import metrics
from scorecard.catalog.connection import connection_domain
from scorecard.catalog.continuity import continuity_domain
from scorecard.catalog.outcomes import completions_domain, outcomes_domain, treatment_exits_domain
from scorecard.catalog.presets import balanced, completions_only
from scorecard.catalog.quality import quality_domain
from scorecard.catalog.training import training_domain
from scorecard.catalog.value import value_domain

__all__ = [
    "balanced",
    "completions_domain",
    "completions_only",
    "connection_domain",
    "continuity_domain",
    "metrics",
    "outcomes_domain",
    "quality_domain",
    "training_domain",
    "treatment_exits_domain",
    "value_domain",
]
