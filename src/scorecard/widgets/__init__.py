"""Jupyter widgets: the `WeightExplorer` and the `TenderExplorer` (the ``widgets`` extra).

``pip install 'commissioning-scorecard[widgets]'`` brings ipywidgets, altair, anywidget and
vl-convert; without them importing this package raises `WidgetsUnavailableError` saying so.
Everything works offline: the chart's JavaScript is served from the installed packages.
"""

from scorecard.errors import WidgetsUnavailableError
from scorecard.widgets import _require

_require.require()

from scorecard.widgets._explorer import WeightExplorer  # noqa: E402 - after the check
from scorecard.widgets._tender import TenderExplorer  # noqa: E402

__all__ = ["TenderExplorer", "WeightExplorer", "WidgetsUnavailableError"]
