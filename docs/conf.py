"""Sphinx configuration: furo, MyST pages and notebooks (myst-nb), the API from docstrings.

Built by ``make docs`` into ``docs/_build/html`` with warnings as errors and nitpicky
cross-references, offline: no intersphinx, no CDN (charts are SVG, widgets need a kernel).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# The notebooks live in notebooks/ (where a reader opens them); the site renders a fresh copy.
shutil.rmtree(HERE / "notebooks", ignore_errors=True)
shutil.copytree(HERE.parent / "notebooks", HERE / "notebooks")

from scorecard import __version__  # noqa: E402

project = "scorecard"
author = "The scorecard developers"
copyright = "2026, the scorecard developers"  # noqa: A001
release = __version__
version = __version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "scorecard_api",
]

exclude_patterns = ["_build", "jupyter_execute", "notebooks/explore.ipynb"]
root_doc = "index"
default_role = "py:obj"
nitpicky = True
# Nitpicky for the project's own names; types from numpy, the standard library, attrs and the
# other dependencies have no local inventory (the build is offline), so they are not checked.
nitpick_ignore_regex = [(r"py:.*", r"(?!scorecard\b).*")]
suppress_warnings = ["myst.header"]

# autodoc and napoleon: the numpydoc sections of the docstrings.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = False
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True

# MyST pages and notebooks. Notebooks run at every build, in the folder they live in.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_merge_streams = True
nb_ipywidgets_js: dict[str, dict[str, str]] = {}  # no widget JavaScript from a CDN
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]

html_theme = "furo"
html_title = f"scorecard {__version__}"
html_static_path = ["_static"]
html_css_files = ["scorecard.css"]
html_show_sourcelink = False
