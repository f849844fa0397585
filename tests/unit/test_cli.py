from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import scorecard as sc
from scorecard import Domain, Metric, Scorecard
from scorecard.cli import main
from scorecard.scales import Linear, Ordinal

CQC = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    card = Scorecard(
        "Small card",
        domains=[
            Domain(
                "outcomes",
                "Outcomes",
                metrics=[
                    Metric(
                        "completions",
                        "Completions",
                        unit="%",
                        direction="higher",
                        scale=Linear(worst=10, best=60),
                    ),
                    Metric(
                        "connected",
                        "Better connected",
                        unit="%",
                        direction="higher",
                        scale=Linear(worst=30, best=85),
                    ),
                ],
            ),
            Domain(
                "quality",
                "Quality",
                metrics=[Metric("cqc_safe", "CQC Safe", direction="higher", scale=CQC)],
            ),
        ],
    )
    card_path = tmp_path / "card.json"
    card.to_json(card_path)
    data = tmp_path / "data.csv"
    data.write_text(
        "provider,completions,connected,cqc_safe\n"
        "Riverside,50,40,Good\nHilltop,30,80,Outstanding\nMeadow,55,35,Requires improvement\n"
    )
    return card_path, data


def test_evaluate_table(files: tuple[Path, Path]) -> None:
    code, out = run("evaluate", str(files[0]), str(files[1]))
    assert code == 0
    assert out.splitlines()[0] == "Small card: 3 providers, additive aggregation"
    assert "Hilltop" in out.splitlines()[3]  # ranked first


