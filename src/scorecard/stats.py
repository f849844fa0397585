"""Intervals and funnel-plot limits for provider indicators, as English public health reports them.

* `wilson`: Wilson score intervals for proportions (OHID's preferred method; it behaves at 0 and
  at n): ``(2O + z^2 -/+ z sqrt(z^2 + 4 O q)) / (2 (n + z^2))`` with ``q = 1 - O/n``.
* `byar`: limits for a count of events (divide by the denominator for a rate): Byar's
  approximation for 10 or more events, exact Poisson limits (chi-square quantiles) below that,
  as in the PHE technical guide on confidence intervals.
* `funnel`: funnel-plot limits for proportions around the pooled rate, at 95% and 99.8% by
  default. ``limits="exact"`` (the default without overdispersion): exact binomial limits with
  Spiegelhalter's (2005) interpolation, right at any denominator; ``"wilson"``: OHID
  Fingertips' limits (where an observed proportion's Wilson score interval just reaches the
  target, ``target +/- z sqrt(target (1 - target) / n)``, as PHEindicatormethods computes
  them); ``"arcsine"``: normal limits on the arcsine scale, the scale on which the limits can
  be widened for overdispersion from 10%-winsorised z-scores (``phi``; multiplicative, or an
  additive random effect ``tau^2``), following the FunnelPlotR implementation.

Every function is vectorised over providers; bad input is a `StatsError` naming the position
(or the provider, given ``names``). Normal quantiles come from the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import Final, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from scorecard._arrays import FloatArray
from scorecard._binomial import exact_limits
from scorecard.errors import StatsError

__all__ = [
    "BYAR_FROM",
    "SMALL_NUMBERS",
    "WINSOR",
    "Funnel",
    "Limits",
    "Overdispersion",
    "StatsError",
    "byar",
    "funnel",
    "too_few",
    "wilson",
]

Overdispersion = Literal["none", "multiplicative", "additive"]
"""How funnel limits allow for overdispersion: not at all, by a multiplicative factor, or by
additive random effects."""
Limits = Literal["exact", "wilson", "arcsine"]
"""How funnel limits are drawn: exact binomial, Fingertips' Wilson limits, or arcsine-scale."""

BYAR_FROM: Final = 10
"""Byar's approximation from this many events; exact Poisson limits below."""
WINSOR: Final = 0.1
"""Share of z-scores winsorised in each tail before estimating overdispersion."""
_BISECTION_STEPS: Final = 200
SMALL_NUMBERS: Final = 20
"""Denominators below this are flagged: OHID suppresses or caveats rates on 10-20 clients."""


