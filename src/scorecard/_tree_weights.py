"""Weight arithmetic on a value tree: global, relative and effective weights, and moving weights.

Weights are local to a node (siblings sum to 1); a metric's global weight is the product of
the local weights on its path. Every function here that takes many weightings takes local-weight
vectors (K, nodes) in `node_order` and works on all K at once with array operations.

Moving one node's weight shares the change over its siblings *in proportion to their current
weights* (the decision-analysis convention, `CONVENTION`): `rebalance` for one move,
`weights_along` for a whole path of moves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Final

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray, IntpArray
from scorecard._memo import Recent
from scorecard._tolerances import RENORMALISE_BEYOND
from scorecard._weights import Provenance, Weights
from scorecard.errors import MissingValueError, WeightError
from scorecard.tree import ROOT, Scorecard

__all__ = [
    "CONVENTION",
    "Ancestry",
    "ancestry",
    "availability",
    "checked",
    "effective_global",
    "effective_many",
    "effective_weights",
    "focus",
    "global_many",
    "global_vector",
    "global_weights",
    "local_from_global",
    "local_vector",
    "node_order",
    "rebalance",
    "relative_many",
    "relative_weights",
    "room",
    "weights_along",
]

CONVENTION: Final = "proportional"
"""How siblings absorb a change: in proportion to their current weights."""


@attrs.frozen(eq=False)
class Ancestry:
    """Index arrays that turn local weights into relative weights with array operations.

    ``paths[j]`` lists positions (in ``nodes``) of metric j's ancestors from the top down,
    ending with the metric, padded at the end with ``len(nodes)`` (a weight of 1). For every
    (domain, metric below it) pair, ``pair_domain``, ``pair_metric`` and ``pair_start`` give
    the domain's row (0 is `ROOT`), the metric's column and where on the path below the domain
    the product starts.
    """

    nodes: tuple[str, ...]
    position: Mapping[str, int]
    paths: IntpArray
    pair_domain: IntpArray
    pair_metric: IntpArray
    pair_start: IntpArray
    metric_positions: IntpArray
    children: Mapping[str, IntpArray]
    groups_bottom_up: tuple[str, ...]
    """Group nodes, deepest first, `ROOT` last: each after every group below it."""

    @classmethod
    def of(cls, card: Scorecard) -> Ancestry:
        """The index arrays of ``card``'s tree."""
        nodes = tuple(n.id for n in card.walk())
        position = {n: i for i, n in enumerate(nodes)}
        chains = [[position[n] for n in card.path(m)] for m in card.metric_ids]
        depth = max(len(c) for c in chains)
        paths = np.full((len(chains), depth), len(nodes), dtype=np.intp)
        for j, chain in enumerate(chains):
            paths[j, : len(chain)] = chain
        pd: list[int] = []
        pm: list[int] = []
        ps: list[int] = []
        for row, d in enumerate((ROOT, *card.domain_ids)):
            for j in card.columns(d).tolist():
                pd.append(row)
                pm.append(j)
                ps.append(0 if d == ROOT else chains[j].index(position[d]) + 1)
        children = {
            g: np.array([position[c] for c in ids], dtype=np.intp) for g, ids in card.groups.items()
        }
        depth_of = {g: 0 if g == ROOT else len(card.path(g)) for g in card.groups}
        return cls(
            nodes,
            position,
            paths,
            np.array(pd, dtype=np.intp),
            np.array(pm, dtype=np.intp),
            np.array(ps, dtype=np.intp),
            np.array([position[m] for m in card.metric_ids], dtype=np.intp),
            children,
            tuple(sorted(card.groups, key=lambda g: -depth_of[g])),
        )


def ancestry(card: Scorecard) -> Ancestry:
    """The tree's `Ancestry`, built once per scorecard."""
    return card.derived(Ancestry, Ancestry.of)


def node_order(card: Scorecard) -> tuple[str, ...]:
    """Every node id, depth first: the columns of local-weight vectors."""
    return ancestry(card).nodes


def local_vector(card: Scorecard, weights: Weights) -> FloatArray:
    """Local weights in `node_order`."""
    local = weights.local
    return np.array([local[n] for n in ancestry(card).nodes])


def global_many(card: Scorecard, local: FloatArray) -> FloatArray:
    """Global metric weights (K, M) for K local-weight vectors (K, nodes): path products."""
    paths = ancestry(card).paths
    if paths.shape[1] == 1:  # every metric directly under the root
        flat: FloatArray = local[:, paths[:, 0]]
        return flat
    padded = np.concatenate([local, np.ones((local.shape[0], 1))], axis=1)
    out: FloatArray = padded[:, paths].prod(axis=2)
    return out


