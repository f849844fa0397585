"""Metric: one measured aspect of a provider, with its units, direction and value function."""

from __future__ import annotations

import enum
import re
from typing import Final

import attrs

from scorecard.errors import TreeError
from scorecard.scales import Banded, Direction, Linear, Ordinal, Piecewise, Scale

__all__ = ["ID_PATTERN", "Direction", "Metric", "MissingPolicy", "OutOfRangePolicy", "check_id"]

ID_PATTERN: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
"""Node ids: a letter, then letters, digits, ``_`` or ``-`` (safe in files, URLs and columns)."""


class MissingPolicy(enum.StrEnum):
    """What a missing (empty, NaN) raw value means for a metric.

    ``error``: refuse to evaluate (the default). ``exclude``: leave the metric out for that
    provider and share its weight among the siblings that are present. ``worst``: score the
    cell as the worst level (value 0). Every evaluation reports which cells used the policy.
    """

    ERROR = "error"
    EXCLUDE = "exclude"
    WORST = "worst"


class OutOfRangePolicy(enum.StrEnum):
    """What a raw value beyond the scale's worst or best level means.

    ``clip``: score it as the nearest end (0 or 1) and record the cell (the default).
    ``error``: refuse to evaluate.
    """

    CLIP = "clip"
    ERROR = "error"


def check_id(kind: str, node_id: str) -> None:
    """Raise `TreeError` unless ``node_id`` is a valid id; ``kind`` names the node in errors."""
    if not isinstance(node_id, str) or not ID_PATTERN.fullmatch(node_id):
        raise TreeError(
            f"{kind} id {node_id!r} is not valid: use a letter followed by letters, digits, "
            "'_' or '-'"
        )


def _check_metric_id(_instance: object, _attribute: object, value: str) -> None:
    check_id("metric", value)


SCALE_TYPES: Final = (Linear, Piecewise, Banded, Ordinal)


@attrs.frozen
class Metric:
    """A measured aspect of a provider, in natural units, with a value function onto [0, 1].

    ``direction`` must agree with the scale (a linear scale from 20 to 60 is "higher is better");
    it is stated as well so that a reader of the scorecard file sees it without arithmetic.

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> m = Metric(id="opiate_abstinence", label="Opiate users abstinent at review", unit="%",
    ...            direction="higher", scale=Linear(worst=20, best=60))
    >>> m.direction
    <Direction.HIGHER: 'higher'>
    """

    id: str = attrs.field(validator=_check_metric_id)
    label: str
    scale: Scale = attrs.field(kw_only=True)
    direction: Direction = attrs.field(kw_only=True, converter=Direction)
    unit: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)
    source: str = attrs.field(default="", kw_only=True)
    missing: MissingPolicy = attrs.field(
        default=MissingPolicy.ERROR, kw_only=True, converter=MissingPolicy
    )
    out_of_range: OutOfRangePolicy = attrs.field(
        default=OutOfRangePolicy.CLIP, kw_only=True, converter=OutOfRangePolicy
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.scale, SCALE_TYPES):
            raise TreeError(
                f"metric {self.id!r}: scale must be one of "
                f"{', '.join(t.kind for t in SCALE_TYPES)}, got {type(self.scale).__name__}"
            )
        if self.scale.direction is not self.direction:
            raise TreeError(
                f"metric {self.id!r}: direction is {self.direction.value!r} but its "
                f"{self.scale.kind} scale runs from worst {self.scale.worst:g} to best "
                f"{self.scale.best:g}, which is {self.scale.direction.value!r} is better"
            )
