"""The bundled example over time: SYNTHETIC, the example's 16 providers over 12 quarters.

Each quarter is the bundled example (one source of truth: `datasets.generate`'s defaults)
with a quarter's sampling noise: a share with a denominator is drawn again from its cohort
(binomial), any other measure varies by a few per cent; ratings stay. Four providers carry a
story the monitoring docs explain, each on the completions of opiate clients and the share
better connected: one improves after a change of model in 2024 (a run and then points above
the limits), one deteriorates steadily (a trend), one has a single bad quarter (a point below
the limits), and one is recommissioned mid-series (a dip of two quarters after the transfer,
then recovery).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
import numpy as np

from scorecard._table import PerformanceTable
from scorecard.catalog import metrics as catalogue
from scorecard.datasets._example import example
from scorecard.scales import Ordinal

__all__ = ["PANEL_STORIES", "example_panel"]

PANEL_STORIES: Final = {
    "Greywater Treatment Service": "improves after a change of model from the 2024 Q1 quarter",
    "Starling Cross Recovery": "deteriorates steadily from 2023 Q3",
    "Riverside Recovery": "one bad quarter, 2024 Q2 (a staffing crisis, since resolved)",
    "Oakhollow Wellbeing Service": "recommissioned in 2024 Q1: two quarters' dip, then recovery",
}
"""Which providers the example panel's stories are about, in words."""
_STORY_METRICS: Final = ("sc_opiate_no_rep", "conn_connected")
_QUARTERS: Final = 12


def _periods() -> tuple[dt.date, ...]:
    return tuple(dt.date(2023 + k // 4, 1 + 3 * (k % 4), 1) for k in range(_QUARTERS))


def _story(k: int) -> dict[str, float]:
    """Each story's change (percentage points) in quarter ``k`` (0 = 2023 Q1)."""
    return {
        "Greywater Treatment Service": 6.0 if k >= 4 else 0.0,  # noqa: PLR2004
        "Starling Cross Recovery": -1.2 * max(0, k - 2),
        "Riverside Recovery": -14.0 if k == 5 else 0.0,  # noqa: PLR2004
        "Oakhollow Wellbeing Service": {4: -9.0, 5: -6.0}.get(k, 0.0),
    }


def example_panel(seed: int = 2024) -> tuple[tuple[dt.date, ...], tuple[PerformanceTable, ...]]:
    """The periods (12 quarters from 2023) and a table per quarter. SYNTHETIC DATA.

    Returns the arguments of `scorecard.monitoring.Panel` (``Panel(*example_panel())``), so
    that the datasets package need not import the monitoring one.

    Examples
    --------
    >>> periods, tables = example_panel()
    >>> len(periods), tables[0].shape, periods[-1].isoformat()
    (12, (16, 40), '2025-10-01')
    """
    base = example()
    rng = np.random.default_rng(seed)
    known = catalogue()
    n = base.denominators
    tables = []
    for k in range(_QUARTERS):
        values = np.array(base.values)
        for j, metric in enumerate(base.metrics):
            m = known.get(metric)
            column = values[:, j]
            present = np.isfinite(column)
            if m is not None and isinstance(m.scale, Ordinal):
                continue  # ratings change at inspections, not every quarter
            if m is not None and m.unit == "%" and n is not None and np.isfinite(n[:, j]).all():
                cohort = n[:, j].astype(np.int64)
                share = np.clip(np.where(present, column, 0) / 100, 0, 1)
                drawn = rng.binomial(np.maximum(cohort, 1), share) / np.maximum(cohort, 1) * 100
                values[:, j] = np.where(present, drawn, np.nan)
            else:
                noise = rng.normal(1.0, 0.03, size=column.shape)
                values[:, j] = np.where(present, column * noise, np.nan)
        for provider, change in _story(k).items():
            i = base.providers.index(provider)
            for metric in _STORY_METRICS:
                j = base.metrics.index(metric)
                values[i, j] = float(np.clip(values[i, j] + change, 0, 100))
        tables.append(
            attrs.evolve(
                PerformanceTable(base.providers, base.metrics, values, denominators=n),
                synthetic=True,
            )
        )
    return _periods(), tuple(tables)
