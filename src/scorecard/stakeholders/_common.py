"""Common ground: where the lenses' weights meet, the compromise, and the robust winners.

At each node, a lens's region is the convex hull of its members' local weights (only the
members who answered). One linear programme per node finds the weighting of the children
whose largest distance to any lens's region (in the largest single weight, L-infinity) is
smallest: the **compromise**. When that distance is 0 the regions overlap and the compromise
lies in every one of them. The box test (each child's range of weights in every lens, and
whether the boxes meet on the simplex) is given beside it.

`robust_winners` runs SMAA over each lens's region (`Among` the members' weightings at every
node they answered; nothing known elsewhere) and over the union of all members, and sorts the
providers into winners for everyone, for some lenses, or for none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard._linprog import solve
from scorecard._weights import Provenance, Weights
from scorecard.errors import StakeholderError

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation
    from scorecard.sensitivity import Acceptability
    from scorecard.sensitivity._preferences import Knowledge
    from scorecard.stakeholders._lens import Elicited

__all__ = [
    "COMPROMISE",
    "CommonGround",
    "NodeGround",
    "RobustWinners",
    "common_ground",
    "robust_winners",
]

COMPROMISE: Final = (
    "compromise: the weighting whose largest distance (in any one weight) to every lens's "
    "region is smallest"
)
"""The rule recorded for the compromise weighting between lenses with no common ground."""
OVERLAP: Final = 1e-9
"""A minimax distance at most this counts as overlapping regions."""


@attrs.frozen(eq=False)
class NodeGround:
    """Common ground at one node: the lenses that answered it, the compromise, the distance."""

    node: str
    children: tuple[str, ...]
    lenses: tuple[str, ...]
    compromise: FloatArray
    distance: float
    """Largest L-infinity distance from the compromise to any lens's region (0: they overlap)."""
    boxes_meet: bool
    """Whether the lenses' boxes (each child's range of weights) meet on the simplex."""

    @property
    def overlap(self) -> bool:
        """True when one weighting of the children lies in every lens's region."""
        return self.distance <= OVERLAP


@attrs.frozen(eq=False)
class CommonGround:
    """Every node's common ground, and the compromise weights of the whole tree."""

    nodes: Mapping[str, NodeGround]
    weights: Weights

    @property
    def overlap(self) -> bool:
        """True when the regions overlap at every node (one weighting lies in every region)."""
        return all(g.overlap for g in self.nodes.values())

    def describe(self) -> tuple[str, ...]:
        """Each node, in words."""
        out = []
        for g in self.nodes.values():
            if len(g.lenses) < 2:  # noqa: PLR2004
                out.append(f"{g.node}: answered by {len(g.lenses)} lens(es), nothing to reconcile")
            elif g.overlap:
                out.append(f"{g.node}: the lenses' regions overlap; the compromise lies in all")
            else:
                out.append(
                    f"{g.node}: the lenses' regions do not meet; the compromise is within "
                    f"{g.distance:.3f} of each (in any one weight)"
                )
        return tuple(out)


def _minimax(regions: Sequence[FloatArray]) -> tuple[FloatArray, float]:
    """The simplex point minimising the largest L-infinity distance to each hull, and it.

    Variables: each region's barycentric coordinates, the point x, the deviations e+ and e-
    from each region's point, and t; minimise t with |x - V_k' lambda_k| <= t componentwise.
    """
    m = regions[0].shape[1]
    sizes = [r.shape[0] for r in regions]
    k = len(regions)
    n_lam = sum(sizes)
    x0, e0 = n_lam, n_lam + m
    t_col = e0 + 2 * k * m
    width = t_col + 1
    eq_rows, eq_rhs, ub_rows = [], [], []
    start = 0
    for r, (region, size) in enumerate(zip(regions, sizes, strict=True)):
        row = np.zeros(width)
        row[start : start + size] = 1.0
        eq_rows.append(row)
        eq_rhs.append(1.0)
        for j in range(m):
            row = np.zeros(width)
            row[x0 + j] = 1.0
            row[start : start + size] = -region[:, j]
            row[e0 + (r * m + j)] = -1.0  # e+
            row[e0 + k * m + (r * m + j)] = 1.0  # e-
            eq_rows.append(row)
            eq_rhs.append(0.0)
            bound = np.zeros(width)
            bound[e0 + (r * m + j)] = 1.0
            bound[e0 + k * m + (r * m + j)] = 1.0
            bound[t_col] = -1.0
            ub_rows.append(bound)
        start += size
    total = np.zeros(width)
    total[x0 : x0 + m] = 1.0
    eq_rows.append(total)
    eq_rhs.append(1.0)
    cost = np.zeros(width)
    cost[t_col] = 1.0
    found = solve(
        cost,
        a_eq=np.array(eq_rows),
        b_eq=np.array(eq_rhs),
        a_ub=np.array(ub_rows),
        b_ub=np.zeros(len(ub_rows)),
    )
    if found.status != "optimal" or found.x is None:  # pragma: no cover - always feasible
        raise StakeholderError(f"the compromise programme ended {found.status}")
    x = np.clip(found.x[x0 : x0 + m], 0.0, None)
    return x / x.sum(), max(0.0, float(found.value))


def _boxes_meet(regions: Sequence[FloatArray]) -> bool:
    low = np.max([r.min(axis=0) for r in regions], axis=0)
    high = np.min([r.max(axis=0) for r in regions], axis=0)
    ranges_meet = bool((low <= high + OVERLAP).all())
    return ranges_meet and low.sum() <= 1 + OVERLAP and high.sum() >= 1 - OVERLAP


