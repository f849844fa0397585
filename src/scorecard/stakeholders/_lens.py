"""Lenses: named stakeholder groups, their members, and each member's answers per node.

A member answers some of the groups of siblings of a scorecard (the root's domains, a domain's
metrics) with any subjective weighting scheme the package has (`Points`, a ranking,
`Swing`, `AHP`); nodes a member did not answer are left out of every combination and
reported. `elicit` turns a lens's answers into local weights, node by node: one row per member,
NaN where the member did not answer.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import InconsistentJudgementsWarning, StakeholderError, WeightError
from scorecard.tree import Scorecard
from scorecard.weighting import AHP, WeightingScheme
from scorecard.weighting._protocol import Group

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["CONSISTENT", "Elicited", "Lens", "Member", "elicit"]

CONSISTENT: Final = 0.1
"""Saaty's limit: an AHP answer with a higher consistency ratio is reported."""


def _answers(value: Mapping[str, WeightingScheme]) -> Mapping[str, WeightingScheme]:
    return dict(value)


def _weight(value: object) -> float:
    x = float(value)  # type: ignore[arg-type]
    if not np.isfinite(x) or x <= 0:
        raise StakeholderError(f"a member's weight must be a positive number, got {value!r}")
    return x


@attrs.frozen(eq=False)
class Member:
    """One person's answers: a weighting scheme per group node they answered (parent id).

    ``weight`` counts their voice when the lens is combined (default 1; relative only).
    """

    name: str
    answers: Mapping[str, WeightingScheme] = attrs.field(converter=_answers)
    weight: float = attrs.field(default=1.0, converter=_weight)


def _members(value: Sequence[Member]) -> tuple[Member, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class Lens:
    """A named stakeholder group (commissioners, people using services...) and its members."""

    name: str
    members: tuple[Member, ...] = attrs.field(converter=_members)

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise StakeholderError("a lens needs a name (the stakeholder group)")
        if not self.members:
            raise StakeholderError(f"lens {self.name!r} has no members")
        seen: set[str] = set()
        for member in self.members:
            if not member.name.strip():
                raise StakeholderError(f"lens {self.name!r}: a member has no name")
            if member.name in seen:
                raise StakeholderError(f"lens {self.name!r}: member {member.name!r} appears twice")
            seen.add(member.name)


@attrs.frozen(eq=False)
class Elicited:
    """A lens's answers as local weights: per group node, members x children (NaN: no answer).

    ``children[node]`` are the node's children in the card's order; ``local[node][i]`` is
    member i's local weights (summing to 1) or NaN where they did not answer ``node``.
    ``judgements[node][i]`` is member i's AHP matrix in that order (None if not AHP).
    """

    card: Scorecard
    lens: Lens
    children: Mapping[str, tuple[str, ...]]
    local: Mapping[str, FloatArray]
    judgements: Mapping[str, tuple[FloatArray | None, ...]]
    inconsistent: tuple[tuple[str, str, float], ...] = ()
    """(member, node, consistency ratio) for each AHP answer above Saaty's 0.1."""

    @property
    def members(self) -> tuple[str, ...]:
        """The members' names, in the lens's order."""
        return tuple(m.name for m in self.lens.members)

    def answered(self, node: str) -> NDArray[np.bool_]:
        """(members,) True where the member answered ``node``."""
        return np.asarray(np.isfinite(self.local[node]).all(axis=1), dtype=np.bool_)

    @property
    def missing(self) -> tuple[tuple[str, str], ...]:
        """(member, node) for every node a member did not answer, in the card's node order."""
        return tuple(
            (m, node)
            for node in self.local
            for m, ok in zip(self.members, self.answered(node).tolist(), strict=True)
            if not ok
        )


def _group(card: Scorecard, parent: str) -> Group:
    ids = card.groups[parent]
    return Group(parent, ids, tuple(card.node(c) for c in ids))


def _matrix(scheme: AHP, ids: tuple[str, ...]) -> FloatArray:
    """The AHP matrix reordered to ``ids``."""
    where = [scheme.ids.index(c) for c in ids]
    a = np.array(scheme.matrix, dtype=np.float64)
    return a[np.ix_(where, where)]


def elicit(card: Scorecard, lens: Lens) -> Elicited:
    """Every member's local weights at every group node of ``card`` (NaN where unanswered).

    Raises
    ------
    StakeholderError
        For an answer at a node that is not a group of ``card`` (naming the lens, member and
        node), a scheme that derives weights from the data (a person's answers must not),
        or an answer the scheme refuses (its message, with the lens, member and node).
    """
    children = dict(card.groups)
    k = len(lens.members)
    local = {node: np.full((k, len(ids)), np.nan) for node, ids in children.items()}
    judgements: dict[str, list[FloatArray | None]] = {n: [None] * k for n in children}
    inconsistent: list[tuple[str, str, float]] = []
    for i, member in enumerate(lens.members):
        where = f"lens {lens.name!r}, member {member.name!r}"
        for node, scheme in member.answers.items():
            if node not in children:
                kind = "a metric" if node in card.metric_ids else "not in the scorecard"
                raise StakeholderError(
                    f"{where}: answers node {node!r}, which is {kind}; answers weigh the "
                    f"children of one of {', '.join(map(repr, children))}"
                )
            if not isinstance(scheme, WeightingScheme) or scheme.needs_values:
                name = getattr(scheme, "name", type(scheme).__name__)
                raise StakeholderError(
                    f"{where}, node {node!r}: {name!r} is not a judgement a person gives "
                    "(use points, a ranking, swing or AHP)"
                )
            try:
                with warnings.catch_warnings():  # reported with the answers, not warned
                    warnings.simplefilter("ignore", InconsistentJudgementsWarning)
                    w = np.asarray(scheme.weigh(_group(card, node)), dtype=np.float64)
            except WeightError as exc:
                raise StakeholderError(f"{where}, node {node!r}: {exc}") from None
            local[node][i] = w
            if isinstance(scheme, AHP):
                judgements[node][i] = _matrix(scheme, children[node])
                if scheme.consistency_ratio > CONSISTENT:
                    inconsistent.append((member.name, node, float(scheme.consistency_ratio)))
    return Elicited(
        card,
        lens,
        {n: tuple(ids) for n, ids in children.items()},
        local,
        {n: tuple(v) for n, v in judgements.items()},
        tuple(inconsistent),
    )
