"""SMAA-2: how often each provider takes each rank over all plausible weightings.

Stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001, "SMAA-2: stochastic
multicriteria acceptability analysis for group decision making", Operations Research 49(3))
samples weights consistent with what is known (per node of the value tree, see
`scorecard.sensitivity._preferences`) and, optionally, plausible true values of uncertain cells
(`scorecard.sensitivity._uncertainty`), ranks the providers under each sample and reports:

* rank acceptability ``b[i, r]``: the share of samples in which provider i takes rank r + 1;
* central weights: the mean global weights of the samples in which provider i is first;
* confidence factors: how often provider i is first when scored with its central weights
  (0 or 1 without performance uncertainty);
* pairwise winning indices ``c[i, k]``: the share of samples in which i ranks above k;
* holistic acceptability ``sum_r alpha_r b[i, r]`` with meta-weights ``alpha``.

Samples are made in blocks of `BLOCK`; block ``b`` draws from its own random stream seeded by
``(seed, b)``, and every count is an exact integer sum, so a seed gives identical results
whatever the chunk size. Memory is bounded by the chunk size, not by the number of samples.
"""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray, IntArray
from scorecard._framed import Framed
from scorecard._ranking import ranks
from scorecard._text import isolate
from scorecard._tree_weights import global_many, local_from_global, local_vector, node_order
from scorecard._validation import check_count, check_seed
from scorecard.errors import InvalidArgumentError, WeightError
from scorecard.sensitivity._ordering import rank_rows, ranks_from, sorted_providers
from scorecard.sensitivity._preferences import (
    Around,
    Fixed,
    Knowledge,
    Uniform,
    check,
    sample_local,
)
from scorecard.sensitivity._uncertainty import PerformanceDraws, performance_draws
from scorecard.tree import ROOT, Scorecard

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["BLOCK", "Acceptability", "meta_weights", "sample_weights", "smaa"]

MetaWeights = Literal["centroid", "linear", "inverse", "elitist"]
Progress = Callable[[int, int], None]

BLOCK: Final = 1000
"""Samples per random stream; chunks are whole numbers of blocks."""
_CHUNK_BYTES: Final = 12 * 2**20
"""Target size of the largest per-chunk array when ``chunk_size`` is not given: small enough
to stay in cache (2,000 samples for 150 providers measured fastest)."""
_PAIR_BYTES: Final = 4 * 2**20
_MAX_WORKERS: Final = 8
"""Size of the comparison buffer for pairwise winning indices."""


def meta_weights(n: int, kind: MetaWeights = "centroid") -> FloatArray:
    """SMAA-2 meta-weights ``alpha_r`` for ranks 1..n: non-increasing, ``alpha_1 = 1``.

    ``centroid``: ``sum(1/k for k in r..n)`` scaled to start at 1 (rank-order-centroid weights
    of the ranks); ``linear``: ``(n - r) / (n - 1)``; ``inverse``: ``1 / r``; ``elitist``: 1 for
    the first rank only.

    Examples
    --------
    >>> meta_weights(4).round(3).tolist()
    [1.0, 0.52, 0.28, 0.12]
    """
    r = np.arange(1, n + 1, dtype=np.float64)
    if kind == "centroid":
        tail = np.cumsum((1.0 / r)[::-1])[::-1]
        return np.asarray(tail / tail[0], dtype=np.float64)
    if kind == "linear":
        return np.ones(1) if n == 1 else (n - r) / (n - 1)
    if kind == "inverse":
        return 1.0 / r
    if kind == "elitist":
        return np.asarray(r == 1, dtype=np.float64)
    raise InvalidArgumentError(
        f"meta-weights are 'centroid', 'linear', 'inverse' or 'elitist'; got {kind!r}"
    )


