"""A scorecard of chosen catalogue metrics, under the balanced scorecard's domains.

`custom` keeps the balanced tree's domains that hold a chosen metric (and drops the rest), with
equal weights at every level; an unknown metric id is an error with a suggestion. The
command line's ``scorecard template`` writes it with an empty CSV to fill in.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from scorecard._text import suggest
from scorecard.catalog._all_metrics import metrics as catalogue
from scorecard.catalog._presets import balanced
from scorecard.errors import UnknownNodeError
from scorecard.tree import Domain, Scorecard

__all__ = ["custom"]


def _pruned(domain: Domain, keep: set[str]) -> Domain | None:
    domains = tuple(d for d in (_pruned(s, keep) for s in domain.domains) if d is not None)
    metrics = tuple(m for m in domain.metrics if m.id in keep)
    if not domains and not metrics:
        return None
    return attrs.evolve(domain, domains=domains, metrics=metrics)


def custom(metrics: Sequence[str], *, name: str = "My scorecard") -> Scorecard:
    """A scorecard of these catalogue metrics in their balanced-scorecard domains, equal weights.

    Examples
    --------
    >>> card = custom(["top_opiate_abstinent", "conn_informed", "staff_turnover"])
    >>> [d.id for d in card.domains]
    ['outcomes', 'connection', 'continuity']
    >>> card.metric_ids
    ('top_opiate_abstinent', 'conn_informed', 'staff_turnover')
    """
    known = catalogue()
    unknown = [m for m in metrics if m not in known]
    if unknown:
        named = ", ".join(f"{m!r}{suggest(m, known)}" for m in unknown)
        raise UnknownNodeError(f"not catalogue metric(s): {named}; see scorecard.catalog.metrics()")
    if not metrics:
        raise UnknownNodeError("choose at least one catalogue metric")
    keep = set(metrics)
    tree = balanced()
    domains = [d for d in (_pruned(d, keep) for d in tree.domains) if d is not None]
    return Scorecard(name, domains=domains, description=f"{len(keep)} catalogue metrics")
