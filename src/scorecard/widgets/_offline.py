"""Charts in widgets with no internet: altair's chart widget with its JavaScript bundled."""

from __future__ import annotations

from typing import Final

import altair as alt

__all__ = ["EMBED", "offline"]

EMBED: Final = {"renderer": "svg", "actions": False}
"""Vega-Embed options: SVG (readable by tests and screen readers), no action menu."""


def offline() -> None:
    """Serve the charts' JavaScript from the kernel, not a CDN (works with no internet)."""
    alt.JupyterChart.enable_offline()
