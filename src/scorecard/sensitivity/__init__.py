"""Sensitivity and robustness of evaluations to the weights."""

from scorecard.sensitivity import sampling
from scorecard.sensitivity.one_way import Sweep, one_way
from scorecard.sensitivity.thresholds import NodeThresholds, Thresholds, thresholds

__all__ = ["NodeThresholds", "Sweep", "Thresholds", "one_way", "sampling", "thresholds"]
