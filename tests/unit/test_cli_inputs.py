"""The inputs the file commands share, on a card of one's own: --decision, --baseline,
--aggregation gated --minimum, --floor, and the app's checks before Voila starts."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

import scorecard as sc
from scorecard.aggregation import Geometric
from scorecard.cli import _app, _main
from scorecard.cli._arguments import OneLineParser
from scorecard.cli._inputs import add_inputs, inputs_argv, read_inputs
from scorecard.decision import DecisionRecord, record

DATA = Path(__file__).resolve().parents[1] / "e2e" / "data"
CARD, PROVIDERS = DATA / "card.json", DATA / "providers.csv"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return _main.main(list(argv), out=out), out.getvalue()


def parsed(*argv: str) -> argparse.Namespace:
    parser = OneLineParser(prog="t")
    add_inputs(parser)
    return parser.parse_args(list(argv))


def test_a_report_of_a_saved_decision_with_another_card_as_baseline(tmp_path: Path) -> None:
    found = read_inputs(parsed(str(CARD), str(PROVIDERS), "--weights", str(_weights(tmp_path))))
    decision = record(found.evaluation, rationale="Belonging & steadiness first", baseline=None)
    saved = tmp_path / "decision.json"
    decision.to_json(saved)
    other = tmp_path / "recovery-only.json"
    card = json.loads(CARD.read_text())
    card["name"] = "Recovery only"
    card["domains"] = card["domains"][:1]
    card["weights"]["local"] = {
        k: v
        for k, v in card["weights"]["local"].items()
        if k in ("recovery", "sc_alcohol_no_rep", "days_drinking_cut")
    }
    card["weights"]["local"]["recovery"] = 1.0
    other.write_text(json.dumps(card))
    page = tmp_path / "r.html"
    code, out = run(
        "report",
        str(CARD),
        str(PROVIDERS),
        "-o",
        str(page),
        "--decision",
        str(saved),
        "--baseline",
        str(other),
        "--samples",
        "0",
    )
    assert code == 0, out
    text = page.read_text()
    assert "Belonging &amp; steadiness first" in text
    assert "the data of this report" in text
    assert "Ranking beside Recovery only" in text
    assert "Synthetic data" not in text


def _weights(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    local = json.loads(CARD.read_text())["weights"]["local"]
    local |= {"recovery": 0.2, "belonging": 0.5, "steadiness": 0.3}
    path.write_text(json.dumps(local))
    return path


def test_gated_geometric_and_named_baselines_reach_the_evaluation() -> None:
    gated = read_inputs(
        parsed(
            str(CARD),
            str(PROVIDERS),
            "--aggregation",
            "gated",
            "--minimum",
            "worker_changes=2.5",
            "--baseline",
            "equal",
        )
    )
    ev = gated.evaluation
    assert ev.aggregation.kind == "gated"
    assert not ev.passed[ev.providers.index("Greyfriars Drink Support")]  # 2.6 changes a year
    assert gated.baseline_name == "equal"
    assert gated.baseline is not None
    assert gated.baseline.card is ev.card
    geometric = read_inputs(parsed(str(CARD), str(PROVIDERS), "--aggregation", "geometric"))
    assert geometric.evaluation.aggregation == Geometric(0.01)
    strict = read_inputs(
        parsed(str(CARD), str(PROVIDERS), "--aggregation", "geometric", "--floor", "0")
    )
    assert strict.evaluation.aggregation == Geometric(0.0)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--minimum", "worker_changes=2"], "--minimum applies to --aggregation gated only"),
        (["--aggregation", "gated"], "needs at least one --minimum"),
        (["--aggregation", "gated", "--minimum", "nonsense"], "expected METRIC=VALUE"),
        (["--aggregation", "gated", "--minimum", "nope=2"], "'nope' is not a metric"),
        (["--floor", "0.1"], "--floor applies to --aggregation geometric only"),
        (["--baseline", "completions onyl"], "did you mean 'completions only'?"),
    ],
)
def test_bad_options_are_one_line_errors(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _ = run("report", str(CARD), str(PROVIDERS), "-o", str(tmp_path / "r.html"), *extra)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_a_decision_on_another_card_or_with_an_aggregation_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import scorecard as sc

    ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    saved = tmp_path / "d.json"
    record(ev).to_json(saved)
    code, _ = run("evaluate", str(CARD), str(PROVIDERS), "--decision", str(saved))
    assert code == 2
    assert "the decision was made on scorecard 'Balanced" in capsys.readouterr().err
    mine = read_inputs(parsed(str(CARD), str(PROVIDERS))).evaluation
    record(mine).to_json(saved)
    code, _ = run(
        "evaluate", str(CARD), str(PROVIDERS), "--decision", str(saved), "--aggregation", "additive"
    )
    assert code == 2
    assert "--decision carries its own aggregation" in capsys.readouterr().err
    found = read_inputs(parsed(str(CARD), str(PROVIDERS), "--decision", str(saved)))
    assert isinstance(found.decision, DecisionRecord)
    assert (found.evaluation.scores == mine.scores).all()  # replayed


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What ``scorecard app`` would have handed Voila, instead of serving it."""
    calls: list[list[str]] = []

    def serve(*_args: object, inputs: list[str], **_options: object) -> int:
        calls.append(list(inputs))
        return 0

    monkeypatch.setattr(_main, "serve", serve)
    return calls


