"""`WeightExplorer`: move a weight and see scores, ranks and contributions shift at once.

The explorer is a thin layer over the public API: every slider move is
`scorecard.rebalance` (siblings in proportion, locked ones held), every redraw is
``card.evaluate`` and ``Evaluation.compare``, the robustness panel is
`scorecard.sensitivity._thresholds` and `scorecard.sensitivity._smaa`, the export is
`scorecard.decision.record`. Its state is readable and settable from Python (``weights``,
``selected``, ``baseline``, ``move``, ``lock``, ``apply_preset``), and each new evaluation
increments the ``revision`` trait and calls the listeners added with ``on_change``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import altair as alt
import ipywidgets as w
import traitlets

from scorecard import _baselines as named
from scorecard._markup import ranking_html
from scorecard._table import PerformanceTable
from scorecard._tree_weights import rebalance
from scorecard._weights import Weights
from scorecard.aggregation import Aggregation
from scorecard.charts._contributions import contribution_rows, contributions
from scorecard.decision import DecisionRecord, record
from scorecard.errors import ScorecardError
from scorecard.evaluation import Evaluation
from scorecard.monitoring import Panel
from scorecard.report import SYNTHETIC
from scorecard.tree import ROOT, Scorecard
from scorecard.weighting import WeightSpec, resolve
from scorecard.widgets._export import ExportPanel
from scorecard.widgets._groups import GroupPanel
from scorecard.widgets._offline import EMBED, offline
from scorecard.widgets._robustness import RobustnessPanel
from scorecard.widgets._sliders import SliderTree
from scorecard.widgets._time import TimePanel

__all__ = ["ADJUSTED", "SNAPSHOT", "WeightExplorer", "lens_preset"]

SNAPSHOT = "snapshot"
"""The baseline set by "Use as baseline" (the weights at that moment)."""
ADJUSTED = "adjusted weights"
"""What the preset picker shows once weights are moved off every preset."""


def lens_preset(name: str) -> str:
    """The preset name of a stakeholder lens."""
    return f"as {name} weigh it"


CHART_BARS: Final = 60
"""Providers drawn in the contributions chart; beyond it the chart shows the best and says so."""


class WeightExplorer(w.VBox):  # type: ignore[misc]
    """Sliders for every weight, a ranking beside a baseline, contributions, robustness, export.

    Parameters
    ----------
    card, table
        The scorecard and the providers' performances.
    panel
        Instead of a table, a panel of periods (`scorecard.monitoring.Panel`): a period picker
        chooses the table shown (the latest first), and "Draw ranks over time" shows every
        period under the current weights, the rank moves beyond the data's noise marked.
    weights
        Starting weights (default: the scorecard's own); "reset" returns to them.
    aggregation
        As for ``card.evaluate`` (default additive).
    baseline
        What to compare with: the name of a preset ("completions only" when the card has a
        completion metric, the default; "scorecard's weights"; "equal"), or an evaluation of
        the same providers (another scorecard, say), named by ``baseline_name``.
    rationale
        Text to start the decision's rationale with (a saved decision's, say).
    export
        Show the decision record panel (a tender's explorer records the award instead).
    samples, seed
        SMAA settings for the robustness panel.
    lenses
        Stakeholder groups' combined weights (`scorecard.stakeholders.combine`): each is a
        preset ("as commissioners weigh it") in the preset picker and a baseline to compare
        with, so the evaluation can be seen through any group's eyes (or a compromise, given
        as a lens); the decision record and the report carry them.
    """

    revision = traitlets.Int(0)

    def __init__(
        self,
        card: Scorecard,
        table: PerformanceTable | None = None,
        *,
        panel: Panel | None = None,
        weights: WeightSpec | None = None,
        aggregation: Aggregation | None = None,
        baseline: str | Evaluation | None = None,
        baseline_name: str | None = None,
        rationale: str = "",
        samples: int = 10_000,
        seed: int = 0,
        export: bool = True,
        lenses: Mapping[str, Weights] | None = None,
    ) -> None:
        super().__init__()
        offline()
        if (table is None) == (panel is None):
            raise ScorecardError("give the explorer a table, or a panel of periods (not both)")
        if table is None:
            assert panel is not None  # noqa: S101 - for mypy
            table = panel.tables[-1]
        self.panel = panel
        self.card, self.table, self.aggregation = card, table, aggregation
        self.lenses = dict(lenses or {})
        self.presets = {
            **named.presets(card),
            **{lens_preset(n): card.check_weights(w) for n, w in self.lenses.items()},
        }
        self.initial = resolve(card, weights, table)
        self._weights = self.initial
        self._selected = card.children(ROOT)[0]
        self._listeners: list[Callable[[Evaluation], None]] = []
        self._baselines: dict[str, Evaluation] = {}
        if isinstance(baseline, Evaluation):
            given = baseline_name or baseline.card.name
            self._baselines[given] = baseline
            self._extra = [given]
            self._baseline = given
        else:
            self._extra = []
            self._baseline = baseline or named.default_name(card)
        self._quiet = False
        self.evaluation = card.evaluate(table, weights=self._weights, aggregation=self.aggregation)
        self.comparison = self.evaluation.compare(self._baseline_evaluation(self._baseline))

        self.sliders = SliderTree(card, self._weights, on_move=self.move, on_reset=self.reset)
        self.preset = w.Dropdown(
            options=[(ADJUSTED, ""), *((n, n) for n in self.presets)],
            value=self._preset_of(self._weights),
            description="preset",
        )
        self.preset.observe(self._picked, names="value")
        self.baseline_picker = w.Dropdown(
            options=self._baseline_names(), value=self._baseline, description="baseline"
        )
        self.baseline_picker.observe(lambda c: self._set_baseline(c["new"]), names="value")
        self.snapshot = w.Button(description="Use as baseline")
        self.snapshot.on_click(lambda _b: self.use_as_baseline())
        self.ranking = w.HTML()
        self.ranking.add_class("scorecard-ranking-box")
        chart = contributions(self.evaluation, limit=CHART_BARS)
        self.chart = alt.JupyterChart(chart, embed_options=EMBED)
        self._spec = dict(self.chart.spec)
        self.robustness = RobustnessPanel(samples=samples, seed=seed)
        self.groups = GroupPanel(
            card, current=lambda: self._weights, on_weights=self._set_group_weights
        )
        self.export = ExportPanel(self.decision, self._report_page, rationale=rationale)
        self.time = (
            None
            if panel is None
            else TimePanel(panel, on_period=self._set_period, current=lambda: self.evaluation)
        )
        self._export_shown = export
        self.children = self._layout()
        self._redraw()

    # -- state, from Python ----------------------------------------------------------------------

    @property
    def weights(self) -> Weights:
        """The current local weights."""
        return self._weights

    @weights.setter
    def weights(self, value: WeightSpec) -> None:
        self._show(resolve(self.card, value, self.table))

    @property
    def selected(self) -> str:
        """The node whose robustness is shown (the last one moved, unless set)."""
        return self._selected

    @selected.setter
    def selected(self, node: str) -> None:
        self.card.node(node)  # a clear error for an unknown id
        self._selected = node
        self.robustness.update(self.evaluation, node)

    @property
    def baseline(self) -> str:
        """The name of the baseline the ranking is compared with."""
        return self._baseline

    @baseline.setter
    def baseline(self, name: str) -> None:
        self.baseline_picker.value = name

    @property
    def period(self) -> int | None:
        """The position of the period shown (None without a panel); set it to show another."""
        return None if self.time is None else int(self.time.picker.value)

    @period.setter
    def period(self, k: int) -> None:
        if self.time is None:
            raise ScorecardError("this explorer has no panel of periods")
        self.time.picker.value = range(len(self.time.panel.periods))[k]

    @property
    def chart_spec(self) -> dict[str, Any]:
        """The contribution chart's current Vega-Lite spec."""
        return dict(self.chart.spec)

    def on_change(self, listener: Callable[[Evaluation], None]) -> None:
        """Call ``listener(evaluation)`` after every new evaluation."""
        self._listeners.append(listener)

    def move(self, node: str, value: float) -> None:
        """Set ``node``'s local weight as its slider would (siblings rebalance, locks hold)."""
        held = self.sliders.locked - {node}
        new = rebalance(self.card, self._weights, node, value, locked=held, cap=True)
        self._selected = node
        self._show(new)

    def reset(self, node: str) -> None:
        """Return ``node`` to its starting weight (siblings rebalance)."""
        self.move(node, self.initial[node])

    def lock(self, node: str, locked: bool = True) -> None:
        """Lock (or unlock) a node's weight while its siblings move."""
        self.sliders.locks[node].value = locked

    def apply_preset(self, name: str) -> None:
        """Switch to a named preset: see ``presets``."""
        if name not in self.presets:
            raise ScorecardError(f"no preset {name!r}; choose from {', '.join(self.presets)}")
        self._show(self.presets[name])

    def use_as_baseline(self) -> None:
        """Compare from now on with the current weights."""
        self._baselines[SNAPSHOT] = self.evaluation
        self.baseline_picker.options = self._baseline_names()
        self.baseline_picker.value = SNAPSHOT
        self._set_baseline(SNAPSHOT)

    def decision(self, rationale: str = "") -> DecisionRecord:
        """The current decision, with ``rationale``, as a replayable record."""
        baseline = self._baseline_evaluation(self._baseline)
        return record(
            self.evaluation,
            rationale=rationale,
            baseline=baseline,
            baseline_name=self._baseline,
            lenses=self.lenses,
        )

    def report(self, rationale: str = "") -> str:
        """The HTML report of the current decision (what "Make report" offers for download)."""
        return self._report_page(self.decision(rationale))

    # -- inside ----------------------------------------------------------------------------------

    def _evaluate(self, weights: Weights) -> Evaluation:
        return self.evaluation.rescore(weights)  # the table's values stay; only weights move

    def _report_page(self, decision: DecisionRecord) -> str:
        from scorecard.report import report  # noqa: PLC0415

        return report(
            self.evaluation,
            self._baseline_evaluation(self._baseline),
            baseline_name=self._baseline,
            decision=decision,
            samples=self.robustness.samples,
            seed=self.robustness.seed,
        )

    def _picked(self, change: dict[str, Any]) -> None:
        if change["new"] and not self._quiet:
            self.apply_preset(change["new"])

    def _preset_of(self, weights: Weights) -> str:
        """The name of the preset ``weights`` equal (to 1e-9), or "" for adjusted weights."""
        for name, preset in self.presets.items():
            if all(abs(weights[n] - preset[n]) <= 1e-9 for n in weights.local):  # noqa: PLR2004
                return name
        return ""

    def _baseline_names(self) -> list[str]:
        names = [*self.presets, *self._extra]
        return [*names, SNAPSHOT] if SNAPSHOT in self._baselines else names

    def _baseline_evaluation(self, name: str) -> Evaluation:
        if name not in self._baselines:
            # Every baseline is built from the card given (completions only: its own completion
            # metrics, focused), never from the catalogue's cards, so any card works.
            if name in self.presets:
                self._baselines[name] = self._evaluate(self.presets[name])
            else:
                raise ScorecardError(
                    f"no baseline {name!r}; choose from {', '.join(self._baseline_names())}"
                )
        return self._baselines[name]

    def _set_baseline(self, name: str) -> None:
        self._baseline = name
        self.comparison = self.evaluation.compare(self._baseline_evaluation(name))
        self._redraw()

    def _set_period(self, k: int) -> None:
        """Show period ``k``'s table: the weights stay; the baselines are rebuilt on it."""
        assert self.panel is not None  # noqa: S101 - only a panel's picker calls this
        self.table = self.panel.tables[k]
        self._baselines = {
            n: e for n, e in self._baselines.items() if n not in self.presets
        }  # a given baseline or a snapshot is kept; presets are valued on the new period
        self.evaluation = self.card.evaluate(
            self.table, weights=self._weights, aggregation=self.aggregation
        )
        self.comparison = self.evaluation.compare(self._baseline_evaluation(self._baseline))
        self._redraw()

    def _set_group_weights(self, weights: Weights, group: str) -> None:
        self._selected = group if group != ROOT else self._selected
        self._show(weights)

    def _show(self, weights: Weights) -> None:
        self._weights = weights
        self.sliders.show(weights)
        self._quiet = True
        try:  # the picker names the preset the weights now are, or says they are adjusted
            self.preset.value = self._preset_of(weights)
        finally:
            self._quiet = False
        self.evaluation = self._evaluate(weights)
        self.comparison = self.evaluation.compare(self._baseline_evaluation(self._baseline))
        self._redraw()

    def _redraw(self) -> None:
        self.ranking.value = ranking_html(self.comparison, baseline=self._baseline)
        data, order = contribution_rows(self.evaluation, limit=CHART_BARS)
        spec = dict(self._spec)
        spec["data"] = {"values": data}
        weighed = self.preset.value or ADJUSTED
        spec["title"] = f"{self.card.name}: scores by domain, {weighed}"
        if len(order) < len(self.evaluation.providers):
            spec["title"] = (
                f"{self.card.name}, {weighed}: the best {len(order)} of "
                f"{len(self.evaluation.providers):,} providers by score (the table lists all)"
            )
        encoding = dict(spec["encoding"])
        encoding["y"] = {**encoding["y"], "sort": order}
        spec["encoding"] = encoding
        self.chart.spec = spec
        self.robustness.update(self.evaluation, self._selected)
        if self.time is not None:
            self.time.stale()
        self.revision += 1
        for listener in self._listeners:
            listener(self.evaluation)

    def _layout(self) -> Sequence[Any]:
        title = w.HTML(f"<h3>{html.escape(self.card.name)}</h3>")
        banner = (
            [w.HTML(f"<p class='scorecard-synthetic'><b>{html.escape(SYNTHETIC)}</b></p>")]
            if self.table.synthetic
            else []
        )
        picker = [] if self.time is None else [self.time.picker]
        top = w.HBox(
            [*picker, self.preset, self.baseline_picker, self.snapshot],
            layout=w.Layout(flex_flow="row wrap"),
        )
        left = w.VBox(
            [w.HTML("<b>Weights</b>"), self.sliders.widget, self.groups.widget],
            layout=w.Layout(min_width="560px", flex="0 0 auto"),
        )
        right = w.VBox([self.ranking, self.chart], layout=w.Layout(flex="1 1 560px"))
        # Side by side where the window is wide enough; else the ranking and chart go below.
        body = w.HBox([left, right], layout=w.Layout(flex_flow="row wrap", width="100%"))
        tail = [self.export.widget] if self._export_shown else []
        time = [] if self.time is None else [self.time.widget]
        return [title, *banner, top, body, *time, self.robustness.widget, *tail]
