"""Saving the decision: a free-text rationale and a JSON decision record that replays."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from scorecard.decision import DecisionRecord


class ExportPanel:
    """A rationale box, a file name and a button that writes the decision record."""

    def __init__(
        self, make: Callable[[str], DecisionRecord], *, path: str = "decision.json"
    ) -> None:
        self._make = make
        self.rationale = w.Textarea(
            placeholder="Why these weights? (saved with the decision)",
            layout=w.Layout(width="100%"),
        )
        self.path = w.Text(value=path, description="file")
        self.button = w.Button(description="Save decision", icon="save")
        self.status = w.HTML()
        self.button.on_click(lambda _b: self.save())
        self.widget = w.VBox(
            [
                w.HTML("<b>Decision record</b>"),
                self.rationale,
                w.HBox([self.path, self.button]),
                self.status,
            ]
        )

    def save(self) -> DecisionRecord:
        """Write the record to the file named in the panel."""
        found = self._make(self.rationale.value)
        target = Path(self.path.value)
        found.to_json(target)
        self.status.value = (
            f"saved to <code>{html.escape(str(target))}</code> at {html.escape(found.timestamp)}; "
            f"data {found.data_fingerprint[:12]}"
        )
        return found
