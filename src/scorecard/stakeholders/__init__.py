"""Common purpose: several stakeholders' weights, where they agree, and what holds for all.

A `Lens` is a stakeholder group (commissioners, providers, clinicians, people using services,
carers) with its members; each `Member` answers the nodes they choose with any subjective
weighting scheme. `elicit` turns the answers into local weights per node; `combine` pools a
lens into one set of weights (AIJ or AIP for AHP answers, after Forman and Peniwati 1998; the
mean otherwise), each node's rule stated in its provenance. `node_agreement` measures how far
members agree at each node (Kendall's W, the spread of their weights, Goepel's AHP consensus
indicator), `rank_agreement` how far lenses agree on the providers (Kendall's tau-b,
Spearman's rho). `common_ground` tests whether the lenses' weight regions overlap and finds
the compromise nearest all of them; `robust_winners` runs SMAA over each lens's region and
their union to find the providers that win whichever lens you take. `read_answers` reads
members' answers from a CSV (a row per member, node and child) or a JSON file, reporting every
unusable answer at once; `answer_form` writes a self-contained HTML form that saves such a
CSV with no server.
"""

from scorecard.stakeholders._agreement import (
    NodeAgreement,
    RankAgreement,
    node_agreement,
    rank_agreement,
)
from scorecard.stakeholders._combine import (
    AIJ,
    AIP,
    EQUAL,
    MEAN,
    Combined,
    combine,
    geometric_mean_matrix,
)
from scorecard.stakeholders._common import (
    COMPROMISE,
    CommonGround,
    NodeGround,
    RobustWinners,
    common_ground,
    robust_winners,
)
from scorecard.stakeholders._concordance import (
    CONSENSUS_BANDS,
    ahp_consensus,
    consensus_band,
    kendall_tau,
    kendall_w,
    spearman,
)
from scorecard.stakeholders._example import EXAMPLE_GROUPS, example_lenses
from scorecard.stakeholders._files import answers_json, read_answers, write_answers
from scorecard.stakeholders._form import answer_form
from scorecard.stakeholders._lens import CONSISTENT, Elicited, Lens, Member, elicit

__all__ = [
    "AIJ",
    "AIP",
    "COMPROMISE",
    "CONSENSUS_BANDS",
    "CONSISTENT",
    "EQUAL",
    "EXAMPLE_GROUPS",
    "MEAN",
    "Combined",
    "CommonGround",
    "Elicited",
    "Lens",
    "Member",
    "NodeAgreement",
    "NodeGround",
    "RankAgreement",
    "RobustWinners",
    "ahp_consensus",
    "answer_form",
    "answers_json",
    "combine",
    "common_ground",
    "consensus_band",
    "elicit",
    "example_lenses",
    "geometric_mean_matrix",
    "kendall_tau",
    "kendall_w",
    "node_agreement",
    "rank_agreement",
    "read_answers",
    "robust_winners",
    "spearman",
    "write_answers",
]
