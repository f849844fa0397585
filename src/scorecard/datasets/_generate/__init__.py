"""Generate the synthetic example table; ``python -m scorecard.datasets._generate`` rewrites it.

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

import attrs
import numpy as np

from scorecard._frames import Backend, installed_backend
from scorecard._table import PerformanceTable
from scorecard.datasets._clients import ClientRecords, draw_clients
from scorecard.datasets._model import provider_profiles
from scorecard.datasets._profiles import ProviderProfiles
from scorecard.measures import Derived, Records, derive

__all__ = ["EXAMPLE_CSV", "client_records", "derived", "generate", "main"]

EXAMPLE_CSV: Final = Path(__file__).resolve().parent.parent / "example.csv"
"""The bundled example table that `main` rewrites."""


def client_records(*, seed: int = 2026, n_providers: int = 16) -> ClientRecords:
    """SYNTHETIC client records (TOP, episodes, survey, keyworkers, workforce) of the example.

    About 20,000 clients for the default 16 providers; ``.frames(backend)`` gives dataframes
    for `scorecard.measures._derive`.

    Examples
    --------
    >>> records = client_records(seed=7, n_providers=3)
    >>> sorted(records.frames("pandas"))
    ['episodes', 'keyworkers', 'survey', 'top', 'workforce']
    """
    return draw_clients(provider_profiles(seed=seed, n_providers=n_providers))


def derived(
    *, seed: int = 2026, n_providers: int = 16, backend: Backend | None = None
) -> tuple[ProviderProfiles, Derived]:
    """The profiles and the metrics derived from their client records (SYNTHETIC data)."""
    profiles = provider_profiles(seed=seed, n_providers=n_providers)
    records = draw_clients(profiles)
    frames = records.frames(backend or installed_backend("generate()"))
    return profiles, derive(Records(**frames), period=records.period, providers=profiles.providers)


def generate(
    *, seed: int = 2026, n_providers: int = 16, backend: Backend | None = None
) -> PerformanceTable:
    """A SYNTHETIC performance table: every catalogue metric for invented providers.

    Client-level metrics (TOP outcomes, completions and exits, the connection test, keyworker
    continuity, workforce) are derived from the client records of `client_records` with
    `scorecard.measures._derive`; provider-level ones (CQC ratings, contract years, TUPE
    retention, continuity of care from prison, alliance, SROI) come from the provider model,
    and cost per successful completion is the contract value over the derived completions.
    The bundled `scorecard.datasets._example` is ``generate()`` with the defaults.

    Parameters
    ----------
    seed
        Seed for ``numpy.random.default_rng``; the same seed gives the same table.
    n_providers
        How many providers, from 2 to
        `scorecard.datasets._profiles.MAX_PROVIDERS`.
    backend
        The dataframe library to derive with: polars, pyarrow or pandas (default: the
        first of these installed). Every backend gives the same table.

    Returns
    -------
    PerformanceTable
        Providers by every metric of `scorecard.catalog.metrics`, with denominators, and
        standard errors for the means.

    Raises
    ------
    ScorecardError
        If ``seed`` is not a non-negative whole number, ``n_providers`` is out of range, or
        none of polars, pyarrow and pandas is installed.

    Examples
    --------
    >>> table = generate(seed=7, n_providers=5)
    >>> table
    PerformanceTable(5 providers x 40 metrics, ..., with denominators and standard_errors)
    >>> bool((table.column("staff_turnover") <= 100).all())
    True
    """
    profiles, found = derived(seed=seed, n_providers=n_providers, backend=backend)
    return _table(profiles, found)


def _table(profiles: ProviderProfiles, found: Derived) -> PerformanceTable:
    """Derived client metrics beside the model's provider-level ones, in catalogue order."""
    table = found.table
    returned = [m for m in profiles.metrics if m not in table.metrics]
    j = [profiles.metrics.index(m) for m in returned]
    values = np.array(profiles.values[:, j])
    completions = table.metric_index(_COMPLETIONS)
    completed = found.numerators[:, completions].sum(axis=1)
    cost = returned.index("cost_per_successful_completion")
    values[:, cost] = np.round(profiles.contract_value / np.maximum(completed, 1))
    provider_level = PerformanceTable(
        profiles.providers, returned, values, denominators=profiles.denominators[:, j]
    )
    return attrs.evolve(table.join(provider_level).select(profiles.metrics), synthetic=True)


_COMPLETIONS: Final = ("sc_opiate_no_rep", "sc_nonopiate_no_rep", "sc_alcohol_no_rep")


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the bundled example CSV (or write ``--output``) from `generate`'s defaults."""
    parser = argparse.ArgumentParser(
        prog="python -m scorecard.datasets._generate",
        description="Rewrite the bundled SYNTHETIC example table.",
    )
    parser.add_argument("--output", type=Path, default=EXAMPLE_CSV, help="where to write the CSV")
    args = parser.parse_args(argv)
    table = generate()
    table.to_csv(args.output)
    sys.stdout.write(f"wrote {table!r} to {args.output}\n")
    return 0
