"""The ``scorecard`` command line: ``main`` runs it (``scorecard --help`` lists the commands)."""

from scorecard.cli._main import main

__all__ = ["main"]
