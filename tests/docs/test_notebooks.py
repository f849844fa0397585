"""Notebooks: committed without outputs or assertions, run in a real kernel, offline.

Each notebook is executed by a Jupyter kernel (nbclient), as a reader runs it, with its
claims checked by the cell `notebook_checks.CHECKS` appends. No output may be an error, and
no output may load anything from another server (charts are SVG drawn in the kernel).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from notebook_checks import CHECKS

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
EXTERNAL = re.compile(r"(src|href)=['\"]?https?://|cdn\.jsdelivr|unpkg\.com|Error loading script")


def read(path: Path) -> dict[str, Any]:
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return notebook


def code_cells(path: Path) -> list[dict[str, Any]]:
    return [c for c in read(path)["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_assertions(path: Path) -> None:
    for cell in code_cells(path):
        assert cell["outputs"] == []
        assert cell["execution_count"] is None
        source = "".join(cell["source"])
        assert not re.search(r"^\s*assert ", source, re.MULTILINE), (
            f"{path.name}: assertions belong in tests/docs/notebook_checks.py"
        )
    assert path.name in CHECKS, f"{path.name}: say what it claims in notebook_checks.CHECKS"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_in_a_kernel_offline_and_its_claims_hold(path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)  # type: ignore[no-untyped-call]
    notebook.cells.append(nbformat.v4.new_code_cell(CHECKS[path.name]))  # type: ignore[no-untyped-call]
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=False)
    client.execute(cwd=str(path.parent))
    for k, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}[{k}]: {output}"
            text = json.dumps(output.get("data", {})) + output.get("text", "")
            assert not EXTERNAL.search(text), f"{path.name}[{k}] loads from another server"
            if any(kind.startswith("application/vnd.vegalite") for kind in output.get("data", {})):
                pytest.fail(f"{path.name}[{k}]: a chart that needs Vega from a CDN to show")
