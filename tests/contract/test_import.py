"""``import scorecard`` stays light: numpy, attrs and the standard library only."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("altair", "ipywidgets", "hypothesis", "pandas", "polars", "pyarrow", "narwhals", "cattrs")


def test_import_scorecard_loads_nothing_heavy() -> None:
    code = f"import sys, scorecard; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_lazy_submodules_load_on_use() -> None:
    import scorecard

    assert scorecard.io.__name__ == "scorecard.io"
    assert "io" in dir(scorecard)
