"""Balanced commissioning scorecards: value trees, weighting schemes and evaluations.

``import scorecard`` loads numpy, attrs and the standard library only; submodules that need
more (dataframes, JSON, charts, widgets) load when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scorecard import aggregation, errors, scales, weighting
from scorecard._comparison import Comparison, RankShift
from scorecard._metric import Direction, Metric, MissingPolicy, OutOfRangePolicy
from scorecard._table import PerformanceTable
from scorecard._tree_weights import focus, global_weights, rebalance
from scorecard._valuation import Valuation, valuate
from scorecard._weights import Provenance, Weights
from scorecard.evaluation import Evaluation, evaluate
from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale
from scorecard.tree import ROOT, Domain, Scorecard
from scorecard.weighting import WeightSpec

if TYPE_CHECKING:
    from scorecard import (
        catalog,
        charts,
        contracts,
        datasets,
        decision,
        io,
        measures,
        monitoring,
        sensitivity,
        stakeholders,
        stats,
        testing,
        widgets,
    )

__all__ = [
    "ROOT",
    "Banded",
    "Comparison",
    "Direction",
    "Domain",
    "Evaluation",
    "Linear",
    "Metric",
    "MissingPolicy",
    "Ordinal",
    "OutOfRangePolicy",
    "PerformanceTable",
    "Piecewise",
    "Provenance",
    "RankShift",
    "Scale",
    "Scorecard",
    "Valuation",
    "WeightSpec",
    "Weights",
    "__version__",
    "aggregation",
    "catalog",
    "charts",
    "contracts",
    "datasets",
    "decision",
    "errors",
    "evaluate",
    "focus",
    "global_weights",
    "io",
    "measures",
    "monitoring",
    "rebalance",
    "scales",
    "sensitivity",
    "stakeholders",
    "stats",
    "testing",
    "valuate",
    "weighting",
    "widgets",
]

from scorecard._version import __version__

_LAZY = frozenset(
    {
        "catalog",
        "charts",
        "contracts",
        "datasets",
        "decision",
        "io",
        "measures",
        "monitoring",
        "sensitivity",
        "stakeholders",
        "stats",
        "testing",
        "widgets",
    }
)


def __getattr__(name: str) -> Any:
    """Load the heavier submodules on first use (PEP 562)."""
    if name in _LAZY:
        module = importlib.import_module(f"scorecard.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'scorecard' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
