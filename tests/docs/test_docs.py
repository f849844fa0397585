"""The Python examples in the README and docs/ run as written (so the documents stay true)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DOCUMENTS = [
    ROOT / "README.md",
    *sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] not in {"_build", "api"}),
]


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_run(path: Path) -> None:
    namespace: dict[str, object] = {}
    for block in python_blocks(path):
        exec(compile(block, str(path), "exec"), namespace)  # noqa: S102


def test_the_readme_shows_python_usage() -> None:
    assert python_blocks(ROOT / "README.md")


def test_readme_json_example_loads() -> None:
    import scorecard as sc

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None
    card = sc.Scorecard.from_json(block.group(1))
    assert card.metric_ids == ("opiate_abstinence",)
