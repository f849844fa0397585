"""Weights: the local weight of every node in its parent, and how each group's weights were set.

Weights are local to a node, as in decision-conferencing value trees: the children of every
domain (and of the scorecard itself) sum to 1. A metric's global weight is the product of the
local weights on its path. Changing one weight with `rebalance` shares the change over its
siblings in proportion to their current weights (the decision-analysis convention); the
arithmetic of weights on a tree lives in `scorecard._tree_weights`.
"""

from __future__ import annotations

import math
import types
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from scorecard.errors import UnknownWeightError, WeightError

__all__ = ["Provenance", "Weights"]


def _read_only(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class Provenance:
    """How one group's weights were set: a scheme's name and its parameters (JSON values)."""

    scheme: str
    parameters: Mapping[str, Any] = attrs.field(factory=dict, converter=_read_only)


def _weights(value: Mapping[str, float]) -> Mapping[str, float]:
    out: dict[str, float] = {}
    for node, w in value.items():
        try:
            x = float(w)
        except (TypeError, ValueError):
            raise WeightError(f"weight of {node!r} must be a number, got {w!r}") from None
        if not math.isfinite(x) or x < 0:
            raise WeightError(f"weight of {node!r} must be finite and non-negative, got {w!r}")
        out[str(node)] = x
    return types.MappingProxyType(out)


def _provenances(value: Mapping[str, Provenance]) -> Mapping[str, Provenance]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class Weights:
    """Local weights by node id, and the provenance of each group (keyed by the parent's id).

    The root group is keyed by `scorecard.tree.ROOT`. Weights are checked against a scorecard
    when they are used: every node needs a weight and each group must sum to 1.

    Examples
    --------
    >>> w = Weights({"outcomes": 0.6, "workforce": 0.4})
    >>> w["outcomes"]
    0.6
    """

    local: Mapping[str, float] = attrs.field(converter=_weights)
    provenance: Mapping[str, Provenance] = attrs.field(factory=dict, converter=_provenances)

    def __getitem__(self, node_id: str) -> float:
        """The local weight of ``node_id``."""
        try:
            return self.local[node_id]
        except KeyError:
            raise UnknownWeightError(f"no weight is set for {node_id!r}") from None

    def merge(self, other: Weights) -> Weights:
        """These weights with ``other``'s weights and provenance laid over them."""
        return Weights(
            {**self.local, **other.local}, provenance={**self.provenance, **other.provenance}
        )

    def group(self, ids: Iterable[str]) -> tuple[float, ...]:
        """The weights of ``ids``, in order."""
        return tuple(self[i] for i in ids)
