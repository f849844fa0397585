"""The cells a policy acted on, one by one: what was given, what was done, and to what bound.

An evaluation never changes a value quietly. A cell outside its scale is clipped (policy
``clip``) to the scale's end; a missing cell is given the worst value (``worst``) or left out
with its weight shared among its siblings (``exclude``). `acted_on` lists each such cell, so
the command line, the report and other tools can show every one, not a count.
"""

from __future__ import annotations

import math
from typing import Literal

import attrs
import numpy as np

from scorecard._metric import Metric
from scorecard._text import isolate
from scorecard._valuation import Valuation

__all__ = ["Action", "PolicyCell", "acted_on"]

Action = Literal["clipped", "imputed", "excluded"]


@attrs.frozen
class PolicyCell:
    """One cell a policy acted on.

    ``raw`` is the value given (NaN when missing); ``bound`` the scale end a clipped value was
    set to, in the metric's units (None when the scale has no numeric ends, or for a missing
    cell); ``end`` says which end ("worst" or "best").
    """

    provider: str
    metric: str
    action: Action
    raw: float
    bound: float | None = None
    end: str | None = None

    def __str__(self) -> str:
        where = f"{isolate(repr(self.provider))}, {self.metric!r}"
        if self.action == "clipped":
            at = f" ({self.bound:g})" if self.bound is not None else ""
            return f"{where}: {self.raw:g} is outside the scale, clipped to its {self.end} end{at}"
        if self.action == "imputed":
            return f"{where}: missing, scored as the worst value (policy 'worst')"
        return (
            f"{where}: missing, left out; its weight is shared by its siblings (policy 'exclude')"
        )

    def to_dict(self) -> dict[str, object]:
        """Plain data (NaN raw as None)."""
        return {
            "provider": self.provider,
            "metric": self.metric,
            "action": self.action,
            "raw": None if math.isnan(self.raw) else self.raw,
            "bound": self.bound,
            "end": self.end,
        }


def acted_on(valuation: Valuation, metrics: tuple[Metric, ...]) -> tuple[PolicyCell, ...]:
    """Every clipped, imputed and excluded cell, provider by provider in table order."""
    flags = {
        "clipped": valuation.clipped,
        "imputed": valuation.imputed,
        "excluded": valuation.excluded,
    }
    out: list[PolicyCell] = []
    any_flag = valuation.clipped | valuation.imputed | valuation.excluded
    for i, j in zip(*np.nonzero(any_flag), strict=True):
        metric = metrics[j]
        raw = float(valuation.raw[i, j])
        for action, flag in flags.items():
            if not flag[i, j]:
                continue
            bound = end = None
            if action == "clipped":
                end = "best" if valuation.values[i, j] >= 0.5 else "worst"  # noqa: PLR2004
                value = getattr(metric.scale, end, None)
                bound = float(value) if isinstance(value, int | float) else None
            out.append(
                PolicyCell(valuation.providers[i], metric.id, action, raw, bound, end)  # type: ignore[arg-type]
            )
    return tuple(out)
