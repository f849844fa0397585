"""Where people agree: per node within a lens, and between lenses' rankings of the providers.

Within a lens, at each node the members answered: Kendall's W over the orders their local
weights give the children (1: the same order; 0: no common order), and each child's spread
(the standard deviation and the range of the members' local weights). Between lenses: the
rank correlation (Kendall's tau-b and Spearman's rho) of the providers' scores under each
lens's combined weights, for every pair of lenses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import StakeholderError
from scorecard.stakeholders._concordance import (
    ahp_consensus,
    consensus_band,
    kendall_tau,
    kendall_w,
    spearman,
)

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation
    from scorecard.stakeholders._lens import Elicited

__all__ = ["NodeAgreement", "RankAgreement", "node_agreement", "rank_agreement"]


@attrs.frozen(eq=False)
class NodeAgreement:
    """How far a lens's members agree at one node.

    ``w`` is Kendall's W (NaN with fewer than 2 answers); ``spread`` and ``span`` are each
    child's standard deviation and range of local weights over the members who answered.
    ``consensus`` is Goepel's AHP consensus indicator where every answer is AHP (else NaN),
    ``band`` its word (Goepel 2018, Table 2).
    """

    node: str
    children: tuple[str, ...]
    answered: int
    w: float
    mean: FloatArray
    spread: FloatArray
    span: FloatArray
    consensus: float = float("nan")
    band: str = ""

    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """The agreement at this node in words."""
        if self.answered < 2:  # noqa: PLR2004
            return f"{self.node}: {self.answered} answer(s), no agreement to measure"
        k = int(np.argmax(self.span))
        widest = (labels or {}).get(self.children[k], self.children[k])
        level = "strong" if self.w >= 0.7 else "moderate" if self.w >= 0.4 else "weak"  # noqa: PLR2004
        ahp = (
            f"; AHP consensus {100 * self.consensus:.0f}% ({self.band})"
            if np.isfinite(self.consensus)
            else ""
        )
        return (
            f"{self.node}: {level} agreement on the order (Kendall's W {self.w:.2f}, "
            f"{self.answered} members){ahp}; widest disagreement on {widest} "
            f"({self.span[k]:.2f} between the lowest and highest weight)"
        )


def node_agreement(elicited: Elicited) -> dict[str, NodeAgreement]:
    """Kendall's W and the spread of the members' local weights at every node."""
    out: dict[str, NodeAgreement] = {}
    for node, ids in elicited.children.items():
        rows = elicited.local[node][elicited.answered(node)]
        m = rows.shape[0]
        if m == 0:
            nan = np.full(len(ids), np.nan)
            out[node] = NodeAgreement(node, ids, 0, float("nan"), nan, nan, nan)
            continue
        several = m >= 2 and len(ids) >= 2  # noqa: PLR2004
        w = kendall_w(rows) if several else float("nan")
        answers = elicited.judgements[node]
        ahp = all(j is not None for j, a in zip(answers, elicited.answered(node), strict=True) if a)
        consensus = ahp_consensus(rows) if several and ahp else float("nan")
        out[node] = NodeAgreement(
            node,
            ids,
            m,
            w,
            rows.mean(axis=0),
            rows.std(axis=0, ddof=1) if m >= 2 else np.zeros(len(ids)),  # noqa: PLR2004
            rows.max(axis=0) - rows.min(axis=0),
            consensus,
            consensus_band(consensus) if np.isfinite(consensus) else "",
        )
    return out


@attrs.frozen(eq=False)
class RankAgreement:
    """Pairwise rank correlations of the lenses' provider scores (lenses x lenses)."""

    lenses: tuple[str, ...]
    tau: FloatArray
    rho: FloatArray

    def describe(self) -> tuple[str, ...]:
        """Each pair of lenses, least agreement first."""
        pairs = [
            (float(self.tau[i, j]), self.lenses[i], self.lenses[j])
            for i in range(len(self.lenses))
            for j in range(i + 1, len(self.lenses))
        ]
        return tuple(
            f"{a} and {b}: Kendall's tau {t:.2f}, Spearman's rho "
            f"{float(self.rho[self.lenses.index(a), self.lenses.index(b)]):.2f}"
            for t, a, b in sorted(pairs)
        )


def rank_agreement(
    evaluations: Mapping[str, Evaluation] | Sequence[tuple[str, Evaluation]],
) -> RankAgreement:
    """Kendall's tau-b and Spearman's rho between every pair of lenses' provider scores."""
    items = list(evaluations.items()) if isinstance(evaluations, Mapping) else list(evaluations)
    names = tuple(n for n, _ in items)
    if len(items) < 2:  # noqa: PLR2004
        raise StakeholderError("rank agreement compares at least two lenses")
    first = items[0][1].providers
    for name, ev in items[1:]:
        if ev.providers != first:
            raise StakeholderError(
                f"lens {name!r} is evaluated on other providers than {names[0]!r}"
            )
    scores = [np.asarray(ev.scores) for _, ev in items]
    k = len(items)
    tau, rho = np.eye(k), np.eye(k)
    for i in range(k):
        for j in range(i + 1, k):
            tau[i, j] = tau[j, i] = kendall_tau(scores[i], scores[j])
            rho[i, j] = rho[j, i] = spearman(scores[i], scores[j])
    return RankAgreement(names, tau, rho)
