"""The "how robust is this?" panel: nearest thresholds for the selected node, SMAA on demand."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from scorecard.sensitivity import smaa, thresholds

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
        self.button = w.Button(
            description="Run SMAA", icon="random", tooltip="how often is each provider first?"
        )
        self.progress = w.IntProgress(value=0, min=0, max=samples, description="SMAA")
        self.summary = w.HTML()
        self.chart = w.Output()
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

    def _draw(self, result: Acceptability) -> Any:
        from scorecard.charts import acceptability  # noqa: PLC0415

        self.chart.clear_output()
        with self.chart:
            from IPython.display import display  # noqa: PLC0415

            display(acceptability(result))  # type: ignore[no-untyped-call]
