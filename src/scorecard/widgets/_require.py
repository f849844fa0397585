"""A clear error when the ``widgets`` extra is not installed."""

from __future__ import annotations

import importlib.util

from scorecard.errors import WidgetsUnavailableError

NEEDED = ("ipywidgets", "altair", "anywidget", "vl_convert")
MESSAGE = "scorecard.widgets needs {missing}: pip install 'commissioning-scorecard[widgets]'"


def require() -> None:
    """Raise `WidgetsUnavailableError` naming what is missing."""
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise WidgetsUnavailableError(MESSAGE.format(missing=", ".join(missing)))
