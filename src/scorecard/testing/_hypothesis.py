"""Hypothesis entry point: ``st.from_type`` builds scorecard's model types.

Registered as the ``hypothesis`` entry point of the distribution, so Hypothesis calls
`_hypothesis_setup_hook` when it is imported, whenever ``commissioning-scorecard[testing]`` is
installed. Nothing here runs on ``import scorecard``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each model type, each built only when ``st.from_type`` asks.

    Registering builders rather than strategies keeps Hypothesis start-up fast and lets
    ``import scorecard.testing.strategies`` be the import that loads Hypothesis: this hook then
    runs while that module is still half-imported, so it must not touch it yet.
    """
    from scorecard._metric import Metric  # noqa: PLC0415
    from scorecard._table import PerformanceTable  # noqa: PLC0415
    from scorecard._weights import Weights  # noqa: PLC0415
    from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale  # noqa: PLC0415
    from scorecard.tree import Domain, Scorecard  # noqa: PLC0415

    builders: dict[type, Callable[[Any], st.SearchStrategy[Any]]] = {
        Linear: lambda sst: sst.linear_scales(),
        Piecewise: lambda sst: sst.piecewise_scales(),
        Banded: lambda sst: sst.banded_scales(),
        Ordinal: lambda sst: sst.ordinal_scales(),
        Scale: lambda sst: sst.scales(),
        Metric: lambda sst: sst.metrics(),
        Domain: lambda sst: sst.domains(),
        Scorecard: lambda sst: sst.scorecards(),
        Weights: lambda sst: sst.scorecards().flatmap(sst.weights),
        PerformanceTable: lambda sst: sst.scorecards().flatmap(sst.performance_tables),
    }
    for cls, build in builders.items():
        st.register_type_strategy(cls, _deferred(build))


def _deferred(
    build: Callable[[Any], st.SearchStrategy[Any]],
) -> Callable[[type], st.SearchStrategy[Any]]:
    """A strategy function for ``register_type_strategy``: imports the strategies when called."""

    def strategy(_: type) -> st.SearchStrategy[Any]:
        from scorecard.testing import strategies  # noqa: PLC0415

        return build(strategies)

    return strategy
