"""Example data: a SYNTHETIC table of invented providers, and the generator that made it.

Nothing here describes a real service. ``example()`` reads the bundled table;
``generate(seed=..., n_providers=...)`` draws a fresh one from the same model;
``provider_profiles`` keeps the latent factors, cohorts and rates behind a table, and
``client_records`` the client-level records its client metrics are derived from;
``example_tender`` is a tender with invented bidders (`scorecard.contracts`).
"""

from scorecard.datasets._clients import PERIOD, ClientRecords
from scorecard.datasets._example import example
from scorecard.datasets._generate import client_records, generate
from scorecard.datasets._model import provider_profiles
from scorecard.datasets._panel import PANEL_STORIES, example_panel
from scorecard.datasets._profiles import Character, ProviderProfiles
from scorecard.datasets._tender import BUDGET, example_keep_or_retender, example_tender

__all__ = [
    "BUDGET",
    "PANEL_STORIES",
    "PERIOD",
    "Character",
    "ClientRecords",
    "ProviderProfiles",
    "client_records",
    "example",
    "example_keep_or_retender",
    "example_panel",
    "example_tender",
    "generate",
    "provider_profiles",
]
