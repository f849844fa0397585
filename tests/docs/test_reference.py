"""The API reference holds every public name, and nothing a module does not offer.

The reference is read from the built site's ``objects.inv``, the inventory other projects'
documentation links against. ``make test`` builds the site (``make docs``) before the tests;
if the inventory is missing or older than the code, this test builds the reference itself
(notebooks not run: they add no entries), so it never checks a stale site and never skips.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

from layers import modules

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "docs" / "_build" / "html" / "objects.inv"
PUBLIC = [
    "",
    *sorted(m for m in modules() if m and not any(p.startswith("_") for p in m.split("."))),
]


def _newest_source() -> float:
    paths = [
        *(ROOT / "src").rglob("*.py"),
        *(ROOT / "docs").glob("conf.py"),
        *(ROOT / "docs" / "_ext").glob("*.py"),
    ]
    return max(p.stat().st_mtime for p in paths)


def read_inventory(path: Path) -> dict[str, str]:
    """``name`` to ``domain:role`` for every entry of a Sphinx version-2 inventory."""
    raw = path.read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b"\n", header_end) + 1
    assert raw.startswith(b"# Sphinx inventory version 2"), "not a version-2 inventory"
    out: dict[str, str] = {}
    for line in zlib.decompress(raw[header_end:]).decode("utf-8").splitlines():
        name, role, _rest = line.split(" ", 2)
        out.setdefault(name, role)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: ``make docs``'s when it is newer than the code, else a fresh build."""
    if BUILT.exists() and BUILT.stat().st_mtime >= _newest_source():
        return BUILT.parent
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html"]
    command += ["-D", "nb_execution_mode=off", str(ROOT / "docs"), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def inventory(site: Path) -> dict[str, str]:
    return read_inventory(site / "objects.inv")


@pytest.mark.parametrize("name", PUBLIC, ids=lambda n: n or "scorecard")
def test_every_public_name_has_a_reference_entry(inventory: dict[str, str], name: str) -> None:
    dotted = f"scorecard.{name}" if name else "scorecard"
    module = importlib.import_module(dotted)
    assert inventory.get(dotted) == "py:module", f"{dotted} has no page in the reference"
    missing = []
    for attr in module.__all__:
        value = getattr(module, attr)
        target = value.__name__ if isinstance(value, types.ModuleType) else f"{dotted}.{attr}"
        if not inventory.get(target, "").startswith("py:"):
            missing.append(attr)
    assert not missing, f"{dotted}.__all__ names without a reference entry: {missing}"


@pytest.mark.parametrize("name", PUBLIC, ids=lambda n: n or "scorecard")
def test_the_reference_offers_nothing_a_module_leaves_out(
    inventory: dict[str, str], name: str
) -> None:
    dotted = f"scorecard.{name}" if name else "scorecard"
    exported = set(importlib.import_module(dotted).__all__)
    below = {
        n.removeprefix(dotted + ".")
        for n, role in inventory.items()
        if role != "py:module"
        and n.startswith(dotted + ".")
        and "." not in n.removeprefix(dotted + ".")
    }
    assert below <= exported, (
        f"documented in {dotted} but not in its __all__: {sorted(below - exported)}"
    )


def test_a_re_export_is_an_alias_of_one_full_entry(inventory: dict[str, str]) -> None:
    # `scorecard.Scorecard` is the class `scorecard.tree.Scorecard` documents: both resolve.
    assert inventory["scorecard.Scorecard"] == inventory["scorecard.tree.Scorecard"] == "py:class"
    assert inventory["scorecard.tree.Scorecard.evaluate"] == "py:method"


RESOURCE = re.compile(
    r"<(?:script|img|link|iframe|source)\b[^>]*?(?:src|href)=[\"']?([^\"' >]+)", re.IGNORECASE
)


def test_the_site_loads_nothing_from_another_server(site: Path) -> None:
    # Scripts, styles, images and frames are files of the site: it reads offline. (Links a
    # reader may follow, like the theme's credit, are anchors and not loaded.)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    outside = {
        f"{page.relative_to(site)}: {url}"
        for page in pages
        for url in RESOURCE.findall(page.read_text(encoding="utf-8"))
        if re.match(r"(?:https?:)?//", url)
    }
    assert not outside


def _members(cls: type) -> set[str]:
    """Public methods and properties a class of the package offers, its own or from our bases."""
    out = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("scorecard"):
            continue
        for name, value in vars(base).items():
            if not name.startswith("_") and (callable(value) or isinstance(value, property)):
                out.add(name)
    return out


def test_every_public_method_of_a_public_class_has_an_entry(inventory: dict[str, str]) -> None:
    # A method a class inherits from a base of ours (to_frame, from a private mixin) is
    # documented on the class, where a reader looks for it.
    names: dict[int, tuple[type, list[str]]] = {}
    for name in PUBLIC:
        dotted = f"scorecard.{name}" if name else "scorecard"
        module = importlib.import_module(dotted)
        for attr in module.__all__:
            value = getattr(module, attr)
            if isinstance(value, type) and not issubclass(value, BaseException):
                names.setdefault(id(value), (value, []))[1].append(f"{dotted}.{attr}")
    missing = [
        f"{dotted_names[0]}.{member}"
        for cls, dotted_names in names.values()
        for member in sorted(_members(cls))
        if not any(f"{d}.{member}" in inventory for d in dotted_names)
    ]
    assert not missing, missing
