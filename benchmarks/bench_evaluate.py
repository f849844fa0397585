"""Evaluation speed: 150 providers x 30 metrics, against baselines measured in the same run.

Prints medians and ratios (ours / baseline). Run: ``make bench`` or
``python benchmarks/bench_evaluate.py``. Machines are noisy: read the ratios, not the times.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from scorecard import Domain, Metric, PerformanceTable, Scorecard, global_weights
from scorecard.aggregation import Additive
from scorecard.scales import Linear
from scorecard.weighting import resolve

N_PROVIDERS, N_DOMAINS, PER_DOMAIN = 150, 6, 5
N_METRICS = N_DOMAINS * PER_DOMAIN


def problem() -> tuple[Scorecard, PerformanceTable, np.ndarray]:
    rng = np.random.default_rng(0)
    domains = []
    for d in range(N_DOMAINS):
        metrics = []
        for k in range(PER_DOMAIN):
            higher = (d + k) % 3 != 0
            scale = Linear(worst=0, best=100) if higher else Linear(worst=100, best=0)
            metrics.append(
                Metric(f"m{d}_{k}", f"Metric {d}.{k}", direction=scale.direction, scale=scale)
            )
        domains.append(Domain(f"d{d}", f"Domain {d}", metrics=metrics))
    card = Scorecard("Benchmark", domains=domains)
    raw = rng.uniform(0, 100, size=(N_PROVIDERS, N_METRICS))
    table = PerformanceTable([f"P{i:03d}" for i in range(N_PROVIDERS)], card.metric_ids, raw)
    return card, table, raw


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, number: int = 0) -> float:
    """Median over ``repeat`` rounds of the mean time of ``number`` calls (auto-sized to ~20 ms)."""
    if number == 0:
        number = 1
        while True:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            if time.perf_counter() - start > 0.02:
                break
            number *= 2
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


def main() -> None:
    card, table, raw = problem()
    weights = resolve(card, None)
    g = global_weights(card, weights)
    higher = np.array([m.direction.value == "higher" for m in card.all_metrics])
    lo = np.array([min(m.scale.worst, m.scale.best) for m in card.all_metrics])
    hi = np.array([max(m.scale.worst, m.scale.best) for m in card.all_metrics])

    def plain_numpy() -> np.ndarray:
        # What an analyst writes by hand: scale each column worst->best, weighted sum, order.
        v = np.clip((raw - lo) / (hi - lo), 0, 1)
        v = np.where(higher, v, 1 - v)
        s = v @ g
        return np.argsort(-s)

    values = np.where(higher, (raw - lo) / (hi - lo), 1 - (raw - lo) / (hi - lo))
    additive = Additive()
    kernel = lambda: additive.scores(values, g[None])  # noqa: E731
    matmul = lambda: g[None] @ values.T  # noqa: E731
    full = lambda: card.evaluate(table, weights=weights)  # noqa: E731

    k = 1000
    many = np.random.default_rng(1).dirichlet(np.ones(N_METRICS), size=k)
    kernel_k = lambda: additive.scores(values, many)  # noqa: E731
    matmul_k = lambda: many @ values.T  # noqa: E731

    t_plain = median_seconds(plain_numpy)
    t_full = median_seconds(full)
    t_kernel, t_matmul = median_seconds(kernel), median_seconds(matmul)
    t_kernel_k, t_matmul_k = median_seconds(kernel_k), median_seconds(matmul_k)

    print(f"problem: {N_PROVIDERS} providers x {N_METRICS} metrics ({N_DOMAINS} domains)")
    print(f"plain numpy weighted sum (scale + sum + argsort): {t_plain * 1e6:9.1f} us")
    print(
        f"card.evaluate (valuation, weights, tree, ranks, contributions, domain scores): "
        f"{t_full * 1e6:9.1f} us  ratio {t_full / t_plain:6.1f}x"
    )
    print(
        f"Additive.scores kernel, K=1: {t_kernel * 1e6:9.2f} us vs matmul {t_matmul * 1e6:7.2f} us"
        f"  ratio {t_kernel / t_matmul:5.2f}x"
    )
    print(
        f"Additive.scores kernel, K={k}: {t_kernel_k * 1e6:9.1f} us vs matmul "
        f"{t_matmul_k * 1e6:7.1f} us  ratio {t_kernel_k / t_matmul_k:5.2f}x"
    )
    try:
        from pymcdm.methods import WSM  # noqa: PLC0415
        from pymcdm.normalizations import minmax_normalization  # noqa: PLC0415
    except ImportError:
        print("pymcdm not installed: skipping its comparison")
        return
    wsm = WSM(normalization_function=minmax_normalization)
    types = np.where(higher, 1, -1)
    pymcdm_call = lambda: wsm(raw, g, types, validation=False)  # noqa: E731
    t_pymcdm = median_seconds(pymcdm_call)
    print(
        f"pymcdm WSM (min-max, validation off): {t_pymcdm * 1e6:9.1f} us; "
        f"card.evaluate / pymcdm = {t_full / t_pymcdm:5.2f}x"
    )


if __name__ == "__main__":
    main()
