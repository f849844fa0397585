"""Weighting schemes: pluggable ways to set the local weights of a group of siblings.

Subjective schemes take the commissioner's judgements (points, rankings, swings, pairwise
comparisons); objective schemes derive weights from how providers' values spread. Any scheme
can be used at any node of the value tree; see `resolve` for how a specification is applied.
"""

from scorecard.weighting.ahp import AHP
from scorecard.weighting.equal import Equal
from scorecard.weighting.objective import CRITIC, Entropy, StdDev
from scorecard.weighting.protocol import Group, WeightingScheme
from scorecard.weighting.resolve import WeightSpec, resolve
from scorecard.weighting.subjective import (
    Points,
    RankOrderCentroid,
    RankReciprocal,
    RankSum,
    Swing,
)

__all__ = [
    "AHP",
    "CRITIC",
    "Entropy",
    "Equal",
    "Group",
    "Points",
    "RankOrderCentroid",
    "RankReciprocal",
    "RankSum",
    "StdDev",
    "Swing",
    "WeightSpec",
    "WeightingScheme",
    "resolve",
]

SCHEMES: tuple[type[WeightingScheme], ...] = (
    Equal,
    Points,
    RankOrderCentroid,
    RankSum,
    RankReciprocal,
    Swing,
    AHP,
    Entropy,
    CRITIC,
    StdDev,
)
"""Every scheme class scorecard ships, for registries (JSON, widgets) to enumerate."""
