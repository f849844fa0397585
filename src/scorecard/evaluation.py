"""Evaluation: scores, ranks, domain scores and contributions of providers under one weighting.

Values are fixed while weights move: an evaluation holds the table's valuation, and
`Evaluation.rescore` (new weights) and `Evaluation.batch_scores` (many weightings at once, for
sweeps, thresholds and SMAA) reuse it. Scores and ranks are computed when an evaluation is
made; domain scores, contributions, effective weights and gates when first read, then kept.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, overload

import attrs
import numpy as np

from scorecard import _tree_weights as tw
from scorecard._acted import PolicyCell, acted_on
from scorecard._arrays import BoolArray, FloatArray, IntArray, read_only
from scorecard._kept import kept
from scorecard._ranking import ranks as competition_ranks
from scorecard._table import PerformanceTable
from scorecard._text import format_table, score_text
from scorecard._valuation import Valuation, valuate
from scorecard._weights import Weights
from scorecard.aggregation import Additive, Aggregation, Gated, Geometric
from scorecard.errors import InvalidArgumentError, ScorecardError, UnknownProviderError
from scorecard.tree import ROOT, Scorecard
from scorecard.weighting._resolve import WeightSpec, resolve

if TYPE_CHECKING:
    from scorecard._comparison import Comparison
    from scorecard._framed import ArrowTable, PandasFrame, PolarsFrame
    from scorecard._frames import Backend

__all__ = ["CHUNK", "Evaluation", "PolicyCell", "Unscored", "evaluate"]

Unscored = Literal["raise", "nan"]
"""What `Evaluation.batch_scores` does with a provider that has nothing weighted."""

CHUNK: Final = 512
"""Weight vectors scored per batch when each provider needs its own weights (bounded memory)."""


@attrs.frozen(eq=False, repr=False)
class Evaluation:
    """Every provider's values, scores and ranks under one scorecard, weighting and aggregation.

    Arrays are read-only. Rows follow ``providers``; columns follow ``metrics``
    (the scorecard's metric ids, depth first). Make one with `evaluate` or `Scorecard.evaluate`.

    Attributes
    ----------
    values
        (N, M) values in [0, 1] after each metric's scale and policies.
    global_weights
        (M,) each metric's global weight (product of local weights on its path).
    effective_weights
        (N, M) global weights per provider, renormalised over excluded cells.
    scores
        (N,) total scores in [0, 1].
    ranks
        (N,) 1 = best; ties share the lowest rank; providers failing a gate rank last.
    contributions
        (N, M) each metric's part of the score; rows sum to ``scores``.
    domain_scores
        The score (N,) of every domain id, NaN where a provider has no value in it.
    clipped, imputed, excluded
        (N, M) cells that the out-of-range or missing policies acted on.
    passed
        (N,) False for providers failing a minimum level (`Gated`); all True otherwise.
    gate_failures
        (N, G) which gate each provider fails, columns in ``gates`` order.
    """

    card: Scorecard
    table: PerformanceTable
    weights: Weights
    aggregation: Aggregation
    valuation: Valuation
    """The values and the cells the policies acted on: fixed while the weights move."""
    scores: FloatArray
    _kept: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def values(self) -> FloatArray:
        """(N, M) values in [0, 1] after each metric's scale and policies."""
        return self.valuation.values

    @property
    def providers(self) -> tuple[str, ...]:
        """The providers, in table order: the rows of every array."""
        return self.table.providers

    @property
    def metrics(self) -> tuple[str, ...]:
        """The scorecard's metric ids, depth first: the columns of every (N, M) array."""
        return self.card.metric_ids

    @property
    def raw(self) -> FloatArray:
        """(N, M) raw performances in natural units, in ``metrics`` order."""
        return self.valuation.raw

    @property
    def clipped(self) -> BoolArray:
        """(N, M) cells outside their scale, clipped to it."""
        return self.valuation.clipped

    @property
    def imputed(self) -> BoolArray:
        """(N, M) missing cells valued as the worst."""
        return self.valuation.imputed

    @property
    def excluded(self) -> BoolArray:
        """(N, M) missing cells left out, their weight shared among their siblings."""
        return self.valuation.excluded

    @kept
    def policy_cells(self) -> tuple[PolicyCell, ...]:
        """Every cell a policy clipped, imputed or excluded: provider, metric, raw value, bound."""
        return acted_on(self.valuation, self.card.all_metrics)

    @property
    def partial(self) -> bool:
        """Whether any cell is excluded, so that providers need weights of their own."""
        return self.valuation.partial

    # -- derived when first read ------------------------------------------------------------

    @kept
    def _relative(self) -> FloatArray:
        """Rows `ROOT`, then each domain: metric weights relative to that node (shared weights)."""
        return tw.relative_weights(self.card, self.weights)

    @kept
    def _effective(self) -> Mapping[str, FloatArray]:
        """Each provider's weights below every group, renormalised over excluded cells."""
        return tw.effective_weights(self.card, self.weights, self.excluded, self.providers)

    @kept
    def global_weights(self) -> FloatArray:
        """(M,) each metric's global weight."""
        return read_only(self._relative[0].copy())

    @kept
    def effective_weights(self) -> FloatArray:
        """(N, M) each provider's global weights, renormalised over its excluded cells."""
        shared = np.broadcast_to(self.global_weights, self.values.shape)
        if not self.partial:
            return read_only(shared)
        # As the scores were made: own weights for providers with an excluded cell only.
        rows = np.flatnonzero(self.excluded.any(axis=1))
        local = tw.local_vector(self.card, self.weights)[None]
        out = shared.copy()
        out[rows] = tw.effective_global(self.card, local, self.excluded[rows])[0]
        return read_only(out)

    @kept
    def domain_scores(self) -> Mapping[str, FloatArray]:
        """The score (N,) of every domain id, NaN where a provider has no value in it."""
        card, agg, values = self.card, self.aggregation, self.values
        if self.partial:
            out = {}
            for d in card.domain_ids:
                rel = self._effective[d]
                s = agg.scores(values[:, card.columns(d)], rel[None])[0]
                out[d] = read_only(np.where(rel.sum(axis=1) > 0, s, np.nan))
        else:
            # Every provider shares the weights: every domain's score in one batched call.
            rows = agg.scores(values, self._relative[1:])
            out = {d: read_only(rows[k]) for k, d in enumerate(card.domain_ids)}
        return types.MappingProxyType(out)

    @kept
    def contributions(self) -> FloatArray:
        """(N, M) each metric's part of the score; rows sum to ``scores``."""
        return read_only(
            self.aggregation.contributions(self.values, self.effective_weights, self.scores)
        )

    @property
    def gates(self) -> tuple[str, ...]:
        """The gated metrics and columns, in order (none unless the aggregation is `Gated`)."""
        agg = self.aggregation
        return agg.gates if isinstance(agg, Gated) else ()

    @kept
    def gate_failures(self) -> BoolArray:
        """(N, G) which gate each provider fails, columns in ``gates`` order."""
        agg = self.aggregation
        if isinstance(agg, Gated):
            return read_only(agg.failures(self.card, self.table))
        return read_only(np.zeros((len(self.providers), 0), dtype=np.bool_))

    @kept
    def passed(self) -> BoolArray:
        """Providers that meet every minimum level."""
        return read_only(np.asarray(~self.gate_failures.any(axis=1), dtype=np.bool_))

    @property
    def demoted(self) -> BoolArray | None:
        """Providers ranked after the rest for failing a gate; None without gates."""
        return ~self.passed if self.gates else None

    @kept
    def ranks(self) -> IntArray:
        """(N,) 1 = best; ties share the lowest rank; providers failing a gate rank last."""
        return read_only(competition_ranks(self.scores, demoted=self.demoted))

    @property
    def ranking(self) -> tuple[str, ...]:
        """Providers from best to worst (ties in table order)."""
        return tuple(self.providers[i] for i in np.argsort(self.ranks, kind="stable"))

    @kept
    def _rows(self) -> Mapping[str, int]:
        return {p: i for i, p in enumerate(self.providers)}

    def index(self, provider: str) -> int:
        """Row of ``provider``."""
        try:
            return self._rows[provider]
        except KeyError:
            raise UnknownProviderError(f"no provider {provider!r} in this evaluation") from None

    # -- other weightings of the same values --------------------------------------------------

    def rescore(self, weights: WeightSpec | None) -> Evaluation:
        """The same values under other weights (anything `evaluate` accepts as ``weights``).

        Valuation is not repeated: this is what a weight slider calls.

        Examples
        --------
        >>> import scorecard as sc
        >>> ev = sc.evaluate(sc.catalog.balanced(), sc.datasets.example())
        >>> equal = ev.rescore(sc.weighting.Equal())
        >>> again = ev.card.evaluate(ev.table, weights=sc.weighting.Equal())
        >>> bool((equal.scores == again.scores).all())
        True
        """
        card = self.card
        if isinstance(weights, Weights):  # as `resolve` would, keeping the global weights
            local, g = tw.checked(card, weights)
            return _scored(card, self.table, self.valuation, self.aggregation, local, g=g)
        local = resolve(card, weights, self.table)
        return _scored(card, self.table, self.valuation, self.aggregation, local)

    def batch_scores(
        self,
        local: FloatArray,
        *,
        values: FloatArray | None = None,
        block: int = 0,
        unscored: Unscored = "raise",
    ) -> FloatArray:
        """Scores (K, N) under K local-weight vectors (K, nodes), in `node_order`.

        ``values`` (K, N, M), when given, are K draws of the values, the k-th scored under the
        k-th weights. With ``block``, shared values and additive aggregation are scored by
        products on blocks of exactly ``block`` rows, so a row's score never depends on how
        many rows were scored with it (SMAA's chunks). Providers with excluded cells get
        their own weights, in chunks of `CHUNK` weight vectors to bound the memory.

        A provider whose every weighted value is excluded under some weighting cannot be
        scored there: ``unscored="raise"`` (default) raises `MissingValueError` naming it;
        ``"nan"`` gives NaN there (what weight sweeps report at the end where it drops out).
        """
        if unscored not in ("raise", "nan"):
            raise InvalidArgumentError(f"unscored must be 'raise' or 'nan', got {unscored!r}")
        return _batch(
            self.card,
            self.valuation,
            self.aggregation,
            local,
            values=values,
            block=block,
            unscored=unscored,
        )

    # -- comparisons and output ---------------------------------------------------------------

    def compare(self, baseline: Evaluation) -> Comparison:
        """Rank shifts and score changes from ``baseline`` to this evaluation."""
        from scorecard._comparison import compare  # noqa: PLC0415

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
            raise InvalidArgumentError(
                f"what must be 'scores', 'values' or 'contributions', got {what!r}"
            )
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
            "data_source": self.table.source,
            "providers": providers,
            "policy_cells": [cell.to_dict() for cell in self.policy_cells],
        }

    def to_excel(self, path: str | Path, *, baseline: Evaluation | None = None) -> Path:
        """Write the evaluation as an .xlsx workbook (the ``excel`` extra); return the path.

        Sheets: scores, contributions, the ranks against ``baseline`` (when given), weights,
        and the cells the policies acted on (`scorecard._workbook`).
        """
        from scorecard._workbook import write_workbook  # noqa: PLC0415 - openpyxl on use

        return write_workbook(self, path, baseline)

    @overload
    def to_frame(self, backend: Literal["pandas"], *, what: str = ...) -> PandasFrame: ...
    @overload
    def to_frame(self, backend: Literal["polars"], *, what: str = ...) -> PolarsFrame: ...
    @overload
    def to_frame(self, backend: Literal["pyarrow"], *, what: str = ...) -> ArrowTable: ...
    @overload
    def to_frame(self, backend: None = None, *, what: str = ...) -> Any: ...
    def to_frame(self, backend: Backend | None = None, *, what: str = "scores") -> Any:
        """A dataframe of ``backend`` ("pandas", "polars" or "pyarrow") of ``to_columns(what)``.

        With no backend, the first of those installed (pandas first); none installed is an
        error that names the extras (``commissioning-scorecard[pandas]``, ...).
        """
        from scorecard._frames import frame_of  # noqa: PLC0415

        return frame_of(self.to_columns(what), backend)

    def __repr__(self) -> str:
        """The ranking, with scores and top-level domain scores, as a small text table."""
        title, headers, rows, note = self._ranking_parts()
        return f"{title}\n{format_table(headers, rows)}" + (f"\n({note})" if note else "")

    def _repr_html_(self) -> str:
        """The ranking as an HTML table in a notebook (the first rows, then how many more)."""
        from scorecard._html import html_table  # noqa: PLC0415

        return html_table(*self._ranking_parts())

    def _ranking_parts(self) -> tuple[str, list[str], list[list[str]], str]:
        """Title, headers, rows (best first) and a note of the cells policies acted on."""
        top = [c for c in self.card.groups[ROOT] if c in self.domain_scores]
        headers = ["rank", "provider", "score", *top]
        if self.gates:
            headers.append("gates")
        rows = []
        for i in np.argsort(self.ranks, kind="stable"):
            row = [str(self.ranks[i]), self.providers[i], f"{self.scores[i]:.3f}"]
            row += [score_text(self.domain_scores[d][i]) for d in top]
            if self.gates:
                failed = [g for g, f in zip(self.gates, self.gate_failures[i], strict=True) if f]
                row.append("fails " + ", ".join(failed) if failed else "pass")
            rows.append(row)
        flags = []
        for name in ("clipped", "imputed", "excluded"):
            count = int(getattr(self, name).sum())
            if count:
                flags.append(f"{count} cell(s) {name}")
        title = (
            f"{self.card.name}: {len(self.providers)} providers, "
            f"{self.aggregation.kind} aggregation"
        )
        return title, headers, rows, "; ".join(flags)


