"""The ``scorecard`` command line: ``main`` runs it (``scorecard --help`` lists the commands).

`app_explorer` builds the weight explorer that ``scorecard app`` serves (its files, else the
bundled example); the app's notebook calls it.
"""

from scorecard.cli._app import app_explorer
from scorecard.cli._main import main

__all__ = ["app_explorer", "main"]
