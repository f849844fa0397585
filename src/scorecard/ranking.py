"""Competition ranks (1 = best; ties share the lowest rank), batched over rows of scores."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TIE_DECIMALS", "ranks"]

TIE_DECIMALS = 12
"""Scores equal when rounded to this many decimals tie (floating-point noise is not a ranking)."""


def ranks(
    scores: NDArray[np.float64], *, demoted: NDArray[np.bool_] | None = None
) -> NDArray[np.int64]:
    """Competition ranks of each row of ``scores`` (higher is better): 1, 2, 2, 4, ...

    ``demoted`` providers (same shape, or broadcastable) rank after every provider that is not,
    ordered among themselves by score. Works on (N,) or (K, N) arrays without Python loops.

    Examples
    --------
    >>> import numpy as np
    >>> ranks(np.array([0.2, 0.9, 0.5, 0.9]))
    array([4, 1, 3, 1])
    >>> ranks(np.array([0.2, 0.9, 0.5]), demoted=np.array([False, True, False]))
    array([2, 3, 1])
    """
    s = np.asarray(scores, dtype=np.float64)
    key = -np.round(s, TIE_DECIMALS)
    if demoted is not None:
        key = key + 4.0 * np.broadcast_to(demoted, s.shape)
    flat = key.reshape(-1, s.shape[-1]) if s.ndim else key.reshape(1, 1)
    order = np.argsort(flat, axis=1, kind="stable")
    ordered = flat[np.arange(flat.shape[0])[:, None], order]
    n = flat.shape[1]
    starts = np.ones(ordered.shape, dtype=np.bool_)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    positions = np.where(starts, np.arange(n), 0)
    first = np.maximum.accumulate(positions, axis=1) + 1
    out = np.empty(flat.shape, dtype=np.int64)
    out[np.arange(flat.shape[0])[:, None], order] = first
    return out.reshape(s.shape)
