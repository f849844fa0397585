"""The synthetic model that draws provider profiles (SYNTHETIC data, not real providers).

Everything is vectorised over providers; the loops below run over metrics.

1. **Size and case mix.** Caseloads are log-uniform on 250-3,000 adults in treatment; the
   opiate share is uniform on 30-65% and the rest splits between non-opiate and alcohol.
2. **Latent quality.** A shared quality ``q ~ N(0, 1)`` and one factor per domain (`FACTORS`),
   each ``0.67 q + 0.74 e`` so that domains correlate about 0.45, not 1. Each provider has a
   `Character`: the highest ``q`` is *strong all round*, the lowest *struggling*; one in
   sixteen (at least one) is a *completions factory* under discharge pressure (high
   completions, early exits and re-presentations; low connection; high turnover) and as many
   are *relationship-led* (the reverse), both drawn from the middle half of ``q``.
3. **Contracts.** About a third of providers changed in the last 3 years; the first year
   after a change lowers keyworker continuity and raises early exits.
4. **Goodness.** Each metric's goodness is a weighted sum of factors, of other metrics'
   goodness (the workforce chain caseload -> turnover -> keyworker continuity -> alliance)
   and of its own noise: `LOADINGS`.
5. **Rates.** Goodness maps to natural units on the logit (shares), linear (mean changes) or
   log (amounts) scale, centred on the middle of the plausible provider range, which spans
   5 SD: `LAWS`. A few providers land beyond the range; the metrics' clip policy records them.
6. **Observations.** Shares are binomial counts out of their cohort (its denominator), so
   small providers are noisier; mean changes get client-level sampling noise; CQC ratings go
   by rank of the care factor in the shares of `CQC_SHARES`, key questions one level either
   side of the overall rating; cost per completion is contract value over completions that
   lasted. The one (under 12 providers) or two smallest providers have no prison leavers, so
   continuity of care from prison is missing for them; TUPE retention is missing unless the
   provider changed 1-3 years ago.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping
from typing import Final

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._metric import Direction
from scorecard._validation import check_seed
from scorecard.catalog import metrics as catalogue
from scorecard.catalog._quality import CQC_LEVELS
from scorecard.datasets._profiles import (
    FACTORS,
    Character,
    ProviderProfiles,
    check_count,
    provider_names,
)

__all__ = ["CQC_SHARES", "LAWS", "LOADINGS", "OFFSETS", "Law", "provider_profiles"]


SHARED: Final = math.sqrt(0.45)
"""Loading of every domain factor on the shared quality ``q``."""

CQC_SHARES: Final = (0.05, 0.25, 0.65, 0.05)
"""Share of providers rated Inadequate, Requires improvement, Good, Outstanding ([E])."""

OFFSETS: Final[Mapping[Character, tuple[float, tuple[float, ...]]]] = {
    Character.TYPICAL: (0.0, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
    Character.COMPLETIONS_FACTORY: (0.0, (0.5, -0.2, -1.4, -1.2, 0.0, -0.5, 0.3, 2.6)),
    Character.RELATIONSHIP_LED: (0.0, (0.0, 0.3, 1.5, 1.5, 0.5, 0.8, -0.3, -0.8)),
    Character.STRONG: (0.5, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
    Character.STRUGGLING: (-0.5, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.3)),
}
"""Each character's shift of ``q`` and of every factor in `FACTORS`, in SDs."""


def _logit(x: float) -> float:
    return math.log(x / (100 - x))


def _expit(z: FloatArray) -> FloatArray:
    return np.asarray(100 / (1 + np.exp(-z)), dtype=np.float64)


def _same(z: FloatArray) -> FloatArray:
    return z


_TRANSFORMS: Final[
    Mapping[str, tuple[Callable[[float], float], Callable[[FloatArray], FloatArray]]]
] = {"share": (_logit, _expit), "mean": (float, _same), "amount": (math.log, np.exp)}


@attrs.frozen
class Law:
    """How goodness maps to natural units, and how a value is observed.

    ``kind`` is ``share`` (a % on the logit scale, observed as a binomial count of its cohort),
    ``mean`` (a mean change, observed with client-level noise of SD ``client_sd``) or
    ``amount`` (a positive quantity on the log scale, observed as it is). The middle of the
    plausible range ``low``-``high`` is the centre, and the range spans 5 SD of goodness.
    """

    kind: str
    low: float
    high: float
    client_sd: float = 0.0
    decimals: int = 2

    def natural(self, goodness: FloatArray, direction: Direction) -> FloatArray:
        """Natural units of ``goodness``; for lower-is-better metrics, more goodness is lower."""
        forward, back = _TRANSFORMS[self.kind]
        lo, hi = forward(self.low), forward(self.high)
        sign = 1.0 if direction is Direction.HIGHER else -1.0
        return back((lo + hi) / 2 + sign * (hi - lo) / 5 * goodness)


