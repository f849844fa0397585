"""Weights for one group from judgements: a ranking (rank-order centroid) or AHP comparisons."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence

import ipywidgets as w

from scorecard._weights import Weights
from scorecard.tree import ROOT, Scorecard
from scorecard.widgets._judgements import pairwise, ranked


class GroupPanel:
    """Pick a group; put its children in order, or compare them in pairs; apply."""

    def __init__(
        self,
        card: Scorecard,
        *,
        current: Callable[[], Weights],
        on_weights: Callable[[Weights, str], None],
    ) -> None:
        self.card = card
        self._current = current
        self._on_weights = on_weights
        names = [("top level", ROOT), *((card.node(g).label, g) for g in card.groups if g != ROOT)]
        self.group = w.Dropdown(options=names, value=ROOT, description="group")
        self.order = w.Select(rows=6)
        self.up = w.Button(description="up", tooltip="move up", layout=w.Layout(width="52px"))
        self.down = w.Button(description="down", tooltip="move down", layout=w.Layout(width="52px"))
        self.roc = w.Button(description="Rank-order centroid")
        self.judgements = w.VBox()
        self.ahp = w.Button(description="AHP")
        self.note = w.HTML()
        self.up.on_click(lambda _b: self._shift(-1))
        self.down.on_click(lambda _b: self._shift(1))
        self.roc.on_click(lambda _b: self.rank([v for _, v in self.order.options]))
        self.ahp.on_click(lambda _b: self.judge(self._matrix()))
        self.group.observe(lambda _c: self._fill(), names="value")
        inner = w.VBox(
            [
                self.group,
                w.HBox([self.order, w.VBox([self.up, self.down])]),
                self.roc,
                w.HTML("How many times more important is the first than the second?"),
                self.judgements,
                self.ahp,
                self.note,
            ]
        )
        self.widget = w.Accordion(children=[inner])
        self.widget.set_title(0, "Weigh a group by ranking or pairwise comparison")
        self.widget.selected_index = None
        self._fill()

    def rank(self, order: Sequence[str]) -> Weights:
        """Weigh the group's children by rank-order centroid, most important first."""
        found = ranked(self.card, self._current(), self.group.value, order)
        self.note.value = "rank-order centroid applied"
        self._on_weights(found, self.group.value)
        return found

    def judge(self, matrix: Sequence[Sequence[float]]) -> tuple[Weights, float]:
        """Weigh the group's children by AHP from a full reciprocal judgement matrix."""
        found, ratio = pairwise(self.card, self._current(), self.group.value, matrix)
        flag = " (above 0.1: worth another look)" if ratio > 0.1 else ""  # noqa: PLR2004
        self.note.value = html.escape(f"AHP applied; consistency ratio {ratio:.3f}{flag}")
        self._on_weights(found, self.group.value)
        return found, ratio

    def _fill(self) -> None:
        children = self.card.children(self.group.value)
        self.order.options = [(self.card.node(c).label, c) for c in children]
        boxes = []
        for a, b in itertools.combinations(children, 2):
            label = f"{self.card.node(a).label} vs {self.card.node(b).label}"
            boxes.append(
                w.BoundedFloatText(
                    value=1.0,
                    min=1 / 9,
                    max=9.0,
                    step=0.5,
                    description=label,
                    style={"description_width": "260px"},
                )
            )
        self.judgements.children = boxes

    def _matrix(self) -> list[list[float]]:
        children = self.card.children(self.group.value)
        n = len(children)
        m = [[1.0] * n for _ in range(n)]
        for box, (i, j) in zip(
            self.judgements.children, itertools.combinations(range(n), 2), strict=True
        ):
            m[i][j], m[j][i] = float(box.value), 1.0 / float(box.value)
        return m

    def _shift(self, step: int) -> None:
        options = list(self.order.options)
        values = [v for _, v in options]
        if self.order.value is None:
            return
        i = values.index(self.order.value)
        j = min(max(i + step, 0), len(options) - 1)
        options[i], options[j] = options[j], options[i]
        chosen = self.order.value
        self.order.options = options
        self.order.value = chosen