def common_ground(lenses: Sequence[Elicited]) -> CommonGround:
    """The lenses' common ground at every node, and the compromise weights.

    A node no lens answered keeps equal weights; a node one lens answered takes that lens's
    region's nearest point to itself (any of its members' weightings).

    Raises
    ------
    StakeholderError
        With fewer than two lenses, or lenses elicited on different scorecards.
    """
    if len(lenses) < 2:  # noqa: PLR2004
        raise StakeholderError("common ground needs at least two lenses")
    card = lenses[0].card
    if any(e.card is not card for e in lenses[1:]):
        raise StakeholderError("every lens must be elicited on the same scorecard")
    nodes: dict[str, NodeGround] = {}
    local: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}
    for node, ids in lenses[0].children.items():
        regions = [e.local[node][e.answered(node)] for e in lenses]
        named = tuple(e.lens.name for e, r in zip(lenses, regions, strict=True) if r.size)
        present = [r for r in regions if r.size]
        if not present:
            point, distance, meet = np.full(len(ids), 1.0 / len(ids)), 0.0, True
        else:
            point, distance = _minimax(present)
            meet = _boxes_meet(present)
        nodes[node] = NodeGround(node, ids, named, point, distance, meet)
        local.update(zip(ids, point.tolist(), strict=True))
        provenance[node] = Provenance(
            "compromise",
            {"rule": COMPROMISE, "lenses": list(named), "distance": round(distance, 12)},
        )
    weights = card.check_weights(Weights(local, provenance=provenance))
    return CommonGround(nodes, weights)


@attrs.frozen(eq=False)
class RobustWinners:
    """Top-k acceptability per lens (and over all members together) and the verdicts.

    ``acceptability[l, i]``: the share of lens l's samples in which provider i ranks in the
    top ``k`` (the last row is the union of every lens's members).
    """

    lenses: tuple[str, ...]
    providers: tuple[str, ...]
    k: int
    level: float
    acceptability: FloatArray
    results: tuple[Acceptability, ...]

    def _robust(self) -> np.ndarray:
        return np.asarray(self.acceptability[:-1] >= self.level)

    @property
    def for_everyone(self) -> tuple[str, ...]:
        """Providers in the top k in at least ``level`` of every lens's samples."""
        hit = np.asarray(self._robust().all(axis=0), dtype=np.bool_)
        return tuple(p for p, h in zip(self.providers, hit, strict=True) if bool(h))

    @property
    def for_some(self) -> dict[str, tuple[str, ...]]:
        """Providers robust for some lenses but not all, with those lenses."""
        robust = self._robust()
        out = {}
        for i, p in enumerate(self.providers):
            which = tuple(n for n, r in zip(self.lenses, robust[:, i].tolist(), strict=True) if r)
            if which and len(which) < len(self.lenses):
                out[p] = which
        return out

    def describe(self) -> tuple[str, ...]:
        """The verdicts in words."""
        place = "first" if self.k == 1 else f"in the top {self.k}"
        share = f"{100 * self.level:.0f}%"
        lines = [
            f"{p}: {place} in at least {share} of the weightings of every lens"
            for p in self.for_everyone
        ]
        lines += [
            f"{p}: {place} in at least {share} of the weightings of {', '.join(ls)} only"
            for p, ls in self.for_some.items()
        ]
        if not lines:
            lines.append(f"no provider is {place} in at least {share} of any lens's weightings")
        return tuple(lines)


def _knowledge(elicited: Sequence[Elicited]) -> dict[str, Knowledge]:
    from scorecard.sensitivity import Among  # noqa: PLC0415

    out: dict[str, Knowledge] = {}
    for node, ids in elicited[0].children.items():
        rows = np.vstack([e.local[node][e.answered(node)] for e in elicited])
        if rows.size:
            out[node] = Among([dict(zip(ids, r.tolist(), strict=True)) for r in rows])
    return out


def robust_winners(
    ev: Evaluation,
    lenses: Sequence[Elicited],
    *,
    k: int = 1,
    level: float = 0.9,
    samples: int = 5_000,
    seed: int = 0,
) -> RobustWinners:
    """Which providers rank in the top ``k`` whichever lens's weights you take.

    SMAA over each lens's region (`Among` its members' weightings at every node they
    answered; uniform where the lens said nothing) and over the union of all members; a
    provider is a robust winner for a lens when it is in the top ``k`` in at least ``level``
    of that lens's samples.
    """
    from scorecard.sensitivity import Uniform, smaa  # noqa: PLC0415

    if not lenses:
        raise StakeholderError("robust winners need at least one lens")
    if not 1 <= k <= len(ev.providers):
        raise StakeholderError(f"k must lie between 1 and {len(ev.providers)}, got {k}")
    groups = [[e] for e in lenses] + [list(lenses)]
    results = tuple(
        smaa(
            ev,
            samples=samples,
            seed=seed + g,
            knowledge=_knowledge(group),
            default=Uniform(),
            pairwise=False,
        )
        for g, group in enumerate(groups)
    )
    accept = np.stack([r.rank_acceptability[:, :k].sum(axis=1) for r in results])
    return RobustWinners(
        tuple(e.lens.name for e in lenses), ev.providers, k, level, accept, results
    )
