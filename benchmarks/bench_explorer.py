"""Explorer latency: a slider change to the updated evaluation and chart state, kernel side.

150 providers x 40 metrics (8 domains of 5), 200 moves of top-level and metric sliders; p50
and p95 of the time from setting a slider's value to the explorer having re-evaluated,
compared with the baseline, rebuilt the ranking table and chart spec and updated the
robustness thresholds (goal: p95 <= 30 ms). For scale, the same run times ``card.evaluate``
alone. The browser side (key press to redrawn table in chromium) is measured by
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


def problem() -> tuple[Scorecard, PerformanceTable]:
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
                )
                for k in range(PER_DOMAIN)
            ],
        )
        for d in range(N_DOMAINS)
    ]
    card = Scorecard("Latency benchmark", domains=domains)
    values = rng.uniform(0, 100, (N_PROVIDERS, N_DOMAINS * PER_DOMAIN))
    return card, PerformanceTable(
        [f"Provider {i:03d}" for i in range(N_PROVIDERS)], card.metric_ids, values
    )


def main() -> None:
    card, table = problem()
    explorer = WeightExplorer(card, table, baseline="equal")
    rng = np.random.default_rng(1)
    nodes = [d.id for d in card.domains] + list(card.metric_ids)
    moves = []
    for k in range(MOVES):
        node = nodes[k % len(nodes)]
        value = round(float(rng.uniform(0.05, 0.6)), 2)
        start = time.perf_counter()
        explorer.sliders.sliders[node].value = value
        moves.append(time.perf_counter() - start)
    evaluate = []
    for _ in range(MOVES):
        start = time.perf_counter()
        card.evaluate(table, weights=explorer.weights)
        evaluate.append(time.perf_counter() - start)
    ms = np.array(moves) * 1e3
    base = np.array(evaluate) * 1e3
    print(f"{N_PROVIDERS} providers x {N_DOMAINS * PER_DOMAIN} metrics, {MOVES} slider moves")
    print(
        f"  slider -> evaluation, ranking, chart spec: p50 {np.percentile(ms, 50):.1f} ms, "
        f"p95 {np.percentile(ms, 95):.1f} ms, max {ms.max():.1f} ms (goal p95 <= 30 ms)"
    )
    print(
        f"  card.evaluate alone: p50 {np.percentile(base, 50):.2f} ms "
        f"(the explorer's redraw costs {np.percentile(ms, 50) / np.percentile(base, 50):.1f}x it)"
    )


if __name__ == "__main__":
    main()
