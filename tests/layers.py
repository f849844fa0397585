"""The package's layers, and a reader of its import graph: ``python tests/layers.py`` prints both.

Every module of ``src/scorecard`` belongs to one layer; an import may point to a lower layer or
to the same one (without a cycle), never up, apart from the named doors. Imports are read from
the source (module-level and inside functions; ``if TYPE_CHECKING:`` blocks left out), so a
lazy import inside a function counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
import fnmatch
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "scorecard"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("errors", "_arrays", "_tolerances", "_validation", "_memo", "_kept", "_text")),
    ("base", ("_html",)),
    ("base", ("_ranking", "_binomial", "_identity", "stats", "_linprog", "_version")),
    ("base", ("sensitivity.sampling",)),
    ("kernels", ("scales", "_weights", "aggregation", "_frames", "_framed", "_price_rules")),
    ("model", ("_metric", "_csvfile", "_excel", "_table", "tree")),
    ("model", ("_tender", "_psr")),
    ("tree maths", ("_tree_weights", "_plausible", "_valuation", "_acted")),
    ("schemes", ("weighting._protocol", "weighting._equal", "weighting._subjective")),
    ("schemes", ("weighting._ahp", "weighting._objective")),
    ("resolution", ("weighting._resolve", "weighting")),
    ("inputs", ("io", "io.*", "catalog", "catalog.*", "datasets", "datasets.*")),
    ("inputs", ("measures", "measures.*")),
    ("evaluation", ("evaluation", "_comparison", "_workbook", "_baselines")),
    ("analyses", ("sensitivity", "sensitivity.*", "decision", "testing", "testing.*")),
    ("analyses", ("contracts", "contracts.*", "monitoring", "monitoring.*")),
    ("analyses", ("stakeholders", "stakeholders.*")),
    ("views", ("_palette", "_markup", "charts", "charts.*", "_contract_report", "_review_report")),
    ("views", ("report",)),
    ("apps", ("widgets", "widgets.*", "cli", "cli.*", "__main__")),
    ("namespace", ("",)),
)
"""Layers from the bottom up, each with the modules in it (first pattern that matches wins)."""

ORDER = tuple(dict.fromkeys(name for name, _ in LAYERS))

DOORS: frozenset[tuple[str, str]] = frozenset(
    {("tree", "evaluation"), ("tree", "io"), ("_tender", "io"), ("_psr", "io")}
)
"""The sanctioned lazy imports upward: `Scorecard.evaluate`, and the JSON reading and writing
of scorecards, tenders and keep-or-retender assessments."""


def modules(root: Path = SOURCE) -> dict[str, Path]:
    """Dotted names (without ``scorecard.``; the package itself is "") and their files."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def layer_of(module: str) -> str:
    """The layer ``module`` belongs to; a module no pattern names is an error."""
    for name, patterns in LAYERS:
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return name
    raise LookupError(f"module {module or 'scorecard'!r} is in no layer: add it to LAYERS")


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines |= {n.lineno for b in node.body for n in ast.walk(b) if hasattr(n, "lineno")}
    return lines


def imports(module: str, path: Path, known: Mapping[str, Path]) -> Iterator[tuple[str, int]]:
    """The package modules ``module`` imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                up = package.split(".") if package else []
                up = up[: len(up) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
                base = f"scorecard.{base}" if base else "scorecard"
            targets = [f"{base}.{a.name}" for a in node.names]
            targets = [t if _dotted(t) in known else base for t in targets]
        for target in targets:
            if target != "scorecard" and not target.startswith("scorecard."):
                continue
            dotted = _dotted(target)
            while dotted and dotted not in known:
                dotted = dotted.rpartition(".")[0]
            if dotted == module or (dotted and module == "") or _inside(module, dotted):
                continue
            yield dotted, node.lineno


def _dotted(target: str) -> str:
    return "" if target == "scorecard" else target.removeprefix("scorecard.")


def _inside(package: str, module: str) -> bool:
    """A package's __init__ importing its own submodules (re-exports) is not an edge."""
    return bool(package) and module.startswith(package + ".")


def graph(root: Path = SOURCE) -> dict[str, dict[str, int]]:
    """Each module's imports of package modules, with the first line of each."""
    known = modules(root)
    out: dict[str, dict[str, int]] = {}
    for module, path in known.items():
        edges: dict[str, int] = {}
        for target, line in imports(module, path, known):
            edges.setdefault(target, line)
        out[module] = edges
    return out


def violations(root: Path = SOURCE) -> list[str]:
    """Every import that points up a layer (outside the doors), and every cycle, as text."""
    edges = graph(root)
    problems = []
    for module, targets in sorted(edges.items()):
        here = ORDER.index(layer_of(module))
        for target, line in sorted(targets.items()):
            if (module, target) in DOORS:
                continue
            there = ORDER.index(layer_of(target))
            if there > here:
                problems.append(
                    f"{module or 'scorecard'} ({ORDER[here]}) imports {target or 'scorecard'} "
                    f"({ORDER[there]}) at line {line}: imports must point down"
                )
    problems += [f"import cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return problems


def cycles(edges: Mapping[str, Mapping[str, int]]) -> list[list[str]]:  # noqa: C901 - Tarjan
    """Cycles of the graph without the doors, one per strongly connected group (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if (v, w) in DOORS:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    """Print each module with its layer, bottom up, then any violation."""
    edges = graph()
    out = sys.stdout
    for name in ORDER:
        members = sorted(m or "scorecard" for m in edges if layer_of(m) == name)
        out.write(f"{name:>11}: {', '.join(members)}\n")
    problems = violations()
    out.writelines(f"{p}\n" for p in problems)
    count = sum(len(t) for t in edges.values())
    out.write(f"{len(edges)} modules, {count} imports, {len(problems)} problem(s)\n")
    return 1 if problems else 0


def summary(module: str) -> str:
    """The first line of a module's docstring: what it is for."""
    doc = ast.get_docstring(ast.parse(modules()[module].read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def table() -> str:
    """The layers as a Markdown table, one line per module (docs/architecture.md embeds it)."""
    rows = ["| layer | module | what it is for |", "| --- | --- | --- |"]
    for name in reversed(ORDER):
        for module in sorted(m for m in modules() if layer_of(m) == name):
            dotted = f"scorecard.{module}" if module else "scorecard"
            text = summary(module).replace("|", "\\|")
            rows.append(f"| {name} | `{dotted}` | {text} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
