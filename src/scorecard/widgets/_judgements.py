"""Weights for one group of the explorer from a ranking or from pairwise judgements."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorecard._weights import Weights
from scorecard.errors import InconsistentJudgementsWarning
from scorecard.weighting import AHP, RankOrderCentroid, resolve

if TYPE_CHECKING:
    from scorecard.tree import Scorecard


def _group(card: Scorecard, current: Weights, group: str, found: Weights) -> Weights:
    children = card.children(group)
    return current.merge(
        Weights({c: found[c] for c in children}, provenance={group: found.provenance[group]})
    )


def ranked(card: Scorecard, current: Weights, group: str, order: Sequence[str]) -> Weights:
    """``current`` with ``group``'s children weighted by rank-order centroid from ``order``."""
    return _group(card, current, group, resolve(card, {group: RankOrderCentroid(order)}))


def pairwise(
    card: Scorecard, current: Weights, group: str, matrix: Sequence[Sequence[float]]
) -> tuple[Weights, float]:
    """``current`` with ``group``'s children weighted by AHP, and the consistency ratio."""
    scheme = AHP(card.children(group), matrix)
    with warnings.catch_warnings():  # the ratio is returned and shown instead
        warnings.simplefilter("ignore", InconsistentJudgementsWarning)
        found = resolve(card, {group: scheme})
    return _group(card, current, group, found), float(scheme.consistency_ratio)