def test_evaluate_json_and_csv(files: tuple[Path, Path]) -> None:
    code, out = run("evaluate", str(files[0]), str(files[1]), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["providers"][0]["provider"] == "Hilltop"
    assert set(data["providers"][0]["domains"]) == {"outcomes", "quality"}
    for p in data["providers"]:
        assert sum(p["contributions"].values()) == pytest.approx(p["score"])
    code, out = run("evaluate", str(files[0]), str(files[1]), "--format", "csv")
    assert out.splitlines()[0] == "provider,rank,score,outcomes,quality"


def test_evaluate_with_weights_and_geometric(files: tuple[Path, Path], tmp_path: Path) -> None:
    w = tmp_path / "w.json"
    w.write_text(
        json.dumps(
            {"outcomes": 1.0, "quality": 0.0, "completions": 1.0, "connected": 0.0, "cqc_safe": 1.0}
        )
    )
    code, out = run(
        "evaluate", str(files[0]), str(files[1]), "--weights", str(w), "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["providers"][0]["provider"] == "Meadow"
    code, out = run("evaluate", str(files[0]), str(files[1]), "--aggregation", "geometric")
    assert "geometric aggregation" in out


def test_bad_input_is_a_clear_error(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("provider,completions,connected,cqc_safe\nRiverside,50,forty,Good\n")
    code, _ = run("evaluate", str(files[0]), str(bad))
    assert code == 2
    assert "bad.csv, line 2: provider 'Riverside', column 'connected'" in capsys.readouterr().err
    w = tmp_path / "w.json"
    w.write_text("{not json")
    code, _ = run("evaluate", str(files[0]), str(files[1]), "--weights", str(w))
    assert code == 2
    assert "w.json, line 1, column 2" in capsys.readouterr().err
    code, _ = run("evaluate", str(tmp_path / "missing.json"), str(files[1]))
    assert code == 2
    assert "missing.json" in capsys.readouterr().err


def test_demo_shows_both_rankings_and_shifts() -> None:
    code, out = run("demo")
    assert code == 0
    assert "synthetic" in out
    lines = out.split("\n\n")[1].splitlines()  # title and note | table | summary
    assert lines[0].split() == ["balanced", "provider", "score", "completions", "only", "shift"]
    assert len(lines[2:]) == 16
    assert "providers change place" in out


def test_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorecard.cli", "demo"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "completions only" in done.stdout


def test_robustness_prints_thresholds(files: tuple[Path, Path]) -> None:
    code, out = run("robustness", str(files[0]), str(files[1]))
    assert code == 0
    lines = out.splitlines()
    assert "how far each weight can move before rank 1 changes" in lines[0]
    outcomes = next(line for line in lines if "Outcomes" in line)
    assert outcomes.startswith(("If the weight of Outcomes ", "Outcomes: "))
    assert any("Quality" in line for line in lines)
    code, out = run("robustness", str(files[0]), str(files[1]), "--rank", "0", "--all-nodes")
    assert code == 0
    assert "the ranking changes" in out.splitlines()[0]
    assert any("Completions" in line for line in out.splitlines())


def test_robustness_prints_smaa_with_a_replayable_seed(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("robustness", str(files[0]), str(files[1]), "--samples", "3000", "--seed", "5")
    code, out = run(*args, "--progress")
    assert code == 0
    assert "SMAA over 3,000 weightings (seed 5):" in out
    assert "plausible weightings" in out
    header = next(line for line in out.splitlines() if line.startswith("provider"))
    assert header.split() == ["provider", "first", "top", "three", "holistic", "rank", "now"]
    assert "3,000/3,000" in capsys.readouterr().err  # the progress bar
    assert run(*args)[1] == out  # the same seed gives the same text
    code, out = run("robustness", str(files[0]), str(files[1]), "--samples", "0")
    assert code == 0
    assert "SMAA" not in out


def test_robustness_uncertainty_without_standard_errors_is_skipped_cleanly(
    files: tuple[Path, Path],
) -> None:
    code, out = run(
        "robustness",
        str(files[0]),
        str(files[1]),
        "--samples",
        "1000",
        "--seed",
        "1",
        "--uncertain",
    )
    assert code == 0  # no standard errors or denominators: nothing to draw, values held fixed
    assert "drawn from their uncertainty" not in out


def test_derive_from_the_example_records_written_as_csv(tmp_path: Path) -> None:
    import numpy as np

    from scorecard import PerformanceTable
    from scorecard.datasets import PERIOD
    from scorecard.datasets._generate import derived

    status, text = run("example-records", str(tmp_path / "records"))
    assert status == 0
    command = text.splitlines()[1].split()[1:]
    out = tmp_path / "derived.csv"
    command[command.index("-o") + 1] = str(out)
    assert f"--period {PERIOD.start}:{PERIOD.end}" in text
    status, report = run(*command)
    assert status == 0, report
    assert "wrote 31 metrics for 16 providers" in report
    table = PerformanceTable.from_csv(out)
    _, found = derived()
    expected = found.table.take(table.providers)
    assert table.metrics == expected.metrics
    np.testing.assert_allclose(table.values, expected.values, rtol=1e-12)
    assert table.denominators is not None
    np.testing.assert_array_equal(table.denominators, expected.denominators)


def test_derive_reports_bad_records_and_excludes_them_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    top = tmp_path / "top.csv"
    header = "client,provider,stage,date,opiate_days"
    top.write_text(
        f"{header}\na,P,start,2025-01-01,28\na,P,review,2025-07-01,0\nb,P,start,2025-01-01,40\n"
    )
    padded = ["--top", str(top), "-o", str(tmp_path / "t.csv")]
    status, _ = run("derive", *padded)
    assert status == 2
    assert "missing column(s) alcohol_days" in capsys.readouterr().err
    from scorecard.measures import TOP

    rest = [n for n in TOP.names if n not in header.split(",")]
    lines = top.read_text().splitlines()
    top.write_text(
        "\n".join([lines[0] + "," + ",".join(rest)] + [r + "," * len(rest) for r in lines[1:]])
    )
    status, _ = run("derive", *padded)
    assert status == 2
    assert "opiate_days is outside 0-28 (client b at P: opiate_days = 40.0)" in (
        capsys.readouterr().err
    )
    status, report = run("derive", *padded, "--exclude")
    assert status == 0
    assert "TOP records: 1 record where opiate_days is outside 0-28" in report
    status, _ = run("derive", "-o", str(tmp_path / "t.csv"))
    assert status == 2
    assert "give at least one of --top" in capsys.readouterr().err
    status, _ = run("derive", *padded, "--period", "2025-04-01")
    assert status == 2
    assert "--period must be YYYY-MM-DD:YYYY-MM-DD" in capsys.readouterr().err


def test_report_demo_report_and_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import scorecard as sc
    from scorecard.decision import record

    status, text = run("demo", "--report", str(tmp_path / "demo.html"))
    assert status == 0
    assert "wrote the HTML report" in text
    assert (tmp_path / "demo.html").read_text().count("<svg") == 4
    card_path, data_path = tmp_path / "card.json", tmp_path / "data.csv"
    card = sc.catalog.balanced()
    card_path.write_text(card.to_json())
    sc.datasets.example().to_csv(data_path)
    status, text = run(
        "report", str(card_path), str(data_path), "-o", str(tmp_path / "r.html"), "--samples", "0"
    )
    assert status == 0
    assert "Robustness" not in (tmp_path / "r.html").read_text()
    table = sc.PerformanceTable.from_csv(data_path, card=card)
    decision = tmp_path / "decision.json"
    record(card.evaluate(table), rationale="because").to_json(decision)
    status, text = run("replay", str(decision), str(data_path))
    assert status == 0
    assert "identical scores for 16 providers" in text
    assert "rationale: because" in text
    data_path.write_text(data_path.read_text().replace("Riverside Recovery", "Elsewhere"))
    status, _ = run("replay", str(decision), str(data_path))
    assert status == 2
    assert "not the data this decision was made on" in capsys.readouterr().err


def test_template_writes_a_card_and_a_csv_to_fill_in_that_then_evaluate(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    chosen = ["top_opiate_abstinent", "staff_turnover", "cqc_safe"]
    code, out = run("template", str(folder), "--metrics", *chosen, "--name", "Our card")
    assert code == 0
    assert "cqc_safe rating 1-4" in out
    header = (folder / "providers.csv").read_text(encoding="utf-8").strip()
    assert header == "provider,top_opiate_abstinent,staff_turnover,cqc_safe"
    with (folder / "providers.csv").open("a", encoding="utf-8") as handle:
        handle.write("North,45,12,Good\nSouth,38,25,Outstanding\nEast,52,30,3\n")
    code, out = run("evaluate", str(folder / "scorecard.json"), str(folder / "providers.csv"))
    assert code == 0, out
    assert "Our card: 3 providers" in out
    code, _ = run("template", str(folder))
    assert code == 2  # never overwrites


def test_the_readme_lists_every_catalogue_metric_id() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [m for m in sc.catalog.metrics() if f"`{m}`" not in readme]
    assert not missing
