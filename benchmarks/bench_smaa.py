"""SMAA-2 speed and memory: 150 providers x 30 metrics, against baselines measured in the same run.

Compares `scorecard.sensitivity._smaa` (uniform weights, no pairwise indices) with a plain
chunked numpy reference doing the same work (simplex weights, scores, ranks, rank
acceptability counts, central-weight sums) and with pysensmcda's ``smaa2`` over pymcdm's WSM,
then measures the peak memory of the 1M-sample call, and the cost of missing data (10% of the
providers missing one metric) in time and memory. Prints best times and ratios
(ours / baseline). Run: ``python benchmarks/bench_smaa.py`` (``--quick``: 10x fewer samples).
Machines are noisy: read the ratios, not the times.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import time
import tracemalloc
import warnings
from collections.abc import Callable

import numpy as np

from scorecard import Evaluation, Metric, PerformanceTable, Scorecard
from scorecard.scales import Linear
from scorecard.sensitivity import smaa

N_PROVIDERS, N_METRICS = 150, 30
CHUNK = 10_000
MIB = 2**20


def problem(missing: float = 0.0) -> Evaluation:
    """Equal weights, one flat level of Linear 0..1 higher-is-better metrics, uniform values.

    ``missing``: the share of providers missing one metric (policy ``exclude``).
    """
    rng = np.random.default_rng(0)
    metrics = []
    for k in range(N_METRICS):
        scale = Linear(worst=0, best=1)
        metrics.append(
            Metric(
                f"m{k:02d}",
                f"Metric {k}",
                direction=scale.direction,
                scale=scale,
                missing="exclude",
            )
        )
    card = Scorecard("SMAA benchmark", metrics=metrics)
    raw = rng.uniform(0, 1, size=(N_PROVIDERS, N_METRICS))
    gaps = rng.random(N_PROVIDERS) < missing
    raw[gaps, rng.integers(0, N_METRICS, int(gaps.sum()))] = np.nan
    table = PerformanceTable([f"P{i:03d}" for i in range(N_PROVIDERS)], card.metric_ids, raw)
    return card.evaluate(table)


def reference(
    values: np.ndarray, samples: int, seed: int, chunk: int = CHUNK
) -> tuple[np.ndarray, np.ndarray]:
    """Plain numpy SMAA-2: rank acceptability (N, N) and central weights (N, M), float64."""
    n, m = values.shape
    rng = np.random.default_rng(seed)
    counts = np.zeros(n * n, dtype=np.int64)
    weight_sums = np.zeros((n, m))
    firsts = np.zeros(n, dtype=np.int64)
    positions = np.arange(n)
    for start in range(0, samples, chunk):
        k = min(chunk, samples - start)
        e = rng.standard_exponential((k, m))
        w = e / e.sum(axis=1, keepdims=True)
        scores = w @ values.T
        order = np.argsort(-scores, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, positions[None], axis=1)  # inverse permutation
        counts += np.bincount((positions[None] * n + ranks).ravel(), minlength=n * n)
        top = order[:, 0]
        firsts += np.bincount(top, minlength=n)
        np.add.at(weight_sums, top, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / firsts[:, None]
    return counts.reshape(n, n) / samples, central


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternating(fns: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Times of ``repeat`` rounds, each running every function once in turn."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times, strict=True):
            out.append(seconds(fn))
    return times


def runs(times: list[float]) -> str:
    return "runs " + ", ".join(f"{t:.2f}" for t in times)


def peak_traced(fn: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc (numpy reports its buffers) while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def pysensmcda_smaa(values: np.ndarray, samples: int) -> Callable[[], object] | None:
    """pysensmcda's smaa2 over pymcdm's WSM with identity normalisation (a weighted sum)."""
    try:
        from pymcdm.methods import WSM  # noqa: PLC0415
        from pysensmcda.smaa import smaa2  # noqa: PLC0415
    except ImportError:
        return None
    wsm = WSM(normalization_function=lambda x, **_: x)  # pymcdm passes cost=
    weights = np.random.default_rng(1).standard_exponential((samples, N_METRICS))
    weights /= weights.sum(axis=1, keepdims=True)
    types = np.ones(N_METRICS)

    def run() -> object:
        with warnings.catch_warnings():  # confidence factors are 1 by construction here
            warnings.simplefilter("ignore", UserWarning)
            result = smaa2(wsm, values, types, weights=weights, num_samples=samples, seed=1)
        if result is None:  # pysensmcda's memory_guard swallows MemoryError and returns None
            raise MemoryError("pysensmcda smaa2 ran out of memory")
        return result

    return run


def profile(ev: Evaluation, samples: int) -> None:
    """Where one worker's time goes: the chunks of `smaa` run in this thread under cProfile."""
    from scorecard.sensitivity import Uniform, _smaa  # noqa: PLC0415

    knowledge = _smaa._knowledge(ev.card, None, Uniform())  # noqa: SLF001 - a benchmark's look inside
    run = _smaa._Run(ev, knowledge, seed=1, draws=None, pairwise=False, samples=samples)  # noqa: SLF001
    blocks = -(-samples // _smaa.BLOCK)
    per = _smaa._chunk_blocks(None, len(ev.providers), len(ev.metrics), 4)  # noqa: SLF001
    spans = [(b, min(blocks, b + per)) for b in range(0, blocks, per)]
    for span in spans[:2]:  # warm up
        run.chunk(*span)
    profiler = cProfile.Profile()
    profiler.enable()
    for span in spans:
        run.chunk(*span)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = {
        "_local_chunk": "draw the weights (a stream per block of 1,000)",
        "global_many": "global weights (for central weights)",
        "batch_scores": "scores (a matrix product per block)",
        "sorted_providers": "order (32-bit keys, SIMD sort, near-tie check)",
        "ranks": "exact ranks of rows with near ties",
        "add": "count ranks and first places; sum central weights",
    }
    found: dict[str, float] = {}
    for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "scorecard" in path and (name in rows or name == "chunk"):
            found[name] = found.get(name, 0.0) + cumulative
    for name, what in rows.items():
        print(f"   {name:17} {found.get(name, 0.0) * 1000:7.1f} ms  {what}")
    total = found.get("chunk", 0.0) * 1000
    print(f"   {'all (chunk)':17} {total:7.1f} ms  (one worker, {samples:,} samples; global")
    print("   weights are counted twice above: the scores compute them too)")


def compare_pysensmcda(ev: Evaluation, values: np.ndarray, small: int, repeat: int) -> None:
    """Section 2: ours against pysensmcda, alternating, then where our time goes."""
    # ours vs pysensmcda smaa2 + pymcdm WSM (identity normalisation: a plain weighted sum).
    print(f"\n2. {small:,} samples, best of {repeat} alternating runs")
    theirs = pysensmcda_smaa(values, small)
    mine = lambda: smaa(ev, samples=small, seed=1, pairwise=False)  # noqa: E731
    if theirs is None:
        print("   pysensmcda / pymcdm not installed: skipping their comparison")
    else:
        my_times, their_times = alternating([mine, theirs], repeat)
        ratios = sorted(o / t for o, t in zip(my_times, their_times, strict=True))
        print(f"   scorecard smaa (pairwise=False): {min(my_times):8.3f} s  ({runs(my_times)})")
        print(
            f"   pysensmcda smaa2 (pymcdm WSM):   {min(their_times):8.3f} s  ({runs(their_times)})"
        )
        print(
            f"   ratio ours / pysensmcda: best {min(my_times) / min(their_times):.4f}x, per round "
            f"{ratios[0]:.4f}-{ratios[-1]:.4f}x (goal <= 0.01)"
        )
    print("   where one worker's time goes (cProfile, cumulative per step):")
    profile(ev, small)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x fewer samples")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each (>= 2)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    big, small = 1_000_000 // scale, 100_000 // scale
    repeat = max(2, args.repeat)

    ev = problem()
    values = np.asarray(ev.values, dtype=np.float64)
    print(f"numpy {np.__version__}, os.cpu_count() = {os.cpu_count()}")
    print(f"problem: {N_PROVIDERS} providers x {N_METRICS} metrics, equal weights, uniform SMAA")

    # Warm up (imports, BLAS threads, first-touch allocation) before timing.
    smaa(ev, samples=2 * CHUNK, seed=7, pairwise=False)
    reference(values, 2 * CHUNK, seed=7)

    # 1. ours vs plain chunked numpy, same sample count.
    ours = lambda: smaa(ev, samples=big, seed=1, pairwise=False)  # noqa: E731
    single = lambda: smaa(ev, samples=big, seed=1, pairwise=False, workers=1)  # noqa: E731
    plain = lambda: reference(values, big, seed=1)  # noqa: E731
    ours_times, single_times, plain_times = alternating([ours, single, plain], repeat)
    t_ours, t_single, t_plain = min(ours_times), min(single_times), min(plain_times)
    print(f"\n1. {big:,} samples, best of {repeat} alternating runs")
    print(f"   scorecard smaa (pairwise=False):       {t_ours:8.3f} s  ({runs(ours_times)})")
    print(f"   the same with workers=1:               {t_single:8.3f} s  ({runs(single_times)})")
    print(f"   plain numpy reference (chunk {CHUNK:,}): {t_plain:8.3f} s  ({runs(plain_times)})")
    print(f"   ratio ours / reference: {t_ours / t_plain:5.2f}x  (goal <= 1.0)")
    print(f"   ratio ours (workers=1) / reference: {t_single / t_plain:5.2f}x")
    t_pair = seconds(lambda: smaa(ev, samples=big, seed=1, pairwise=True))
    print(
        f"   scorecard smaa (pairwise=True):        {t_pair:8.3f} s  "
        f"({t_pair / t_ours:4.2f}x pairwise=False; O(K N^2) winning indices)"
    )

    compare_pysensmcda(ev, values, small, repeat)

    # 3. memory of the big call.
    peak = peak_traced(ours)
    print(
        f"\n3. peak traced memory of smaa({big:,} samples, pairwise=False): {peak / MIB:8.1f} MiB"
    )
    print("   (goal < 1024 MiB)")
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"   whole process ru_maxrss (all of the above): {maxrss_kib / 1024:8.1f} MiB")

    # 4. missing data: 10% of providers lack one metric, so their weights are their own.
    gappy = problem(missing=0.1)
    smaa(gappy, samples=2 * CHUNK, seed=7, pairwise=False)
    with_gaps = lambda: smaa(gappy, samples=small, seed=1, pairwise=False)  # noqa: E731
    complete = lambda: smaa(ev, samples=small, seed=1, pairwise=False)  # noqa: E731
    gap_times, full_times = alternating([with_gaps, complete], repeat)
    ratios = sorted(g / f for g, f in zip(gap_times, full_times, strict=True))
    print(f"\n4. {small:,} samples, 10% of providers missing one metric (exclude)")
    print(f"   with missing cells: {min(gap_times):8.3f} s  ({runs(gap_times)})")
    print(f"   complete data:      {min(full_times):8.3f} s  ({runs(full_times)})")
    print(
        f"   ratio (per alternating round): median {ratios[len(ratios) // 2]:.2f}x, "
        f"range {ratios[0]:.2f}-{ratios[-1]:.2f}x (goal <= 2x)"
    )
    print(f"   peak traced memory: {peak_traced(with_gaps) / MIB:8.1f} MiB (goal <= 64 MiB)")


if __name__ == "__main__":
    main()
