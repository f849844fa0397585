"""The API reference, generated from each public module's ``__all__`` at every build.

One page per public module (a module is public when no part of its dotted name starts with an
underscore). Each name in a module's ``__all__`` gets a reference entry: the full entry
(autodoc, numpydoc sections through napoleon) in the deepest public module that lists it, and
an alias of it, with a link, in every other module that re-exports it. So every public
``module.name`` is in ``objects.inv`` and every object is described once.

The extension also

* resolves annotations that name an object where it is defined
  (``scorecard._table.PerformanceTable``) to its public entry, so signatures link to it;
* warns, with the ``scorecard.docstring`` type, on a public name or member with no docstring
  (the build runs with ``-W``, so a missing docstring fails it);
* takes a constant's or alias's docstring from the module that defines it when it is re-exported.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import types
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

LOG = logging.getLogger(__name__)
PACKAGE = "scorecard"
CANONICAL: dict[int, str] = {}
"""``id(object)`` to the dotted name of its full entry, filled when the build starts."""
ALIASES: dict[str, str] = {}
"""A re-exported name (``scorecard.Scorecard``) to its full entry (``scorecard.tree.Scorecard``)."""


def public_modules() -> list[str]:
    """Every public module of the package, the package itself first."""
    package = importlib.import_module(PACKAGE)
    found = [
        m.name
        for m in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    return [PACKAGE, *sorted(found)]


def listings() -> dict[str, list[str]]:
    """Each public module's ``__all__``."""
    return {name: list(importlib.import_module(name).__all__) for name in public_modules()}


def canonical_names(listed: dict[str, list[str]]) -> dict[int, str]:
    """``id(object)`` to the dotted name of its full entry: the deepest public module listing it."""
    out: dict[int, str] = {}
    for module in sorted(listed, key=lambda m: (-m.count("."), m)):
        namespace = importlib.import_module(module)
        for name in listed[module]:
            value = getattr(namespace, name)
            if not isinstance(value, types.ModuleType):
                out.setdefault(id(value), f"{module}.{name}")
    return out


def _kind(value: object) -> str:
    if inspect.isclass(value):
        return "exception" if issubclass(value, BaseException) else "class"
    if inspect.isfunction(value) or inspect.isbuiltin(value):
        return "function"
    return "data"


def _ours(cls: type) -> bool:
    return cls.__module__ == PACKAGE or cls.__module__.startswith(f"{PACKAGE}.")


def module_page(module: str, names: list[str], canonical: dict[int, str]) -> str:
    """The reST page of one public module: its docstring, then an entry per name of ``__all__``.

    A name whose full entry is in a deeper module (a re-export) is listed with a link to it;
    a submodule is listed with a link to its page.
    """
    namespace = importlib.import_module(module)
    lines = [module, "=" * len(module), "", f".. automodule:: {module}", "   :no-members:", ""]
    elsewhere: list[str] = []
    for name in names:
        value = getattr(namespace, name)
        if isinstance(value, types.ModuleType):
            elsewhere.append(f"* ``{name}``: the module :py:mod:`{value.__name__}`")
            continue
        kind = _kind(value)
        home = canonical[id(value)]
        if home != f"{module}.{name}":
            ALIASES[f"{module}.{name}"] = home
            elsewhere.append(f"* ``{name}``: :py:obj:`{home}`")
            continue
        lines.append(f".. auto{kind}:: {home}")
        if kind == "class":
            lines.append("   :members:")
            outside = [b.__name__ for b in value.__mro__[1:] if not _ours(b)]
            if len(outside) < len(value.__mro__) - 1:  # a base of ours: its members are offered
                lines.append(f"   :inherited-members: {', '.join(outside)}")
        elif kind == "exception":
            lines += ["   :members:", "   :show-inheritance:"]
        lines.append("")
    if elsewhere:
        title = f"Also offered by ``{module}``"
        lines += [title, "-" * len(title), "", *elsewhere, ""]
    return "\n".join(lines)


