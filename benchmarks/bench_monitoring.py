"""XmR charts and their rules over many series, against plain numpy limits, in one process.

150 providers x 40 metrics = 6,000 series of 60 months: `scorecard.monitoring.xmr` (mean,
moving ranges, screening, limits and all four special-cause rules, improvement or concern)
against a plain numpy reference that computes only the mean and the limits (what a careful
analyst would write first). Prints the median time of each and the median ratio with its
10th and 90th percentiles. Run: ``python benchmarks/bench_monitoring.py``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from scorecard.monitoring import xmr

ROUNDS = 9


def plain(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and limits only: mean +/- 2.66 x the mean moving range, per row."""
    mean = values.mean(axis=1)
    width = 2.66 * np.abs(np.diff(values, axis=1)).mean(axis=1)
    return mean - width, mean + width


def main() -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(50, 5, size=(150 * 40, 60)).round(1)
    values[::97, 40:] += 12  # a change in some series, so the rules have work to do
    ours, theirs, ratios = [], [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        chart = xmr(values)
        a = time.perf_counter() - start
        start = time.perf_counter()
        _lower, upper = plain(values)
        b = time.perf_counter() - start
        assert np.allclose(upper, chart.upper[:, 0], rtol=0, atol=1e-6) or chart.screened
        ours.append(a)
        theirs.append(b)
        ratios.append(a / b)
    deciles = statistics.quantiles(ratios, n=10)
    print(
        f"6,000 series x 60 months: xmr with all rules {1000 * statistics.median(ours):.0f} ms, "
        f"plain limits {1000 * statistics.median(theirs):.1f} ms, ratio "
        f"{statistics.median(ratios):.1f} (p10 {deciles[0]:.1f}, p90 {deciles[-1]:.1f}); "
        f"{int(chart.special.sum()):,} special-cause points"
    )


if __name__ == "__main__":
    main()