LAWS: Final[Mapping[str, Law]] = {
    "top_opiate_abstinent": Law("share", 25, 60),
    "top_opiate_abst_or_improved": Law("share", 50, 85),
    "top_crack_abstinent": Law("share", 35, 70),
    "top_primary_days_reduction": Law("mean", 5, 16, client_sd=9.0),
    "top_stopped_injecting": Law("share", 25, 70),
    "top_stopped_sharing": Law("share", 60, 95),
    "top_crime_desistance": Law("share", 40, 80),
    "top_psych_change": Law("mean", 0.5, 4.0, client_sd=3.5),
    "top_phys_change": Law("mean", 0.3, 3.5, client_sd=3.5),
    "top_qol_change": Law("mean", 0.5, 4.5, client_sd=3.5),
    "top_qol_reliable_improve": Law("share", 20, 55),
    "top_housing_resolved": Law("share", 30, 75),
    "top_gained_work_or_education": Law("share", 4, 25),
    "sc_opiate_no_rep": Law("share", 2, 12),
    "sc_nonopiate_no_rep": Law("share", 15, 55),
    "sc_alcohol_no_rep": Law("share", 20, 55),
    "early_unplanned_exit": Law("share", 8, 30),
    "representation_6m": Law("share", 3, 25),
    "conn_informed": Law("share", 50, 95),
    "conn_confident_barc": Law("mean", 1, 10, client_sd=7.0),
    "conn_connected": Law("share", 30, 85),
    "staff_turnover": Law("share", 8, 40),
    "vacancy_rate": Law("share", 2, 20),
    "caseload_per_worker": Law("amount", 25, 90, decimals=1),
    "keyworker_continuity": Law("share", 35, 90),
    "continuity_of_care_prison": Law("share", 15, 75),
    "tupe_retention_12m": Law("share", 40, 95),
    "training_hours_per_wte": Law("amount", 5, 60, decimals=1),
    "supervision_monthly": Law("share", 40, 97),
    "learner_placements_per10wte": Law("amount", 0.5, 4.5),
    "alliance_srs_ok": Law("share", 55, 95),
    "cost_per_successful_completion": Law("amount", 900, 3500, decimals=0),
    "sroi_ratio": Law("amount", 2.0, 9.5),
}
"""Plausible provider range of each metric ([E]). For cost per successful completion the law
is the contract value per client-year (£900-3,500); the metric follows from completions."""

_COMPLETION_GOODNESS: Final[Mapping[str, float]] = types.MappingProxyType(
    {"completion": 0.45, "recovery": 0.45, "discharge_pressure": 0.5, "own": 0.3}
)

