"""Synthetic provider profiles: the latent factors, case mix, cohorts and rates behind the example.

SYNTHETIC DATA: the providers, names and figures are invented. Centres and ranges follow the
national figures and estimates in the catalogue's metric sources; nothing here describes a real
service.

The model that draws them is in `scorecard.datasets._model`.

The client-level generator (`scorecard.datasets._clients`) reuses a `ProviderProfiles`:
``denominators`` are the cohort sizes and ``counts`` the numerators its clients add up to.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs
import numpy as np
from numpy.typing import ArrayLike

from scorecard._arrays import FloatArray
from scorecard.errors import InvalidArgumentError, ScorecardError

__all__ = [
    "FACTORS",
    "KINDS",
    "MAX_PROVIDERS",
    "MIX",
    "NAMES",
    "PLACES",
    "Character",
    "ProviderProfiles",
    "check_count",
    "provider_names",
]


FACTORS: Final = (
    "completion",
    "recovery",
    "connection",
    "workforce",
    "care",
    "training",
    "efficiency",
    "discharge_pressure",
)
"""Provider-level factors, one per domain, and the pressure to discharge (not tied to ``q``)."""

MIX: Final = ("opiate", "non_opiate", "alcohol")
"""Substance groups of the case mix (PHOF C19a, b, c)."""

PLACES: Final = (
    "Riverside",
    "Kestrel Vale",
    "Brackenford",
    "Hollowmere",
    "Saltmarsh Bay",
    "Thistledown",
    "Ferncombe",
    "Wrenfield",
    "Copperbeech",
    "Lanternbury",
    "Dunmere",
    "Greywater",
    "Starling Cross",
    "Bramblewick",
    "Linnet Hill",
    "Oakhollow",
)
"""Invented place names for synthetic providers."""

KINDS: Final = (
    "Recovery",
    "Drug and Alcohol Service",
    "Recovery Partnership",
    "Wellbeing Service",
    "Community Recovery Hub",
    "Treatment Service",
)
"""Kinds of service combined with `PLACES` into provider names."""

NAMES: Final = len(PLACES) * len(KINDS)
"""How many place-and-kind names there are; later providers repeat them with a number."""

MAX_PROVIDERS: Final = 10_000
"""The most synthetic providers `provider_names` (and the generators) make."""


class Character(enum.StrEnum):
    """The kind of provider a synthetic profile was drawn as."""

    TYPICAL = "typical"
    COMPLETIONS_FACTORY = "completions factory"
    RELATIONSHIP_LED = "relationship-led"
    STRONG = "strong all round"
    STRUGGLING = "struggling"


def _frozen(value: ArrayLike) -> FloatArray:
    arr = np.array(value, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def _characters(value: Iterable[object]) -> tuple[Character, ...]:
    return tuple(Character(str(c)) for c in value)


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class ProviderProfiles:
    """The synthetic providers' latent factors, case mix, cohorts, rates and observed values.

    SYNTHETIC: invented providers, not real services. Arrays are read-only; rows follow
    ``providers``, metric columns follow ``metrics`` (every catalogue metric).

    Attributes
    ----------
    seed
        The seed they were drawn with.
    providers
        Provider names.
    characters
        The `Character` each provider was drawn as.
    caseload
        (N,) adults in treatment.
    mix
        (N, 3) shares of the caseload in each substance group of `MIX`.
    quality
        (N,) the shared latent quality ``q``.
    factors
        (N, 8) the factors of `FACTORS` (domain factors include ``q`` and the offsets).
    metrics
        Metric ids of the columns below.
    rates
        (N, M) each metric's expected value before sampling noise, in natural units.
    denominators
        (N, M) cohort sizes (clients, sessions, staff, WTE); NaN where a metric
        has none (CQC ratings, contract years, costs, returns).
    counts
        (N, M) numerators of the share metrics (``values = 100 * counts / denominators``
        before rounding); NaN for other metrics.
    values
        (N, M) the model's own provider-level figures; NaN only where the metric's
        missing policy is ``exclude``. The published table (`scorecard.datasets._generate`)
        takes client-level metrics from the client records instead.
    contract_value
        (N,) annual contract value in pounds.

    Examples
    --------
    >>> from scorecard.datasets import provider_profiles
    >>> p = provider_profiles(seed=1, n_providers=4)
    >>> p.factors.shape, len(p.metrics) == p.values.shape[1]
    ((4, 8), True)
    """

    seed: int
    providers: tuple[str, ...] = attrs.field(converter=_names)
    characters: tuple[Character, ...] = attrs.field(converter=_characters)
    caseload: FloatArray = attrs.field(converter=_frozen)
    mix: FloatArray = attrs.field(converter=_frozen)
    quality: FloatArray = attrs.field(converter=_frozen)
    factors: FloatArray = attrs.field(converter=_frozen)
    metrics: tuple[str, ...] = attrs.field(converter=_names)
    rates: FloatArray = attrs.field(converter=_frozen)
    denominators: FloatArray = attrs.field(converter=_frozen)
    counts: FloatArray = attrs.field(converter=_frozen)
    values: FloatArray = attrs.field(converter=_frozen)
    contract_value: FloatArray = attrs.field(converter=_frozen)

    def factor(self, name: str) -> FloatArray:
        """One factor of `FACTORS`, in provider order."""
        if name not in FACTORS:
            raise ScorecardError(f"factor must be one of {', '.join(FACTORS)}, got {name!r}")
        return self.factors[:, FACTORS.index(name)]


def provider_names(n: int) -> tuple[str, ...]:
    """``n`` distinct invented provider names, the same ones for the same ``n``.

    Examples
    --------
    >>> provider_names(3)  # doctest: +NORMALIZE_WHITESPACE
    ('Riverside Recovery', 'Kestrel Vale Drug and Alcohol Service',
     'Brackenford Recovery Partnership')
    """
    check_count(n)
    i = np.arange(n)
    places = i % len(PLACES)
    kinds = (i + i // len(PLACES)) % len(KINDS)  # every pair once in each run of NAMES
    rounds = i // NAMES
    return tuple(
        f"{PLACES[p]} {KINDS[k]}" + (f" {r + 1}" if r else "")
        for p, k, r in zip(places, kinds, rounds, strict=True)
    )


def check_count(n: object) -> None:
    """Raise `ScorecardError` unless ``n`` is a valid ``n_providers``."""
    if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= MAX_PROVIDERS:  # noqa: PLR2004
        raise InvalidArgumentError(
            f"n_providers must be a whole number from 2 to {MAX_PROVIDERS}, got {n!r}"
        )
