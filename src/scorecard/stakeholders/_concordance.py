"""Concordance statistics: Kendall's W over several orders, and rank correlations between two.

`mid_ranks` gives each row's ranks with ties sharing the mean of the places they span (the
convention every concordance statistic here assumes). `kendall_w` is Kendall and Babington
Smith's coefficient of concordance with the correction for ties,
``W = 12 S / (m^2 (n^3 - n) - m sum T)``, ``T = sum (t^3 - t)`` over each judge's tied groups;
`spearman` is the Pearson correlation of mid-ranks, `kendall_tau` is Kendall's tau-b. All are
vectorised over items; `kendall_tau` compares every pair of items at once (O(n^2) memory, fine
for the thousands of providers the package handles).
"""

from __future__ import annotations

from typing import Final

import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import StatsError

__all__ = [
    "CONSENSUS_BANDS",
    "ahp_consensus",
    "consensus_band",
    "kendall_tau",
    "kendall_w",
    "mid_ranks",
    "spearman",
]

CONSENSUS_BANDS: Final = ((0.5, "very low"), (0.65, "low"), (0.75, "moderate"), (0.85, "high"))
"""Goepel (2018), Table 2: at most 50% very low, 50-65% low, 65-75% moderate, 75-85% high,
above 85% very high (AHP-OS itself uses 62.5% and 87.5% for the inner edges)."""


def mid_ranks(values: FloatArray, *, descending: bool = True) -> FloatArray:
    """Ranks of each row (1 = largest when ``descending``), ties sharing their mean place.

    Examples
    --------
    >>> mid_ranks(np.array([[0.5, 0.2, 0.2, 0.1]])).tolist()
    [[1.0, 2.5, 2.5, 4.0]]
    """
    x = np.atleast_2d(np.asarray(values, dtype=np.float64))
    if not np.isfinite(x).all():
        raise StatsError("ranks need finite values in every cell")
    key = -x if descending else x
    order = np.argsort(key, axis=1, kind="stable")
    sorted_key = np.take_along_axis(key, order, axis=1)
    k, n = x.shape
    # Start of each run of equal values, and its length: each member of a run gets its mean.
    new = np.ones((k, n), dtype=bool)
    new[:, 1:] = sorted_key[:, 1:] != sorted_key[:, :-1]
    run = np.cumsum(new, axis=1) - 1  # run index of each sorted position
    places = np.broadcast_to(np.arange(1, n + 1, dtype=np.float64), (k, n))
    rows = np.arange(k)[:, None]
    total = np.zeros((k, n))
    count = np.zeros((k, n))
    np.add.at(total, (rows, run), places)
    np.add.at(count, (rows, run), 1.0)
    mean = np.take_along_axis(total / np.maximum(count, 1.0), run, axis=1)
    out = np.empty((k, n))
    np.put_along_axis(out, order, mean, axis=1)
    return out


def _ties(ranks: FloatArray) -> FloatArray:
    """Per row, sum of t^3 - t over its groups of tied ranks."""
    s = np.sort(ranks, axis=1)
    k, n = s.shape
    new = np.ones((k, n), dtype=bool)
    new[:, 1:] = s[:, 1:] != s[:, :-1]
    run = np.cumsum(new, axis=1) - 1
    size = np.zeros((k, n))
    np.add.at(size, (np.arange(k)[:, None], run), 1.0)
    return np.asarray((size**3 - size).sum(axis=1))


def kendall_w(values: FloatArray, *, ties: bool = True) -> float:
    """Kendall's W of m judges (rows) ordering n items (columns) by ``values`` (largest first).

    1 when every judge gives the same order, 0 when the orders cancel out. With ``ties``
    (default) the denominator is corrected for tied ranks. Needs m >= 2 and n >= 2; NaN when
    every judge ties every item.

    Examples
    --------
    Three judges who agree exactly:

    >>> kendall_w(np.array([[3.0, 2.0, 1.0], [0.6, 0.3, 0.1], [9.0, 5.0, 1.0]]))
    1.0
    """
    x = np.atleast_2d(np.asarray(values, dtype=np.float64))
    m, n = x.shape
    if m < 2 or n < 2:  # noqa: PLR2004
        raise StatsError(f"Kendall's W needs at least 2 judges and 2 items, got {m} and {n}")
    r = mid_ranks(x)
    totals = r.sum(axis=0)
    s = float(((totals - totals.mean()) ** 2).sum())
    correction = float(_ties(r).sum()) if ties else 0.0
    denominator = m**2 * (n**3 - n) - m * correction
    return float("nan") if denominator <= 0 else 12.0 * s / denominator