def relative_many(card: Scorecard, local: FloatArray) -> FloatArray:
    """`relative_weights` for K local-weight vectors at once: (K, nodes) -> (K, 1 + domains, M)."""
    a = ancestry(card)
    padded = np.concatenate([local, np.ones((local.shape[0], 1))], axis=1)
    along = padded[:, a.paths]
    # suffix[k, j, p] = product of the local weights on metric j's path from position p down.
    suffix = np.cumprod(along[:, :, ::-1], axis=2)[:, :, ::-1]
    out: FloatArray = np.zeros((local.shape[0], 1 + len(card.domain_ids), a.paths.shape[0]))
    out[:, a.pair_domain, a.pair_metric] = suffix[:, a.pair_metric, a.pair_start]
    return out


def relative_weights(card: Scorecard, weights: Weights) -> FloatArray:
    """Rows for `ROOT` then each domain: metric weights relative to that node, 0 elsewhere.

    Row 0 is the global weights; row k + 1 gives the weights within ``card.domain_ids[k]``
    (the product of local weights from that domain down to each metric below it). Assumes no
    provider has anything excluded; `effective_weights` handles exclusions.
    """
    out: FloatArray = relative_many(card, local_vector(card, weights)[None])[0]
    return out


def checked(card: Scorecard, weights: Weights) -> tuple[Weights, FloatArray]:
    """``weights`` checked against ``card`` (`Scorecard.check_weights`) and their global weights.

    Kept per weights object (frozen, so the answer stays true): evaluating again under the same
    weights checks nothing twice. The global weights are read-only.
    """
    return card.derived(_CHECKED, _recent).get(id(weights), _check, card, weights)[1:]


def global_vector(card: Scorecard, weights: Weights) -> FloatArray:
    """`global_weights` of weights already checked against ``card``, kept per weights object."""
    return checked(card, weights)[1]


_CHECKED: Final = "checked weights"


def _check(card: Scorecard, weights: Weights) -> tuple[Weights, Weights, FloatArray]:
    good = card.check_weights(weights)
    g = global_many(card, local_vector(card, good)[None])[0]
    g.setflags(write=False)
    return weights, good, g  # the given weights are held, so their id is not reused


def _recent(_card: Scorecard) -> Recent[tuple[Weights, Weights, FloatArray]]:
    return Recent(64)


def global_weights(card: Scorecard, weights: Weights) -> FloatArray:
    """Each metric's global weight (product of local weights on its path), by ``metric_ids``.

    Examples
    --------
    >>> import scorecard as sc
    >>> card = sc.catalog.balanced()
    >>> round(float(sc.global_weights(card, sc.weighting.resolve(card, None)).sum()), 12)
    1.0
    """
    out: FloatArray = global_many(card, local_vector(card, card.check_weights(weights))[None])[0]
    return out


def effective_weights(
    card: Scorecard, weights: Weights, excluded: BoolArray, providers: tuple[str, ...]
) -> dict[str, FloatArray]:
    """For every domain (and `ROOT`): each provider's weights on the metrics below it.

    When a metric's missing policy is ``exclude``, a provider without that value is scored on
    the rest: at every node, the weights of the children it has are renormalised to sum to 1.
    Returns a mapping from node id to an (N, L) array over ``card.leaves(node)``, each row
    summing to 1, or to 0 where the provider has no value under that node. Raises
    `MissingValueError` if a provider has no weighted value at all.
    """
    local = local_vector(card, weights)[None]
    return {k: v[0] for k, v in effective_many(card, local, excluded, providers).items()}


def effective_global(card: Scorecard, local: FloatArray, excluded: BoolArray) -> FloatArray:
    """Each provider's global weights (K, P, M) with its excluded cells' weight shared out.

    The same numbers as ``effective_many(...)[ROOT]``, bit for bit, without its per-node
    recursion: each group's children's shares of the weight present under it are found once,
    bottom up, for all K weightings and P providers, and each metric's weight is the product
    of the shares on its path. A provider with nothing weighted at all gets zeros (check
    with `effective_many` where that must be an error).
    """
    a = ancestry(card)
    share, _ = _present_shares(card, local, excluded)
    along = share[a.paths[:, ::-1]]  # (M, depth, K, P): each path from the metric up
    out: FloatArray = np.ascontiguousarray(along.prod(axis=1).transpose(1, 2, 0))
    return out


def availability(card: Scorecard, local: FloatArray, excluded: BoolArray) -> FloatArray:
    """Whether each node carries weight for each provider (nodes, K, P): 1.0 or 0.0.

    A metric does where its cell is not excluded; a domain where some child with weight does.
    """
    return _present_shares(card, local, excluded)[1]


