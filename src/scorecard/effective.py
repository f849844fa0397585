"""Effective weights: global weights per provider, with excluded (missing) cells' weight shared out.

When a metric's missing policy is ``exclude``, a provider without that value is scored on the
rest: at every node, the weights of the children it has are renormalised to sum to 1. With no
exclusions every provider's effective weights equal the global weights.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scorecard.errors import MissingValueError
from scorecard.tree import ROOT, Scorecard
from scorecard.weights import Weights

__all__ = ["effective_many", "effective_weights", "relative_weights"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def relative_weights(card: Scorecard, weights: Weights) -> FloatArray:
    """Rows for `ROOT` then each domain: metric weights relative to that node, 0 elsewhere.

    Row 0 is the global weights; row k + 1 gives the weights within ``card.domain_ids[k]``
    (the product of local weights from that domain down to each metric below it). Assumes no
    provider has anything excluded; `effective_weights` handles exclusions.
    """
    return card.ancestry.relative(weights)


def effective_weights(
    card: Scorecard, weights: Weights, excluded: BoolArray, providers: tuple[str, ...]
) -> dict[str, FloatArray]:
    """For every domain (and `ROOT`): each provider's weights on the metrics below it.

    Returns a mapping from node id to an (N, L) array over ``card.leaves(node)``, each row summing
    to 1, or to 0 where the provider has no value under that node. Raises `MissingValueError` if
    a provider has no weighted value at all.
    """
    local = card.ancestry.vector(weights)[None]
    return {k: v[0] for k, v in effective_many(card, local, excluded, providers).items()}


def effective_many(
    card: Scorecard, local: FloatArray, excluded: BoolArray, providers: tuple[str, ...]
) -> dict[str, FloatArray]:
    """`effective_weights` for K local-weight vectors (K, nodes) at once: arrays (K, N, L).

    The recursion runs over the tree's nodes; every step is vectorised over weight vectors and
    providers.
    """
    column = {m: j for j, m in enumerate(card.metric_ids)}
    position = {n: i for i, n in enumerate(card.ancestry.nodes)}
    out: dict[str, FloatArray] = {}

    def below(node: str) -> tuple[FloatArray, FloatArray]:
        """(K, N, L) weights relative to ``node`` and the node's availability (K, N)."""
        if node not in card.groups:  # a metric
            present = (~excluded[:, column[node]]).astype(np.float64)[None]
            return present[:, :, None], present
        parts, masses = [], []
        for child in card.groups[node]:
            rel, mass = below(child)
            parts.append(rel)
            masses.append(local[:, position[child], None] * mass)
        total = np.sum(masses, axis=0)
        safe = np.where(total > 0, total, 1.0)
        rel = np.concatenate(
            [
                np.broadcast_to(p, (*m.shape, p.shape[2])) * (m / safe)[:, :, None]
                for p, m in zip(parts, masses, strict=True)
            ],
            axis=2,
        )
        out[node] = rel
        return rel, (total > 0).astype(np.float64)

    _, mass = below(ROOT)
    if mass.size and not mass.all():
        k, i = (int(x) for x in np.argwhere(mass == 0)[0])
        where = "" if local.shape[0] == 1 else f" under weight vector {k}"
        raise MissingValueError(
            f"provider {providers[i]!r} has no value for any metric that carries weight{where}, "
            "so it cannot be scored"
        )
    return out
