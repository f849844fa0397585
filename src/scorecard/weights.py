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

__all__ = ["RENORMALISE_BEYOND", "SUM_TOLERANCE", "Provenance", "Weights", "focus", "rebalance"]

SUM_TOLERANCE = 1e-6
"""How far siblings' weights may sum from 1 before they are refused (they are then renormalised)."""
RENORMALISE_BEYOND = 1e-12
"""Groups summing this close to 1 are floating-point rounding and are not renormalised."""


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


def focus(card: Scorecard, metrics: Iterable[str]) -> Weights:
    """Weights that put everything on ``metrics``, equally, and nothing elsewhere.

    Each node's local weight is its share of the chosen metrics below its parent; a group
    with none of them keeps equal weights (it carries no global weight anyway). This is how a
    "completions only" view is expressed on a balanced scorecard.

    Examples
    --------
    >>> from scorecard.catalog import balanced
    >>> card = balanced()
    >>> w = focus(card, ["sc_opiate_no_rep", "sc_nonopiate_no_rep"])
    >>> round(float(card.global_weights(w)[card.metric_ids.index("sc_opiate_no_rep")]), 12)
    0.5
    """
    chosen = set(metrics)
    unknown = sorted(chosen - set(card.metric_ids))
    if unknown:
        raise WeightError(f"not metrics of the scorecard: {', '.join(map(repr, unknown))}")
    if not chosen:
        raise WeightError("focus needs at least one metric")
    local: dict[str, float] = {}
    for children in card.groups.values():
        counts = [sum(m in chosen for m in card.leaves(c)) for c in children]
        total = sum(counts)
        for child, count in zip(children, counts, strict=True):
            local[child] = count / total if total else 1 / len(children)
    note = Provenance("focus", {"metrics": sorted(chosen)})
    return Weights(local, provenance=dict.fromkeys(card.groups, note))


def rebalance(
    weights: Weights,
    card: Scorecard,
    node_id: str,
    value: float,
    *,
    locked: Iterable[str] = (),
) -> Weights:
    """Set ``node_id``'s local weight to ``value``; its siblings share ``1 - value`` in proportion.

    Siblings keep their ratios to one another. If every sibling has weight 0 they share the
    remainder equally (proportions are undefined then). Siblings in ``locked`` keep their
    weights and the others share what is left; ``value`` may not exceed what the locked
    siblings leave (a `WeightError` says how much that is). The group's provenance becomes
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
    held = set(locked)
    fixed = [c for c in card.children(parent) if c != node_id and c in held]
    siblings = [c for c in card.children(parent) if c != node_id and c not in held]
    rest = 1.0 - value - math.fsum(weights.group(fixed))
    if not siblings:
        if abs(rest) > RENORMALISE_BEYOND and not fixed:
            raise WeightError(
                f"{node_id!r} has no siblings, so its weight must stay 1, got {value}"
            )
        if abs(rest) > RENORMALISE_BEYOND:
            free = 1.0 - math.fsum(weights.group(fixed))
            raise WeightError(
                f"{node_id!r} must keep weight {free:.6g} while all its siblings are locked, "
                f"got {value}"
            )
        return weights
    if rest < -RENORMALISE_BEYOND:
        free = 1.0 - math.fsum(weights.group(fixed))
        raise WeightError(
            f"weight of {node_id!r} can be at most {free:.6g} while "
            f"{', '.join(map(repr, fixed))} {'stays' if len(fixed) == 1 else 'stay'} locked, "
            f"got {value}"
        )
    rest = max(rest, 0.0)
    current = weights.group(siblings)
    total = math.fsum(current)
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
