"""Rank-reversal thresholds with and without excluded cells, alternating in one process.

The same card and weights, the same node, on a table with 10% of providers missing one metric
(policy ``exclude``: scores are ratios of lines in the node's weight, crossings are roots of
quadratics) against the complete table (lines: one division per pair). Prints the median time
of each side and the median ratio with its 10th and 90th percentiles, at 150 and 1,000
providers. Run: ``python benchmarks/bench_thresholds.py``.
"""

from __future__ import annotations

import statistics
import time

from bench_evaluate import problem

from scorecard.sensitivity import thresholds

ROUNDS = 11
NODE = "m0_1"  # a metric of the first domain: its group misses cells in the gappy table


def main() -> None:
    for n in (150, 1_000):
        gappy_card, gappy, _ = problem(n, missing=0.1)
        whole_card, whole, _ = problem(n, missing=0.0)
        ev_gappy, ev_whole = gappy_card.evaluate(gappy), whole_card.evaluate(whole)
        method = thresholds(ev_gappy, [NODE], rank=None)[NODE].method
        t_gappy, t_whole, ratios = [], [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            thresholds(ev_gappy, [NODE], rank=None)
            a = time.perf_counter() - start
            start = time.perf_counter()
            thresholds(ev_whole, [NODE], rank=None)
            b = time.perf_counter() - start
            t_gappy.append(a)
            t_whole.append(b)
            ratios.append(a / b)
        deciles = statistics.quantiles(ratios, n=10)
        print(
            f"{n} providers, node {NODE}: with excluded cells ({method}) "
            f"{statistics.median(t_gappy) * 1e3:.1f} ms vs complete (closed form) "
            f"{statistics.median(t_whole) * 1e3:.1f} ms: ratio {statistics.median(ratios):.2f}x "
            f"[p10 {deciles[0]:.2f}x, p90 {deciles[-1]:.2f}x] (goal <= 5x)"
        )


if __name__ == "__main__":
    main()
