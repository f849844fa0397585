"""Weighting schemes: pluggable ways to set the local weights of a group of siblings."""

from scorecard.weighting.equal import Equal
from scorecard.weighting.protocol import Group, WeightingScheme
from scorecard.weighting.resolve import WeightSpec, resolve

__all__ = ["Equal", "Group", "WeightSpec", "WeightingScheme", "resolve"]
