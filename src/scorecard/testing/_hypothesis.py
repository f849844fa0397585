"""Hypothesis entry point: ``st.from_type`` builds scorecard's model types.

Registered as the ``hypothesis`` entry point of the distribution, so Hypothesis calls
`_hypothesis_setup_hook` when it is imported, whenever ``commissioning-scorecard[testing]`` is
installed. Nothing here runs on ``import scorecard``.
"""

from __future__ import annotations

from hypothesis import strategies as st


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each model type (a lazy import keeps Hypothesis start-up fast)."""
    from scorecard._metric import Metric  # noqa: PLC0415
    from scorecard._table import PerformanceTable  # noqa: PLC0415
    from scorecard._weights import Weights  # noqa: PLC0415
    from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale  # noqa: PLC0415
    from scorecard.testing import strategies as sst  # noqa: PLC0415
    from scorecard.tree import Domain, Scorecard  # noqa: PLC0415

    tables = sst.scorecards().flatmap(sst.performance_tables)
    registrations: list[tuple[type, st.SearchStrategy[object]]] = [
        (Linear, sst.linear_scales()),
        (Piecewise, sst.piecewise_scales()),
        (Banded, sst.banded_scales()),
        (Ordinal, sst.ordinal_scales()),
        (Scale, sst.scales()),
        (Metric, sst.metrics()),
        (Domain, sst.domains()),
        (Scorecard, sst.scorecards()),
        (Weights, sst.scorecards().flatmap(sst.weights)),
        (PerformanceTable, tables),
    ]
    for cls, strategy in registrations:
        st.register_type_strategy(cls, strategy)
