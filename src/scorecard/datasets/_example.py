"""The bundled example: a SYNTHETIC performance table of 16 invented providers."""

from __future__ import annotations

import importlib.resources

import attrs

from scorecard._table import PerformanceTable
from scorecard.catalog import balanced

__all__ = ["example"]


def example() -> PerformanceTable:
    """The bundled example table. SYNTHETIC DATA: the providers are invented, not real services.

    Sixteen fictional drug and alcohol treatment providers with every catalogue metric, in
    natural units, and denominators (the cohort each figure is based on). It is
    ``scorecard.datasets._generate()`` with its defaults, stored as ``example.csv`` in this
    package; centres and ranges follow national figures and estimates. One provider is drawn
    as a completions factory (top on completions; most early exits and turnover; weak on
    connection) and one as relationship-led (the reverse); ``provider_profiles().characters``
    says which. About 3% of cells lie beyond their metric's scale, mostly small cohorts at the
    smallest providers; the metrics' clip policy records them.

    Examples
    --------
    >>> table = example()
    >>> table.shape
    (16, 40)
    >>> table.providers[0], table.synthetic
    ('Riverside Recovery', True)
    """
    resource = importlib.resources.files("scorecard.datasets") / "example.csv"
    with importlib.resources.as_file(resource) as path:
        table = PerformanceTable.from_csv(path, card=balanced())
    return attrs.evolve(table, synthetic=True)
