"""Ranks of many rows of scores at once: the same ranks as `scorecard._ranking.ranks`, faster.

SMAA ranks every provider under up to millions of weightings, so the ranking is the hot path.
`scorecard._ranking.ranks` argsorts each row of scores. Here each score in [0, 1] becomes an
integer sort key: the score's leading bits above, the provider's index in the lowest byte (and,
with gates, the tier in the top bit). One in-place integer sort per row (numpy's SIMD sort,
several times faster than argsort) then gives the order and the providers at once, read
straight from the keys' lowest bytes.

* Up to 256 providers and no gates, keys are 32-bit: the score in fixed point with 23 fractional
  bits (a unit of about 1.2e-7), then the index byte.
* Otherwise keys are 64-bit: the float's own bit pattern (which orders like the value for
  non-negative floats) with its lowest bits replaced by the index, and the tier on top.

Truncating a score can only reorder scores that are closer than one unit (a few units with the
tolerance). Rows in which two neighbouring 32-bit keys are that close (about 3% with 150
providers spread over [0, 1]) are sorted again with 64-bit keys, and rows still that close are
re-ranked by `scorecard._ranking.ranks` itself: ties are found exactly as there. Rows are
independent: a row's ranks do not depend on which other rows are ranked with it.
"""

from __future__ import annotations

import sys
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from scorecard._ranking import TIE_TOLERANCE, ranks

__all__ = ["rank_rows", "ranks_from", "sorted_providers"]

_TIER = np.int64(1) << np.int64(62)
_MANTISSA_BITS: Final = 52
_BYTE: Final = 8
_SMALL: Final = 256
"""Up to this many providers, keys are 32-bit with the index in the lowest byte."""
_LITTLE: Final = sys.byteorder == "little"
_ONE_F32: Final = np.float32(1.0).view(np.uint32)
_NEAR_32: Final = 4 * 256
"""Neighbouring 32-bit keys at least this far apart hold scores 4+ units (of 2**-23) apart,
which rounding cannot reorder and which are far beyond the tie tolerance; closer: re-rank."""


def _index_bytes(key: NDArray[Any], width: int) -> NDArray[Any]:
    """The lowest byte of each key: the provider's index (a view where the byte order allows)."""
    if _LITTLE:
        return key.view(np.uint8)[:, ::width]
    return np.asarray(key & 0xFF, dtype=np.uint8)


def _keys32(scores: NDArray[np.float64]) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """Sorted 32-bit keys for up to 256 providers without gates: (order, near).

    ``float32(score) + 1`` lies in [1, 2], where a float32's bits are a fixed-point number with
    23 fractional bits; both roundings are monotone, so the keys order like the scores.
    """
    n = scores.shape[1]
    shifted = np.add(scores, 1.0, dtype=np.float32)  # rounds the score, then the sum
    key = shifted.view(np.uint32)
    key -= _ONE_F32  # 0 .. 2**23 in units of 2**-23
    key <<= np.uint32(_BYTE)
    key |= np.arange(n, dtype=np.uint32)
    key.sort(axis=1)  # ascending: the best provider is last
    near = np.asarray(np.diff(key, axis=1).min(axis=1) < _NEAR_32)
    return _index_bytes(key, 4), near


def _keys64(
    scores: NDArray[np.float64], demoted: NDArray[np.bool_] | None
) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """Sorted 64-bit keys for any number of providers: (order, near)."""
    n = scores.shape[1]
    shift = max(_BYTE, (n - 1).bit_length())
    low = np.int64((1 << shift) - 1)
    key = scores.view(np.int64) & ~low
    key |= np.arange(n, dtype=np.int64)
    if demoted is not None:
        key |= np.where(demoted, np.int64(0), _TIER)
    key.sort(axis=1)
    margin = TIE_TOLERANCE + 2.0 ** (shift + 1 - _MANTISSA_BITS)
    value = (key & ~(low | _TIER)).view(np.float64)
    close = (value[:, 1:] - value[:, :-1]) <= margin
    if demoted is not None:
        close &= (key[:, 1:] & _TIER) == (key[:, :-1] & _TIER)
    return key & low, np.asarray(close.any(axis=1))


def sorted_providers(
    scores: NDArray[np.float64], demoted: NDArray[np.bool_] | None = None
) -> tuple[NDArray[Any], NDArray[np.bool_]]:
    """Each row's providers from worst to best, and which rows have near ties.

    Returns ``order`` (C, N) of provider indices, ascending (the best provider last), and
    ``near`` (C,): rows whose ranks must come from `scorecard._ranking.ranks` instead. Outside
    ``near`` the rank of ``order[c, p]`` is ``N - p``. Scores outside [0, 1] (or NaN) make
    every row ``near``. ``scores`` is not modified.
    """
    c, n = scores.shape
    if c == 0 or n < 2 or not (scores.min() >= 0.0 and scores.max() <= 1.0):  # noqa: PLR2004
        return np.zeros((c, n), dtype=np.int64), np.ones(c, dtype=np.bool_)
    if n > _SMALL or demoted is not None:
        return _keys64(scores, demoted)
    order, near = _keys32(scores)
    if near.any():  # about 3% of rows for 150 providers: try again with finer keys
        rows = np.flatnonzero(near)
        finer, still = _keys64(scores[rows], None)
        order[rows] = finer
        near[rows] = still
    return order, near


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
    order, near = sorted_providers(scores, demoted)
    return ranks_from(order, near, ranks(scores[near], demoted=demoted))


def ranks_from(
    order: NDArray[Any], near: NDArray[np.bool_], exact: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Ranks (C, N) from `sorted_providers`'s output and the exact ranks of the ``near`` rows."""
    c, n = order.shape
    out = np.empty((c, n), dtype=np.int64)
    np.put_along_axis(out, order.astype(np.intp), np.arange(n, 0, -1, dtype=np.int64)[None], 1)
    out[near] = exact
    return out
