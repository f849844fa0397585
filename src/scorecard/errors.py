"""Errors and warnings raised by scorecard; every message names what is wrong and what is valid.

Every error is a `ScorecardError`, which is a `ValueError`. Each is also the standard type it
is: a lookup of an unknown id is also a `KeyError` (``Weights["x"]``, ``card.node("x")``); a bad
argument (``samples=0``, ``seed=-1``) is an `InvalidArgumentError`, also a `TypeError`; a missing
optional dependency is also an `ImportError`.
"""

from __future__ import annotations

__all__ = [
    "DecisionError",
    "ExtraUnavailableError",
    "InconsistentJudgementsWarning",
    "InvalidArgumentError",
    "MissingValueError",
    "OutOfRangeError",
    "PriceError",
    "RecordError",
    "SPCWarning",
    "SchemaError",
    "ScorecardError",
    "ScorecardWarning",
    "StakeholderError",
    "StatsError",
    "TableError",
    "TenderError",
    "TreeError",
    "UncertaintyError",
    "UnknownNodeError",
    "UnknownProviderError",
    "UnknownWeightError",
    "WeightError",
    "WidgetsUnavailableError",
]


class ScorecardError(ValueError):
    """Base class of every error scorecard raises about its input."""


class InvalidArgumentError(ScorecardError, TypeError):
    """An argument of a function is not one it accepts: ``samples=0``, ``grid=1``, ``seed=-1``.

    Also a `ValueError` and a `TypeError`, so code that catches either sees it.
    """


class _LookupError(KeyError):
    """A `KeyError` whose text is its message (KeyError alone would show the message quoted)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class TreeError(ScorecardError):
    """A scorecard's value tree is malformed: duplicate ids, empty domains, bad scales."""


class UnknownNodeError(TreeError, _LookupError):
    """No domain or metric has this id in the scorecard."""


class TableError(ScorecardError):
    """A performance table is malformed: duplicate providers, unknown metrics, bad cells."""


class UnknownProviderError(TableError, _LookupError):
    """No provider has this name in the table or evaluation."""


class MissingValueError(TableError):
    """A cell is missing and its metric's missing-value policy is ``error``."""


class OutOfRangeError(TableError):
    """A raw value lies outside its metric's scale and the policy is ``error``."""


class WeightError(ScorecardError):
    """Weights or a weighting scheme do not fit the value tree they are applied to."""


class UnknownWeightError(WeightError, _LookupError):
    """No weight is set for this node id."""


class SchemaError(ScorecardError):
    """A JSON document does not have the shape scorecard reads."""


class StatsError(ScorecardError):
    """Counts or denominators that cannot give an interval."""


class UncertaintyError(ScorecardError):
    """A cell's uncertainty cannot be drawn: no standard error or denominator, or a bad one."""


class RecordError(ScorecardError):
    """Client or provider records that are missing columns or hold bad values."""


class DecisionError(ScorecardError):
    """A decision record that does not replay: other data, or other results."""


class TenderError(ScorecardError):
    """A tender, or a keep-or-retender assessment, that cannot be evaluated as given."""


class PriceError(TenderError):
    """A price a rule cannot score (zero, negative, not a number), naming the bid."""


class StakeholderError(ScorecardError):
    """A stakeholder lens, member or answer that cannot be used (named with its group and node)."""


class ExtraUnavailableError(ScorecardError, ImportError):
    """An optional dependency (an extra, such as ``excel``) is not installed; says which."""


class WidgetsUnavailableError(ExtraUnavailableError):
    """The ``widgets`` extra (ipywidgets, altair, anywidget, vl-convert) is missing."""


class ScorecardWarning(UserWarning):
    """Base class of every warning scorecard issues."""


class SPCWarning(ScorecardWarning):
    """A control chart drawn from fewer points than its rules need to be trusted."""


class InconsistentJudgementsWarning(ScorecardWarning):
    """Pairwise judgements (AHP) are inconsistent beyond the conventional 0.1 ratio."""