LOADINGS: Final[Mapping[str, Mapping[str, float]]] = {
    # Outcomes: recovery, with connection and care.
    "top_opiate_abstinent": {"recovery": 0.7, "connection": 0.15, "own": 0.6},
    "top_opiate_abst_or_improved": {"recovery": 0.7, "own": 0.6},
    "top_crack_abstinent": {"recovery": 0.7, "own": 0.6},
    "top_primary_days_reduction": {"recovery": 0.7, "own": 0.6},
    "top_stopped_injecting": {"recovery": 0.6, "care": 0.2, "own": 0.6},
    "top_stopped_sharing": {"recovery": 0.5, "care": 0.3, "own": 0.6},
    "top_crime_desistance": {"recovery": 0.6, "connection": 0.2, "own": 0.6},
    "top_psych_change": {"recovery": 0.5, "care": 0.3, "connection": 0.2, "own": 0.6},
    "top_phys_change": {"recovery": 0.5, "care": 0.3, "own": 0.6},
    "top_qol_change": {"recovery": 0.5, "connection": 0.3, "own": 0.6},
    "top_qol_reliable_improve": {"recovery": 0.5, "connection": 0.3, "own": 0.6},
    "top_housing_resolved": {"recovery": 0.4, "connection": 0.4, "own": 0.6},
    "top_gained_work_or_education": {"recovery": 0.4, "connection": 0.4, "own": 0.6},
    # Completions and exits: discharge pressure raises completions and early exits alike.
    **dict.fromkeys(
        ("sc_opiate_no_rep", "sc_nonopiate_no_rep", "sc_alcohol_no_rep"), _COMPLETION_GOODNESS
    ),
    "early_unplanned_exit": {
        "workforce": 0.4,
        "care": 0.3,
        "discharge_pressure": -0.8,
        "first_year": -0.5,
        "own": 0.5,
    },
    "representation_6m": {
        "connection": 0.4,
        "recovery": 0.3,
        "discharge_pressure": -0.8,
        "own": 0.5,
    },
    # Connection test: pushing people out early leaves them less connected.
    "conn_informed": {
        "connection": 0.6,
        "recovery": 0.2,
        "care": 0.2,
        "discharge_pressure": -0.3,
        "own": 0.3,
    },
    "conn_confident_barc": {
        "connection": 0.6,
        "recovery": 0.3,
        "discharge_pressure": -0.3,
        "own": 0.3,
    },
    "conn_connected": {"connection": 0.6, "recovery": 0.3, "discharge_pressure": -0.3, "own": 0.3},
    # Workforce chain: caseload -> turnover -> keyworker continuity (-> alliance, below).
    "caseload_per_worker": {"workforce": 0.8, "own": 0.5},
    "staff_turnover": {
        "workforce": 0.6,
        "caseload_per_worker": 0.3,
        "discharge_pressure": -0.4,
        "own": 0.5,
    },
    "vacancy_rate": {"workforce": 0.6, "staff_turnover": 0.3, "own": 0.5},
    "keyworker_continuity": {
        "staff_turnover": 0.5,
        "workforce": 0.3,
        "stability": 0.3,
        "first_year": -0.8,
        "own": 0.5,
    },
    "continuity_of_care_prison": {"care": 0.4, "workforce": 0.3, "own": 0.6},
    "tupe_retention_12m": {"workforce": 0.6, "own": 0.6},
    # Training capacity.
    "training_hours_per_wte": {"training": 0.8, "own": 0.6},
    "supervision_monthly": {"training": 0.6, "workforce": 0.3, "own": 0.6},
    "learner_placements_per10wte": {"training": 0.7, "own": 0.6},
    # Quality: the overall CQC rating goes by rank; key questions shift one level either side.
    "cqc_overall": {"care": 1.0, "own": 0.5},
    "cqc_safe": {"workforce": 0.3, "bias": -0.2, "own": 0.7},
    "cqc_effective": {"recovery": 0.4, "own": 0.7},
    "cqc_caring": {"connection": 0.3, "bias": 0.3, "own": 0.7},
    "cqc_responsive": {"connection": 0.3, "own": 0.7},
    "cqc_well_led": {"workforce": 0.4, "own": 0.7},
    "alliance_srs_ok": {"care": 0.5, "keyworker_continuity": 0.4, "connection": 0.2, "own": 0.5},
    # Value for money: cheaper care per client-year, and modelled return.
    "cost_per_successful_completion": {"efficiency": 0.8, "own": 0.6},
    "sroi_ratio": {
        "recovery": 0.4,
        "efficiency": 0.3,
        "connection": 0.3,
        "completion": 0.2,
        "own": 0.5,
    },
}
"""Goodness of each metric: loadings on `FACTORS`, on metrics listed before it, on
``stability`` (years since the last change of provider, centred), ``first_year`` (1 in the
first year after a change), a constant ``bias``, and ``own`` noise. Metrics in dependency order."""

_KEY_QUESTIONS: Final = ("safe", "effective", "caring", "responsive", "well_led")
_KEY_QUESTION_STEP: Final = 0.9
"""Key-question goodness beyond +-this moves the rating one level from the overall rating."""


def provider_profiles(*, seed: int = 2026, n_providers: int = 16) -> ProviderProfiles:
    """Draw synthetic provider profiles (SYNTHETIC data, not real providers).

    Parameters
    ----------
    seed
        Seed for ``numpy.random.default_rng``; the same seed gives the same profiles.
    n_providers
        How many providers, from 2 to
        `scorecard.datasets._profiles.MAX_PROVIDERS`.

    Examples
    --------
    >>> p = provider_profiles()
    >>> len(p.providers), p.providers[0]
    (16, 'Riverside Recovery')
    >>> sorted({c.value for c in p.characters})  # doctest: +NORMALIZE_WHITESPACE
    ['completions factory', 'relationship-led', 'strong all round', 'struggling', 'typical']
    """
    seed = check_seed(seed)
    check_count(n_providers)
    return _Draw(np.random.default_rng(seed), n_providers).profiles(seed)