def _present_shares(
    card: Scorecard, local: FloatArray, excluded: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """Each node's share of its group's weight present (nodes + 1, K, P), and `availability`."""
    a = ancestry(card)
    k, p = local.shape[0], excluded.shape[0]
    # Node-major arrays (nodes, K, P): a group's children are rows, gathered without copying
    # the providers' axis, and added child by child, as effective_many adds them.
    weight = np.ascontiguousarray(local.T)[:, :, None]
    share = np.empty((len(a.nodes) + 1, k, p))
    share[-1] = 1.0  # pads the paths: a share of 1
    have = np.empty((len(a.nodes), k, p))
    have[a.metric_positions] = (~excluded).T.astype(np.float64)[:, None, :]
    for parent in a.groups_bottom_up:
        kids = a.children[parent]
        mass = weight[kids] * have[kids]
        total = mass[0].copy()
        for c in range(1, kids.size):
            total += mass[c]
        share[kids] = mass / np.where(total > 0, total, 1.0)
        if parent != ROOT:
            have[a.position[parent]] = total > 0
    return share, have


def effective_many(
    card: Scorecard, local: FloatArray, excluded: BoolArray, providers: tuple[str, ...]
) -> dict[str, FloatArray]:
    """`effective_weights` for K local-weight vectors (K, nodes) at once: arrays (K, N, L).

    The recursion runs over the tree's nodes; every step is vectorised over weight vectors and
    providers.
    """
    out: dict[str, FloatArray] = {}
    present = (~excluded).astype(np.float64)
    _, mass = _below(card, ROOT, local, present, out)
    if mass.size and not mass.all():
        k, i = (int(x) for x in np.argwhere(mass == 0)[0])
        where = "" if local.shape[0] == 1 else f" under weight vector {k}"
        raise MissingValueError(
            f"provider {providers[i]!r} has no value for any metric that carries weight{where}, "
            "so it cannot be scored"
        )
    return out


def _below(
    card: Scorecard,
    node: str,
    local: FloatArray,
    present: FloatArray,
    out: dict[str, FloatArray],
) -> tuple[FloatArray, FloatArray]:
    """(K, N, L) weights relative to ``node`` and its availability (K, N); groups go in ``out``.

    A plain function rather than a closure, so no reference cycle keeps the arrays alive.
    """
    children = card.groups.get(node)
    if children is None:  # a metric
        mine = present[None, :, int(card.columns(node)[0])]
        return mine[:, :, None], mine
    position = ancestry(card).position
    parts, masses = [], []
    for child in children:
        rel, mass = _below(card, child, local, present, out)
        parts.append(rel)
        masses.append(local[:, position[child], None] * mass)
    total = np.sum(masses, axis=0)
    safe = np.where(total > 0, total, 1.0)
    rel = np.concatenate(
        [
            np.broadcast_to(p, (*m.shape, p.shape[2])) * (m / safe)[:, :, None]
            for p, m in zip(parts, masses, strict=True)
        ],
        axis=2,
    )
    out[node] = rel
    return rel, (total > 0).astype(np.float64)


def local_from_global(card: Scorecard, glob: FloatArray) -> FloatArray:
    """Local weights (K, nodes) that multiply out to the global weights ``glob`` (K, M).

    A node's local weight is the mass below it over the mass below its parent (0 when the
    parent carries no weight).
    """
    nodes = node_order(card)
    mass = {node: glob[:, card.columns(node)].sum(axis=1) for node in (*nodes, ROOT)}
    out = np.zeros((glob.shape[0], len(nodes)))
    for i, node in enumerate(nodes):
        parent = mass[card.parent(node)]
        out[:, i] = np.divide(mass[node], parent, out=np.zeros_like(parent), where=parent > 0)
    return out


def _shares(current: FloatArray) -> FloatArray:
    """Each sibling's share of what its group gives them: proportional, or equal if all are 0."""
    total = math.fsum(current.tolist())
    if total > 0:
        out: FloatArray = current / total
        return out
    return np.full(current.size, 1.0 / current.size)


def weights_along(card: Scorecard, weights: Weights, node: str, values: FloatArray) -> FloatArray:
    """Local-weight vectors (G, nodes), one per value of ``node``'s weight in ``values``.

    Siblings share ``1 - t`` in proportion to their current weights; the rest of the tree
    keeps its weights.
    """
    parent = card.parent(node)
    siblings = [c for c in card.children(parent) if c != node]
    t = np.asarray(values, dtype=np.float64)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any((t < 0) | (t > 1)):
        raise WeightError(f"weights for {node!r} must be finite numbers in [0, 1]")
    if not siblings and np.any(t != 1.0):
        raise WeightError(f"{node!r} has no siblings, so its local weight is always 1")
    position = ancestry(card).position
    base = local_vector(card, weights)
    local = np.repeat(base[None], t.size, axis=0)
    local[:, position[node]] = t
    if siblings:
        idx = np.array([position[s] for s in siblings], dtype=np.intp)
        local[:, idx] = (1.0 - t)[:, None] * _shares(base[idx])[None, :]
    return local


def room(card: Scorecard, weights: Weights, node_id: str, *, locked: Iterable[str] = ()) -> float:
    """The most ``node_id``'s local weight can be while its ``locked`` siblings keep theirs."""
    held = set(locked)
    fixed = [c for c in card.children(card.parent(node_id)) if c != node_id and c in held]
    return max(0.0, 1.0 - math.fsum(weights.group(fixed)))


def rebalance(
    card: Scorecard,
    weights: Weights,
    node_id: str,
    value: float,
    *,
    locked: Iterable[str] = (),
    cap: bool = False,
) -> Weights:
    """Set ``node_id``'s local weight to ``value``; its siblings share ``1 - value`` in proportion.

    Siblings keep their ratios to one another. If every sibling has weight 0 they share the
    remainder equally (proportions are undefined then). Siblings in ``locked`` keep their
    weights and the others share what is left; ``value`` may not exceed what the locked
    siblings leave (`room`): a `WeightError` says how much that is, or with ``cap`` the value
    is capped there (and a node whose siblings are all locked keeps what they leave), as a
    slider stops at its end. The group's provenance becomes ``adjusted``, recording the node,
    the new value and the scheme it came from.

    Examples
    --------
    >>> import scorecard as sc
    >>> card = sc.catalog.balanced()
    >>> w = sc.rebalance(card, sc.weighting.resolve(card, None), "outcomes", 0.5)
    >>> round(sum(w[c] for c in card.children(card.parent("outcomes"))), 12)
    1.0
    """
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise WeightError(f"weight of {node_id!r} must lie in [0, 1], got {value!r}")
    parent = card.parent(node_id)
    held = set(locked)
    fixed = [c for c in card.children(parent) if c != node_id and c in held]
    siblings = [c for c in card.children(parent) if c != node_id and c not in held]
    if cap:
        free = room(card, weights, node_id, locked=fixed)
        value = min(value, free) if siblings else free
    rest = 1.0 - value - math.fsum(weights.group(fixed))
    if not siblings:
        if abs(rest) > RENORMALISE_BEYOND and not fixed:
            raise WeightError(
                f"{node_id!r} has no siblings, so its weight must stay 1, got {value}"
            )
        if abs(rest) > RENORMALISE_BEYOND:
            free = room(card, weights, node_id, locked=fixed)
            raise WeightError(
                f"{node_id!r} must keep weight {free:.6g} while all its siblings are locked, "
                f"got {value}"
            )
        return weights
    if rest < -RENORMALISE_BEYOND:
        free = room(card, weights, node_id, locked=fixed)
        raise WeightError(
            f"weight of {node_id!r} can be at most {free:.6g} while "
            f"{', '.join(map(repr, fixed))} {'stays' if len(fixed) == 1 else 'stay'} locked, "
            f"got {value}"
        )
    rest = max(rest, 0.0)
    shares = _shares(np.array(weights.group(siblings)))
    new = dict(weights.local)
    new[node_id] = value
    for sibling, share in zip(siblings, shares.tolist(), strict=True):
        new[sibling] = rest * share
    before = weights.provenance.get(parent)
    note = Provenance(
        "adjusted",
        {
            "node": node_id,
            "value": value,
            "from": before.scheme if before is not None else "unknown",
            "convention": CONVENTION,
        },
    )
    return Weights(new, provenance={**weights.provenance, parent: note})


def focus(card: Scorecard, metrics: Iterable[str]) -> Weights:
    """Weights that put everything on ``metrics``, equally, and nothing elsewhere.

    Each node's local weight is its share of the chosen metrics below its parent; a group
    with none of them keeps equal weights (it carries no global weight anyway). This is how a
    "completions only" view is expressed on a balanced scorecard.

    Examples
    --------
    >>> import scorecard as sc
    >>> card = sc.catalog.balanced()
    >>> w = sc.focus(card, ["sc_opiate_no_rep", "sc_nonopiate_no_rep"])
    >>> g = sc.global_weights(card, w)
    >>> round(float(g[card.metric_ids.index("sc_opiate_no_rep")]), 12)
    0.5
    """
    chosen = set(metrics)
    unknown = sorted(chosen - set(card.metric_ids))
    if unknown:
        raise WeightError(f"not metrics of the scorecard: {', '.join(map(repr, unknown))}")
    if not chosen:
        raise WeightError("focus needs at least one metric")
    local: dict[str, float] = {}
    for children in card.groups.values():
        counts = [sum(m in chosen for m in card.leaves(c)) for c in children]
        total = sum(counts)
        for child, count in zip(children, counts, strict=True):
            local[child] = count / total if total else 1 / len(children)
    note = Provenance("focus", {"metrics": sorted(chosen)})
    return Weights(local, provenance=dict.fromkeys(card.groups, note))
