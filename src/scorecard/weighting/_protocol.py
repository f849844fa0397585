"""The WeightingScheme protocol: local weights for one group of siblings, with provenance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

import attr
import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import WeightError

if TYPE_CHECKING:
    from scorecard.tree import Node

__all__ = ["Group", "WeightingScheme", "check_keys", "describe_fields"]


@attrs.frozen(eq=False)
class Group:
    """The siblings a scheme weighs: their parent, ids and nodes, and (optionally) their values.

    ``values`` is providers by children in [0, 1]: a metric's values, or a domain's scores
    under the weights already set below it. It is None when no performance table was given.
    """

    parent: str
    ids: tuple[str, ...]
    nodes: tuple[Node, ...]
    providers: tuple[str, ...] = ()
    values: FloatArray | None = None


@runtime_checkable
class WeightingScheme(Protocol):
    """Anything that turns a group of siblings into local weights.

    ``weigh`` returns finite, non-negative weights summing to 1, one per ``group.ids`` entry;
    ``describe`` returns the JSON-able parameters recorded as the group's provenance;
    ``needs_values`` says whether the scheme reads ``group.values`` (objective schemes do).
    """

    name: ClassVar[str]
    needs_values: ClassVar[bool]

    def weigh(self, group: Group) -> FloatArray:
        """Local weights for the group's children, in ``group.ids`` order."""
        ...

    def describe(self, group: Group) -> dict[str, Any]:
        """Parameters to record as provenance for this group."""
        ...


def describe_fields(scheme: object) -> dict[str, Any]:
    """An attrs scheme's fields as JSON-able provenance parameters.

    Read-only mappings become dicts and tuples become lists, at any depth.
    """
    out: dict[str, Any] = attr.asdict(
        scheme,  # type: ignore[arg-type]
        retain_collection_types=False,
        value_serializer=_plain,
    )
    return out


def _plain(_instance: object, _field: object, value: object) -> object:
    """Read-only mappings (`types.MappingProxyType`) as dicts, so that `attr.asdict` recurses."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        return dict(value)
    return value


def check_keys(scheme: str, group: Group, given: Mapping[str, object] | tuple[str, ...]) -> None:
    """Raise `WeightError` unless ``given`` names exactly the group's children."""
    names = list(given)
    unknown = [k for k in names if k not in group.ids]
    absent = [k for k in group.ids if k not in names]
    if unknown or absent or len(set(names)) != len(names):
        parts = []
        if unknown:
            parts.append(f"unknown {', '.join(map(repr, unknown))}")
        if absent:
            parts.append(f"missing {', '.join(map(repr, absent))}")
        if len(set(names)) != len(names):
            parts.append("some named twice")
        raise WeightError(
            f"{scheme} for the children of {group.parent!r} must name each of "
            f"{', '.join(map(repr, group.ids))} once: {'; '.join(parts)}"
        )


def as_weights(raw: FloatArray) -> FloatArray:
    """Normalise non-negative finite scores to sum to 1 (the caller checks they are not all 0)."""
    return np.asarray(raw / raw.sum(), dtype=np.float64)