def _z(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise StatsError(f"level must lie strictly between 0 and 1, got {level!r}")
    return NormalDist().inv_cdf(0.5 + level / 2.0)


def _label(names: Sequence[str] | None, i: int) -> str:
    return f"provider {names[i]!r}" if names is not None else f"position {i}"


def _counts(
    observed: ArrayLike, denominator: ArrayLike | None, names: Sequence[str] | None
) -> tuple[FloatArray, FloatArray | None]:
    o = np.atleast_1d(np.asarray(observed, dtype=np.float64))
    bad = np.flatnonzero(~np.isfinite(o) | (o < 0))
    if bad.size:
        i = int(bad[0])
        raise StatsError(
            f"{_label(names, i)}: observed count {float(o[i])!r} must be finite and >= 0"
        )
    if denominator is None:
        return o, None
    n = np.broadcast_to(np.asarray(denominator, dtype=np.float64), o.shape)
    bad = np.flatnonzero(~np.isfinite(n) | (n <= 0) | (o > n))
    if bad.size:
        i = int(bad[0])
        raise StatsError(
            f"{_label(names, i)}: {o[i]:g} of {float(n[i])!r} is not a proportion (the denominator "
            "must be finite, above 0 and at least the count)"
        )
    return o, np.asarray(n, dtype=np.float64)


def wilson(
    observed: ArrayLike,
    denominator: ArrayLike,
    *,
    level: float = 0.95,
    names: Sequence[str] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval (lower, upper) for each proportion ``observed / denominator``.

    Examples
    --------
    >>> low, high = wilson([0, 12], [20, 40])
    >>> low.round(4).tolist(), high.round(4).tolist()
    ([0.0, 0.1807], [0.1611, 0.4543])
    """
    o, n = _counts(observed, denominator, names)
    assert n is not None  # noqa: S101 - a denominator was given
    z = _z(level)
    q = 1.0 - o / n
    root = z * np.sqrt(z * z + 4.0 * o * q)
    lower = (2.0 * o + z * z - root) / (2.0 * (n + z * z))
    upper = (2.0 * o + z * z + root) / (2.0 * (n + z * z))
    return np.maximum(lower, 0.0), np.minimum(upper, 1.0)


def too_few(
    denominator: ArrayLike, *, minimum: int = SMALL_NUMBERS, names: Sequence[str] | None = None
) -> NDArray[np.bool_]:
    """True where a provider's figure rests on fewer than ``minimum`` clients (or events).

    Examples
    --------
    >>> too_few([8, 20, 150]).tolist()
    [True, False, False]
    """
    if minimum < 1:
        raise StatsError(f"minimum must be at least 1, got {minimum!r}")
    n = np.atleast_1d(np.asarray(denominator, dtype=np.float64))
    bad = np.flatnonzero(~np.isfinite(n) | (n < 0))
    if bad.size:
        i = int(bad[0])
        raise StatsError(f"{_label(names, i)}: denominator {float(n[i])!r} must be finite and >= 0")
    return np.asarray(n < minimum, dtype=np.bool_)


def _poisson_cdf_below(k: FloatArray, mean: FloatArray) -> FloatArray:
    """P(X <= k - 1) for X ~ Poisson(mean), k whole numbers up to `BYAR_FROM`."""
    total = np.zeros(np.broadcast(k, mean).shape)
    term = np.exp(-mean)
    for i in range(BYAR_FROM + 1):  # a fixed number of terms, masked per element
        total = np.where(i < k, total + term, total)
        term = term * mean / (i + 1)
    return total


def _exact_poisson(o: FloatArray, alpha: float) -> tuple[FloatArray, FloatArray]:
    """Exact (Garwood) limits for counts below `BYAR_FROM`, by bisection on the Poisson CDF.

    Lower: the mean with P(X >= o) = alpha/2 (0 when o = 0); upper: P(X <= o) = alpha/2. These
    are the chi-square quantiles chi2(alpha/2; 2o)/2 and chi2(1 - alpha/2; 2o + 2)/2.
    """
    lo_a, hi_a = np.zeros_like(o), np.full_like(o, 100.0)
    lo_b, hi_b = np.zeros_like(o), np.full_like(o, 100.0)
    for _ in range(_BISECTION_STEPS):
        mid = (lo_a + hi_a) / 2.0  # lower limit: P(X >= o) increases with the mean
        above = 1.0 - _poisson_cdf_below(o, mid) > alpha / 2.0
        hi_a, lo_a = np.where(above, mid, hi_a), np.where(above, lo_a, mid)
        mid = (lo_b + hi_b) / 2.0  # upper limit: P(X <= o) decreases with the mean
        below = _poisson_cdf_below(o + 1.0, mid) < alpha / 2.0
        hi_b, lo_b = np.where(below, mid, hi_b), np.where(below, lo_b, mid)
    lower = np.where(o == 0, 0.0, (lo_a + hi_a) / 2.0)
    return lower, (lo_b + hi_b) / 2.0


def byar(
    observed: ArrayLike, *, level: float = 0.95, names: Sequence[str] | None = None
) -> tuple[FloatArray, FloatArray]:
    """Limits (lower, upper) for each count of events; divide by the denominator for a rate.

    Byar's method, ``O (1 - 1/(9O) - z/(3 sqrt O))^3`` and
    ``(O + 1) (1 - 1/(9(O + 1)) + z/(3 sqrt(O + 1)))^3``, for 10 or more events; exact Poisson
    limits for fewer. Counts must be whole numbers.

    Examples
    --------
    >>> low, high = byar([0, 25])
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.0, 16.174], [3.689, 36.906])
    """
    o, _ = _counts(observed, None, names)
    fractional = np.flatnonzero(o != np.round(o))
    if fractional.size:
        i = int(fractional[0])
        raise StatsError(
            f"{_label(names, i)}: a count of events must be whole, got {float(o[i])!r}"
        )
    z = _z(level)
    safe = np.maximum(o, 1.0)
    lower = safe * (1.0 - 1.0 / (9.0 * safe) - z / (3.0 * np.sqrt(safe))) ** 3
    upper = (o + 1.0) * (1.0 - 1.0 / (9.0 * (o + 1.0)) + z / (3.0 * np.sqrt(o + 1.0))) ** 3
    small = o < BYAR_FROM
    if small.any():
        exact_lower, exact_upper = _exact_poisson(o[small], 1.0 - level)
        lower[small], upper[small] = exact_lower, exact_upper
    return lower, upper


@attrs.frozen(eq=False)
class Funnel:
    """Funnel-plot limits for proportions around the pooled rate ``target``.

    ``lower[k]`` and ``upper[k]`` (one row per level in ``levels``) are each provider's limits
    at its own denominator, drawn by ``limits`` (see `funnel`); ``curve`` gives them for any
    denominators (to draw the funnel).
    ``z`` are the providers' z-scores on the arcsine scale, ``phi`` the overdispersion
    estimated from their 10%-winsorised values and ``tau2`` the additive random-effect variance
    (0 unless ``method`` is additive and ``phi`` exceeds what chance explains). ``small`` flags
    providers with fewer than ``minimum`` clients: their place on the funnel is fragile.
    """

    target: float
    levels: tuple[float, ...]
    method: Overdispersion
    limits: Limits
    phi: float
    tau2: float
    proportions: FloatArray
    denominators: FloatArray
    z: FloatArray
    lower: FloatArray
    upper: FloatArray
    small: NDArray[np.bool_]

    def curve(self, denominators: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Limits (levels, len(denominators)) for a grid of denominators."""
        n = np.atleast_1d(np.asarray(denominators, dtype=np.float64))
        if self.limits == "exact":
            _whole(n, None)
        return _limits(
            self.target,
            n,
            levels=self.levels,
            limits=self.limits,
            method=self.method,
            phi=self.phi,
            tau2=self.tau2,
        )

    @property
    def outside(self) -> NDArray[np.bool_]:
        """True where a provider lies beyond a level's limits; shaped (levels, providers)."""
        p = self.proportions[None, :]
        return np.asarray((p < self.lower) | (p > self.upper), dtype=np.bool_)


