"""Every subcommand over bad inputs: exit status 2, one line on standard error, no traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import scorecard as sc
from scorecard.cli import main

GOOD_CARD = sc.catalog.balanced()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    card = folder / "card.json"
    GOOD_CARD.to_json(card)
    data = folder / "data.csv"
    sc.datasets.example().to_csv(data)
    made: dict[str, Path] = {"card": card, "data": data, "missing": folder / "nowhere.csv"}

    def write(name: str, content: bytes) -> None:
        path = folder / name
        path.write_bytes(content)
        made[name] = path

    write("empty.csv", b"")
    write("header-only.csv", b"provider,completions\n")
    write("cp1252.csv", "provider,x\nCaf\u00e9 Recovery,1\n".encode("cp1252"))
    write("semicolon.csv", b"provider;top_opiate_abstinent\nA;40\n")
    write("ragged.csv", b"provider,a\nA,1,2\n")
    write("book.xlsx", b"PK\x03\x04not really a workbook")
    write("truncated.json", card.read_bytes()[: len(card.read_bytes()) // 2])
    write("deep.json", b"[" * 100_000 + b"]" * 100_000)
    leaf = (
        '{"id": "x0", "label": "X", "metrics": [{"id": "m", "label": "M", "direction": '
        '"higher", "scale": {"kind": "linear", "worst": 0, "best": 1}}]}'
    )
    tree = leaf
    for i in range(1, 3_000):
        tree = f'{{"id": "x{i}", "label": "X", "domains": [{tree}]}}'
    write("deep-tree.json", f'{{"name": "deep", "domains": [{tree}]}}'.encode())
    write("not-a-card.json", b'{"name": "x"}')
    write("list.json", b"[1, 2, 3]")
    write("weights-bad.json", json.dumps({"outcomes": "heavy"}).encode())
    write("weights-dup.json", b'{"outcomes": 0.5, "outcomes": 0.7}')
    write("binary.csv", b"\x00\x01\x02\xff\xfe")
    made["folder"] = folder
    return made


BAD = [
    ("evaluate", "{card}", "{missing}"),
    ("evaluate", "{card}", "{empty_csv}"),
    ("evaluate", "{card}", "{header-only_csv}"),
    ("evaluate", "{card}", "{semicolon_csv}"),
    ("evaluate", "{card}", "{ragged_csv}"),
    ("evaluate", "{card}", "{book_xlsx}"),
    ("evaluate", "{card}", "{binary_csv}"),
    ("evaluate", "{card}", "{folder}"),
    ("evaluate", "{truncated_json}", "{data}"),
    ("evaluate", "{deep_json}", "{data}"),
    ("evaluate", "{deep-tree_json}", "{data}"),
    ("evaluate", "{not-a-card_json}", "{data}"),
    ("evaluate", "{list_json}", "{data}"),
    ("evaluate", "{card}", "{data}", "--weights", "{weights-bad_json}"),
    ("evaluate", "{card}", "{data}", "--weights", "{weights-dup_json}"),
    ("evaluate", "{card}", "{data}", "--weights", "{missing}"),
    ("evaluate", "{card}", "{data}", "--provider-column", "Provider"),
    ("evaluate", "{card}", "{cp1252_csv}"),
    ("robustness", "{card}", "{data}", "--seed", "-1"),
    ("robustness", "{card}", "{data}", "--samples", "1000000000000"),
    ("robustness", "{card}", "{data}", "--rank", "99"),
    ("robustness", "{card}", "{data}", "--rank", "-2"),
    ("robustness", "{card}", "{empty_csv}"),
    ("report", "{card}", "{data}", "-o", "{folder}"),
    ("report", "{card}", "{header-only_csv}", "-o", "{folder}/r.html"),
    ("report", "{truncated_json}", "{data}", "-o", "{folder}/r.html"),
    ("replay", "{truncated_json}", "{data}"),
    ("replay", "{card}", "{data}"),
    ("replay", "{missing}", "{data}"),
    ("derive", "--top", "{empty_csv}", "-o", "{folder}/t.csv"),
    ("derive", "--top", "{header-only_csv}", "-o", "{folder}/t.csv"),
    ("derive", "--top", "{missing}", "-o", "{folder}/t.csv"),
    ("derive", "--top", "{binary_csv}", "-o", "{folder}/t.csv"),
    ("derive", "--days", "0", "-o", "{folder}/t.csv"),
    ("derive", "-o", "{folder}/t.csv"),
    ("example-records", "{data}"),
    ("app", "--port", "0"),
    ("nonsense",),
    ("evaluate",),
]


@pytest.mark.parametrize("argv", BAD, ids=[" ".join(a) for a in BAD])
def test_bad_input_is_one_line_exit_2_and_no_traceback(
    argv: tuple[str, ...], files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    names = {k.replace(".", "_"): str(v) for k, v in files.items()}
    args = [a.format_map(names) for a in argv]
    try:
        code = main(args, out=io.StringIO())
    except SystemExit as stop:  # argparse's own refusals
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("scorecard")
