"""``scorecard stakeholders``: the form, the review of several groups, bad answers named."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

import scorecard as sc
from scorecard.cli import main
from scorecard.stakeholders import answers_json, example_lenses


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv), out=out)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stakeholders")
    sc.catalog.balanced().to_json(folder / "card.json")
    sc.datasets.example().to_csv(folder / "providers.csv")
    (folder / "answers.json").write_text(answers_json(example_lenses()), encoding="utf-8")
    return folder


def test_the_form_is_written(files: Path) -> None:
    code, out, _ = run(
        "stakeholders",
        "form",
        str(files / "card.json"),
        "--lens",
        "carers",
        "-o",
        str(files / "f.html"),
    )
    assert code == 0
    assert "fill it in" in out
    assert "<option>carers</option>" in (files / "f.html").read_text(encoding="utf-8")


def test_the_review_reads_every_groups_answers(files: Path) -> None:
    code, out, _ = run(
        "stakeholders",
        "review",
        str(files / "card.json"),
        str(files / "providers.csv"),
        str(files / "answers.json"),
        "--samples",
        "500",
    )
    assert code == 0
    assert out.startswith("4 group(s), 20 member(s)")
    assert "AHP consensus" in out  # the clinicians answered by pairwise comparison
    assert "did not answer the root: people using services 7, people using services 8" in out
    assert "Between groups:" in out
    assert "Whoever's weights you take:" in out
    assert "widest disagreement on Treatment outcomes" in out  # labels, not ids


def test_bad_answers_are_named_with_their_line(files: Path) -> None:
    bad = files / "bad.csv"
    bad.write_text("lens,member,node,child,scheme,value\ncarers,Dee,root,outcomes,points,x\n")
    code, _, err = run(
        "stakeholders", "review", str(files / "card.json"), str(files / "providers.csv"), str(bad)
    )
    assert code == 2
    assert "line 2: carers, Dee: outcomes: value 'x' is not a number >= 0" in err
