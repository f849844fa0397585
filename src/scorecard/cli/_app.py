"""``scorecard app``: the weight explorer served by Voila on 127.0.0.1 (needs the ``app`` extra)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from scorecard.errors import ScorecardError

__all__ = ["explorer_notebook", "serve", "voila_command"]


def explorer_notebook() -> Path:
    """The explorer notebook: the packaged copy, or ``notebooks/explore.ipynb`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "explore.ipynb"
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "notebooks" / "explore.ipynb"
    if checkout.is_file():
        return checkout
    raise ScorecardError("explore.ipynb is not installed with this copy of scorecard")


def voila_command(notebook: Path, *, port: int, open_browser: bool = False) -> list[str]:
    """The command line that serves ``notebook`` on 127.0.0.1:``port``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        *([] if open_browser else ["--no-browser"]),
    ]


def serve(notebook: Path | None = None, *, port: int = 8866, open_browser: bool = False) -> int:
    """Run Voila until it is stopped; returns its exit status."""
    if importlib.util.find_spec("voila") is None:
        raise ScorecardError(
            "scorecard app needs Voila: pip install 'commissioning-scorecard[app]'"
        )
    path = notebook or explorer_notebook()
    if not path.is_file():
        raise ScorecardError(f"no such notebook: {path}")
    sys.stderr.write(f"serving {path.name} on http://127.0.0.1:{port}/ (Ctrl+C stops it)\n")
    return subprocess.call(voila_command(path, port=port, open_browser=open_browser))  # noqa: S603
