"""Saving the decision: a rationale, then the decision record and the report as downloads.

A person in a browser (the app, or a notebook on a server) gets the files on their own
machine: each button makes the file in the kernel and offers it as a link with the
``download`` attribute and the file inline as a ``data:`` URL, so nothing is written on the
server. From Python, `ExportPanel.save` and `ExportPanel.report` also write to a path.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from scorecard.decision import DecisionRecord


def download_link(text: str, filename: str, media_type: str, label: str) -> str:
    """An HTML link that downloads ``text`` as ``filename`` (the file travels in the link)."""
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        "<a class='scorecard-download' style='color:#0072B2;text-decoration:underline;"
        f"margin-left:0.6em' download='{html.escape(filename, quote=True)}' "
        f"href='data:{media_type};charset=utf-8;base64,{data}'>{html.escape(label)}</a>"
    )


class ExportPanel:
    """A rationale box; buttons that make the decision record and the report to download."""

    def __init__(
        self,
        make: Callable[[str], DecisionRecord],
        render: Callable[[DecisionRecord], str],
        *,
        rationale: str = "",
    ) -> None:
        self._make = make
        self._render = render
        self.rationale = w.Textarea(
            value=rationale,
            placeholder="Why these weights? (saved with the decision)",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.button = w.Button(description="Save decision", tooltip="make decision.json")
        self.report_button = w.Button(
            description="Make report", tooltip="make a report a board can read (report.html)"
        )
        self.link = w.HTML()
        self.link.add_class("scorecard-decision-link")
        self.report_link = w.HTML()
        self.report_link.add_class("scorecard-report-link")
        self.status = w.HTML()
        self.button.on_click(lambda _b: self.save())
        self.report_button.on_click(lambda _b: self.report())
        self.widget = w.VBox(
            [
                w.HTML("<b>Decision record</b>"),
                self.rationale,
                w.HBox([self.button, self.link]),
                w.HBox([self.report_button, self.report_link]),
                self.status,
            ]
        )

    def save(self, path: str | Path | None = None) -> DecisionRecord:
        """Make the record with the rationale, offer it for download; write it to ``path`` too."""
        found = self._make(self.rationale.value)
        text = found.to_json(path)
        self.link.value = download_link(
            text, "decision.json", "application/json", "Download decision.json"
        )
        where = f" and wrote {html.escape(str(path))}" if path is not None else ""
        self.status.value = (
            f"decision made {html.escape(found.timestamp)}{where}; data "
            f"{found.data_fingerprint[:12]}"
        )
        return found

    def report(self, path: str | Path | None = None) -> str:
        """Make the report of the decision as it stands, offer it; write it to ``path`` too."""
        page = self._render(self._make(self.rationale.value))
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        self.report_link.value = download_link(
            page, "report.html", "text/html", "Download report.html"
        )
        return page
