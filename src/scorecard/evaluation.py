"""Evaluation: scores, ranks, domain scores and contributions of providers under one weighting."""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard.aggregation import Additive, Aggregation, Gated, Geometric
from scorecard.effective import effective_weights, relative_weights
from scorecard.errors import ScorecardError
from scorecard.ranking import ranks as competition_ranks
from scorecard.tree import ROOT, Scorecard
from scorecard.valuation import valuate
from scorecard.weights import Weights

if TYPE_CHECKING:
    from scorecard.comparison import Comparison
    from scorecard.table import PerformanceTable
    from scorecard.weighting import WeightSpec

__all__ = ["Evaluation", "evaluate"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


def _read_only(arr: NDArray[Any]) -> NDArray[Any]:
    arr.flags.writeable = False
    return arr


@attrs.frozen(eq=False, repr=False)
class Evaluation:
    """Every provider's values, scores and ranks under one scorecard, weighting and aggregation.

    Arrays are read-only. Rows follow ``providers``; columns follow ``metrics``
    (the scorecard's metric ids, depth first).

    Attributes
    ----------
    values : (N, M) values in [0, 1] after each metric's scale and policies.
    global_weights : (M,) each metric's global weight (product of local weights on its path).
    effective_weights : (N, M) global weights per provider, renormalised over excluded cells.
    scores : (N,) total scores in [0, 1].
    ranks : (N,) 1 = best; ties share the lowest rank; providers failing a gate rank last.
    contributions : (N, M) each metric's part of the score; rows sum to ``scores``.
    domain_scores : the score (N,) of every domain id, NaN where a provider has no value in it.
    clipped, imputed, excluded : (N, M) cells that the out-of-range or missing policies acted on.
    passed : (N,) False for providers failing a minimum level (`Gated`); all True otherwise.
    gate_failures : (N, G) which gate each provider fails, columns in ``gates`` order.
    """

    card: Scorecard
    table: PerformanceTable
    weights: Weights
    aggregation: Aggregation
    providers: tuple[str, ...]
    metrics: tuple[str, ...]
    raw: FloatArray
    values: FloatArray
    global_weights: FloatArray
    effective_weights: FloatArray
    scores: FloatArray
    ranks: IntArray
    contributions: FloatArray
    domain_scores: Mapping[str, FloatArray]
    clipped: BoolArray
    imputed: BoolArray
    excluded: BoolArray
    gates: tuple[str, ...]
    gate_failures: BoolArray

    @property
    def passed(self) -> BoolArray:
        """Providers that meet every minimum level."""
        return _read_only(np.asarray(~self.gate_failures.any(axis=1), dtype=np.bool_))

    @property
    def ranking(self) -> tuple[str, ...]:
        """Providers from best to worst (ties in table order)."""
        return tuple(self.providers[i] for i in np.argsort(self.ranks, kind="stable"))

    def index(self, provider: str) -> int:
        """Row of ``provider``."""
        try:
            return self.providers.index(provider)
        except ValueError:
            raise ScorecardError(f"no provider {provider!r} in this evaluation") from None

    def compare(self, baseline: Evaluation) -> Comparison:
        """Rank shifts and score changes from ``baseline`` to this evaluation."""
        from scorecard.comparison import compare  # noqa: PLC0415

        return compare(self, baseline)

    def to_columns(self, what: str = "scores") -> dict[str, list[Any]]:
        """Columns of ``scores`` (rank, score, domains, passed), ``values`` or ``contributions``."""
        order = np.argsort(self.ranks, kind="stable")
        out: dict[str, list[Any]] = {"provider": [self.providers[i] for i in order]}
        if what == "scores":
            out["rank"] = self.ranks[order].tolist()
            out["score"] = self.scores[order].tolist()
            for d in self.card.domain_ids:
                out[d] = self.domain_scores[d][order].tolist()
            if self.gates:
                out["passed"] = self.passed[order].tolist()
        elif what in ("values", "contributions"):
            matrix = self.values if what == "values" else self.contributions
            for j, m in enumerate(self.metrics):
                out[m] = matrix[order, j].tolist()
        else:
            raise ValueError(f"what must be 'scores', 'values' or 'contributions', got {what!r}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data: the weighting used, then each provider best first.

        Each provider entry has its rank, score, domain scores (None where it has no value),
        contributions by metric, gate results, and the cells the policies acted on.
        """
        order = np.argsort(self.ranks, kind="stable")
        providers = []
        for i in order.tolist():
            entry: dict[str, Any] = {
                "provider": self.providers[i],
                "rank": int(self.ranks[i]),
                "score": float(self.scores[i]),
                "domains": {
                    d: None if np.isnan(s[i]) else float(s[i])
                    for d, s in self.domain_scores.items()
                },
                "contributions": dict(
                    zip(self.metrics, self.contributions[i].tolist(), strict=True)
                ),
            }
            if self.gates:
                entry["passed"] = bool(self.passed[i])
                entry["fails"] = [
                    g for g, f in zip(self.gates, self.gate_failures[i], strict=True) if f
                ]
            for flag in ("clipped", "imputed", "excluded"):
                cells = [m for m, f in zip(self.metrics, getattr(self, flag)[i], strict=True) if f]
                if cells:
                    entry[flag] = cells
            providers.append(entry)
        return {
            "scorecard": self.card.name,
            "aggregation": self.aggregation.kind,
            "global_weights": dict(zip(self.metrics, self.global_weights.tolist(), strict=True)),
            "local_weights": dict(self.weights.local),
            "data_fingerprint": self.table.fingerprint(),
            "providers": providers,
        }

    def to_frame(self, backend: str = "pandas", *, what: str = "scores") -> Any:
        """A dataframe (pandas, polars or pyarrow) of ``to_columns(what)``, best provider first."""
        from scorecard.frames import frame_of  # noqa: PLC0415

        return frame_of(self.to_columns(what), backend)

    def __repr__(self) -> str:
        """The ranking, with scores and top-level domain scores, as a small text table."""
        from scorecard.text import evaluation_table  # noqa: PLC0415

        return evaluation_table(self)


def _domain_score(
    aggregation: Aggregation, values: FloatArray, card: Scorecard, domain: str, rel: FloatArray
) -> FloatArray:
    s = aggregation.scores(values[:, card.columns(domain)], rel[None])[0]
    return _read_only(np.where(rel.sum(axis=1) > 0, s, np.nan))


def evaluate(
    card: Scorecard,
    table: PerformanceTable,
    *,
    weights: WeightSpec | None = None,
    aggregation: Aggregation | None = None,
) -> Evaluation:
    """Evaluate the table's providers on the scorecard.

    Parameters
    ----------
    card : the scorecard; its metrics must all be columns of ``table`` (extra columns are
        ignored, so one table can serve several scorecards).
    table : raw performances in natural units.
    weights : `Weights`, a weighting scheme applied at every group, or a mapping of parent ids
        to schemes; None uses the scorecard's own weights, or equal weights.
    aggregation : `Additive` (default), `Geometric` or `Gated`.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.evaluate(sc.catalog.balanced(), sc.datasets.example())
    >>> ev.ranks.min(), len(ev.providers)
    (np.int64(1), 16)
    """
    aggregation = Additive() if aggregation is None else aggregation
    if not isinstance(aggregation, Additive | Geometric | Gated | Aggregation):
        raise ScorecardError(
            f"aggregation must be Additive, Geometric or Gated, got {type(aggregation).__name__}"
        )
    valuation = valuate(card, table)
    local = card.resolve_weights(weights, table)
    values = valuation.values
    domains = card.domain_ids
    if valuation.excluded.any():
        relative = effective_weights(card, local, valuation.excluded, table.providers)
        effective = relative[ROOT]
        scores = aggregation.scores(values, effective[None])[0]
        domain_scores = {
            d: _domain_score(aggregation, values, card, d, relative[d]) for d in domains
        }
        global_weights = relative_weights(card, local)[0]
    else:
        # No exclusions: every provider shares the weights, so the total and every domain's
        # score come from one batched call, one weight row per node.
        rows = relative_weights(card, local)
        global_weights = rows[0]
        all_scores = aggregation.scores(values, rows)
        scores = all_scores[0]
        domain_scores = {d: _read_only(all_scores[k]) for k, d in enumerate(domains, start=1)}
        effective = np.broadcast_to(global_weights, values.shape)
    if isinstance(aggregation, Gated):
        gates = tuple(aggregation.minimums)
        failures = aggregation.failures(card, table)
    else:
        gates = ()
        failures = np.zeros((len(table.providers), 0), dtype=np.bool_)
    demoted = np.asarray(failures.any(axis=1), dtype=np.bool_) if gates else None
    ranks = competition_ranks(scores, demoted=demoted)
    return Evaluation(
        card=card,
        table=table,
        weights=local,
        aggregation=aggregation,
        providers=table.providers,
        metrics=card.metric_ids,
        raw=_read_only(valuation.raw),
        values=_read_only(values),
        global_weights=_read_only(global_weights),
        effective_weights=_read_only(effective),
        scores=_read_only(scores),
        ranks=_read_only(ranks),
        contributions=_read_only(aggregation.contributions(values, effective, scores)),
        domain_scores=types.MappingProxyType(domain_scores),
        clipped=_read_only(valuation.clipped),
        imputed=_read_only(valuation.imputed),
        excluded=_read_only(valuation.excluded),
        gates=gates,
        gate_failures=_read_only(failures),
    )
