"""Run lengths along the last axis, vectorised: the building block of the SPC rules.

`runs(keys)` gives, for every element of a 2-D array, the length of the run of equal keys it
belongs to (consecutive along a row), so "seven points in a row on one side of the mean" is
``(runs(side) >= 7) & (side != 0)`` over thousands of series at once, with no Python loop.
"""

from __future__ import annotations

import numpy as np

from scorecard._arrays import IntpArray

__all__ = ["runs"]


def runs(keys: np.ndarray) -> IntpArray:
    """(S, T) the length of the run of equal values each element belongs to, along rows.

    Examples
    --------
    >>> runs(np.array([[1, 1, 0, 1, 1, 1]])).tolist()
    [[2, 2, 1, 3, 3, 3]]
    """
    keys = np.atleast_2d(keys)
    s, t = keys.shape
    if t == 0:
        return np.zeros((s, 0), dtype=np.intp)
    starts = np.ones((s, t), dtype=np.bool_)
    starts[:, 1:] = keys[:, 1:] != keys[:, :-1]
    segment = np.cumsum(starts.ravel()) - 1  # one id per run, across rows (each row starts one)
    lengths = np.bincount(segment)
    return np.asarray(lengths[segment].reshape(s, t), dtype=np.intp)
