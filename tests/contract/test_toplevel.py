"""The public API's edge: each public module lists what it offers; no two names collide."""

from __future__ import annotations

import ast
import importlib
import inspect
import types

import pytest

import scorecard as sc
from layers import modules

PUBLIC = sorted(
    m for m in modules() if not any(part.startswith("_") for part in m.split(".")) and m
)
"""Modules a user may import by name: no part of the dotted name starts with an underscore."""


def _module(name: str) -> types.ModuleType:
    return importlib.import_module(f"scorecard.{name}")


def _offered(name: str) -> set[str]:
    """Public names the module defines (defs, classes, constants) or, for a package, re-exports.

    Read from the source: a name imported from elsewhere is not offered unless the module is a
    package re-exporting its own submodules' names.
    """
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = f"scorecard.{name}" if path.name == "__init__.py" else None
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            out.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if isinstance(value, ast.Call) and ast.unparse(value.func) == "TypeVar":
                continue
            out |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif (
            isinstance(node, ast.ImportFrom)
            and package
            and (node.module or "").startswith(package + ".")
        ):
            out |= {a.asname or a.name for a in node.names}
    return {n for n in out if not n.startswith("_") and n != "__all__"}


def test_public_modules_are_few_and_named() -> None:
    assert PUBLIC == [
        "aggregation",
        "catalog",
        "charts",
        "cli",
        "contracts",
        "datasets",
        "decision",
        "errors",
        "evaluation",
        "io",
        "measures",
        "monitoring",
        "report",
        "scales",
        "sensitivity",
        "sensitivity.sampling",
        "stakeholders",
        "stats",
        "testing",
        "testing.strategies",
        "tree",
        "weighting",
        "widgets",
    ]


@pytest.mark.parametrize("name", PUBLIC)
def test_all_is_complete_and_true(name: str) -> None:
    module = _module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"scorecard.{name} has no __all__"
    assert sorted(exported) == sorted(set(exported)), f"scorecard.{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"scorecard.{name}.__all__ names what it lacks: {missing}"
    unlisted = sorted(_offered(name) - set(exported))
    assert not unlisted, f"scorecard.{name} offers names its __all__ leaves out: {unlisted}"


def test_the_top_level_offers_what_a_user_needs() -> None:
    for name in (
        "Scorecard",
        "Domain",
        "Metric",
        "PerformanceTable",
        "Weights",
        "WeightSpec",
        "Evaluation",
        "Comparison",
        "evaluate",
        "rebalance",
        "focus",
        "global_weights",
        "Linear",
        "Piecewise",
        "Banded",
        "Ordinal",
        "ROOT",
    ):
        assert name in sc.__all__, name
    assert sorted(dir(sc)) == sorted(sc.__all__)
    for name in sc.__all__:
        assert getattr(sc, name) is not None


def test_no_two_public_names_collide() -> None:
    # A name exported by two public modules must be the same object in both, so that
    # `from scorecard.x import Name` never means two things. Charts are named for the result
    # they draw (`charts.one_way` draws `sensitivity.one_way`) and strategies for the type they
    # make (`strategies.metrics` makes metrics, as hypothesis' API style asks), so those two are
    # left out here.
    seen: dict[str, tuple[str, object]] = {}
    clashes = []
    for name in ["", *PUBLIC]:
        if name in {"charts", "testing.strategies"}:
            continue
        module = sc if not name else _module(name)
        for attr in getattr(module, "__all__", ()):
            value = getattr(module, attr)
            if isinstance(value, types.ModuleType):
                continue
            if attr in seen and seen[attr][1] is not value:
                clashes.append(f"{attr}: scorecard.{seen[attr][0]} and scorecard.{name}")
            seen.setdefault(attr, (name, value))
    assert not clashes


def test_evaluate_takes_the_same_arguments_everywhere() -> None:
    free = inspect.signature(sc.evaluate).parameters
    method = inspect.signature(sc.Scorecard.evaluate).parameters
    assert list(free)[1:] == list(method)[1:] == ["table", "weights", "aggregation"]
    for params in (free, method):
        assert params["weights"].kind is inspect.Parameter.KEYWORD_ONLY
        assert params["aggregation"].kind is inspect.Parameter.KEYWORD_ONLY


def test_rebalance_and_focus_take_the_scorecard_first() -> None:
    for fn in (sc.rebalance, sc.focus, sc.global_weights):
        assert next(iter(inspect.signature(fn).parameters)) == "card"


def test_the_testing_namespace_holds_only_its_own_names() -> None:
    # A researcher's `dir(scorecard.testing)` and tab completion show the checks, not numpy,
    # attrs or the model classes the checks are written with.
    from scorecard import testing

    shown = {
        n
        for n, v in vars(testing).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert shown == set(testing.__all__)


def test_importing_the_strategies_first_loads_hypothesis_cleanly() -> None:
    # Hypothesis runs scorecard's entry-point hook when it is first imported; if the strategies
    # module is that first import, the hook must not need the half-imported module.
    import subprocess
    import sys

    code = (
        "import scorecard.testing.strategies as s\n"
        "from hypothesis import strategies as st\n"
        "import scorecard as sc\n"
        "print(type(st.from_type(sc.Scorecard).example()).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Scorecard"
