"""Command-line argument types, checked where they are parsed, and a parser that errs in one line.

Each type turns the text into a value or raises `argparse.ArgumentTypeError` saying what is
allowed, so a bad ``--seed -1`` stops before any file is read, with the option named.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Final, NoReturn

__all__ = [
    "MAX_SAMPLES",
    "MAX_SEED",
    "OneLineParser",
    "floor",
    "non_negative",
    "port",
    "positive_number",
    "rank",
    "samples",
    "seed",
    "share",
]

MAX_SAMPLES: Final = 100_000_000
"""The most SMAA weightings the command line draws (about 3 minutes on two cores at 150
providers); the Python API bounds memory for any count."""
MAX_SEED: Final = 2**63 - 1
"""Seeds are whole numbers from 0 to this."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _whole(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, got {text!r}") from None


def seed(text: str) -> int:
    """A seed: a whole number from 0 to `MAX_SEED`."""
    value = _whole(text, "a seed")
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"a seed must be from 0 to 2**63 - 1, got {value}")
    return value


def samples(text: str) -> int:
    """A number of SMAA weightings: 0 (none) to `MAX_SAMPLES`."""
    value = _whole(text, "the number of samples")
    if not 0 <= value <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(
            f"the number of samples must be from 0 (no SMAA) to {MAX_SAMPLES:,}, got {value:,}"
        )
    return value


def rank(text: str) -> int:
    """A rank to watch: 1 or more, or 0 for the whole ranking."""
    value = _whole(text, "the rank")
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"the rank must be 1 or more (0 watches the whole ranking), got {value}"
        )
    return value


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    value = _whole(text, "the port")
    if not 1 <= value <= 65_535:  # noqa: PLR2004
        raise argparse.ArgumentTypeError(f"the port must be from 1 to 65535, got {value}")
    return value


def _number(text: str, allowed: Callable[[float], bool], what: str) -> float:
    """``text`` as a finite number that ``allowed`` accepts, else an error saying ``what``."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (math.isfinite(value) and allowed(value)):
        raise argparse.ArgumentTypeError(f"expected a number {what}, got {text!r}")
    return value


def positive_number(text: str) -> float:
    """A finite number above 0."""
    return _number(text, lambda v: v > 0, "above 0")


def floor(text: str) -> float:
    """A number from 0 up to (not including) 1: a share of a scale."""
    return _number(text, lambda v: 0 <= v < 1, "from 0 up to 1 (not 1)")


def share(text: str) -> float:
    """A number from 0 to 1, both included (quality's share of a tender's total)."""
    return _number(text, lambda v: 0 <= v <= 1, "from 0 to 1")


def non_negative(text: str) -> float:
    """A finite number from 0."""
    return _number(text, lambda v: v >= 0, "from 0")
