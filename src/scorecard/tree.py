"""The value tree: domains nested to any depth, metrics at the leaves, the scorecard at the root."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._metric import Metric, check_id
from scorecard._text import suggest
from scorecard._tolerances import RENORMALISE_BEYOND, SUM_TOLERANCE
from scorecard._weights import Weights
from scorecard.errors import TreeError, UnknownNodeError, WeightError

if TYPE_CHECKING:
    from scorecard._table import PerformanceTable
    from scorecard.aggregation import Aggregation
    from scorecard.evaluation import Evaluation
    from scorecard.weighting import WeightSpec

__all__ = ["MAX_DEPTH", "ROOT", "Domain", "Node", "Scorecard"]

T = TypeVar("T")

ROOT: Final = "root"
"""The id of the root of every value tree (no metric or domain may take it)."""
MAX_DEPTH: Final = 32
"""The deepest a value tree may nest (domains within domains, then metrics)."""
"""The id of the scorecard itself, the parent of the top-level domains; no node may use it."""


def _domains(value: Iterable[Domain]) -> tuple[Domain, ...]:
    return tuple(value)


def _metrics(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return tuple(value)


def _check_domain_id(_instance: object, _attribute: object, value: str) -> None:
    check_id("domain", value)


@attrs.frozen
class Domain:
    """A group of metrics and sub-domains whose local weights sum to 1.

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> m = Metric("turnover", "Staff turnover", unit="%", direction="lower",
    ...            scale=Linear(worst=40, best=8))
    >>> Domain("workforce", "Workforce stability", metrics=[m]).children
    (Metric(id='turnover', ...),)
    """

    id: str = attrs.field(validator=_check_domain_id)
    label: str
    domains: tuple[Domain, ...] = attrs.field(default=(), kw_only=True, converter=_domains)
    metrics: tuple[Metric, ...] = attrs.field(default=(), kw_only=True, converter=_metrics)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.domains and not self.metrics:
            raise TreeError(f"domain {self.id!r} is empty: give it at least one metric or domain")

    @property
    def children(self) -> tuple[Domain | Metric, ...]:
        """Sub-domains, then metrics, in the order given."""
        return (*self.domains, *self.metrics)


Node = Domain | Metric
"""A child in the value tree: a domain or a metric."""


@attrs.frozen(repr=False)
class Scorecard:
    """A balanced scorecard: named domains of metrics, with optional default weights.

    The scorecard is the root of its value tree (id `ROOT`). Ids are unique across the tree.
    ``weights``, when given, are the local weights of every node, used when an evaluation is
    asked for without weights; otherwise every group is weighted equally.

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> m = Metric("completions", "Successful completions", unit="%", direction="higher",
    ...            scale=Linear(worst=10, best=60))
    >>> card = Scorecard("Completions only", domains=[Domain("recovery", "Recovery", metrics=[m])])
    >>> card.metric_ids
    ('completions',)
    """

    name: str
    domains: tuple[Domain, ...] = attrs.field(default=(), kw_only=True, converter=_domains)
    metrics: tuple[Metric, ...] = attrs.field(default=(), kw_only=True, converter=_metrics)
    description: str = attrs.field(default="", kw_only=True)
    weights: Weights | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.domains and not self.metrics:
            raise TreeError(f"scorecard {self.name!r} is empty: give it at least one domain")
        seen: dict[str, str] = {}
        depth = {ROOT: 0}
        for node, parent in self._walk_with_parents():
            depth[node.id] = depth.get(parent, 0) + 1
            if depth[node.id] > MAX_DEPTH:
                raise TreeError(
                    f"scorecard {self.name!r} nests deeper than {MAX_DEPTH} levels (at "
                    f"{node.id!r}); a value tree that deep cannot be read or shown: flatten it"
                )
            if node.id == ROOT:
                raise TreeError(f"{ROOT!r} is reserved for the scorecard itself; rename that node")
            if node.id in seen:
                places = (seen[node.id], parent)
                where = (
                    f"twice in {parent!r}"
                    if places[0] == places[1]
                    else f"in {places[0]!r} and in {places[1]!r}"
                )
                raise TreeError(
                    f"id {node.id!r} is used {where}; ids must be unique across the scorecard"
                )
            seen[node.id] = parent
        if self.weights is not None:
            self.check_weights(self.weights)

    def __repr__(self) -> str:
        """A line: the name and the size of the tree (not every metric's every field)."""
        weights = "its own weights" if self.weights is not None else "equal weights"
        return (
            f"Scorecard({self.name!r}: {len(self.children(ROOT))} top-level parts, "
            f"{len(self.metric_ids)} metrics, {weights})"
        )

    def _repr_html_(self) -> str:
        """The value tree as a nested list of labels with local weights, in a notebook."""
        import html  # noqa: PLC0415

        def items(parent: str) -> str:
            parts = []
            siblings = self.children(parent)
            for child in siblings:
                weight = self.weights[child] if self.weights is not None else 1 / len(siblings)
                inner = f"<ul>{items(child)}</ul>" if child in self.groups else ""
                parts.append(
                    f"<li>{html.escape(self.node(child).label)} "
                    f"<small>({html.escape(child)}, {weight:.2f})</small>{inner}</li>"
                )
            return "".join(parts)

        return f"<div><b>{html.escape(self.name)}</b><ul>{items(ROOT)}</ul></div>"

    # -- structure ------------------------------------------------------------------------

    @property
    def children_of_root(self) -> tuple[Node, ...]:
        """Top-level domains, then top-level metrics."""
        return (*self.domains, *self.metrics)

    def _walk_with_parents(self) -> Iterator[tuple[Node, str]]:
        stack: list[tuple[Node, str]] = [(c, ROOT) for c in reversed(self.children_of_root)]
        while stack:
            node, parent = stack.pop()
            yield node, parent
            if isinstance(node, Domain):
                stack.extend((c, node.id) for c in reversed(node.children))

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in the order given."""
        for node, _ in self._walk_with_parents():
            yield node

    @functools.cached_property
    def _index(self) -> _TreeIndex:
        return _TreeIndex.of(self)

    @functools.cached_property
    def _memo(self) -> dict[object, Any]:
        return {}

    def derived(self, key: object, build: Callable[[Scorecard], T]) -> T:
        """``build(self)``, computed once per scorecard and kept (the scorecard is immutable).

        Other modules keep arrays derived from the tree here, keyed by something they own.
        """
        try:
            return cast("T", self._memo[key])
        except KeyError:
            value = self._memo[key] = build(self)
            return value

    @property
    def all_metrics(self) -> tuple[Metric, ...]:
        """Every metric in the tree, depth first."""
        return self._index.metrics

    @property
    def metric_ids(self) -> tuple[str, ...]:
        """Ids of every metric, depth first: the column order of evaluations."""
        return self._index.metric_ids

    @property
    def domain_ids(self) -> tuple[str, ...]:
        """Ids of every domain, depth first."""
        return self._index.domain_ids

    @property
    def groups(self) -> Mapping[str, tuple[str, ...]]:
        """Each parent's id (`ROOT` for the scorecard) and its children's ids."""
        return self._index.children

    def node(self, node_id: str) -> Node:
        """The domain or metric with this id."""
        try:
            return self._index.nodes[node_id]
        except KeyError:
            raise UnknownNodeError(self._unknown(node_id)) from None

    def metric(self, metric_id: str) -> Metric:
        """The metric with this id."""
        node = self.node(metric_id)
        if not isinstance(node, Metric):
            raise TreeError(f"{metric_id!r} is a domain, not a metric")
        return node

    def parent(self, node_id: str) -> str:
        """The id of the node's parent (`ROOT` for top-level nodes)."""
        try:
            return self._index.parents[node_id]
        except KeyError:
            raise UnknownNodeError(self._unknown(node_id)) from None

    def children(self, node_id: str) -> tuple[str, ...]:
        """The ids of a domain's (or `ROOT`'s) children; a metric has none."""
        if node_id not in self._index.children and node_id not in self._index.nodes:
            raise UnknownNodeError(self._unknown(node_id))
        return self._index.children.get(node_id, ())

    def path(self, node_id: str) -> tuple[str, ...]:
        """Ids from the top-level ancestor down to the node itself."""
        out = [node_id]
        while (p := self.parent(out[-1])) != ROOT:
            out.append(p)
        return tuple(reversed(out))

    def leaves(self, node_id: str) -> tuple[str, ...]:
        """Ids of the metrics at or below a node (all metrics for `ROOT`)."""
        try:
            return self._index.leaves[node_id]
        except KeyError:
            raise UnknownNodeError(self._unknown(node_id)) from None

    def columns(self, node_id: str) -> NDArray[np.intp]:
        """Positions in `metric_ids` of the metrics at or below a node (read-only)."""
        try:
            return self._index.columns[node_id]
        except KeyError:
            raise UnknownNodeError(self._unknown(node_id)) from None

    def _unknown(self, node_id: str) -> str:
        known = ", ".join(sorted(self._index.nodes))
        hint = suggest(node_id, self._index.nodes)
        return (
            f"no domain or metric {node_id!r} in scorecard {self.name!r}{hint}; known ids: {known}"
        )

    # -- weights --------------------------------------------------------------------------

    def check_weights(self, weights: Weights) -> Weights:
        """Weights for exactly this tree, each group summing to 1 (within `SUM_TOLERANCE`).

        Returns the weights with each group renormalised to sum to 1, or the same object when
        every group is within `RENORMALISE_BEYOND` of 1 (floating-point rounding only). That
        makes checking idempotent, so weights read back from a file evaluate bit for bit as
        they did when saved.
        """
        unknown = sorted(set(weights.local) - set(self._index.nodes))
        if unknown:
            named = ", ".join(f"{u!r}{suggest(u, self._index.nodes)}" for u in unknown)
            raise WeightError(f"weights name {named}, not in scorecard {self.name!r}")
        local = weights.local
        totals: dict[str, float] = {}
        for parent, ids in self._index.children.items():
            missing = [i for i in ids if i not in local]
            if missing:
                raise WeightError(
                    f"no weight for {', '.join(map(repr, missing))} (children of {parent!r}); "
                    "give every node a weight"
                )
            total = totals[parent] = math.fsum(local[i] for i in ids)
            if abs(total - 1.0) > SUM_TOLERANCE:
                percent = abs(total - 100.0) < 1e-6  # noqa: PLR2004
                hint = (
                    ". They add up to 100: if they are percentages, divide each by 100 (in "
                    "Python, weighting.Points normalises an allocation)"
                    if percent
                    else ". Use weighting.Points to normalise an allocation"
                )
                raise WeightError(
                    f"weights of the children of {parent!r} sum to {total:.6g}, not 1: "
                    + ", ".join(f"{i}={local[i]:g}" for i in ids)
                    + hint
                )
        if all(abs(t - 1.0) <= RENORMALISE_BEYOND for t in totals.values()):
            return weights  # rounding only: left alone, so checking is idempotent
        fixed = {
            i: local[i] / totals[parent]
            for parent, ids in self._index.children.items()
            for i in ids
        }
        return Weights(fixed, provenance=weights.provenance)

    def with_weights(self, weights: Weights | None) -> Scorecard:
        """A copy with these default weights."""
        return attrs.evolve(self, weights=weights)

    # -- evaluation and files ---------------------------------------------------------------

    def evaluate(
        self,
        table: PerformanceTable,
        *,
        weights: WeightSpec | None = None,
        aggregation: Aggregation | None = None,
    ) -> Evaluation:
        """Score and rank the table's providers; see `scorecard.evaluation.evaluate`."""
        from scorecard.evaluation import evaluate  # noqa: PLC0415

        return evaluate(self, table, weights=weights, aggregation=aggregation)

    @classmethod
    def from_json(cls, source: str | Path) -> Scorecard:
        """Read a scorecard from JSON text or a path to a JSON file."""
        from scorecard import io  # noqa: PLC0415

        return io.load(cls, source)

    def to_json(self, path: str | Path | None = None, *, indent: int = 2) -> str:
        """The scorecard as JSON text, also written to ``path`` when one is given."""
        from scorecard import io  # noqa: PLC0415

        return io.dump(self, path, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scorecard:
        """Build a scorecard from plain JSON-like data."""
        from scorecard import io  # noqa: PLC0415

        return io.structure(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as plain JSON-like data."""
        from scorecard import io  # noqa: PLC0415

        out: dict[str, Any] = io.unstructure(self)
        return out


@attrs.frozen
class _TreeIndex:
    nodes: Mapping[str, Node]
    parents: Mapping[str, str]
    children: Mapping[str, tuple[str, ...]]
    metrics: tuple[Metric, ...]
    metric_ids: tuple[str, ...]
    domain_ids: tuple[str, ...]
    leaves: Mapping[str, tuple[str, ...]]
    columns: Mapping[str, NDArray[np.intp]]

    @classmethod
    def of(cls, card: Scorecard) -> _TreeIndex:
        nodes: dict[str, Node] = {}
        parents: dict[str, str] = {}
        children: dict[str, tuple[str, ...]] = {ROOT: tuple(c.id for c in card.children_of_root)}
        for node, parent in card._walk_with_parents():  # noqa: SLF001
            nodes[node.id] = node
            parents[node.id] = parent
            if isinstance(node, Domain):
                children[node.id] = tuple(c.id for c in node.children)
        metrics = tuple(n for n in nodes.values() if isinstance(n, Metric))
        metric_ids = tuple(m.id for m in metrics)
        domains = tuple(n.id for n in nodes.values() if isinstance(n, Domain))
        leaves: dict[str, tuple[str, ...]] = {ROOT: metric_ids}
        for m in metric_ids:
            leaves[m] = (m,)
            ancestor = parents[m]
            while ancestor != ROOT:
                leaves[ancestor] = (*leaves.get(ancestor, ()), m)
                ancestor = parents[ancestor]
        position = {m: j for j, m in enumerate(metric_ids)}
        columns: dict[str, NDArray[np.intp]] = {}
        for node_id, ids in leaves.items():
            arr = np.array([position[m] for m in ids], dtype=np.intp)
            arr.flags.writeable = False
            columns[node_id] = arr
        return cls(nodes, parents, children, metrics, metric_ids, domains, leaves, columns)
