"""What is known about the weights at each node of the value tree, as samplers of local weights.

SMAA explores every weighting consistent with what the commissioners can say. That knowledge is
stated per node of the tree (the root, or a domain), about the local weights of its children:

* `Uniform` -- nothing is known: uniform on the simplex of the children's weights;
* `RankOrder` -- a rank order of the children, most important first (sampled exactly);
* `Bounded` -- bounds on some children's weights and trade-off ratios between them
  (hit-and-run; check its mixing with `scorecard.sensitivity.sampling.mixing_report`);
* `Around` -- close to the current weights: a Dirichlet centred on them;
* `Fixed` -- the current local weights, exactly;
* `Among` -- somewhere among given weightings (several people's answers): a point of their
  convex hull, its barycentric coordinates uniform on the simplex.

`sample_local` draws local-weight vectors for the whole tree, node by node; global weights are
products of local weights along each metric's path (`global_many`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard._tree_weights import node_order
from scorecard.errors import WeightError
from scorecard.sensitivity import sampling
from scorecard.tree import ROOT, Scorecard

__all__ = [
    "Among",
    "Around",
    "Bounded",
    "Fixed",
    "Knowledge",
    "RankOrder",
    "Uniform",
    "sample_local",
]


@attrs.frozen
class Uniform:
    """No preference information: the children's weights are uniform on the simplex."""


@attrs.frozen
class Fixed:
    """The evaluation's current local weights, unchanged in every sample."""


