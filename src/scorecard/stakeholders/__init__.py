"""Common purpose: several stakeholders' weights, where they agree, and what holds for all.

A `Lens` is a stakeholder group (commissioners, providers, clinicians, people using services,
carers) with its members; each `Member` answers the nodes they choose with any subjective
weighting scheme. `elicit` turns the answers into local weights per node; `combine` pools a
lens into one set of weights (AIJ or AIP for AHP answers, after Forman and Peniwati 1998; the
mean otherwise), each node's rule stated in its provenance.
"""

from scorecard.stakeholders._combine import (
    AIJ,
    AIP,
    EQUAL,
    MEAN,
    Combined,
    combine,
    geometric_mean_matrix,
)
from scorecard.stakeholders._lens import Elicited, Lens, Member, elicit

__all__ = [
    "AIJ",
    "AIP",
    "EQUAL",
    "MEAN",
    "Combined",
    "Elicited",
    "Lens",
    "Member",
    "combine",
    "elicit",
    "geometric_mean_matrix",
]
