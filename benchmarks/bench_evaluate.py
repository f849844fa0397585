"""Evaluation speed: 150 providers x 30 metrics, against plain numpy measured in the same run.

Each comparison alternates its two sides round by round in one process, so both see the same
machine; it prints the median ratio (ours / baseline) over the rounds and the spread (the
10th and 90th percentiles of the per-round ratios). Machines are noisy: read the ratios.

- ``evaluate``: ``card.evaluate(table, weights=...)`` then reading ``ranks``, against what an
  analyst writes by hand: scale each column worst to best, weighted sum, competition ranks.
  Run with explicit `Weights` and with a scheme given per call (``weights=Equal()``).
- ``rescore``: ``ev.rescore(weights)`` then ``ranks`` (the same values under new weights, what a
  weight slider calls), against a plain matmul and competition ranks.
- With 10% of providers missing one metric (policy ``exclude``: their own weights), and at
  5,000 providers: rescore against a full evaluation, to show what valuing once saves.
- The aggregation kernel against a bare matmul, for K = 1 and K = 1000 weight vectors, and
  pymcdm's weighted sum for scale.

Run: ``make bench`` or ``python benchmarks/bench_evaluate.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from scorecard import Domain, Metric, PerformanceTable, Scorecard, global_weights
from scorecard.aggregation import Additive
from scorecard.scales import Linear
from scorecard.weighting import Equal, resolve

N_PROVIDERS, N_DOMAINS, PER_DOMAIN = 150, 6, 5
N_METRICS = N_DOMAINS * PER_DOMAIN
ROUNDS = 41


def problem(
    n_providers: int = N_PROVIDERS, *, missing: float = 0.0
) -> tuple[Scorecard, PerformanceTable, np.ndarray]:
    """The benchmark card and table; ``missing``: share of providers missing one metric."""
    rng = np.random.default_rng(0)
    domains = []
    for d in range(N_DOMAINS):
        metrics = []
        for k in range(PER_DOMAIN):
            higher = (d + k) % 3 != 0
            scale = Linear(worst=0, best=100) if higher else Linear(worst=100, best=0)
            metrics.append(
                Metric(
                    f"m{d}_{k}",
                    f"Metric {d}.{k}",
                    direction=scale.direction,
                    scale=scale,
                    missing="exclude",
                )
            )
        domains.append(Domain(f"d{d}", f"Domain {d}", metrics=metrics))
    card = Scorecard("Benchmark", domains=domains)
    raw = rng.uniform(0, 100, size=(n_providers, N_METRICS))
    gaps = rng.random(n_providers) < missing
    raw[gaps, rng.integers(0, N_METRICS, gaps.sum())] = np.nan
    table = PerformanceTable([f"P{i:05d}" for i in range(n_providers)], card.metric_ids, raw)
    return card, table, raw


def calls_per_round(fn: Callable[[], object]) -> int:
    """Calls that take about 20 ms, so a round is long against the timer's resolution."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        if time.perf_counter() - start > 0.02:
            return number
        number *= 2


