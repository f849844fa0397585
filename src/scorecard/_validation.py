"""Eager checks of function arguments, each failing with an `InvalidArgumentError` naming it.

Model validation (trees, tables, weights) has its own errors; these are for the knobs of a
call: counts, seeds, sizes and choices.
"""

from __future__ import annotations

import operator
from collections.abc import Collection

from scorecard.errors import InvalidArgumentError

__all__ = ["check_choice", "check_count", "check_seed", "check_whole"]


def check_whole(value: object, name: str, *, message: str = "") -> int:
    """``value`` as a Python int: an int or numpy integer, never a bool or a float."""
    if not isinstance(value, bool):
        try:
            return operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
    raise InvalidArgumentError(
        message or f"{name} must be an integer (a whole number); got {value!r}"
    )


def check_count(value: object, name: str, *, minimum: int = 1, hint: str = "") -> int:
    """``value`` as a whole number of at least ``minimum``."""
    count = check_whole(value, name)
    if count < minimum:
        extra = f" ({hint})" if hint and count == 0 else ""
        raise InvalidArgumentError(f"{name} must be at least {minimum}; got {value!r}{extra}")
    return count


def check_seed(value: object, name: str = "seed") -> int:
    """A seed for `numpy.random.default_rng`: a whole number of at least 0."""
    message = f"{name} must be a non-negative whole number; got {value!r}"
    seed = check_whole(value, name, message=message)
    if seed < 0:
        raise InvalidArgumentError(message)
    return seed


def check_choice(value: object, name: str, choices: Collection[str]) -> str:
    """``value``, one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(map(repr, choices))
        raise InvalidArgumentError(f"{name} must be one of {options}; got {value!r}")
    return value
