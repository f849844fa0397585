"""Resolve a weight specification (weights, one scheme, or a scheme per node) to local weights."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, TypeAlias

import numpy as np

from scorecard._arrays import FloatArray
from scorecard._memo import Recent
from scorecard._tolerances import ROUNDING
from scorecard._tree_weights import checked
from scorecard._weights import Provenance, Weights
from scorecard.errors import WeightError
from scorecard.tree import ROOT, Scorecard
from scorecard.weighting._equal import Equal
from scorecard.weighting._protocol import Group, WeightingScheme

if TYPE_CHECKING:
    from scorecard._table import PerformanceTable
    from scorecard._valuation import Valuation

__all__ = ["WeightSpec", "resolve"]

WeightSpec: TypeAlias = (
    Weights | WeightingScheme | Mapping[str, WeightingScheme] | Mapping[str, float]
)
"""What ``weights=`` accepts: `Weights`; one scheme for every group; a scheme per parent id
(groups not named are weighted equally); or a mapping of node id to local weight."""


def resolve(
    card: Scorecard, spec: WeightSpec | None, table: PerformanceTable | None = None
) -> Weights:
    """Local weights for every node of ``card``, from ``spec``.

    ``None`` means the scorecard's own weights, or equal weights if it has none. Objective
    schemes (``needs_values``) read ``table``; at a domain they see their children's scores
    (weighted means under the weights already resolved below them).

    Weights are checked once per weights object (`scorecard._tree_weights.checked`), and a
    scheme that does not read the data is applied once per scorecard: the results are kept
    (see `scorecard._memo.Recent`), so evaluating again under the same weights repeats neither.

    Examples
    --------
    >>> import scorecard as sc
    >>> card = sc.catalog.balanced()
    >>> w = resolve(card, sc.weighting.Equal())
    >>> w.provenance["root"].scheme, round(w["outcomes"], 6)
    ('equal', 0.166667)
    """
    if isinstance(spec, Weights):
        return checked(card, spec)[0]
    if spec is None or (_ours(spec) and not getattr(spec, "needs_values", True)):
        try:
            key = hash(spec), spec
        except TypeError:  # a scheme holding unhashable parameters: resolve it every time
            return _resolve(card, spec, table)
        return card.derived(_RESOLVED, _recent).get(key, _kept, card, spec, table)[1]
    return _resolve(card, spec, table)


def _kept(
    card: Scorecard, spec: WeightSpec | None, table: PerformanceTable | None
) -> tuple[object, Weights]:
    return spec, _resolve(card, spec, table)  # the spec is held with its result


def _ours(spec: object) -> bool:
    """One of scorecard's own schemes: frozen, so a result kept for it stays true."""
    return type(spec).__module__.startswith("scorecard.weighting.")


_RESOLVED: Final = "resolved weights"


def _recent(_card: Scorecard) -> Recent[tuple[object, Weights]]:
    return Recent(64)


def _resolve(card: Scorecard, spec: WeightSpec | None, table: PerformanceTable | None) -> Weights:
    if spec is None:
        return (
            card.check_weights(card.weights)
            if card.weights is not None
            else _by_scheme(card, {}, Equal(), table)
        )
    if isinstance(spec, Weights):
        return card.check_weights(spec)
    if isinstance(spec, WeightingScheme):
        return _by_scheme(card, {}, spec, table)
    if isinstance(spec, Mapping):
        entries = dict(spec)
        if entries and all(isinstance(v, int | float) for v in entries.values()):
            local = {str(k): float(v) for k, v in entries.items()}  # type: ignore[arg-type]
            return card.check_weights(Weights(local, provenance=_explicit(card)))
        schemes: dict[str, WeightingScheme] = {}
        for parent, scheme in entries.items():
            if not isinstance(scheme, WeightingScheme):
                raise WeightError(
                    f"weights for {parent!r} must be a weighting scheme (or give numbers for "
                    f"every node), got {type(scheme).__name__}"
                )
            if parent not in card.groups:
                kind = "a metric" if parent in card.metric_ids else "not in the scorecard"
                raise WeightError(
                    f"a weighting scheme is given for {parent!r}, which is {kind}; schemes "
                    f"weigh the children of {ROOT!r} or of a domain: "
                    f"{', '.join(card.groups)}"
                )
            schemes[parent] = scheme
        return _by_scheme(card, schemes, Equal(), table)
    raise WeightError(
        "weights must be Weights, a weighting scheme, or a mapping of node ids to schemes or "
        f"numbers; got {type(spec).__name__}"
    )


def _explicit(card: Scorecard) -> dict[str, Provenance]:
    return {parent: Provenance("explicit") for parent in card.groups}


def _by_scheme(
    card: Scorecard,
    schemes: Mapping[str, WeightingScheme],
    default: WeightingScheme,
    table: PerformanceTable | None,
) -> Weights:
    need = any(s.needs_values for s in (*schemes.values(), default))
    valuation = _valuation(card, table, schemes, default) if need else None
    local: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}

    def visit(parent: str) -> FloatArray | None:
        """Resolve the groups at and below ``parent``; return its scores (providers,) if needed."""
        ids = card.groups[parent]
        child_scores = [
            visit(c) if c in card.groups else _metric_column(card, valuation, c) for c in ids
        ]
        scheme = schemes.get(parent, default)
        values = None
        if valuation is not None:
            values = np.column_stack(child_scores)  # type: ignore[arg-type]
        group = Group(
            parent,
            ids,
            tuple(card.node(c) for c in ids),
            providers=valuation.providers if valuation is not None else (),
            values=values if scheme.needs_values else None,
        )
        w = _checked(scheme, group)
        local.update(zip(ids, w.tolist(), strict=True))
        provenance[parent] = Provenance(scheme.name, scheme.describe(group))
        if values is None:
            return None
        available = ~np.isnan(values)
        num = np.where(available, values, 0.0) @ w
        den = available.astype(np.float64) @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.nan)

    visit(ROOT)
    return card.check_weights(Weights(local, provenance=provenance))


def _valuation(
    card: Scorecard,
    table: PerformanceTable | None,
    schemes: Mapping[str, WeightingScheme],
    default: WeightingScheme,
) -> Valuation:
    if table is None:
        users = [s.name for s in (*schemes.values(), default) if s.needs_values]
        raise WeightError(
            f"weighting scheme(s) {', '.join(sorted(set(users)))} derive weights from the data: "
            "pass the performance table"
        )
    from scorecard._valuation import valuate  # noqa: PLC0415

    return valuate(card, table)


def _metric_column(card: Scorecard, valuation: Valuation | None, metric: str) -> FloatArray | None:
    if valuation is None:
        return None
    j = card.metric_ids.index(metric)
    col = valuation.values[:, j].copy()
    col[valuation.excluded[:, j]] = np.nan
    return col


def _checked(scheme: WeightingScheme, group: Group) -> FloatArray:
    w = np.asarray(scheme.weigh(group), dtype=np.float64)
    where = f"{scheme.name} weights for the children of {group.parent!r}"
    if w.shape != (len(group.ids),):
        raise WeightError(f"{where}: expected {len(group.ids)} weights, got shape {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise WeightError(f"{where} must be finite and non-negative, got {w.tolist()}")
    if abs(math.fsum(w.tolist()) - 1.0) > ROUNDING:
        raise WeightError(f"{where} sum to {float(w.sum())!r}, not 1")
    return w