@attrs.frozen(eq=False)
class Acceptability(Framed):
    """SMAA-2 results for one evaluation; arrays are indexed by ``providers`` and ``metrics``.

    ``rank_acceptability[i, r]`` is the share of samples in which provider i takes rank r + 1
    (ties share the better rank, so with ties a column may sum to more or less than 1; rows
    always sum to 1). ``central_weights[i]`` (global, over ``metrics``) and
    ``central_local[i]`` (the local weights, over ``nodes``, that multiply out to it) are NaN
    for a provider that is never first;
    so is its ``confidence``. ``pairwise`` is None when not requested.
    """

    providers: tuple[str, ...]
    metrics: tuple[str, ...]
    nodes: tuple[str, ...]
    samples: int
    seed: int
    knowledge: Mapping[str, Knowledge]
    rank_acceptability: FloatArray
    central_weights: FloatArray
    central_local: FloatArray
    confidence: FloatArray
    pairwise: FloatArray | None
    holistic: FloatArray
    meta_weights: FloatArray
    ties: int
    uncertain: tuple[str, ...]
    fixed: tuple[str, ...]

    @property
    def first(self) -> FloatArray:
        """Each provider's first-rank acceptability."""
        return self.rank_acceptability[:, 0]

    @property
    def standard_errors(self) -> FloatArray:
        """Monte-Carlo standard errors of ``rank_acceptability``: ``sqrt(b (1 - b) / n)``."""
        b = self.rank_acceptability
        return np.sqrt(b * (1.0 - b) / self.samples)

    def summary(self, top: int = 3) -> str:
        """A sentence or two: who is first how often, e.g. "C is first in 62% of ..."."""
        order = np.argsort(-self.first, kind="stable")[:top]
        shown = [i for i in order.tolist() if self.first[i] > 0]
        parts = [f"{isolate(self.providers[i])} in {_percent(self.first[i])}" for i in shown]
        head = (
            f"{isolate(self.providers[shown[0]])} is first in {_percent(self.first[shown[0]])} of "
            f"{self.samples:,} plausible weightings"
        )
        text = head + ("; " + "; ".join(parts[1:]) if len(parts) > 1 else "") + "."
        rest = int((self.first == 0).sum())
        if rest:
            text += f" {rest} of {len(self.providers)} providers are never first."
        if self.uncertain:
            text += f" Values of {len(self.uncertain)} metrics were drawn from their uncertainty."
        return text

    def to_columns(self) -> dict[str, list[Any]]:
        """Long format: one row per (provider, rank) with its acceptability and standard error."""
        n = len(self.providers)
        return {
            "provider": np.repeat(np.array(self.providers, dtype=object), n).tolist(),
            "rank": np.tile(np.arange(1, n + 1), n).tolist(),
            "acceptability": self.rank_acceptability.ravel().tolist(),
            "standard_error": self.standard_errors.ravel().tolist(),
        }

    def __repr__(self) -> str:
        return f"<Acceptability of {len(self.providers)} providers, {self.samples:,} samples>"


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else "<1%"  # noqa: PLR2004


