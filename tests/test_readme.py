"""The README's Python examples run as written (so the README stays true)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_python_blocks_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert blocks, "the README should show Python usage"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})  # noqa: S102


def test_json_example_loads() -> None:
    import scorecard as sc

    text = README.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None
    card = sc.Scorecard.from_json(block.group(1))
    assert card.metric_ids == ("opiate_abstinence",)
