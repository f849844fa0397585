"""Sensitivity and robustness of evaluations to the weights."""

from scorecard.sensitivity import sampling
from scorecard.sensitivity.one_way import Sweep, one_way
from scorecard.sensitivity.preferences import Around, Bounded, Fixed, Ordinal, Uniform
from scorecard.sensitivity.smaa import Acceptability, meta_weights, sample_weights, smaa
from scorecard.sensitivity.thresholds import NodeThresholds, Thresholds, thresholds
from scorecard.sensitivity.uncertainty import UncertaintyError

__all__ = [
    "Acceptability",
    "Around",
    "Bounded",
    "Fixed",
    "NodeThresholds",
    "Ordinal",
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