def spearman(a: FloatArray, b: FloatArray) -> float:
    """Spearman's rho of two sets of values over the same items (mid-ranks for ties)."""
    ra, rb = mid_ranks(np.asarray(a)[None])[0], mid_ranks(np.asarray(b)[None])[0]
    da, db = ra - ra.mean(), rb - rb.mean()
    den = float(np.sqrt((da**2).sum() * (db**2).sum()))
    return float("nan") if den == 0 else float((da * db).sum()) / den


def kendall_tau(a: FloatArray, b: FloatArray) -> float:
    """Kendall's tau-b of two sets of values over the same items (ties in either allowed)."""
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if x.shape != y.shape or x.ndim != 1:
        raise StatsError("kendall_tau compares two 1-D arrays of the same length")
    i, j = np.triu_indices(x.size, k=1)
    sx, sy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
    concordance = float((sx * sy).sum())
    n_x, n_y = float(np.abs(sx).sum()), float(np.abs(sy).sum())
    den = np.sqrt(n_x * n_y)
    return float("nan") if den == 0 else concordance / float(den)


def _entropy(p: FloatArray) -> FloatArray:
    """Shannon entropy of each row (natural log; 0 log 0 = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return np.asarray(terms.sum(axis=-1))


def ahp_consensus(priorities: FloatArray, *, scale_max: float = 9.0) -> float:
    """Goepel's AHP consensus indicator S* of k members' priority vectors over n children.

    Goepel (2018, "Implementation of an online software tool for the Analytic Hierarchy
    Process (AHP-OS)", IJAHP 10(3):469-487, eqs. 11-21): with H_alpha the members' mean Shannon
    entropy, H_gamma the entropy of their mean priorities and D_beta = exp(H_gamma - H_alpha),
    ``S* = (1/D_beta - 1/cor) / (1 - 1/cor)``, where ``cor = n / exp(H_alpha_min)`` and
    H_alpha_min is the entropy of a vector that makes one child ``scale_max`` times as
    important as each of the others (9 on Saaty's scale). 1 when every member gives the same
    priorities; 0 when each of n members puts a different child 9 times above the rest.

    Examples
    --------
    >>> round(ahp_consensus(np.array([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1]])), 12)
    1.0
    """
    p = np.atleast_2d(np.asarray(priorities, dtype=np.float64))
    k, n = p.shape
    if k < 2 or n < 2:  # noqa: PLR2004
        raise StatsError(f"consensus needs at least 2 members and 2 children, got {k} and {n}")
    if (p < 0).any() or not np.allclose(p.sum(axis=1), 1.0, atol=1e-9):
        raise StatsError("consensus needs priority vectors: non-negative, each summing to 1")
    beta = float(_entropy(p.mean(axis=0)) - _entropy(p).mean())
    big, small = scale_max / (n + scale_max - 1), 1.0 / (n + scale_max - 1)
    h_min = -big * np.log(big) - (n - 1) * small * np.log(small)
    inverse_cor = float(np.exp(h_min)) / n
    return float((np.exp(-beta) - inverse_cor) / (1.0 - inverse_cor))


def consensus_band(value: float) -> str:
    """The word for a consensus indicator (Goepel 2018, Table 2); an edge goes to the lower band.

    Examples
    --------
    >>> consensus_band(0.5), consensus_band(0.7), consensus_band(0.9)
    ('very low', 'moderate', 'very high')
    """
    for edge, word in CONSENSUS_BANDS:
        if value <= edge:
            return word
    return "very high"