def _order(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


@attrs.frozen
class RankOrder:
    """A rank order of the node's children, most important first; every child appears once."""

    order: tuple[str, ...] = attrs.field(converter=_order)


@attrs.frozen
class Around:
    """Weights scattered around the current ones: Dirichlet(concentration x current weights).

    Each weight's standard deviation is ``sqrt(w (1 - w) / (concentration + 1))``: with the
    default 100, a current weight of 0.3 varies by about 0.046.
    """

    concentration: float = attrs.field(default=100.0, converter=float)


def _ratios(value: Sequence[Sequence[object]]) -> tuple[tuple[str, str, float], ...]:
    out = []
    for item in value:
        if len(item) != 3:  # noqa: PLR2004
            raise WeightError(f"a ratio is (heavier, lighter, factor); got {tuple(item)!r}")
        a, b, c = item
        out.append((str(a), str(b), float(c)))  # type: ignore[arg-type]
    return tuple(out)


def _limits(value: Mapping[str, float]) -> Mapping[str, float]:
    import types  # noqa: PLC0415

    return types.MappingProxyType({str(k): float(v) for k, v in dict(value).items()})


@attrs.frozen
class Bounded:
    """Bounds and trade-off ratios on the children's weights; uniform on what they allow.

    ``lower`` and ``upper`` map child ids to bounds on their local weight (others: 0 and 1).
    Each ratio ``(a, b, c)`` means ``w[a] >= c * w[b]``. Sampled by hit-and-run with
    ``thin`` and ``burn_in`` steps as in `scorecard.sensitivity.sampling.hit_and_run`.
    """

    lower: Mapping[str, float] = attrs.field(factory=dict, converter=_limits)
    upper: Mapping[str, float] = attrs.field(factory=dict, converter=_limits)
    ratios: tuple[tuple[str, str, float], ...] = attrs.field(default=(), converter=_ratios)
    thin: int | None = None
    burn_in: int | None = None


def _vertices(value: Sequence[Mapping[str, float]]) -> tuple[Mapping[str, float], ...]:
    return tuple(dict(v) for v in value)


@attrs.frozen
class Among:
    """Somewhere among given weightings of the children (the members of a stakeholder group).

    Each sample is a convex combination of the ``weightings`` (each a mapping of every child
    to its local weight, summing to 1) with coefficients uniform on the simplex: a point of
    their convex hull, denser near its centre than at its corners.
    """

    weightings: tuple[Mapping[str, float], ...] = attrs.field(converter=_vertices)


Knowledge: TypeAlias = Uniform | Fixed | RankOrder | Around | Bounded | Among
"""What is known about one node's local weights."""

#: Independent hit-and-run chains per block of samples.
_CHAINS = 250


def _unknown(node: str, names: Sequence[str], children: tuple[str, ...], what: str) -> None:
    bad = sorted(set(names) - set(children))
    if bad:
        raise WeightError(
            f"{what} for node {node!r} names {bad}, which are not its children "
            f"(children: {list(children)})"
        )


def check(card: Scorecard, knowledge: Mapping[str, Knowledge]) -> dict[str, Knowledge]:
    """``knowledge`` checked against the tree: known group nodes, known children, valid values."""
    out: dict[str, Knowledge] = {}
    for node, spec in knowledge.items():
        if node not in card.groups:
            kind = "a metric" if node in card.metric_ids else "not a node of the scorecard"
            raise WeightError(
                f"weight knowledge is given per group of siblings: {node!r} is {kind}; "
                f"name the root {ROOT!r} or a domain of {card.name!r}"
            )
        children = card.groups[node]
        if isinstance(spec, RankOrder):
            _unknown(node, spec.order, children, "the ranking")
            if sorted(spec.order) != sorted(children):
                missing = sorted(set(children) - set(spec.order))
                repeated = sorted({c for c in spec.order if spec.order.count(c) > 1})
                raise WeightError(
                    f"the ranking for node {node!r} must list each child once; "
                    f"missing {missing}, repeated {repeated}"
                )
        elif isinstance(spec, Bounded):
            _unknown(node, [*spec.lower, *spec.upper], children, "the bounds")
            _unknown(node, [n for r in spec.ratios for n in r[:2]], children, "the ratios")
        elif isinstance(spec, Around):
            c = spec.concentration
            if not (np.isfinite(c) and c > 0):
                raise WeightError(f"concentration for node {node!r} must be > 0; got {c!r}")
        elif isinstance(spec, Among):
            _check_among(node, spec, children)
        elif not isinstance(spec, Uniform | Fixed):
            raise WeightError(f"unknown weight knowledge for node {node!r}: {spec!r}")
        out[node] = spec
    return out


def _check_among(node: str, spec: Among, children: tuple[str, ...]) -> None:
    if not spec.weightings:
        raise WeightError(f"Among for node {node!r} needs at least one weighting")
    for k, w in enumerate(spec.weightings):
        if sorted(w) != sorted(children):
            raise WeightError(
                f"Among for node {node!r}: weighting {k + 1} must give every child "
                f"{list(children)} a weight, got {sorted(w)}"
            )
        values = np.array([float(w[c]) for c in children])
        if not np.isfinite(values).all() or (values < 0).any() or abs(values.sum() - 1) > 1e-9:  # noqa: PLR2004
            raise WeightError(
                f"Among for node {node!r}: weighting {k + 1} must be non-negative weights "
                f"summing to 1, got {dict(w)}"
            )


def _uniform(
    spec: Uniform | Among, children: tuple[str, ...], *, n: int, rng: np.random.Generator
) -> FloatArray:
    """Uniform on the simplex of the children, or on the barycentric simplex of the hull."""
    if isinstance(spec, Uniform):
        return sampling.uniform_simplex(n, len(children), rng=rng)
    vertices = np.array([[float(w[c]) for c in children] for w in spec.weightings])
    if len(vertices) == 1:
        return np.broadcast_to(vertices[0], (n, len(children))).copy()
    drawn: FloatArray = sampling.uniform_simplex(n, len(vertices), rng=rng) @ vertices
    return drawn


def _draw(
    spec: Knowledge,
    node: str,
    children: tuple[str, ...],
    current: FloatArray,
    *,
    n: int,
    rng: np.random.Generator,
) -> FloatArray | None:
    """(n, children) local weights for one node, or None to keep the current ones."""
    m = len(children)
    if isinstance(spec, Fixed) or m == 1:
        return None
    if isinstance(spec, Uniform | Among):
        return _uniform(spec, children, n=n, rng=rng)
    if isinstance(spec, RankOrder):
        index = {c: i for i, c in enumerate(children)}
        return sampling.ordinal_simplex(n, [index[c] for c in spec.order], rng=rng)
    if isinstance(spec, Around):
        return sampling.concentrated(
            n, current / current.sum(), concentration=spec.concentration, rng=rng
        )
    index = {c: i for i, c in enumerate(children)}
    lower = np.array([spec.lower.get(c, 0.0) for c in children])
    upper = np.array([spec.upper.get(c, 1.0) for c in children])
    try:
        return sampling.hit_and_run(
            n,
            m,
            lower=lower,
            upper=upper,
            ratios=[(index[a], index[b], c) for a, b, c in spec.ratios],
            rng=rng,
            thin=spec.thin,
            burn_in=spec.burn_in,
            chains=_CHAINS,
        )
    except WeightError as error:
        raise WeightError(f"weight constraints for node {node!r}: {error}") from None


def sample_local(
    card: Scorecard,
    current: FloatArray,
    knowledge: Mapping[str, Knowledge],
    default: Knowledge,
    *,
    n: int,
    rng: np.random.Generator,
    out: FloatArray | None = None,
) -> FloatArray:
    """``n`` local-weight vectors (n, nodes) in `node_order`.

    ``current`` is the evaluation's local-weight vector; nodes without an entry in
    ``knowledge`` follow ``default``. Nodes are drawn in tree order, so a seed fixes the result.
    ``out``, if given, receives the vectors in its first ``n`` rows.
    """
    position = {name: i for i, name in enumerate(node_order(card))}
    if out is None:
        out = np.empty((n, current.size))
    out = out[:n]
    out[:] = current
    for node, children in card.groups.items():
        idx = np.array([position[c] for c in children], dtype=np.intp)
        drawn = _draw(knowledge.get(node, default), node, children, current[idx], n=n, rng=rng)
        if drawn is not None:
            out[:, idx] = drawn
    return out
