"""The import contract: imports point down the layers (tests/layers.py), with no cycle."""

from __future__ import annotations

import shutil
from pathlib import Path

from layers import DOORS, ORDER, SOURCE, graph, layer_of, modules, table, violations


def test_every_import_points_down_and_nothing_cycles() -> None:
    assert violations() == []


def test_every_module_has_a_layer() -> None:
    for module in modules():
        assert layer_of(module) in ORDER


def test_the_doors_are_the_only_imports_upward() -> None:
    edges = graph()
    up = {
        (m, t)
        for m, targets in edges.items()
        for t in targets
        if ORDER.index(layer_of(t)) > ORDER.index(layer_of(m))
    }
    assert up == set(DOORS)  # both doors are used: Scorecard.evaluate and its JSON methods


def _copy_with(tmp_path: Path, module: str, extra: str) -> Path:
    """A copy of the package with ``extra`` appended to ``module``'s file."""
    root = tmp_path / "scorecard"
    shutil.copytree(SOURCE, root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / module
    path.write_text(path.read_text() + extra)
    return root


def test_an_upward_import_inside_a_function_is_caught(tmp_path: Path) -> None:
    sneak = "\n\ndef _sneak() -> object:\n    from scorecard.evaluation import Evaluation\n"
    found = violations(_copy_with(tmp_path, "_ranking.py", sneak))
    assert found[0].startswith("_ranking (base) imports evaluation (evaluation) at line")
    assert found[1:] == ["import cycle: _ranking -> evaluation"]  # evaluation ranks


def test_a_cycle_within_a_layer_is_caught(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "_comparison.py", "\nimport scorecard.evaluation\n")
    assert any(p.startswith("import cycle: ") for p in violations(root))


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    typed = (
        "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import scorecard.evaluation\n"
    )
    assert violations(_copy_with(tmp_path, "_ranking.py", typed)) == []


def test_the_architecture_page_lists_every_module_in_its_layer() -> None:
    page = (SOURCE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    begin, end = "<!-- modules: begin -->\n", "\n<!-- modules: end -->"
    shown = page[page.index(begin) + len(begin) : page.index(end)]
    assert shown == table(), "docs/architecture.md is stale: paste `layers.table()` into it"
