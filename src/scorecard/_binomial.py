"""Exact binomial funnel limits: Binomial(n, target) quantiles, interpolated as Spiegelhalter does.

For a probability ``p`` the limit is ``(r_p - a) / n``, where ``r_p`` is the smallest count
with ``P(R <= r_p) >= p`` and ``a = (P(R <= r_p) - p) / P(R = r_p)`` interpolates between
whole counts, so the limits are smooth in ``n`` (Spiegelhalter 2005, *Statistics in Medicine*
24:1185-1202, appendix A.1.1).

The probabilities are computed without special functions: within a window of the mean plus or
minus 12 standard deviations (and 10 counts), each probability is the one before it times
``(n - r) / (r + 1) * target / (1 - target)``, summed on the log scale and normalised over the
window, whose outside holds less than 1e-30 of the mass. Rows are processed in pieces, so the
memory stays bounded for any number of denominators.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np

from scorecard._arrays import FloatArray

__all__ = ["exact_limits"]

_SPREAD: Final = 12.0
"""Standard deviations each side of the mean that the window covers."""
_CELLS: Final = 2_000_000
"""Window cells (denominators x counts) worked on at once."""


def exact_limits(target: float, n: FloatArray, probabilities: FloatArray) -> FloatArray:
    """Limits (len(probabilities), len(n)) on the proportion scale, clipped to [0, 1].

    ``n`` must hold whole numbers of at least 1; ``target`` lies in [0, 1].
    """
    out = np.empty((probabilities.size, n.size))
    if target <= 0.0 or target >= 1.0:  # all the mass on one count: no spread
        out[:] = 0.0 if target <= 0.0 else 1.0
        return out
    sd = np.sqrt(n * target * (1.0 - target))
    low = np.maximum(0.0, np.floor(n * target - _SPREAD * sd - 10.0))
    high = np.minimum(n, np.ceil(n * target + _SPREAD * sd + 10.0))
    width = int((high - low).max()) + 1
    rows = max(1, _CELLS // width)
    for start in range(0, n.size, rows):
        part = slice(start, start + rows)
        out[:, part] = _window_limits(
            target, n[part], low[part], high[part], width=width, probabilities=probabilities
        )
    return np.clip(out, 0.0, 1.0)


def _window_limits(
    target: float,
    n: FloatArray,
    low: FloatArray,
    high: FloatArray,
    *,
    width: int,
    probabilities: FloatArray,
) -> FloatArray:
    r = low[:, None] + np.arange(width)[None, :]  # counts in each row's window
    inside = r <= high[:, None]
    odds = math.log(target / (1.0 - target))
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.log((n[:, None] - r[:, :-1]) / (r[:, :-1] + 1.0)) + odds
    step = np.where(inside[:, 1:], step, -np.inf)
    log_pmf = np.concatenate([np.zeros((n.size, 1)), np.cumsum(step, axis=1)], axis=1)
    log_pmf -= log_pmf.max(axis=1, keepdims=True)
    pmf = np.exp(log_pmf)
    pmf /= pmf.sum(axis=1, keepdims=True)
    cdf = np.cumsum(pmf, axis=1)
    out = np.empty((probabilities.size, n.size))
    rows = np.arange(n.size)
    for k, p in enumerate(probabilities):
        at = np.argmax(cdf >= p - 1e-15, axis=1)  # the first count reaching p (rounding aside)
        alpha = (cdf[rows, at] - p) / pmf[rows, at]
        out[k] = (r[rows, at] - alpha) / n
    return out