def _limits(
    target: float,
    n: FloatArray,
    *,
    levels: tuple[float, ...],
    limits: Limits,
    method: Overdispersion,
    phi: float,
    tau2: float,
) -> tuple[FloatArray, FloatArray]:
    if limits == "exact":
        tails = np.array([(1.0 - level) / 2.0 for level in levels])
        both = exact_limits(target, n, np.concatenate([tails, 1.0 - tails]))
        return both[: len(levels)], both[len(levels) :]
    if limits == "wilson":
        z = np.array([_z(level) for level in levels])[:, None]
        half = z * np.sqrt(target * (1.0 - target) / n)
        return np.clip(target - half, 0.0, 1.0), np.clip(target + half, 0.0, 1.0)
    theta = math.asin(math.sqrt(target))
    s = 1.0 / (2.0 * np.sqrt(n))
    if method == "multiplicative":
        spread = s * math.sqrt(max(phi, 1.0))
    elif method == "additive":
        spread = np.sqrt(s * s + tau2)
    else:
        spread = s
    z = np.array([_z(level) for level in levels])[:, None]
    lower = np.sin(np.clip(theta - z * spread, 0.0, math.pi / 2.0)) ** 2
    upper = np.sin(np.clip(theta + z * spread, 0.0, math.pi / 2.0)) ** 2
    return np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)


