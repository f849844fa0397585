"""Combining a lens's members into one set of weights, each node's rule stated in its provenance.

Forman and Peniwati (1998, "Aggregating individual judgments and priorities with the Analytic
Hierarchy Process", EJOR 108:165-169):

- a group that acts **as one** pools its members' AHP judgements: the element-wise (weighted)
  geometric mean of their pairwise comparison matrices, which keeps reciprocity (AIJ); the
  group's priorities are that matrix's principal eigenvector;
- members who act **separately** are pooled by their priorities: the (weighted) geometric mean
  of each child's local weight, normalised to sum to 1 (AIP).

Where members answered a node with other schemes (points, rankings, swing), the node's local
weights are the (weighted) arithmetic mean of the members' local weights, which sums to 1. A
node nobody answered gets equal weights. Each node's provenance names its rule, the members
who answered and those who did not.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Final, Literal

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard._weights import Provenance, Weights
from scorecard.errors import InconsistentJudgementsWarning, StakeholderError
from scorecard.stakeholders._lens import Elicited
from scorecard.weighting import AHP

__all__ = ["AIJ", "AIP", "EQUAL", "MEAN", "Combined", "combine", "geometric_mean_matrix"]

AIJ: Final = "AIJ: weighted geometric mean of the members' AHP judgements (acting as one)"
"""The rule recorded where a node's AHP judgements were pooled before deriving weights (AIJ)."""
AIP: Final = "AIP: normalised weighted geometric mean of the members' priorities (separately)"
"""The rule recorded where each member's AHP priorities were derived, then pooled (AIP)."""
MEAN: Final = "weighted arithmetic mean of the members' local weights"
"""The rule recorded where a node's local weights were averaged (not every answer was AHP)."""
EQUAL: Final = "no member answered: equal weights"
"""The rule recorded where no member answered at a node, so its children weigh equally."""

Acting = Literal["separately", "as one"]


@attrs.frozen(eq=False)
class Combined:
    """A lens's combined weights, and per node the rule used and who answered."""

    lens: str
    weights: Weights
    rules: Mapping[str, str]
    answered: Mapping[str, tuple[str, ...]]
    missing: tuple[tuple[str, str], ...]
    """(member, node) for every answer not given."""
    consistency: Mapping[str, float]
    """The consistency ratio of the pooled matrix at each node combined by AIJ."""


def geometric_mean_matrix(matrices: FloatArray, weights: FloatArray) -> FloatArray:
    """The element-wise weighted geometric mean of (K, n, n) positive matrices.

    Reciprocal inputs give a reciprocal result: log a_ji = -log a_ij for every member, so the
    weighted mean of the logs is antisymmetric too.
    """
    share = np.asarray(weights, dtype=np.float64) / np.sum(weights)
    logs = np.log(np.asarray(matrices, dtype=np.float64))
    return np.asarray(np.exp(np.tensordot(share, logs, axes=1)))


def _geometric(rows: FloatArray, share: FloatArray, node: str, lens: str) -> FloatArray:
    with np.errstate(divide="ignore"):
        logs = np.log(rows)
    pooled = np.exp(share @ logs)  # a zero from any member keeps the child at zero
    total = pooled.sum()
    if not total > 0:
        raise StakeholderError(
            f"lens {lens!r}, node {node!r}: every child has a zero weight from some member, so "
            "the geometric mean of the priorities is zero throughout; combine with the "
            "arithmetic mean instead"
        )
    return np.asarray(pooled / total)


def combine(elicited: Elicited, *, acting: Acting = "separately") -> Combined:
    """The lens's weights: AIJ or AIP where every answer at a node is AHP, else the mean.

    ``acting="as one"`` pools AHP judgements (AIJ); ``"separately"`` (default) pools the
    priorities (AIP). Members' ``weight`` counts among those who answered the node.

    Examples
    --------
    >>> import scorecard as sc
    >>> from scorecard.stakeholders import Lens, Member, elicit
    >>> card = sc.catalog.balanced()
    >>> one = Member("Ana", {"root": sc.weighting.RankOrderCentroid(list(card.children("root")))})
    >>> found = combine(elicit(card, Lens("people using services", [one])))
    >>> round(found.weights["outcomes"], 4), found.rules["root"] == MEAN
    (0.4083, True)
    """
    if acting not in {"separately", "as one"}:
        raise StakeholderError(f"acting must be 'separately' or 'as one', got {acting!r}")
    lens = elicited.lens
    names = elicited.members
    voice = np.array([m.weight for m in lens.members])
    local: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}
    rules: dict[str, str] = {}
    answered: dict[str, tuple[str, ...]] = {}
    consistency: dict[str, float] = {}
    for node, ids in elicited.children.items():
        ok = elicited.answered(node)
        who = tuple(n for n, a in zip(names, ok.tolist(), strict=True) if a)
        answered[node] = who
        rows = elicited.local[node][ok]
        matrices = [m for m, a in zip(elicited.judgements[node], ok.tolist(), strict=True) if a]
        share = voice[ok] / voice[ok].sum() if ok.any() else voice[ok]
        if not ok.any():
            w, rule = np.full(len(ids), 1.0 / len(ids)), EQUAL
        elif all(m is not None for m in matrices) and acting == "as one":
            pooled = geometric_mean_matrix(np.stack(matrices), share)  # type: ignore[arg-type]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InconsistentJudgementsWarning)
                ahp = AHP(ids, pooled)
            w = np.array([ahp.priorities[c] for c in ids])
            rule = AIJ
            consistency[node] = float(ahp.consistency_ratio)
        elif all(m is not None for m in matrices):
            w, rule = _geometric(rows, share, node, lens.name), AIP
        else:
            w, rule = share @ rows, MEAN
        local.update(zip(ids, (float(x) for x in w), strict=True))
        rules[node] = rule
        missing = [n for n in names if n not in who]
        provenance[node] = Provenance(
            "lens",
            {"lens": lens.name, "rule": rule, "members": list(who), "missing": missing},
        )
    weights = elicited.card.check_weights(Weights(local, provenance=provenance))
    return Combined(lens.name, weights, rules, answered, elicited.missing, consistency)
