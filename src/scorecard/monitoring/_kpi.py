"""Contract KPIs over time: a RAG status that reads the noise, and keep-or-retender evidence.

A single quarter below target inside common-cause variation is not red. The status combines
the target with the XmR chart of the KPI's series:

* **red**: the target is consistently failed (it lies beyond the limits on the wrong side), or
  the latest point is a special-cause concern and below target;
* **amber**: the latest point is below target but within common-cause variation (the target
  is met only some of the time), or it is a special-cause concern while still on target;
* **green**: the target is consistently met, or the latest point meets it with no concern.

`kpi_evidence` turns the statuses into `scorecard.contracts.KPI` records for a keep-or-retender
assessment, each carrying its SPC reading as a note, under its key criterion.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Final

import attrs

from scorecard._psr import KPI
from scorecard.monitoring._xmr import ASSURANCE, RULES, VARIATION, SPCWarning, xmr

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scorecard.monitoring._panel import Panel
    from scorecard.tree import Scorecard

__all__ = ["RAG", "ContractKPI", "KPIStatus", "kpi_evidence", "kpi_status"]

RAG: Final = ("green", "amber", "red")
"""The RAG statuses a contract KPI can take, best first."""


@attrs.frozen
class ContractKPI:
    """A KPI as the contract states it: the metric, its key criterion, the target."""

    metric: str
    criterion: str
    target: float = attrs.field(converter=float)


@attrs.frozen
class KPIStatus:
    """One KPI of one provider at the latest period: value, target, SPC reading and RAG."""

    kpi: ContractKPI
    label: str
    better: str
    latest: float
    assurance: str
    reading: str
    """The latest point's XmR reading: "common cause" or "<rule> (<improvement|concern>)"."""
    rag: str

    def describe(self) -> str:
        """The status in words."""
        met = (
            "meets the target only some of the time (it lies within the limits)"
            if self.assurance == "inconsistent"
            else f"{self.assurance} the target"
        )
        return f"{self.rag}: {met}; latest quarter {self.reading}"


def kpi_status(
    panel: Panel, card: Scorecard, provider: str, kpis: Sequence[ContractKPI]
) -> tuple[KPIStatus, ...]:
    """The RAG status of each contract KPI of ``provider`` at the panel's latest period.

    Examples
    --------
    >>> import scorecard as sc
    >>> from scorecard.monitoring import Panel
    >>> panel = Panel(*sc.datasets.example_panel())
    >>> [s.rag for s in kpi_status(panel, sc.catalog.balanced(), "Riverside Recovery",
    ...                            [ContractKPI("sc_opiate_no_rep", "quality_innovation", 5)])]
    ['green']
    """
    out = []
    for kpi in kpis:
        metric = card.metric(kpi.metric)
        better = metric.direction.value
        series = panel.series(kpi.metric, provider)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SPCWarning)
            chart = xmr(series, better=better, target=kpi.target)
        assurance = ASSURANCE[int(chart.assurance[0])]
        rule = int(chart.rule[0, -1])
        concern = rule >= 0 and VARIATION[int(chart.variation[0, -1])] == "concern"
        latest = float(series[-1])
        on_target = latest >= kpi.target if better == "higher" else latest <= kpi.target
        if assurance == "consistently fails" or (concern and not on_target):
            rag = "red"
        elif not on_target or concern:
            rag = "amber"
        else:
            rag = "green"
        reading = (
            f"{RULES[rule]} ({VARIATION[int(chart.variation[0, -1])]})"
            if rule >= 0
            else "common cause"
        )
        out.append(KPIStatus(kpi, metric.label, better, latest, assurance, reading, rag))
    return tuple(out)


def kpi_evidence(statuses: Sequence[KPIStatus]) -> tuple[KPI, ...]:
    """The statuses as keep-or-retender KPIs, for `scorecard.contracts.KeepOrRetender`.

    Each is the latest value against the target, with the SPC reading and RAG as its note.
    """
    return tuple(
        KPI(
            s.kpi.metric,
            s.label,
            s.kpi.criterion,
            s.kpi.target,
            s.latest,
            direction=s.better,
            note=s.describe(),
        )
        for s in statuses
    )
