"""Every metric in the catalogue, by id: `metrics`."""

from __future__ import annotations

import types
from collections.abc import Mapping

from scorecard._metric import Metric
from scorecard.catalog import (
    _connection as connection,
)
from scorecard.catalog import (
    _continuity as continuity,
)
from scorecard.catalog import (
    _outcomes as outcomes,
)
from scorecard.catalog import (
    _quality as quality,
)
from scorecard.catalog import (
    _training as training,
)
from scorecard.catalog import (
    _value as value,
)
from scorecard.errors import TreeError

__all__ = ["metrics"]

_MODULES = (outcomes, connection, continuity, training, quality, value)


def metrics() -> Mapping[str, Metric]:
    """All catalogue metrics by id, domain by domain, including those no preset uses.

    Metrics outside `scorecard.catalog.balanced` (``representation_6m``,
    ``tupe_retention_12m``, ``cqc_effective``, ``cqc_overall``) are alternatives a
    commissioner may swap in; the bundled example data has a column for every one.

    Examples
    --------
    >>> catalogue = metrics()
    >>> catalogue["sc_opiate_no_rep"].label
    'Opiate clients completing, not re-presenting'
    >>> len(catalogue)
    40
    """
    out: dict[str, Metric] = {}
    for module in _MODULES:
        for metric in module.METRICS:
            if metric.id in out:
                raise TreeError(
                    f"catalogue metric id {metric.id!r} is defined twice (again in "
                    f"{module.__name__}); ids must be unique across the catalogue"
                )
            out[metric.id] = metric
    return types.MappingProxyType(out)
