"""Notebooks are committed without outputs, and their code cells run top to bottom."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def code_cells(path: Path) -> list[dict[str, object]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    for cell in code_cells(path):
        assert cell["outputs"] == []
        assert cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_run_in_order(path: Path) -> None:
    namespace: dict[str, object] = {}
    for k, cell in enumerate(code_cells(path)):
        source = "".join(cell["source"])  # type: ignore[arg-type]
        exec(compile(source, f"{path.name}[{k}]", "exec"), namespace)  # noqa: S102
