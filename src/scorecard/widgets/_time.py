"""The explorer over time: a period picker, and the ranks over time under the current weights.

Picking a period re-evaluates the explorer on that period's table (the weights stay); "Draw
ranks over time" evaluates the card at every period with the current weights and marks the
rank moves that lie beyond the data's noise (`scorecard.monitoring.rank_changes`), drawn by the
offline chart widget.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from scorecard.widgets._offline import EMBED

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation
    from scorecard.monitoring import Panel, RankChanges


class TimePanel:
    """A period picker (latest first selected) and the ranks over time, drawn on demand."""

    def __init__(
        self,
        panel: Panel,
        *,
        on_period: Callable[[int], None],
        current: Callable[[], Evaluation],
        samples: int = 1_000,
        seed: int = 0,
    ) -> None:
        self.panel = panel
        self.samples, self.seed = samples, seed
        self._current = current
        self.changes: RankChanges | None = None
        labels = [(p.isoformat(), k) for k, p in enumerate(panel.periods)]
        self.picker = w.Dropdown(options=labels, value=len(panel.periods) - 1, description="period")
        self.picker.observe(lambda c: on_period(int(c["new"])), names="value")
        self.button = w.Button(
            description="Draw ranks over time",
            tooltip="every period under the current weights; moves beyond the noise marked",
        )
        self.button.on_click(lambda _b: self.draw())
        self.summary = w.HTML()
        self.chart = w.VBox()
        self.chart.add_class("scorecard-over-time")
        self._widget: Any = None
        self.widget = w.VBox(
            [w.HTML("<b>Over time</b>"), w.HBox([self.button]), self.summary, self.chart]
        )

    def stale(self) -> None:
        """Say the drawing no longer shows the current weights."""
        if self.changes is not None:
            self.summary.value = "<i>weights changed: draw again</i>"

    def draw(self) -> RankChanges:
        """Evaluate every period with the current weights; draw the ranks and the real moves."""
        import altair as alt  # noqa: PLC0415

        from scorecard.charts import ranks_over_time  # noqa: PLC0415
        from scorecard.monitoring import over_time, rank_changes  # noqa: PLC0415

        ev = self._current()
        over = over_time(ev.card, self.panel, weights=ev.weights, aggregation=ev.aggregation)
        self.changes = rank_changes(over, self.panel, samples=self.samples, seed=self.seed)
        first = ev.ranking[0]
        chart = ranks_over_time(self.changes, highlight=[first])
        moved, real = int(self.changes.moved.sum()), int(self.changes.real.sum())
        self.summary.value = html.escape(
            f"{moved} rank moves over {len(self.panel.periods)} periods; {real} lie beyond the "
            f"noise of the data. Highlighted: {first}, first in the period shown."
        )
        if self._widget is None:
            self._widget = alt.JupyterChart(chart, embed_options=EMBED)
            self.chart.children = [self._widget]
        else:
            self._widget.spec = chart.to_dict()
        return self.changes
