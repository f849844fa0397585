"""The array types of the package, defined once, and the read-only marking of results."""

from __future__ import annotations

from typing import Any, TypeAlias, TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = ["BoolArray", "FloatArray", "IntArray", "IntpArray", "read_only"]

FloatArray: TypeAlias = NDArray[np.float64]
BoolArray: TypeAlias = NDArray[np.bool_]
IntArray: TypeAlias = NDArray[np.int64]
IntpArray: TypeAlias = NDArray[np.intp]

A = TypeVar("A", bound=NDArray[Any])


def read_only(arr: A) -> A:
    """``arr``, marked read-only (results are shared; nobody may change them in place)."""
    arr.setflags(write=False)
    return arr