def alternate(ours: Callable[[], object], baseline: Callable[[], object]) -> dict[str, float]:
    """Median seconds per call of each side and the per-round ratios, rounds alternating."""
    n_ours, n_base = calls_per_round(ours), calls_per_round(baseline)
    t_ours, t_base, ratios = [], [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(n_ours):
            ours()
        a = (time.perf_counter() - start) / n_ours
        start = time.perf_counter()
        for _ in range(n_base):
            baseline()
        b = (time.perf_counter() - start) / n_base
        t_ours.append(a)
        t_base.append(b)
        ratios.append(a / b)
    deciles = statistics.quantiles(ratios, n=10)
    return {
        "ours": statistics.median(t_ours),
        "baseline": statistics.median(t_base),
        "ratio": statistics.median(ratios),
        "low": deciles[0],
        "high": deciles[-1],
    }


def show(name: str, result: dict[str, float], goal: float | None = None) -> None:
    target = f"  (goal <= {goal:.1f}x)" if goal is not None else ""
    print(
        f"{name}: {result['ours'] * 1e6:8.1f} us vs {result['baseline'] * 1e6:8.1f} us  "
        f"ratio {result['ratio']:5.2f}x  [p10 {result['low']:.2f}x, p90 {result['high']:.2f}x]"
        f"{target}"
    )


def competition_ranks(s: np.ndarray) -> np.ndarray:
    """1 + the number of better scores: the plain numpy way (exact ties share a rank)."""
    return np.searchsorted(np.sort(-s), -s, side="left") + 1


def compare_rescore(n: int, missing: float) -> None:
    """Rescore against a full evaluation of the same weights, at ``n`` providers."""
    card, table, _ = problem(n, missing=missing)
    ev = card.evaluate(table)
    weights = resolve(card, {"root": Equal()})

    def again() -> object:
        return ev.rescore(weights).ranks

    def anew() -> object:
        return card.evaluate(table, weights=weights).ranks

    label = f"{n} providers, {missing:.0%} missing one metric (exclude)"
    show(f"{label}: rescore + ranks vs evaluate + ranks", alternate(again, anew))


def main() -> None:
    card, table, raw = problem()
    weights = resolve(card, None)
    g = global_weights(card, weights)
    higher = np.array([m.direction.value == "higher" for m in card.all_metrics])
    lo = np.array([min(m.scale.worst, m.scale.best) for m in card.all_metrics])
    hi = np.array([max(m.scale.worst, m.scale.best) for m in card.all_metrics])

    def plain_numpy() -> np.ndarray:
        # What an analyst writes by hand: scale each column worst->best, weighted sum, ranks.
        v = np.clip((raw - lo) / (hi - lo), 0, 1)
        v = np.where(higher, v, 1 - v)
        return competition_ranks(v @ g)

    values = np.where(higher, (raw - lo) / (hi - lo), 1 - (raw - lo) / (hi - lo))
    other = resolve(card, {"root": Equal()})
    g_other = global_weights(card, other)
    ev = card.evaluate(table, weights=weights)

    def plain_rescore() -> np.ndarray:
        return competition_ranks(values @ g_other)

    print(f"problem: {N_PROVIDERS} providers x {N_METRICS} metrics ({N_DOMAINS} domains)")
    show(
        "card.evaluate(weights=Weights) + ranks vs plain numpy",
        alternate(lambda: card.evaluate(table, weights=weights).ranks, plain_numpy),
        2.0,
    )
    show(
        "card.evaluate(weights=Equal()) + ranks vs plain numpy",
        alternate(lambda: card.evaluate(table, weights=Equal()).ranks, plain_numpy),
        2.0,
    )
    show(
        "ev.rescore(weights) + ranks vs matmul + ranks",
        alternate(lambda: ev.rescore(other).ranks, plain_rescore),
        1.5,
    )

    def everything() -> object:
        e = card.evaluate(table, weights=weights)
        return e.ranks, e.domain_scores, e.contributions, e.effective_weights

    show("card.evaluate + every derived result vs plain numpy", alternate(everything, plain_numpy))
    for n, missing in ((N_PROVIDERS, 0.1), (5_000, 0.0), (5_000, 0.1)):
        compare_rescore(n, missing)
    additive = Additive()
    show(
        "Additive.scores, K=1 vs matmul",
        alternate(lambda: additive.scores(values, g[None]), lambda: g[None] @ values.T),
    )
    k = 1000
    many = np.random.default_rng(1).dirichlet(np.ones(N_METRICS), size=k)
    show(
        f"Additive.scores, K={k} vs matmul",
        alternate(lambda: additive.scores(values, many), lambda: many @ values.T),
    )
    try:
        from pymcdm.methods import WSM  # noqa: PLC0415
        from pymcdm.normalizations import minmax_normalization  # noqa: PLC0415
    except ImportError:
        print("pymcdm not installed: skipping its comparison")
        return
    wsm = WSM(normalization_function=minmax_normalization)
    types = np.where(higher, 1, -1)
    show(
        "card.evaluate + ranks vs pymcdm WSM (min-max, validation off)",
        alternate(
            lambda: card.evaluate(table, weights=weights).ranks,
            lambda: wsm(raw, g, types, validation=False),
        ),
    )


if __name__ == "__main__":
    main()
