"""Errors and warnings raised by scorecard; every message names what is wrong and what is valid."""

from __future__ import annotations

__all__ = [
    "InconsistentJudgementsWarning",
    "MissingValueError",
    "OutOfRangeError",
    "SchemaError",
    "ScorecardError",
    "ScorecardWarning",
    "TableError",
    "TreeError",
    "WeightError",
]


class ScorecardError(ValueError):
    """Base class of every error scorecard raises about its input."""


class TreeError(ScorecardError):
    """A scorecard's value tree is malformed: duplicate ids, empty domains, bad scales."""


class TableError(ScorecardError):
    """A performance table is malformed: duplicate providers, unknown metrics, bad cells."""


class MissingValueError(TableError):
    """A cell is missing and its metric's missing-value policy is ``error``."""


class OutOfRangeError(TableError):
    """A raw value lies outside its metric's scale and the policy is ``error``."""


class WeightError(ScorecardError):
    """Weights or a weighting scheme do not fit the value tree they are applied to."""


class SchemaError(ScorecardError):
    """A JSON document does not have the shape scorecard reads."""


class ScorecardWarning(UserWarning):
    """Base class of every warning scorecard issues."""


class InconsistentJudgementsWarning(ScorecardWarning):
    """Pairwise judgements (AHP) are inconsistent beyond the conventional 0.1 ratio."""
