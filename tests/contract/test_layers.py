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


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "scorecard"
    shutil.copytree(SOURCE, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_an_upward_import_inside_a_function_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    ranking = root / "_ranking.py"
    ranking.write_text(
        ranking.read_text()
        + "\n\ndef _sneak() -> object:\n"
        + "    from scorecard.evaluation import Evaluation\n\n    return Evaluation\n"
    )
    found = violations(root)
    assert found[0].startswith("_ranking (base) imports evaluation (evaluation) at line")
    assert found[1:] == ["import cycle: _ranking -> evaluation"]  # evaluation ranks


def test_a_cycle_within_a_layer_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    comparison = root / "_comparison.py"
    comparison.write_text(comparison.read_text() + "\nimport scorecard.evaluation\n")
    assert any(p.startswith("import cycle: ") for p in violations(root))


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    ranking = root / "_ranking.py"
    ranking.write_text(
        ranking.read_text()
        + "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        + "    from scorecard.evaluation import Evaluation\n"
    )
    assert violations(root) == []


def test_the_architecture_page_lists_every_module_in_its_layer() -> None:
    page = (SOURCE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    begin, end = "<!-- modules: begin -->\n", "\n<!-- modules: end -->"
    shown = page[page.index(begin) + len(begin) : page.index(end)]
    assert shown == table(), "docs/architecture.md is stale: paste `layers.table()` into it"