def _scored(
    card: Scorecard,
    table: PerformanceTable,
    valuation: Valuation,
    aggregation: Aggregation,
    weights: Weights,
    *,
    g: FloatArray | None = None,
) -> Evaluation:
    """An evaluation of a valuation under checked weights: scores and ranks now, the rest when read.

    ``g``, when given, is the weights' global weights. Ranks are wanted by nearly every reader
    (the text, the explorer, comparisons), so they are made with the scores, unless gates must
    be checked first (`Gated`: then on first read).
    """
    values = valuation.values
    if valuation.partial:
        local = tw.local_vector(card, weights)[None]
        scores = _batch(card, valuation, aggregation, local)[0]
    else:
        g = tw.global_vector(card, weights) if g is None else g
        if type(aggregation) is Additive:  # the common case: one matrix-vector product
            scores = values @ g
        else:
            scores = aggregation.scores(values, g[None])[0]
    scores.setflags(write=False)
    out = Evaluation(card, table, weights, aggregation, valuation, scores)
    if not isinstance(aggregation, Gated):
        ranks = competition_ranks(scores)
        ranks.setflags(write=False)
        out._kept["ranks"] = ranks  # noqa: SLF001 - the same value `ranks` would compute
    return out


def _batch(
    card: Scorecard,
    valuation: Valuation,
    aggregation: Aggregation,
    local: FloatArray,
    *,
    values: FloatArray | None = None,
    block: int = 0,
    unscored: Unscored = "raise",
) -> FloatArray:
    """Scores (K, N) of a valuation under K local-weight vectors: see `Evaluation.batch_scores`.

    Providers with an excluded cell get weights of their own (renormalised over what they
    have), in chunks of `CHUNK` weightings; every other provider shares the global weights.
    """
    g = tw.global_many(card, local)
    if values is not None:
        out = aggregation.paired_scores(values, g)
    elif not block or not isinstance(aggregation, Additive):
        out = aggregation.scores(valuation.values, g)
    else:
        k = -(-g.shape[0] // block)
        padded = g if g.shape[0] == k * block else np.zeros((k * block, g.shape[1]))
        if padded is not g:
            padded[: g.shape[0]] = g
        products = np.matmul(padded.reshape(k, block, -1), valuation.values.T)
        out = np.asarray(products.reshape(k * block, -1)[: g.shape[0]], dtype=np.float64)
    if valuation.partial:
        _renormalised(
            card, valuation, aggregation, local, out, values=values, block=block, unscored=unscored
        )
    return out


def _renormalised(
    card: Scorecard,
    valuation: Valuation,
    aggregation: Aggregation,
    local: FloatArray,
    out: FloatArray,
    *,
    values: FloatArray | None,
    block: int = 0,
    unscored: Unscored = "raise",
) -> None:
    """Score again, into ``out`` (K, N), the providers with excluded cells, on their own weights.

    Additive and geometric scores under positive weights go group by group (`_by_groups`);
    anything else through each provider's effective weights. A provider with nothing weighted
    under a weighting raises, or gets NaN there under ``unscored="nan"``.
    """
    rows = np.flatnonzero(valuation.excluded.any(axis=1))
    excluded = valuation.excluded[rows]
    providers = tuple(valuation.providers[i] for i in rows.tolist())
    mine = valuation.values[rows]
    base = aggregation.base if isinstance(aggregation, Gated) else aggregation
    if (
        values is None
        and isinstance(base, Additive | Geometric)
        and type(base) in {Additive, Geometric}  # not a subclass that scores otherwise
        and bool(np.all(local >= _SMALLEST_SHARED))
    ):
        scored = _by_groups(card, local, excluded, mine, base, piece=block or CHUNK)
        if scored is not None:
            out[:, rows] = scored
            return
        if unscored == "raise":
            tw.effective_many(card, local[:1], excluded, providers)  # someone has nothing: who
    for start in range(0, local.shape[0], CHUNK):
        stop = start + CHUNK
        weights = tw.effective_global(card, local[start:stop], excluded)
        weighted = weights.any(axis=2)
        if unscored == "raise" and not weighted.all():  # nothing weighted: say who
            tw.effective_many(card, local[start:stop], excluded, providers)
        scored = (
            aggregation.paired_scores(values[start:stop][:, rows], weights)
            if values is not None
            else aggregation.scores(mine, weights)
        )
        if not weighted.all():  # only under unscored="nan": nothing weighted, no score
            scored = np.where(weighted, scored, np.nan)
        out[start:stop, rows] = scored


_SMALLEST_SHARED: Final = 1e-150
"""Below this, a weight times a score can underflow, and ``sum(w A) / sum(w)`` loses the score
(5e-324 x 0.5 is 0): such weightings take the effective weights, which divide first."""


def _by_groups(
    card: Scorecard,
    local: FloatArray,
    excluded: BoolArray,
    values: FloatArray,
    base: Additive | Geometric,
    *,
    piece: int,
) -> FloatArray | None:
    """Scores (K, P) of providers with excluded cells, the tree's groups bottom up.

    With every weight positive, which nodes carry weight for a provider does not depend on the
    weights, so each group's score is ``sum(w_c A_c) / sum(w_c have_c)`` over its children
    (``A``: a child's score, a metric's value or log-value; ``have``: whether the child
    carries weight): two small matrix products per group for all K weightings at once, in
    pieces of ``piece`` rows padded to full size, so a row's score never depends on the rows
    scored with it. None if a provider has nothing weighted at all.
    """
    a = tw.ancestry(card)
    present = ~excluded
    have = tw.availability(card, local[:1], excluded)[:, 0, :]  # the same for every weighting
    if not np.all(have[a.children[ROOT]].max(axis=0) > 0):
        return None
    leaf, hit = _leaf_terms(a, present, values, base)
    k = local.shape[0]
    out = np.empty((k, present.shape[0]))
    for start in range(0, k, piece):
        w = local[start : start + piece]
        rows = w.shape[0]
        if rows < piece:  # pad with copies of the first row: the same shapes every time
            w = np.concatenate([w, np.repeat(w[:1], piece - rows, axis=0)])
        scores: dict[str, FloatArray] = {}
        for group in a.groups_bottom_up:
            kids = a.children[group]
            num = w[:, kids] @ leaf[kids]
            for c in card.groups[group]:
                if c in scores:
                    num += w[:, a.position[c], None] * scores.pop(c)
            total = w[:, kids] @ have[kids]
            scores[group] = np.divide(num, total, out=np.zeros_like(num), where=total > 0)
        out[start : start + rows] = scores[ROOT][:rows]
    if isinstance(base, Geometric):
        out = np.where(hit[None, :], 0.0, np.exp(out))
    return out


def _leaf_terms(
    a: tw.Ancestry, present: BoolArray, values: FloatArray, base: Additive | Geometric
) -> tuple[FloatArray, BoolArray]:
    """What each metric adds up (nodes, P): its value, or log-value for a geometric mean.

    Also which providers score 0 outright (a geometric mean with a weighted value of 0).
    """
    terms = np.where(present, values, 0.0)
    hit = np.zeros(present.shape[0], dtype=np.bool_)
    if isinstance(base, Geometric):
        floored = np.maximum(values, base.floor)
        zero = present & (floored <= 0.0)
        hit = np.asarray(zero.any(axis=1), dtype=np.bool_)
        terms = np.log(np.where(present & ~zero, floored, 1.0))
    leaf = np.zeros((len(a.nodes), present.shape[0]))
    leaf[a.metric_positions] = terms.T
    return leaf, hit


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
    card
        The scorecard; its metrics must all be columns of ``table`` (extra columns are
        ignored, so one table can serve several scorecards).
    table
        Raw performances in natural units.
    weights
        `Weights`, a weighting scheme applied at every group, or a mapping of parent ids
        to schemes; None uses the scorecard's own weights, or equal weights.
    aggregation
        `Additive` (default), `Geometric` or `Gated`.

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
    return _scored(card, table, valuation, aggregation, resolve(card, weights, table))