@attrs.define
class _Tally:
    """Exact integer running totals over samples."""

    samples: int
    n: int
    m: int
    pairwise: bool
    ranks: IntArray = attrs.field(init=False)
    """Counts of (rank - 1, provider), flattened."""
    rank_offsets: NDArray[np.intp] = attrs.field(init=False)
    firsts: IntArray = attrs.field(init=False)
    global_sum: IntArray = attrs.field(init=False)
    wins: IntArray = attrs.field(init=False)
    ties: int = 0

    @property
    def scale(self) -> float:
        """Weights are summed as integers in units of 1 / scale: exact, order-free, no overflow."""
        return float(2.0 ** (62 - self.samples.bit_length()))

    def __attrs_post_init__(self) -> None:
        self.rank_offsets = np.arange(self.n - 1, -1, -1, dtype=np.intp) * self.n
        self.ranks = np.zeros(self.n * self.n, dtype=np.int64)
        self.firsts = np.zeros(self.n, dtype=np.int64)
        self.global_sum = np.zeros((self.n, self.m), dtype=np.int64)
        self.wins = np.zeros((self.n, self.n), dtype=np.int64)

    def add(
        self, order: NDArray[Any], near: NDArray[np.bool_], exact: IntArray, g: FloatArray
    ) -> None:
        """Count one chunk of samples.

        ``order`` (C, N) lists providers worst to best (used for rows not ``near``); ``exact``
        holds the ranks of the ``near`` rows.
        """
        n = self.n
        # The provider at position p (worst first) holds rank n - p: count (rank, provider).
        codes = np.add(order, self.rank_offsets, dtype=np.intp)
        self.ranks += np.bincount(codes.ravel(), minlength=n * n)
        tops = order[:, -1].astype(np.intp)
        rows = np.arange(order.shape[0])
        if near.any():  # take those rows' counts back and count their exact ranks instead
            self.ranks -= np.bincount(codes[near].ravel(), minlength=n * n)
            positions = np.arange(n, dtype=np.int64)
            self.ranks += np.bincount(((exact - 1) * n + positions).ravel(), minlength=n * n)
            near_rows = np.flatnonzero(near)
            r_e, p_e = np.nonzero(exact == 1)
            rows = np.concatenate([rows[~near], near_rows[r_e]])
            tops = np.concatenate([tops[~near], p_e])
            sorted_exact = np.sort(exact, axis=1)
            self.ties += int((sorted_exact[:, 1:] == sorted_exact[:, :-1]).any(axis=1).sum())
        self.firsts += np.bincount(tops, minlength=n)
        # Group samples by their first provider (a radix sort of small integers) and add up
        # their weights in fixed point: exact, so the totals do not depend on the chunks.
        by_top = np.argsort(tops.astype(np.uint16), kind="stable")
        ordered = tops[by_top]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        rows = rows[by_top]
        firsts = ordered[starts]
        fixed = np.rint(g[rows] * self.scale).astype(np.int64)
        self.global_sum[firsts] += np.add.reduceat(fixed, starts, axis=0)

    def merge(self, other: _Tally) -> None:
        """Add another chunk's totals."""
        self.ranks += other.ranks
        self.firsts += other.firsts
        self.global_sum += other.global_sum
        self.wins += other.wins
        self.ties += other.ties

    def add_wins(self, rank_matrix: IntArray) -> None:
        """Pairwise wins: rank_matrix (C, N); i beats k where its rank is strictly better."""
        n = self.n
        small = rank_matrix.astype(np.uint8 if n <= 255 else np.uint16)  # noqa: PLR2004
        group = max(1, min(255, _PAIR_BYTES // (n * n)))
        buffer = np.empty((group, n, n), dtype=np.bool_)
        for start in range(0, small.shape[0], group):  # groups of samples, counts fit uint8
            part = small[start : start + group]
            out = buffer[: part.shape[0]]
            np.less(part[:, :, None], part[:, None, :], out=out)
            self.wins += np.add.reduce(out.view(np.uint8), axis=0, dtype=np.uint8)


def _chunk_blocks(chunk_size: int | None, n: int, m: int, per_sample: int) -> int:
    if chunk_size is None:
        rows = max(1, _CHUNK_BYTES // (8 * max(n * per_sample, m)))
        return max(1, rows // BLOCK)
    size = check_count(chunk_size, "chunk_size")
    return -(-size // BLOCK)


def _local_of(card: Scorecard, central: FloatArray) -> FloatArray:
    """Local weights of each central weight vector; NaN rows stay NaN."""
    out = np.full((central.shape[0], len(node_order(card))), np.nan)
    has = ~np.isnan(central).any(axis=1)
    out[has] = local_from_global(card, central[has])
    return out


def _local_chunk(
    card: Scorecard,
    current: FloatArray,
    knowledge: Mapping[str, Knowledge],
    seed: int,
    blocks: list[tuple[int, int]],
) -> FloatArray:
    """Local weights of the given blocks, each from its own stream ``(seed, block, 0)``."""
    out = np.empty((sum(size for _, size in blocks), current.size))
    start = 0
    for b, size in blocks:
        rng = np.random.default_rng([seed, b, 0])
        sample_local(card, current, knowledge, Uniform(), n=size, rng=rng, out=out[start:])
        start += size
    return out


def sample_weights(
    ev: Evaluation,
    samples: int,
    *,
    seed: int,
    knowledge: Mapping[str, Knowledge] | None = None,
    default: Knowledge = Uniform(),  # noqa: B008 - frozen, immutable
) -> FloatArray:
    """The global weights (samples, M) that `smaa` with the same arguments ranks under.

    Useful to feed the same weightings into another tool, or to inspect them.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    >>> w = sc.sensitivity.sample_weights(ev, 5, seed=1)
    >>> w.shape, bool(abs(w.sum(axis=1) - 1).max() < 1e-12)
    ((5, 36), True)
    """
    card = ev.card
    n_samples = check_count(samples, "samples", hint="zero samples requested")
    full = _knowledge(card, knowledge, default)
    blocks = _blocks_of(0, -(-n_samples // BLOCK), n_samples)
    local = _local_chunk(card, local_vector(card, ev.weights), full, seed, blocks)
    return global_many(card, local)


def _knowledge(
    card: Scorecard, knowledge: Mapping[str, Knowledge] | None, default: Knowledge
) -> dict[str, Knowledge]:
    """Knowledge for every group node: the given entries, checked, and ``default`` elsewhere."""
    if not isinstance(default, Uniform | Fixed | Around):
        raise WeightError(
            f"default must be Uniform(), Fixed() or Around(); got {default!r}. RankOrder and "
            "Bounded name a node's children, so give them per node in `knowledge`"
        )
    check(card, {ROOT: default})
    spec = check(card, knowledge or {})
    return {node: spec.get(node, default) for node in card.groups}


def _blocks_of(first: int, last: int, samples: int) -> list[tuple[int, int]]:
    return [(b, min(BLOCK, samples - b * BLOCK)) for b in range(first, last)]


@attrs.frozen(eq=False)
class _Run:
    """Everything one chunk of samples needs; `chunk` counts blocks ``first..last - 1``."""

    ev: Evaluation
    knowledge: Mapping[str, Knowledge]
    seed: int
    draws: PerformanceDraws | None
    pairwise: bool
    samples: int
    current: FloatArray = attrs.field(init=False)
    demoted: NDArray[np.bool_] | None = attrs.field(init=False)

    @current.default
    def _current(self) -> FloatArray:
        """The evaluation's local-weight vector (the centre for `Fixed` and `Around`)."""
        return local_vector(self.ev.card, self.ev.weights)

    @demoted.default
    def _demoted(self) -> NDArray[np.bool_] | None:
        """Providers failing a gate, ranked after the rest; None without gates."""
        return self.ev.demoted

    def empty(self) -> _Tally:
        """Zero totals of the right shapes."""
        ev = self.ev
        return _Tally(self.samples, len(ev.providers), len(ev.metrics), self.pairwise)

    def chunk(self, first: int, last: int) -> _Tally:
        """Sample, score, rank and count blocks ``first`` to ``last - 1``."""
        ev, card, seed, draws = self.ev, self.ev.card, self.seed, self.draws
        blocks = _blocks_of(first, last, self.samples)
        local = _local_chunk(card, self.current, self.knowledge, seed, blocks)
        g = global_many(card, local)
        values = (
            np.concatenate(
                [draws.values(size, np.random.default_rng([seed, b, 1])) for b, size in blocks]
            )
            if draws is not None
            else None
        )
        scores = ev.batch_scores(local, values=values, block=BLOCK)
        order, near = sorted_providers(scores, self.demoted)
        exact = ranks(scores[near], demoted=self.demoted)
        tally = self.empty()
        tally.add(order, near, exact, g)
        if self.pairwise:
            tally.add_wins(ranks_from(order, near, exact))
        return tally


def _bounded_map(
    executor: ThreadPoolExecutor,
    work: Callable[[int, int], _Tally],
    spans: Iterator[tuple[int, int]],
    window: int,
) -> Iterator[tuple[int, _Tally]]:
    """``(last block, work(first, last))`` in order, with at most ``window`` chunks submitted."""
    pending: collections.deque[tuple[int, Future[_Tally]]] = collections.deque()
    for first, last in spans:
        pending.append((last, executor.submit(work, first, last)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def _one_blas_thread(active: bool) -> contextlib.AbstractContextManager[object]:
    """Limit BLAS to one thread while our workers run (they would fight over the cores)."""
    if not active:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits  # noqa: PLC0415

    limits: contextlib.AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


def _workers(workers: int | None, chunks: int) -> int:
    if workers is None:
        return max(1, min(os.cpu_count() or 1, _MAX_WORKERS, chunks))
    count = check_count(workers, "workers")
    return min(count, chunks)


def smaa(
    ev: Evaluation,
    *,
    samples: int = 10_000,
    seed: int | None = None,
    knowledge: Mapping[str, Knowledge] | None = None,
    default: Knowledge = Uniform(),  # noqa: B008 - frozen, immutable
    uncertain: bool | Sequence[str] = False,
    pairwise: bool = True,
    meta: MetaWeights = "centroid",
    confidence_samples: int = 1_000,
    chunk_size: int | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Acceptability:
    """SMAA-2 of an evaluation over ``samples`` weightings (and value draws if ``uncertain``).

    Parameters
    ----------
    ev
        The evaluation whose scorecard, values, aggregation and gates are analysed; its
        weights are the "current" ones for `Fixed` and `Around`.
    samples
        Number of Monte-Carlo samples, at least 1.
    seed
        Seed of the random streams; None picks a fresh one (recorded on the result).
    knowledge
        What is known about the weights at each group node (the root ``"root"`` or a domain);
        nodes not named follow ``default`` (uniform: nothing known).
    uncertain
        Draw plausible values of uncertain cells as well: True for every metric with standard
        errors (or a percentage with denominators), or a list of metric ids.
    pairwise
        Also count pairwise winning indices (O(samples x providers**2) comparisons).
    meta
        Meta-weights for holistic acceptability (see `meta_weights`).
    confidence_samples
        Value draws used for confidence factors when ``uncertain``.
    chunk_size
        Samples per batch (rounded up to whole blocks of `BLOCK`); by default about 12 MiB of
        working arrays, small enough to stay in cache. Results do not depend on it.
    workers
        Threads working on chunks side by side (default: the CPU count, at most 8); while
        they run, BLAS is limited to one thread (threadpoolctl). Results do not depend on it.
    progress
        Called as ``progress(done, total)`` after each chunk, in order, from the calling thread.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    >>> result = sc.sensitivity.smaa(ev, samples=2_000, seed=1)
    >>> result.rank_acceptability.sum(axis=1).round(12).tolist() == [1.0] * 16
    True
    """
    card = ev.card
    n_samples = check_count(samples, "samples", hint="zero samples requested")
    seed = (
        int(np.random.SeedSequence().entropy % 2**63)  # type: ignore[operator]
        if seed is None
        else check_seed(seed)
    )
    full = _knowledge(card, knowledge, default)
    draws = performance_draws(ev, uncertain) if uncertain else None
    if draws is not None and draws.columns.size == 0:
        draws = None
    n, m = len(ev.providers), len(ev.metrics)
    per_value = draws is not None or ev.partial
    blocks_per_chunk = _chunk_blocks(chunk_size, n, m, m + 4 if per_value else 4)
    run = _Run(ev, full, seed, draws, pairwise, n_samples)
    n_blocks = -(-n_samples // BLOCK)
    n_chunks = -(-n_blocks // blocks_per_chunk)
    spans = (  # lazily: a huge sample count never builds a list of its chunks
        (b, min(n_blocks, b + blocks_per_chunk)) for b in range(0, n_blocks, blocks_per_chunk)
    )
    tally = run.empty()
    pool = _workers(workers, n_chunks)
    with _one_blas_thread(pool > 1), ThreadPoolExecutor(max_workers=pool) as executor:
        # Chunks run side by side (numpy releases the GIL), at most 2 per worker in flight, so
        # memory is bounded by the chunk size whatever the sample count; totals are exact
        # integers, so the order in which they are added cannot change them.
        for last, part in _bounded_map(executor, run.chunk, spans, 2 * pool):
            tally.merge(part)
            if progress is not None:
                progress(min(last * BLOCK, n_samples), n_samples)
    demoted = run.demoted
    return _result(
        ev,
        tally,
        knowledge=full,
        draws=draws,
        meta=meta,
        confidence_samples=confidence_samples,
        demoted=demoted,
        seed=seed,
    )


def _result(
    ev: Evaluation,
    tally: _Tally,
    *,
    seed: int,
    knowledge: Mapping[str, Knowledge],
    draws: PerformanceDraws | None,
    meta: MetaWeights,
    confidence_samples: int,
    demoted: NDArray[np.bool_] | None,
) -> Acceptability:
    n, n_samples = len(ev.providers), tally.samples
    acceptability = tally.ranks.reshape(n, n).T / n_samples
    alpha = meta_weights(n, meta)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = tally.global_sum / tally.scale / tally.firsts[:, None]
    confidence = _confidence(
        ev, central, draws=draws, samples=confidence_samples, demoted=demoted, seed=seed
    )
    return Acceptability(
        providers=ev.providers,
        metrics=ev.metrics,
        nodes=node_order(ev.card),
        samples=n_samples,
        seed=seed,
        knowledge=knowledge,
        rank_acceptability=acceptability,
        central_weights=central,
        central_local=_local_of(ev.card, central),
        confidence=confidence,
        pairwise=tally.wins / n_samples if tally.pairwise else None,
        holistic=acceptability @ alpha,
        meta_weights=alpha,
        ties=tally.ties,
        uncertain=() if draws is None else draws.metrics,
        fixed=ev.metrics if draws is None else draws.fixed,
    )


def _confidence(
    ev: Evaluation,
    central: FloatArray,
    *,
    draws: PerformanceDraws | None,
    samples: int,
    demoted: NDArray[np.bool_] | None,
    seed: int,
) -> FloatArray:
    """How often each provider is first under its own central weights."""
    n = len(ev.providers)
    out = np.full(n, np.nan)
    has = np.flatnonzero(~np.isnan(central).any(axis=1))
    if has.size == 0:
        return out
    w = central[has]
    local = local_from_global(ev.card, w)
    if draws is None:
        r = rank_rows(ev.batch_scores(local), demoted)
        out[has] = (r[np.arange(has.size), has] == 1).astype(np.float64)
        return out
    s_total = check_count(samples, "confidence_samples")
    hits = np.zeros(has.size, dtype=np.int64)
    rng = np.random.default_rng([seed, 2**32])
    per = max(1, _CHUNK_BYTES // (8 * n * ev.values.shape[1] * has.size))
    for start in range(0, s_total, per):
        k = min(per, s_total - start)
        values = draws.values(k, rng)  # (k, N, M)
        paired_values = np.repeat(values, has.size, axis=0)
        scores = ev.batch_scores(np.tile(local, (k, 1)), values=paired_values)
        r = rank_rows(scores, demoted).reshape(k, has.size, n)
        hits += (r[:, np.arange(has.size), has] == 1).sum(axis=0)
    out[has] = hits / s_total
    return out