def test_the_app_checks_its_files_before_voila_and_hands_them_on(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    served: list[list[str]],
) -> None:
    assert run("app", str(CARD))[0] == 2
    assert "a scorecard and a data file, or neither" in capsys.readouterr().err
    broken = tmp_path / "broken.csv"
    broken.write_text("provider,sc_alcohol_no_rep\nA,not a number\n")
    assert run("app", str(CARD), str(broken))[0] == 2
    assert served == []  # nothing served on a bad file
    capsys.readouterr()
    assert run("app", str(CARD), str(PROVIDERS), "--baseline", "equal")[0] == 0
    argv = served[0]
    assert argv[:2] == [str(CARD.resolve()), str(PROVIDERS.resolve())]
    assert argv[argv.index("--baseline") + 1] == "equal"
    monkeypatch.setenv(_app.ENVIRONMENT, json.dumps(argv))
    explorer = _app.app_explorer()
    assert explorer.card.name == "Northdale community alcohol service scorecard"
    assert explorer.baseline == "equal"
    assert "rank under equal" in explorer.ranking.value
    assert inputs_argv(parsed(*argv)) == argv  # what the app hands on reads back the same


def test_the_app_runs_voila_with_its_template_culling_and_no_cdn() -> None:
    command = _app.voila_command(Path("explore.ipynb"), port=8123)
    assert "--template=scorecard" in command
    assert f"--MappingKernelManager.cull_idle_timeout={_app.CULL_IDLE_SECONDS}" in command
    env = _app.voila_environment(["a", "b"])
    assert env["JUPYTER_PATH"].split(":")[0] == str(_app.template_root())
    template = _app.template_root() / "voila" / "templates" / "scorecard" / "index.html.j2"
    assert template.is_file()
    assert json.loads(env[_app.ENVIRONMENT]) == ["a", "b"]


def test_the_app_serves_a_panel_with_its_period_picker(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    served: list[list[str]],
) -> None:
    from scorecard.monitoring import Panel

    assert run("monitor", "example", str(tmp_path))[0] == 0
    card, panel = tmp_path / "card.json", tmp_path / "panel.csv"
    assert run("app", str(card), str(PROVIDERS), "--panel", str(panel))[0] == 2
    assert "takes a scorecard and no data file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text(panel.read_text(encoding="utf-8").replace("2024-04-01", "2024-04-31", 1))
    assert run("app", str(card), "--panel", str(bad))[0] == 2
    assert "is not a date" in capsys.readouterr().err
    assert served == []  # nothing served on a bad file
    assert run("app", str(card), "--panel", str(panel))[0] == 0
    monkeypatch.setenv(_app.ENVIRONMENT, json.dumps(served[0]))
    explorer = _app.app_explorer()
    assert explorer.panel is not None
    assert explorer.panel.periods == Panel.from_csv(panel).periods
    assert explorer.period == 11


def test_the_app_serves_stakeholder_groups_as_presets(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    served: list[list[str]],
) -> None:
    from scorecard.stakeholders import answers_json, example_lenses
    from scorecard.widgets._explorer import lens_preset

    card, data = tmp_path / "card.json", tmp_path / "providers.csv"
    sc.catalog.balanced().to_json(card)
    sc.datasets.example().to_csv(data)
    answers = tmp_path / "answers.json"
    answers.write_text(answers_json(example_lenses()), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("lens,member,node,child,scheme,value\ng,m,root,nowhere,points,1\n")
    assert run("app", str(card), str(data), "--answers", str(bad))[0] == 2
    assert "'nowhere' is not a child of 'root'" in capsys.readouterr().err
    assert served == []
    assert run("app", str(card), str(data), "--answers", str(answers))[0] == 0
    monkeypatch.setenv(_app.ENVIRONMENT, json.dumps(served[0]))
    explorer = _app.app_explorer()
    assert lens_preset("people using services") in explorer.presets
    assert list(explorer.lenses) == [lens.name for lens in example_lenses()]
