"""Charts as static SVG, rendered locally by vl-convert (no browser, no network)."""

from __future__ import annotations

from typing import Any

from scorecard.charts._altair import EXTRA
from scorecard.errors import ScorecardError


def svg(chart: Any) -> str:
    """The chart as an SVG document (text)."""
    try:
        import vl_convert as vlc  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - the dev environment has it
        raise ScorecardError(f"vl-convert-python is not installed: {EXTRA}") from exc
    text: str = vlc.vegalite_to_svg(chart.to_dict())
    return text
