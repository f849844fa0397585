"""Competition ranks (1 = best; ties share the lowest rank), batched over rows of scores."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from scorecard._tolerances import TIE_TOLERANCE

__all__ = ["TIE_TOLERANCE", "ranks"]


def ranks(
    scores: NDArray[np.float64], *, demoted: NDArray[np.bool_] | None = None
) -> NDArray[np.int64]:
    """Competition ranks of each row of ``scores`` (higher is better): 1, 2, 2, 4, ...

    Sorted from best to worst, a score within `TIE_TOLERANCE` of the one before it shares that
    one's rank. ``demoted`` providers (same shape, or broadcastable) rank after every provider
    that is not, ordered among themselves by score. Works on (N,) or (K, N) arrays without
    Python loops.

    Examples
    --------
    >>> import numpy as np
    >>> ranks(np.array([0.2, 0.9, 0.5, 0.9]))
    array([4, 1, 3, 1])
    >>> ranks(np.array([0.2, 0.9, 0.5]), demoted=np.array([False, True, False]))
    array([2, 3, 1])
    """
    s = np.asarray(scores, dtype=np.float64)
    if demoted is None and s.ndim == 1 and s.size:
        quick = _exact_ties(s)
        if quick is not None:
            return quick
    flat = s.reshape(-1, s.shape[-1]) if s.ndim else s.reshape(1, 1)
    k, n = flat.shape
    rows = np.arange(k)[:, None]
    if demoted is None:
        order = np.argsort(-flat, axis=1, kind="stable")
        starts = _gaps(flat[rows, order])
    else:
        tier = np.broadcast_to(demoted, s.shape).reshape(flat.shape)
        # Sort by tier, then by score: lexsort takes its primary key last.
        order = np.lexsort((-flat, tier), axis=1)
        starts = _gaps(flat[rows, order])
        sorted_tier = tier[rows, order]
        starts[:, 1:] |= sorted_tier[:, 1:] != sorted_tier[:, :-1]
    positions = np.where(starts, np.arange(n), 0)
    first = np.maximum.accumulate(positions, axis=1) + 1
    out = np.empty(flat.shape, dtype=np.int64)
    out[rows, order] = first
    return out.reshape(s.shape)


def _gaps(ordered: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Where a new tie group starts in scores sorted best first."""
    starts = np.ones(ordered.shape, dtype=np.bool_)
    before, after = ordered[:, :-1], ordered[:, 1:]
    # NaN (an unscored provider) sorts last: the first NaN starts a group, the rest tie with it.
    starts[:, 1:] = ((before - after) > TIE_TOLERANCE) | (np.isnan(after) & ~np.isnan(before))
    return starts


def _exact_ties(s: NDArray[np.float64]) -> NDArray[np.int64] | None:
    """Ranks of one row from one sort, when every tie is exact (or there is none); else None.

    Then the competition rank is 1 + the number of strictly better scores, found by searching
    the sorted scores. A near tie (a positive gap within `TIE_TOLERANCE`) or a NaN leaves it to
    the gaps, as in `ranks`. (ndarray methods: the numpy functions' dispatch costs more than
    the work at a few hundred providers.)
    """
    ordered = s.copy()
    ordered.sort()
    if s.size > 1:
        gaps = ordered[1:] - ordered[:-1]
        least = gaps.min()
        if not least > TIE_TOLERANCE and (math.isnan(least) or gaps[gaps <= TIE_TOLERANCE].any()):
            return None  # a NaN (it sorts last, so a gap is NaN) or a near tie
    # 1 + the number of better scores = n + 1 - the number of scores at most as good.
    out: NDArray[np.int64] = (s.size + 1) - ordered.searchsorted(s, side="right")
    return out
