"""Sensitivity and robustness of evaluations to the weights."""

from scorecard.sensitivity import sampling
from scorecard.sensitivity._one_way import Sweep, one_way
from scorecard.sensitivity._preferences import Among, Around, Bounded, Fixed, RankOrder, Uniform
from scorecard.sensitivity._smaa import Acceptability, meta_weights, sample_weights, smaa
from scorecard.sensitivity._thresholds import NodeThresholds, Thresholds, thresholds
from scorecard.sensitivity._uncertainty import UncertaintyError

__all__ = [
    "Acceptability",
    "Among",
    "Around",
    "Bounded",
    "Fixed",
    "NodeThresholds",
    "RankOrder",
    "Sweep",
    "Thresholds",
    "UncertaintyError",
    "Uniform",
    "meta_weights",
    "one_way",
    "sample_weights",
    "sampling",
    "smaa",
    "thresholds",
]
