"""Explorer latency: a slider change to the updated evaluation and chart state, kernel side.

40 metrics (8 domains of 5) at 16, 150, 1,000 and 5,000 providers, 10% of them missing one
metric (and 150 with none missing); moves of top-level and metric sliders; p50 and p95 of the
time from setting a slider's value to the explorer having re-evaluated, compared with the
baseline, rebuilt the ranking table and chart spec and updated the robustness thresholds
(goals: p95 <= 30 ms up to 1,000 providers, <= 150 ms at 5,000). For scale, the same run times
``card.evaluate`` alone. The browser side (key press to redrawn table in chromium) is measured by
``tests/e2e/test_explorer_browser.py`` into ``tests/e2e/artifacts/browser-timing.json``.

Run: ``python benchmarks/bench_explorer.py``.
"""

from __future__ import annotations

import time

import numpy as np

from scorecard import Domain, Metric, PerformanceTable, Scorecard
from scorecard.scales import Linear
from scorecard.widgets import WeightExplorer

N_PROVIDERS, N_DOMAINS, PER_DOMAIN, MOVES = 150, 8, 5, 200


def problem(n_providers: int, missing: float) -> tuple[Scorecard, PerformanceTable]:
    """The card and a table of ``n_providers``, a share ``missing`` of them lacking one metric."""
    rng = np.random.default_rng(0)
    domains = [
        Domain(
            f"d{d}",
            f"Domain {d}",
            metrics=[
                Metric(
                    f"m{d}_{k}",
                    f"Metric {d}.{k}",
                    direction="higher",
                    scale=Linear(worst=0, best=100),
                    missing="exclude",
                )
                for k in range(PER_DOMAIN)
            ],
        )
        for d in range(N_DOMAINS)
    ]
    card = Scorecard("Latency benchmark", domains=domains)
    values = rng.uniform(0, 100, (n_providers, N_DOMAINS * PER_DOMAIN))
    gaps = rng.random(n_providers) < missing
    values[gaps, rng.integers(0, values.shape[1], int(gaps.sum()))] = np.nan
    providers = [f"Provider {i:05d}" for i in range(n_providers)]
    return card, PerformanceTable(providers, card.metric_ids, values)


def measure(n_providers: int, missing: float, moves: int) -> None:
    """Slider moves over domains and metrics, and card.evaluate alone for scale."""
    card, table = problem(n_providers, missing)
    explorer = WeightExplorer(card, table, baseline="equal")
    rng = np.random.default_rng(1)
    nodes = [d.id for d in card.domains] + list(card.metric_ids)
    times = []
    for k in range(moves):
        node = nodes[k % len(nodes)]
        value = round(float(rng.uniform(0.05, 0.6)), 2)
        start = time.perf_counter()
        explorer.sliders.sliders[node].value = value
        times.append(time.perf_counter() - start)
    evaluate = []
    for _ in range(moves):
        start = time.perf_counter()
        card.evaluate(table, weights=explorer.weights)
        evaluate.append(time.perf_counter() - start)
    ms = np.array(times) * 1e3
    base = np.array(evaluate) * 1e3
    goal = {1_000: 30, 5_000: 150}.get(n_providers, 30)
    print(
        f"{n_providers} providers x {N_DOMAINS * PER_DOMAIN} metrics, {missing:.0%} missing one "
        f"metric, {moves} moves: p50 {np.percentile(ms, 50):.1f} ms, "
        f"p95 {np.percentile(ms, 95):.1f} ms, max {ms.max():.1f} ms (goal p95 <= {goal} ms); "
        f"card.evaluate alone p50 {np.percentile(base, 50):.2f} ms"
    )


def main() -> None:
    for n, missing, moves in (
        (16, 0.1, MOVES),
        (N_PROVIDERS, 0.0, MOVES),
        (N_PROVIDERS, 0.1, MOVES),
        (1_000, 0.1, 100),
        (5_000, 0.1, 40),
    ):
        measure(n, missing, moves)


if __name__ == "__main__":
    main()
