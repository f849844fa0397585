"""The "how robust is this?" panel: nearest thresholds for the selected node, SMAA on demand.

The SMAA heat map is drawn by altair's offline chart widget (its JavaScript served by the
kernel, not a CDN), like the explorer's contributions chart.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from scorecard.sensitivity import smaa, thresholds
from scorecard.widgets._offline import EMBED

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation
    from scorecard.sensitivity._smaa import Acceptability


class RobustnessPanel:
    """Thresholds of the selected node at once; SMAA (with a progress bar) when asked."""

    def __init__(self, *, samples: int = 10_000, seed: int = 0) -> None:
        self.samples = samples
        self.seed = seed
        self.result: Acceptability | None = None
        self._evaluation: Evaluation | None = None
        self.thresholds = w.HTML()
        self.thresholds.add_class("scorecard-thresholds")
        self.button = w.Button(description="Run SMAA", tooltip="how often is each provider first?")
        self.progress = w.IntProgress(value=0, min=0, max=samples, description="SMAA")
        self.summary = w.HTML()
        self.chart = w.VBox()
        self.chart.add_class("scorecard-smaa")
        self.heat_map: Any = None
        self.button.on_click(lambda _b: self.run())
        self.widget = w.VBox(
            [
                w.HTML("<b>How robust is this?</b>"),
                self.thresholds,
                w.HBox([self.button, self.progress]),
                self.summary,
                self.chart,
            ]
        )

    def update(self, evaluation: Evaluation, node: str) -> None:
        """Show the nearest weights of ``node`` at which first place changes hands."""
        self._evaluation = evaluation
        card = evaluation.card
        if len(card.children(card.parent(node))) < 2:  # noqa: PLR2004 - a sole child
            label = card.node(node).label
            text = f"{label} is the only part of its group: its weight is always 1."
        else:
            text = thresholds(evaluation, [node]).nodes[0].summary()
        self.thresholds.value = f"<span>{html.escape(text)}</span>"
        self.summary.value = "<i>weights changed: run SMAA again</i>" if self.result else ""

    def run(self) -> Acceptability:
        """SMAA over `samples` weightings of the current evaluation."""
        if self._evaluation is None:
            raise RuntimeError("no evaluation to analyse yet")
        self.progress.value = 0

        def tick(done: int, total: int) -> None:
            self.progress.max, self.progress.value = total, done

        self.result = smaa(
            self._evaluation, samples=self.samples, seed=self.seed, pairwise=False, progress=tick
        )
        self.summary.value = html.escape(self.result.summary())
        self._draw(self.result)
        return self.result

    def _draw(self, result: Acceptability) -> None:
        import altair as alt  # noqa: PLC0415

        from scorecard.charts import acceptability  # noqa: PLC0415
        from scorecard.report import FIGURE_LIMIT  # noqa: PLC0415

        chart = acceptability(result, limit=FIGURE_LIMIT)
        if self.heat_map is None:
            self.heat_map = alt.JupyterChart(chart, embed_options=EMBED)
            self.chart.children = [self.heat_map]
        else:
            self.heat_map.spec = chart.to_dict()
