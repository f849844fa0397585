"""The release basics: one version everywhere, the command's --version, the licence in the wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import scorecard

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_scorecard_prints_the_version() -> None:
    for module in ("scorecard", "scorecard.cli"):
        out = subprocess.run(
            [sys.executable, "-m", module, "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == f"scorecard {scorecard.__version__}"


def test_the_citation_carries_the_package_version() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^cff-version: 1\.2\.0$", text, re.MULTILINE)
    assert f"\nversion: {scorecard.__version__}\n" in text


def test_development_tools_are_a_dependency_group_not_an_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = project["project"]["optional-dependencies"]
    assert "dev" not in extras
    assert any(d.startswith("pytest") for d in project["dependency-groups"]["dev"])
    assert project["project"]["license-files"] == ["LICENSE"]


def test_the_wheel_carries_the_licence_and_the_version(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            str(ROOT),
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith(f"commissioning_scorecard-{scorecard.__version__}-")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = z.read(metadata).decode()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
        assert "scorecard/py.typed" in names
        assert "scorecard/__main__.py" in names
    assert "\nLicense-Expression: MIT\n" in text
    assert "\nLicense-File: LICENSE\n" in text
    assert f"\nVersion: {scorecard.__version__}\n" in text
    assert "Provides-Extra: dev" not in text


def test_the_install_lines_name_the_wheel_make_dist_builds() -> None:
    wheel = f"commissioning_scorecard-{scorecard.__version__}-py3-none-any.whl"
    for page in (ROOT / "README.md", ROOT / "docs" / "index.md"):
        text = page.read_text(encoding="utf-8")
        named = set(re.findall(r"commissioning_scorecard-[^\s\"'\[]+\.whl", text))
        assert named == {wheel}, f"{page.name}: {named}"


def test_the_changelog_has_cut_the_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(
        rf"^## \[{re.escape(scorecard.__version__)}\] - \d{{4}}-\d\d-\d\d$", text, re.MULTILINE
    )
    assert text.index("## [Unreleased]") < text.index(f"## [{scorecard.__version__}]")
