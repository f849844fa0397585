"""The built wheel, installed as a dependant installs it: in fresh virtual environments.

One environment with no extras, then one per extra, each from the same wheel (built once from
this checkout, as ``make dist`` builds it). In each, the extra's promise is exercised: the
plain install stays light and works without any dataframe, chart or widget library; a
downstream script type-checks under ``mypy --strict`` against the installed package (mypy
reads that environment's site-packages through ``--python-executable``); and pyright's
``--verifytypes`` reports how complete the types a dependant sees are.

These tests take minutes (marked ``slow``); ``make test`` and CI run them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
from collections.abc import Callable
from pathlib import Path

import pytest

import scorecard

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
COMPLETENESS = 0.95
"""The least share of exported symbols whose types pyright knows (docs/typing.md)."""


def run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, cwd=cwd, env=env
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", ROOT, "-w", out)
    (built,) = out.glob("commissioning_scorecard-*.whl")
    return built


class Environments:
    """One fresh venv per set of extras, made on first use and kept for the module."""

    def __init__(self, root: Path, wheel: Path) -> None:
        self.root, self.wheel = root, wheel
        self.made: dict[str, Path] = {}

    def __call__(self, extra: str = "") -> Path:
        if extra not in self.made:
            where = self.root / (extra or "plain")
            venv.create(where, with_pip=True)
            python = where / "bin" / "python"
            target = f"{self.wheel}[{extra}]" if extra else str(self.wheel)
            run(python, "-m", "pip", "install", "--quiet", target)
            self.made[extra] = python
        return self.made[extra]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Environments:
    return Environments(tmp_path_factory.mktemp("venvs"), wheel)


def test_the_plain_install_is_light_and_works_without_any_extra(fresh: Environments) -> None:
    python = fresh()
    code = textwrap.dedent(
        """
        import importlib.util, sys
        import scorecard as sc
        heavy = ("altair", "ipywidgets", "hypothesis", "pandas", "polars", "pyarrow")
        assert not [m for m in heavy if m in sys.modules], sys.modules.keys()
        assert not [m for m in heavy if importlib.util.find_spec(m)], "an extra came along"
        ev = sc.catalog.balanced().evaluate(sc.datasets.example())
        print(ev.providers[0], len(ev.to_columns()["provider"]))
        try:
            ev.to_frame()
        except sc.errors.ScorecardError as e:
            print(e)
        """
    )
    out = run(python, "-c", code).splitlines()
    assert out[0].endswith(" 16")
    assert "pip install 'commissioning-scorecard[pandas]'" in out[1]
    assert run(python.parent / "scorecard", "--version").strip() == (
        f"scorecard {scorecard.__version__}"
    )
    assert (
        run(python, "-m", "scorecard", "--version").strip() == f"scorecard {scorecard.__version__}"
    )
    assert "completions only" in run(python.parent / "scorecard", "demo")


SMOKE = {
    "widgets": """
        import scorecard as sc
        from scorecard import charts
        from scorecard.widgets import WeightExplorer
        ev = sc.catalog.balanced().evaluate(sc.datasets.example())
        WeightExplorer(sc.catalog.balanced(), sc.datasets.example())
        assert charts.svg(charts.contributions(ev)).lstrip().startswith("<svg")
        print("ok")
        """,
    "app": """
        import subprocess, sys, voila
        subprocess.run([sys.executable, "-m", "scorecard", "app", "--help"], check=True,
                       capture_output=True)
        print("ok")
        """,
    "testing": """
        import scorecard.testing.strategies as sst  # the first import of Hypothesis
        from hypothesis import given, settings, strategies as st
        import scorecard as sc
        from scorecard.testing import assert_weights_valid
        cards_and_weights = st.from_type(sc.Scorecard).flatmap(
            lambda card: sst.weights(card).map(lambda w: (card, w)))
        @settings(max_examples=10, database=None)
        @given(cards_and_weights)
        def weights_are_valid(pair):
            assert_weights_valid(pair[1], pair[0])
        weights_are_valid()
        print("ok")
        """,
    "excel": """
        import sys, tempfile
        from pathlib import Path
        import scorecard as sc
        ev = sc.catalog.balanced().evaluate(sc.datasets.example())
        with tempfile.TemporaryDirectory() as where:
            book = ev.to_excel(Path(where) / "ranking.xlsx")
            assert book.stat().st_size > 0
        print("ok")
        """,
    "pandas": """
        import scorecard as sc, pandas as pd
        assert isinstance(sc.datasets.example().to_frame(), pd.DataFrame)
        print("ok")
        """,
    "polars": """
        import scorecard as sc, polars as pl
        assert isinstance(sc.datasets.example().to_frame(), pl.DataFrame)
        print("ok")
        """,
    "pyarrow": """
        import scorecard as sc, pyarrow as pa
        assert isinstance(sc.datasets.example().to_frame(), pa.Table)
        print("ok")
        """,
}


@pytest.mark.parametrize("extra", sorted(SMOKE))
def test_each_extra_installs_and_does_what_it_promises(fresh: Environments, extra: str) -> None:
    assert run(fresh(extra), "-c", textwrap.dedent(SMOKE[extra])).strip() == "ok"


DOWNSTREAM = """
from typing import assert_type

import polars as pl

import scorecard as sc
from scorecard.evaluation import Evaluation
from scorecard.sensitivity import Sweep, one_way


def ranking(card: sc.Scorecard, table: sc.PerformanceTable) -> list[str]:
    ev = card.evaluate(table, weights=sc.weighting.Equal())
    assert_type(ev, Evaluation)
    order = sorted(range(len(ev.providers)), key=lambda i: int(ev.ranks[i]))
    return [ev.providers[i] for i in order]


card = sc.catalog.balanced()
ev = card.evaluate(sc.datasets.example())
assert_type(ev.to_frame("polars"), pl.DataFrame)
moved: sc.Weights = sc.rebalance(card, ev.weights, "connection", 0.3)
sweep: Sweep = one_way(ev.rescore(moved), "connection", grid=5)
assert_type(sweep.to_frame("polars"), pl.DataFrame)
print(ranking(card, sc.datasets.example())[0])
"""


def test_a_downstream_script_type_checks_under_mypy_strict(
    fresh: Environments, tmp_path: Path
) -> None:
    python = fresh("polars")
    script = tmp_path / "downstream.py"
    script.write_text(DOWNSTREAM, encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    out = run(*mypy, "--python-executable", python, script, cwd=tmp_path)
    assert "Success: no issues found in 1 source file" in out
    assert run(python, script).strip()  # and it runs
    wrong = tmp_path / "wrong.py"
    wrong.write_text(DOWNSTREAM.replace('to_frame("polars"), pl', 'to_frame("excel"), pl'), "utf-8")
    done = subprocess.run(
        [*mypy, "--python-executable", str(python), str(wrong)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout
    assert 'No overload variant of "to_frame"' in done.stdout


def test_pyright_knows_the_types_of_what_the_package_exports(
    fresh: Environments, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    python = fresh()
    pyright = Path(sys.executable).parent / "pyright"
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [str(pyright), "--verifytypes", "scorecard", "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    report = json.loads(done.stdout)["typeCompleteness"]
    assert report["packageName"] == "scorecard"
    assert report["moduleName"] == "scorecard"
    record_property("pyright completeness", report["completenessScore"])
    assert report["completenessScore"] >= COMPLETENESS, report["symbols"][:20]
