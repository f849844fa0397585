"""Charts as static SVG, rendered locally by vl-convert (no browser, no network)."""

from __future__ import annotations

import html
from typing import Any

from scorecard.charts._altair import EXTRA, altair
from scorecard.errors import ScorecardError


def offline() -> None:
    """Show charts in notebooks as SVG drawn in the kernel: no script, no CDN, any viewer.

    Altair's default display loads Vega from a CDN wherever the notebook is not open in
    JupyterLab (an exported page, Voila, a docs site, a machine with no internet) and shows
    an error there. After this call, charts display as SVG made locally by vl-convert, as the
    report's are; tooltips are lost. ``altair.renderers.enable("default")`` goes back.
    """
    alt = altair()
    alt.renderers.enable("svg")


def svg(chart: Any) -> str:
    """The chart as an SVG document (text), with a title and a description for screen readers.

    The ``<title>`` is the chart's title and the ``<desc>`` its ``description`` (every chart of
    this package sets one); the root element gets ``role="img"``.
    """
    try:
        import vl_convert as vlc  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - the dev environment has it
        raise ScorecardError(f"vl-convert-python is not installed: {EXTRA}") from exc
    spec = chart.to_dict()
    text: str = vlc.vegalite_to_svg(spec)
    return _labelled(text, _title(spec), str(spec.get("description", "")))


def _title(spec: dict[str, Any]) -> str:
    """The chart's title text (a layer's first titled part when the top has none)."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    if title:
        return str(title)
    for part in spec.get("layer", ()):
        found = _title(part)
        if found:
            return found
    return "Chart"


def _labelled(document: str, title: str, description: str) -> str:
    """``document`` with ``<title>`` and ``<desc>`` first inside its root ``<svg>``."""
    start = document.index("<svg")
    end = document.index(">", start)
    head = document[start:end].replace("<svg", '<svg role="img"', 1)
    label = f"<title>{html.escape(title)}</title><desc>{html.escape(description or title)}</desc>"
    return document[:start] + head + ">" + label + document[end + 1 :]
