"""Generate the synthetic example table; ``python -m scorecard.datasets.generate`` rewrites it.

SYNTHETIC DATA: invented providers, not real services.

This is a package with a ``__main__`` rather than a module so that ``python -m`` runs without
runpy's "found in sys.modules" warning, although `scorecard.datasets` imports `generate`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from scorecard.datasets.model import provider_profiles
from scorecard.table import PerformanceTable

__all__ = ["EXAMPLE_CSV", "generate", "main"]

EXAMPLE_CSV: Final = Path(__file__).resolve().parent.parent / "example.csv"
"""The bundled example table that `main` rewrites."""


def generate(*, seed: int = 2026, n_providers: int = 16) -> PerformanceTable:
    """A SYNTHETIC performance table: every catalogue metric for invented providers.

    Values are in natural units with their denominators (cohort sizes); see
    `scorecard.datasets.model` for the model. The bundled `scorecard.datasets.example` is
    ``generate()`` with the defaults.

    Parameters
    ----------
    seed : seed for ``numpy.random.default_rng``; the same seed gives the same table.
    n_providers : how many providers, from 2 to
        `scorecard.datasets.profiles.MAX_PROVIDERS`.

    Returns
    -------
    PerformanceTable
        Providers by every metric of `scorecard.catalog.metrics`, with denominators.

    Raises
    ------
    ScorecardError
        If ``seed`` is not a non-negative whole number or ``n_providers`` is out of range.

    Examples
    --------
    >>> table = generate(seed=7, n_providers=5)
    >>> table
    PerformanceTable(5 providers x 40 metrics, ..., with denominators)
    >>> bool((table.column("staff_turnover") <= 100).all())
    True
    """
    return provider_profiles(seed=seed, n_providers=n_providers).table()


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the bundled example CSV (or write ``--output``) from `generate`'s defaults."""
    parser = argparse.ArgumentParser(
        prog="python -m scorecard.datasets.generate",
        description="Rewrite the bundled SYNTHETIC example table.",
    )
    parser.add_argument("--output", type=Path, default=EXAMPLE_CSV, help="where to write the CSV")
    args = parser.parse_args(argv)
    table = generate()
    table.to_csv(args.output)
    sys.stdout.write(f"wrote {table!r} to {args.output}\n")
    return 0