def _cast(q: FloatArray, rng: np.random.Generator) -> NDArray[np.intp]:
    """Character codes (positions in `Character`) given the shared quality ``q``."""
    n = len(q)
    code = {c: i for i, c in enumerate(Character)}
    codes = np.full(n, code[Character.TYPICAL], dtype=np.intp)
    order = np.argsort(q, kind="stable")
    if n >= 6:  # noqa: PLR2004 - extremes only make sense among several providers
        codes[order[-1]] = code[Character.STRONG]
        codes[order[0]] = code[Character.STRUGGLING]
        order = order[1:-1]
    special = max(1, n // 16)
    quarter = len(order) // 4
    picked = rng.permutation(order[quarter : len(order) - quarter])[: 2 * special]
    codes[picked[:special]] = code[Character.COMPLETIONS_FACTORY]
    codes[picked[special:]] = code[Character.RELATIONSHIP_LED]
    return codes


def _largest_remainder(n: int, shares: tuple[float, ...]) -> NDArray[np.intp]:
    """Whole counts summing to ``n`` in proportion to ``shares``."""
    exact = n * np.asarray(shares)
    counts = np.floor(exact).astype(np.intp)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return np.asarray(counts, dtype=np.intp)


class _Draw:
    """One draw of every array, in a fixed order so that a seed always gives the same data."""

    def __init__(self, rng: np.random.Generator, n: int) -> None:
        self.rng = rng
        self.n = n
        self.catalogue = catalogue()
        self.metrics = tuple(self.catalogue)
        shape = (n, len(self.metrics))
        self.rates = np.full(shape, np.nan)
        self.denominators = np.full(shape, np.nan)
        self.counts = np.full(shape, np.nan)
        self.values = np.full(shape, np.nan)
        self.contract = np.full(n, np.nan)

    def profiles(self, seed: int) -> ProviderProfiles:
        rng, n = self.rng, self.n
        caseload = _round(np.exp(rng.uniform(math.log(250), math.log(3000), n)))
        opiate = rng.uniform(0.30, 0.65, n)
        non_opiate = (1 - opiate) * rng.uniform(0.35, 0.55, n)
        mix = np.column_stack([opiate, non_opiate, 1 - opiate - non_opiate])

        q = rng.standard_normal(n)
        characters = _cast(q, rng)
        shift = np.array([OFFSETS[c][0] for c in Character])[characters]
        offsets = np.array([OFFSETS[c][1] for c in Character])[characters]
        q = q + shift
        own = rng.standard_normal((n, len(FACTORS)))
        factors = SHARED * q[:, None] + math.sqrt(1 - SHARED**2) * own
        pressure = FACTORS.index("discharge_pressure")
        factors[:, pressure] = 0.3 * own[:, pressure]  # a policy, not quality: no q in it
        factors += offsets

        changed = rng.random(n) < 0.35  # noqa: PLR2004 - a third re-procured in 3 years
        years = _round(np.where(changed, rng.uniform(0, 3, n), rng.uniform(3, 12, n)), 1)
        self.observe("contract_years_stable", rate=years, value=years)

        drivers: dict[str, FloatArray] = dict(zip(FACTORS, factors.T, strict=True))
        drivers["stability"] = np.clip((years - 3) / 2, -1.5, 1.5)
        drivers["first_year"] = (years < 1).astype(np.float64)
        drivers["bias"] = np.ones(n)
        noise = rng.standard_normal((n, len(LOADINGS)))
        for j, (metric, loadings) in enumerate(LOADINGS.items()):
            drivers[metric] = noise[:, j] * loadings["own"] + sum(
                (w * drivers[d] for d, w in loadings.items() if d != "own"), np.zeros(n)
            )
        rates = {m: law.natural(drivers[m], self.catalogue[m].direction) for m, law in LAWS.items()}
        self.observe_all(caseload, mix, years, rates, drivers)
        return ProviderProfiles(
            seed=seed,
            providers=provider_names(n),
            characters=tuple(list(Character)[c] for c in characters),
            caseload=caseload,
            mix=mix,
            quality=q,
            factors=factors,
            metrics=self.metrics,
            rates=self.rates,
            denominators=self.denominators,
            counts=self.counts,
            values=self.values,
            contract_value=self.contract,
        )

    def observe_all(
        self,
        caseload: FloatArray,
        mix: FloatArray,
        years: FloatArray,
        rates: Mapping[str, FloatArray],
        drivers: Mapping[str, FloatArray],
    ) -> None:
        rng, n = self.rng, self.n
        # Staff follow from the caseload per keyworker.
        keyworkers = _round(caseload / rates["caseload_per_worker"], 1)
        delivery = _round(keyworkers * rng.uniform(1.8, 2.4, n), 1)
        headcount = _round(delivery * 1.15)
        self.observe(
            "caseload_per_worker",
            rate=rates["caseload_per_worker"],
            value=_round(caseload / keyworkers, 1),
            denominator=keyworkers,
        )
        cohorts = self.cohorts(
            caseload, mix, years, keyworkers=keyworkers, delivery=delivery, headcount=headcount
        )
        for metric in self.metrics:
            law = LAWS.get(metric)
            if metric in _DERIVED or law is None:
                continue
            if law.kind == "share":
                self.share(metric, rates[metric], cohorts[metric])
            elif law.kind == "mean":
                spread = law.client_sd / np.sqrt(cohorts[metric])
                value = _round(rates[metric] + spread * rng.standard_normal(n), law.decimals)
                self.observe(metric, rate=rates[metric], value=value, denominator=cohorts[metric])
            else:
                self.observe(
                    metric,
                    rate=rates[metric],
                    value=_round(rates[metric], law.decimals),
                    denominator=cohorts.get(metric),
                )
        self.vacancies(rates["vacancy_rate"], headcount)
        self.placements(rates["learner_placements_per10wte"], delivery)
        self.representations(rates["representation_6m"])
        self.costs(caseload, rates["cost_per_successful_completion"], rates)
        self.cqc(drivers)

    def cohorts(
        self,
        caseload: FloatArray,
        mix: FloatArray,
        years: FloatArray,
        *,
        keyworkers: FloatArray,
        delivery: FloatArray,
        headcount: FloatArray,
    ) -> dict[str, FloatArray]:
        """The cohort behind each share or mean: who it counts, from the caseload and mix."""
        rng, n = self.rng, self.n
        opiate = mix[:, 0]
        reviewed = _round(caseload * rng.uniform(0.45, 0.60, n))  # start and review TOP
        starters = _round(caseload * rng.uniform(0.40, 0.60, n))
        groups = _round(caseload[:, None] * mix[:, :2])
        injecting = np.maximum(_round(reviewed * opiate * 0.3), 5)
        prison = _round(caseload * rng.uniform(0.02, 0.06, n))
        prison[np.argsort(caseload, kind="stable")[: 2 if n >= 12 else 1]] = 0  # noqa: PLR2004
        recent = (years >= 1) & (years < 3)  # noqa: PLR2004 - transfer 1-3 years ago

        def at_least_5(x: FloatArray) -> FloatArray:
            return np.maximum(_round(x), 5)

        every_review = (
            "top_primary_days_reduction",
            "top_psych_change",
            "top_phys_change",
            "top_qol_change",
            "top_qol_reliable_improve",
        )
        return dict.fromkeys(every_review, reviewed) | {
            "top_opiate_abstinent": at_least_5(reviewed * opiate * 0.55),
            "top_opiate_abst_or_improved": at_least_5(reviewed * opiate * 0.55),
            "top_crack_abstinent": at_least_5(reviewed * (0.45 * opiate + 0.05)),
            "top_stopped_injecting": injecting,
            "top_stopped_sharing": at_least_5(injecting * 0.4),
            "top_crime_desistance": at_least_5(reviewed * 0.3),
            "top_housing_resolved": at_least_5(reviewed * 0.18),
            "top_gained_work_or_education": at_least_5(reviewed * 0.75),
            "sc_opiate_no_rep": groups[:, 0],
            "sc_nonopiate_no_rep": groups[:, 1],
            "sc_alcohol_no_rep": caseload - groups.sum(axis=1),
            "early_unplanned_exit": starters,
            "conn_informed": at_least_5(reviewed * 0.65),
            "conn_confident_barc": at_least_5(reviewed * 0.7),
            "conn_connected": at_least_5(starters * 0.9),
            "staff_turnover": headcount,
            "keyworker_continuity": _round(caseload * (0.2 + 0.3 * opiate)),
            "continuity_of_care_prison": prison,
            "tupe_retention_12m": np.where(recent, _round(headcount * 0.8), 0),
            "training_hours_per_wte": delivery,
            "supervision_monthly": np.maximum(_round(keyworkers * 1.2), 3),
            "alliance_srs_ok": _round(caseload * rng.uniform(1.5, 3.0, n)),
        }

    # -- observing one metric ---------------------------------------------------------------------

    def observe(
        self,
        metric: str,
        *,
        rate: FloatArray,
        value: FloatArray,
        denominator: FloatArray | None = None,
        count: FloatArray | None = None,
    ) -> None:
        j = self.metrics.index(metric)
        self.rates[:, j] = rate
        self.values[:, j] = value
        if denominator is not None:
            self.denominators[:, j] = denominator
        if count is not None:
            self.counts[:, j] = count

    def share(self, metric: str, rate: FloatArray, cohort: FloatArray) -> None:
        """A binomial count out of ``cohort`` as a %; missing where the cohort is empty."""
        k = self.rng.binomial(cohort.astype(np.int64), rate / 100).astype(np.float64)
        self.observe(metric, rate=rate, value=_percent(k, cohort), denominator=cohort, count=k)

    def counted(self, metric: str) -> FloatArray:
        return self.counts[:, self.metrics.index(metric)]

    def vacancies(self, rate: FloatArray, headcount: FloatArray) -> None:
        posts = _round(headcount / (1 - rate / 100))
        vacant = posts - headcount
        self.observe(
            "vacancy_rate",
            rate=rate,
            value=_percent(vacant, posts),
            denominator=posts,
            count=vacant,
        )

    def placements(self, rate: FloatArray, delivery: FloatArray) -> None:
        hosted = self.rng.poisson(rate * delivery / 10).astype(np.float64)
        self.observe(
            "learner_placements_per10wte",
            rate=rate,
            value=_round(10 * hosted / delivery, 2),
            denominator=delivery,
            count=hosted,
        )

    def completed(self) -> FloatArray:
        """Completions that did not re-present, over the three substance groups."""
        return np.asarray(sum(self.counted(m) for m in _COMPLETIONS), dtype=np.float64)

    def representations(self, rate: FloatArray) -> None:
        """Re-presenters among all completers, consistent with the completions counted."""
        completed = self.completed()
        completers = _round(completed / (1 - rate / 100))
        returned = completers - completed
        self.observe(
            "representation_6m",
            rate=rate,
            value=_percent(returned, completers),
            denominator=completers,
            count=returned,
        )

    def costs(
        self, caseload: FloatArray, per_client: FloatArray, rates: Mapping[str, FloatArray]
    ) -> None:
        """Contract value (caseload x cost per client-year) over completions that lasted."""
        contract = _round(caseload * per_client, -3)
        self.contract = contract
        cohorts = self.denominators[:, [self.metrics.index(m) for m in _COMPLETIONS]]
        expected = (cohorts * np.column_stack([rates[m] for m in _COMPLETIONS]) / 100).sum(axis=1)
        self.observe(
            "cost_per_successful_completion",
            rate=contract / expected,
            value=_round(contract / np.maximum(self.completed(), 1)),
        )

    def cqc(self, drivers: Mapping[str, FloatArray]) -> None:
        """Overall ratings by rank in `CQC_SHARES`; key questions one level up or down."""
        k = len(CQC_LEVELS)
        overall = np.empty(self.n)
        ranked = np.argsort(drivers["cqc_overall"], kind="stable")
        overall[ranked] = np.repeat(np.arange(1, k + 1), _largest_remainder(self.n, CQC_SHARES))
        self.observe("cqc_overall", rate=overall, value=overall)
        for key in _KEY_QUESTIONS:
            g = drivers[f"cqc_{key}"]
            code = np.clip(overall + (g > _KEY_QUESTION_STEP) - (g < -_KEY_QUESTION_STEP), 1, k)
            self.observe(f"cqc_{key}", rate=code, value=code)


_COMPLETIONS: Final = ("sc_opiate_no_rep", "sc_nonopiate_no_rep", "sc_alcohol_no_rep")
_DERIVED: Final = frozenset(
    {
        "caseload_per_worker",
        "vacancy_rate",
        "learner_placements_per10wte",
        "representation_6m",
        "cost_per_successful_completion",
    }
)
"""Metrics observed by their own rule after the shares, means and amounts."""


def _round(x: FloatArray | float, decimals: int = 0) -> FloatArray:
    return np.asarray(np.round(x, decimals), dtype=np.float64)


def _percent(count: FloatArray, cohort: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(cohort > 0, _round(100 * count / cohort, 2), np.nan)
