"""Ranks of many rows of scores at once: the same ranks as `scorecard.ranking.ranks`, faster.

SMAA ranks every provider under up to millions of weightings, so the ranking is the hot path.
`scorecard.ranking.ranks` argsorts each row of scores. Here each score in [0, 1] is turned into
an integer sort key whose high bits are the score's own bits (for non-negative floats the bit
pattern orders like the value), whose low bits carry the provider's index and whose top bit
carries the gate tier. One in-place integer sort per row (numpy's SIMD sort, several times
faster than argsort) then gives both the order and the providers.

Dropping the low bits of each score can only reorder scores closer than 2**-44 (for up to 256
providers) apart, and such scores are tied anyway (`TIE_TOLERANCE` is 1e-12). Any row in which
two neighbouring scores are within ``TIE_TOLERANCE`` plus that margin is re-ranked by
`scorecard.ranking.ranks` itself, so ties are found exactly as there. Rows are independent: a
row's ranks do not depend on which other rows are ranked with it.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scorecard.ranking import TIE_TOLERANCE, ranks

__all__ = ["rank_rows", "sorted_providers"]

_TIER = np.int64(1) << np.int64(62)
_MANTISSA_BITS = 52


def sorted_providers(
    scores: NDArray[np.float64], demoted: NDArray[np.bool_] | None = None
) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """Each row's providers from worst to best, and which rows have near ties.

    Returns ``order`` (C, N) of provider indices, ascending (the best provider last), and
    ``near`` (C,): rows whose ranks must come from `scorecard.ranking.ranks` instead (two
    scores within ``TIE_TOLERANCE`` plus the truncation margin). Outside ``near`` the rank of
    ``order[c, p]`` is ``N - p``. Scores must lie in [0, 1]; they are not modified.
    """
    c, n = scores.shape
    if c == 0 or n < 2 or not (scores.min() >= 0.0 and scores.max() <= 1.0):  # noqa: PLR2004
        return np.zeros((c, n), dtype=np.int64), np.ones(c, dtype=np.bool_)
    shift = max(8, (n - 1).bit_length())  # at least a byte, so it can be read as one
    low = np.int64((1 << shift) - 1)
    key = scores.view(np.int64) & ~low
    key |= np.arange(n, dtype=np.int64)
    if demoted is not None:
        key |= np.where(demoted, np.int64(0), _TIER)
    key.sort(axis=1)  # ascending: the best provider is last
    margin = TIE_TOLERANCE + 2.0 ** (shift + 1 - _MANTISSA_BITS)
    if demoted is None:
        value = key.view(np.float64)  # the low bits only add to the truncation margin
        close = (value[:, 1:] - value[:, :-1]) <= margin
    else:
        value = (key & ~(low | _TIER)).view(np.float64)
        close = (value[:, 1:] - value[:, :-1]) <= margin
        close &= (key[:, 1:] & _TIER) == (key[:, :-1] & _TIER)
    near = close.any(axis=1)
    if shift == 8 and sys.byteorder == "little":  # noqa: PLR2004
        return key.view(np.uint8)[:, ::8], near  # the lowest byte holds the index
    return key & low, near


def rank_rows(
    scores: NDArray[np.float64], demoted: NDArray[np.bool_] | None = None
) -> NDArray[np.int64]:
    """Competition ranks (C, N) of each row of ``scores`` (C, N); ``demoted`` is (N,) or None.

    Equal to ``ranks(scores, demoted=demoted)`` for every input; fast when scores lie in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> rank_rows(np.array([[0.2, 0.9, 0.5, 0.9], [0.1, 0.2, 0.3, 0.4]]))
    array([[4, 1, 3, 1],
           [4, 3, 2, 1]])
    """
    c, n = scores.shape
    order, near = sorted_providers(scores, demoted)
    out = np.empty((c, n), dtype=np.int64)
    np.put_along_axis(out, order.astype(np.intp), np.arange(n, 0, -1, dtype=np.int64)[None], 1)
    if near.any():
        out[near] = ranks(scores[near], demoted=demoted)
    return out