def funnel(
    observed: ArrayLike,
    denominator: ArrayLike,
    *,
    levels: Sequence[float] = (0.95, 0.998),
    method: Overdispersion = "none",
    limits: Limits | None = None,
    minimum: int = SMALL_NUMBERS,
    names: Sequence[str] | None = None,
) -> Funnel:
    """Funnel limits for proportions ``observed / denominator`` around the pooled rate.

    ``limits`` (default: ``"exact"``, or ``"arcsine"`` when ``method`` adjusts for
    overdispersion):

    * ``"exact"``: the ``(1 -/+ level) / 2`` quantiles of Binomial(n, target), interpolated
      between whole counts as Spiegelhalter (2005) does; denominators must be whole numbers.
      0 of 100 around a pooled 5.12% lies inside the 99.8% limits (0 to 0.127).
    * ``"wilson"``: OHID Fingertips' limits, ``target +/- z sqrt(target (1 - target) / n)``
      clipped to [0, 1] (where the observed proportion's Wilson interval just reaches the
      target): 0 to 0.119 there.
    * ``"arcsine"``: on the arcsine scale ``Y = asin(sqrt(O/n))`` with standard error
      ``s = 1/(2 sqrt n)`` around ``asin(sqrt(target))``, back-transformed with ``sin^2``. Poor
      for small denominators at rates near 0 or 1 (0 of 100 at 5.12% falls outside 99.8%),
      but the scale on which overdispersion is estimated and applied.

    Overdispersion is always estimated: z-scores ``(Y - asin(sqrt(target)))/s`` winsorised at
    10% in each tail give ``phi = mean(z_w^2)``. ``method="multiplicative"`` widens the arcsine
    limits by ``sqrt(phi)`` (when above 1); ``"additive"`` adds
    ``tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w))`` (``w = 1/s^2``) to each
    provider's variance.

    Raises
    ------
    StatsError
        On bad counts or levels, an unknown method or limits, overdispersion with limits
        other than ``"arcsine"``, or exact limits for a denominator that is not whole.
    """
    o, n = _counts(observed, denominator, names)
    assert n is not None  # noqa: S101 - a denominator was given
    if method not in {"none", "multiplicative", "additive"}:
        raise StatsError(f"method must be 'none', 'multiplicative' or 'additive', got {method!r}")
    if limits is None:
        limits = "exact" if method == "none" else "arcsine"
    if limits not in {"exact", "wilson", "arcsine"}:
        raise StatsError(f"limits must be 'exact', 'wilson' or 'arcsine', got {limits!r}")
    if method != "none" and limits != "arcsine":
        raise StatsError(
            f"the {method} overdispersion adjustment is made on the arcsine scale: pass "
            f"limits='arcsine' (or method='none' for {limits} limits)"
        )
    if limits == "exact":
        _whole(n, names)
    k = o.size
    if k < 2:  # noqa: PLR2004
        raise StatsError(f"a funnel needs at least 2 providers, got {k}")
    target = float(o.sum() / n.sum())
    theta = math.asin(math.sqrt(target))
    s = 1.0 / (2.0 * np.sqrt(n))
    z = (np.arcsin(np.sqrt(o / n)) - theta) / s
    low, high = np.quantile(z, [WINSOR, 1.0 - WINSOR])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    w = 1.0 / (s * s)
    tau2 = 0.0
    if method == "additive" and k * phi > k - 1:
        tau2 = max(0.0, float((k * phi - (k - 1)) / (w.sum() - (w * w).sum() / w.sum())))
    lv = tuple(float(level) for level in levels)
    lower, upper = _limits(target, n, levels=lv, limits=limits, method=method, phi=phi, tau2=tau2)
    return Funnel(
        target=target,
        levels=lv,
        method=method,
        limits=limits,
        phi=phi,
        tau2=tau2,
        proportions=o / n,
        denominators=n,
        z=z,
        lower=lower,
        upper=upper,
        small=too_few(n, minimum=minimum, names=names),
    )


def _whole(n: FloatArray, names: Sequence[str] | None) -> None:
    """Exact binomial limits need whole-number denominators."""
    bad = np.flatnonzero((n != np.floor(n)) | (n < 1))
    if bad.size:
        i = int(bad[0])
        raise StatsError(
            f"{_label(names, i)}: exact binomial limits need a whole-number denominator of at "
            f"least 1, got {float(n[i])!r}; pass limits='wilson' for other denominators"
        )
