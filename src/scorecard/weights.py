"""Weights: the local weight of every node in its parent, and how each group's weights were set.

Weights are local to a node, as in decision-conferencing value trees: the children of every
domain (and of the scorecard itself) sum to 1. A metric's global weight is the product of the
local weights on its path. Changing one weight with `rebalance` shares the change over its
siblings in proportion to their current weights (the decision-analysis convention).
"""

from __future__ import annotations

import math
import types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from scorecard.errors import WeightError

if TYPE_CHECKING:
    from scorecard.tree import Scorecard

__all__ = ["SUM_TOLERANCE", "Provenance", "Weights", "rebalance"]

SUM_TOLERANCE = 1e-6
"""How far siblings' weights may sum from 1 before they are refused (they are then renormalised)."""


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
            raise WeightError(f"no weight is set for {node_id!r}") from None

    def merge(self, other: Weights) -> Weights:
        """These weights with ``other``'s weights and provenance laid over them."""
        return Weights(
            {**self.local, **other.local}, provenance={**self.provenance, **other.provenance}
        )

    def group(self, ids: Iterable[str]) -> tuple[float, ...]:
        """The weights of ``ids``, in order."""
        return tuple(self[i] for i in ids)


def rebalance(weights: Weights, card: Scorecard, node_id: str, value: float) -> Weights:
    """Set ``node_id``'s local weight to ``value``; its siblings share ``1 - value`` in proportion.

    Siblings keep their ratios to one another. If every sibling has weight 0 they share the
    remainder equally (proportions are undefined then). The group's provenance becomes
    ``adjusted``, recording the node, the new value and the scheme it came from.

    Examples
    --------
    >>> from scorecard.catalog import balanced
    >>> card = balanced()
    >>> w = rebalance(card.resolve_weights(None), card, "outcomes", 0.5)
    >>> round(sum(w[c] for c in card.children(card.parent(("outcomes")))), 12)
    1.0
    """
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise WeightError(f"weight of {node_id!r} must lie in [0, 1], got {value!r}")
    parent = card.parent(node_id)
    siblings = [c for c in card.children(parent) if c != node_id]
    current = weights.group(siblings)
    total = math.fsum(current)
    rest = 1.0 - value
    if not siblings:
        if value != 1.0:
            raise WeightError(
                f"{node_id!r} has no siblings, so its weight must stay 1, got {value}"
            )
        return weights
    shares = [w / total for w in current] if total > 0 else [1 / len(siblings)] * len(siblings)
    new = dict(weights.local)
    new[node_id] = value
    for sibling, share in zip(siblings, shares, strict=True):
        new[sibling] = rest * share
    before = weights.provenance.get(parent)
    note = Provenance(
        "adjusted",
        {
            "node": node_id,
            "value": value,
            "from": before.scheme if before is not None else "unknown",
            "convention": "proportional",
        },
    )
    return Weights(new, provenance={**weights.provenance, parent: note})
