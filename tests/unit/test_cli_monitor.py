"""``scorecard monitor``: the example panel, the reviews, and every bad file named."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scorecard.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("monitor")
    code, out = run("monitor", "example", str(folder))
    assert code == 0, out
    assert "SYNTHETIC" in out
    return folder


def _review(folder: Path, *more: str, panel: Path | None = None) -> tuple[int, str, Path]:
    output = folder / "review.html"
    code, out = run(
        "monitor",
        "review",
        str(folder / "card.json"),
        str(panel or folder / "panel.csv"),
        "--samples",
        "200",
        *more,
        "-o",
        str(output),
    )
    return code, out, output


def test_a_providers_review_and_the_systems(example: Path) -> None:
    targets = example / "targets.json"
    targets.write_text(json.dumps({"conn_connected": 70}), encoding="utf-8")
    clusters = example / "clusters.csv"
    rows = ["provider,cluster"]
    panel = (example / "panel.csv").read_text(encoding="utf-8").splitlines()
    names = sorted({line.split(",")[1] for line in panel[1:]})
    rows += [f"{n},{'a' if k < 8 else 'b'}" for k, n in enumerate(names)]
    clusters.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, html = _review(
        example,
        "--provider",
        "Starling Cross Recovery",
        "--targets",
        str(targets),
        "--clusters",
        str(clusters),
    )
    assert code == 0, out
    assert "the review of Starling Cross Recovery over 12 periods" in out
    text = html.read_text(encoding="utf-8")
    assert "Quarterly contract review: Starling Cross Recovery" in text
    assert "cluster quartile" in text
    code, out, html = _review(example)
    assert code == 0
    assert "all 16 providers" in out
    assert "Quarterly system review" in html.read_text(encoding="utf-8")


def test_the_example_is_not_overwritten(example: Path) -> None:
    assert run("monitor", "example", str(example))[0] == 2


def _edited(example: Path, tmp_path: Path, edit: object) -> Path:
    lines = (example / "panel.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")  # type: ignore[operator]
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda ls: [ls[0], "2023-13-01" + ls[1][10:], *ls[2:]], "line 2: period '2023-13-01'"),
        (
            lambda ls: [ls[0], *ls[2:]],
            "period 2023-01-01: no row for 'Riverside Recovery' (in 2023-04-01)",
        ),
        (lambda ls: [ls[0], *(x for x in ls[1:] if not x.startswith("2024-04-01"))], "a gap"),
        (lambda ls: [ls[0], *ls[1:], ls[1]], "appears"),
        (lambda ls: [ls[0].replace("period", "quarter"), *ls[1:]], "no 'period' column"),
    ],
)
def test_bad_panels_are_named(example: Path, tmp_path: Path, edit: object, message: str) -> None:
    err = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(err):
        code, _, _ = _review(example, panel=_edited(example, tmp_path, edit))
    assert code == 2
    assert message in err.getvalue(), err.getvalue()


def test_bad_targets_and_clusters_are_named(example: Path, tmp_path: Path) -> None:
    import contextlib

    targets = tmp_path / "targets.json"
    targets.write_text(json.dumps({"conn_connected": "high"}), encoding="utf-8")
    clusters = tmp_path / "clusters.csv"
    clusters.write_text("provider,cluster\nRiverside Recovery,a\nRiverside Recovery,b\n")
    for option, path, message in (
        ("--targets", targets, "targets must be an object of metric ids to numbers"),
        ("--clusters", clusters, "line 3: provider 'Riverside Recovery' appears twice"),
    ):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code, _, _ = _review(example, option, str(path))
        assert code == 2
        assert message in err.getvalue(), err.getvalue()
