"""Weighting schemes: pluggable ways to set the local weights of a group of siblings.

Subjective schemes take the commissioner's judgements (points, rankings, swings, pairwise
comparisons); objective schemes derive weights from how providers' values spread. Any scheme
can be used at any node of the value tree; see `resolve` for how a specification is applied.
"""

from scorecard.weighting._ahp import AHP
from scorecard.weighting._equal import Equal
from scorecard.weighting._objective import CRITIC, Entropy, StdDev
from scorecard.weighting._protocol import Group, WeightingScheme
from scorecard.weighting._resolve import WeightSpec, resolve
from scorecard.weighting._subjective import (
    Points,
    RankOrderCentroid,
    RankReciprocal,
    RankSum,
    Swing,
)

__all__ = [
    "AHP",
    "CRITIC",
    "SCHEMES",
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