def write_pages(app: Sphinx) -> None:
    """Write ``api/<module>.rst`` for every public module and the ``api/index.rst`` list."""
    listed = listings()
    canonical = canonical_names(listed)
    CANONICAL.clear()
    CANONICAL.update(canonical)
    folder = Path(app.srcdir) / "api"
    folder.mkdir(exist_ok=True)
    wanted = {f"{m}.rst": module_page(m, names, canonical) for m, names in listed.items()}
    wanted["index.rst"] = "\n".join(
        [
            "API reference",
            "=============",
            "",
            "Every public module, and every name in its ``__all__``. Names the top level",
            "re-exports are described in the module that defines them.",
            "",
            ".. toctree::",
            "   :maxdepth: 1",
            "",
            *[f"   {module}" for module in listed],
            "",
        ]
    )
    for stale in folder.glob("*.rst"):
        if stale.name not in wanted:
            stale.unlink()
    for file, text in wanted.items():
        path = folder / file
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _lookup(target: str) -> object | None:
    """The object a dotted name reaches by importing its longest importable prefix."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                value = getattr(value, attr)
        except AttributeError:
            return None
        return value
    return None


def resolve_home(app: Sphinx, env: Any, node: Any, contnode: nodes.Element) -> nodes.Element | None:
    """Send a reference to a scorecard object by a private or bare name to its public entry."""
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"]
    canonical = CANONICAL
    home = None
    if target.startswith(f"{PACKAGE}."):
        head, _, member = target.rpartition(".")
        value = _lookup(target)
        if value is not None and id(value) in canonical:
            home = canonical[id(value)]
        elif (owner := _lookup(head)) is not None and id(owner) in canonical:
            home = f"{canonical[id(owner)]}.{member}"  # a method or attribute of a public class
    elif "." not in target:
        matches = {h for h in canonical.values() if h.rpartition(".")[2] == target}
        if len(matches) == 1:
            home = matches.pop()
    if home is None and target.startswith(f"{PACKAGE}.") and _lookup(target) is not None:
        return contnode  # it exists but is private (a TypeVar, a helper): named, not linked
    if home is None or home == target:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(  # type: ignore[no-any-return]
        env, node.get("refdoc", ""), app.builder, node["reftype"], home, node, contnode
    )


def _defining_docstring(name: str, value: object) -> list[str]:
    """A re-exported constant's docstring, read from the module that defines it."""
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith(PACKAGE) or getattr(module, name, None) is not value:
            continue
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except Exception:  # noqa: BLE001, S112  (a module without source: nothing to read)
            continue
        if ("", name) in docs:
            return [line for line in docs[("", name)] if line is not None]
    return []


def check_docstring(
    _app: Sphinx, what: str, name: str, obj: object, _options: Any, lines: list[str]
) -> None:
    """Give a constant the docstring its defining module wrote; warn when a public name has none.

    A re-exported constant would otherwise show its type's docstring (``dict()`` -> new empty
    dictionary...), so data always take the docstring written under their definition.
    """
    if what == "data":
        written = _defining_docstring(name.rpartition(".")[2], obj)
        type_doc = inspect.getdoc(type(obj)) or ""
        if written:
            lines[:] = [*written, ""]
        elif "\n".join(lines).strip() == type_doc.strip():
            lines.clear()
    if any(line.strip() for line in lines) or name.rpartition(".")[2].startswith("_"):
        return
    LOG.warning("%s %s has no docstring", what, name, type="scorecard", subtype="docstring")


def alias_entries(_app: Sphinx, env: Any) -> None:
    """Register every re-export (``scorecard.Scorecard``) as an alias of its full entry.

    Aliases are in ``objects.inv`` and resolve, yet a bare ``Scorecard`` still finds the one
    full entry (Sphinx prefers a non-aliased match).
    """
    domain = env.get_domain("py")
    for alias, home in ALIASES.items():
        entry = domain.objects.get(home)
        if entry is not None and alias not in domain.objects:
            domain.objects[alias] = entry._replace(aliased=True)


def numpydoc_for_callables(app: Sphinx) -> None:
    """Let napoleon read the numpydoc sections of modules, classes and functions only.

    On a property, attribute or constant napoleon reads ``text: more`` in the first line as a
    type and a description; this package's one-line docstrings use the colon as prose.
    """
    listeners = app.events.listeners["autodoc-process-docstring"]
    for k, listener in enumerate(listeners):
        if getattr(listener.handler, "__module__", "") == "sphinx.ext.napoleon":
            listeners[k] = listener._replace(handler=_callables_only(listener.handler))


def _callables_only(napoleon: Any) -> Any:
    def sections(*event: Any) -> None:
        _app, what, *_rest = event
        if what not in {"attribute", "property", "data"}:
            napoleon(*event)

    return sections


ARRAYS = {
    f"numpy.ndarray[tuple[typing.Any, ...], numpy.dtype[numpy.{dtype}]]": alias
    for dtype, alias in (
        ("float64", "FloatArray"),
        ("bool", "BoolArray"),
        ("bool_", "BoolArray"),
        ("int64", "IntArray"),
        ("intp", "IntpArray"),
    )
}
"""numpy's expansion of the package's array aliases (``scorecard._arrays``), to the alias."""


def short_arrays(
    *event: Any,
) -> tuple[str | None, str | None] | None:
    """Write a signature's arrays as the package's aliases (FloatArray), not numpy's expansion."""
    signature, annotation = event[-2], event[-1]
    if signature is None and annotation is None:
        return None

    def short(text: str | None) -> str | None:
        if text is None:
            return None
        for long, alias in ARRAYS.items():
            text = text.replace(long, alias)
        return text

    return short(signature), short(annotation)


def setup(app: Sphinx) -> dict[str, Any]:
    """Connect the page writer, the reference resolver and the docstring checks."""
    app.connect("builder-inited", numpydoc_for_callables)
    app.connect("builder-inited", write_pages)
    app.connect("missing-reference", resolve_home)
    app.connect("autodoc-process-docstring", check_docstring)
    app.connect("autodoc-process-signature", short_arrays)
    app.connect("env-updated", alias_entries)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
