"""A slider for every node of the value tree, each with a lock and a reset.

Top-level domains come first; each domain's children are folded into an accordion under it.
Moving a slider calls ``on_move(node, value)``; `SliderTree.show` sets every slider from a
`Weights` without calling back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from scorecard._weights import Weights
from scorecard.tree import ROOT, Scorecard

_ROW = w.Layout(width="100%")
_BUTTON = w.Layout(width="52px", min_width="52px")
"""Lock and reset carry words, not icon fonts (the app loads no font from a CDN)."""


class SliderTree:
    """Sliders, locks and resets for every node of ``card``."""

    def __init__(
        self,
        card: Scorecard,
        weights: Weights,
        *,
        on_move: Callable[[str, float], None],
        on_reset: Callable[[str], None],
    ) -> None:
        self.card = card
        self._quiet = False
        self._on_move = on_move
        self._on_reset = on_reset
        self.sliders: dict[str, w.FloatSlider] = {}
        self.locks: dict[str, w.ToggleButton] = {}
        self.resets: dict[str, w.Button] = {}
        self.widget = w.VBox(self._rows(ROOT), layout=_ROW)
        self.show(weights)

    @property
    def locked(self) -> set[str]:
        """Ids of the locked nodes."""
        return {node for node, lock in self.locks.items() if lock.value}

    def show(self, weights: Weights) -> None:
        """Set every slider to ``weights`` without calling ``on_move``."""
        self._quiet = True
        try:
            for node, slider in self.sliders.items():
                slider.value = float(weights[node])
        finally:
            self._quiet = False

    def _rows(self, parent: str) -> list[Any]:
        rows: list[Any] = []
        for node in self.card.children(parent):
            rows.append(self._row(node))
            if node in self.card.groups:
                inner = w.Accordion(children=[w.VBox(self._rows(node), layout=_ROW)])
                inner.set_title(0, f"{self.card.node(node).label}: its parts")
                inner.selected_index = None
                rows.append(inner)
        return rows

    def _row(self, node: str) -> w.HBox:
        label = self.card.node(node).label
        slider = w.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=0.01,
            description=label,
            readout_format=".2f",
            continuous_update=False,
            style={"description_width": "170px"},
            layout=w.Layout(width="440px", min_width="440px"),
        )
        slider.add_class(f"scorecard-slider-{node}")
        alone = len(self.card.children(self.card.parent(node))) < 2  # noqa: PLR2004
        slider.disabled = alone  # a sole child always weighs 1
        lock = w.ToggleButton(
            value=False, description="lock", tooltip=f"lock {label}", layout=_BUTTON
        )
        reset = w.Button(description="reset", tooltip=f"reset {label}", layout=_BUTTON)
        slider.observe(lambda change, n=node: self._moved(n, change["new"]), names="value")
        reset.on_click(lambda _button, n=node: self._on_reset(n))
        self.sliders[node], self.locks[node], self.resets[node] = slider, lock, reset
        return w.HBox([slider, lock, reset])

    def _moved(self, node: str, value: float) -> None:
        if not self._quiet:
            self._on_move(node, float(value))
