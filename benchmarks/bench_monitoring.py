"""XmR charts and their rules over many series, against plain numpy limits, in one process.

150 providers x 40 metrics = 6,000 series of 60 months: `scorecard.monitoring.xmr` (mean,
moving ranges, screening, limits and all four special-cause rules, improvement or concern)
against a plain numpy reference that computes only the mean and the limits (what a careful
analyst would write first). Then the scorecard over 60 periods: `over_time` on a panel of
150 providers x 40 metrics x 60 months (one batched evaluation of 9,000 provider-months,
ranked within each month) against plain numpy (linear values, a matrix product with the
global weights, a sort per month). Prints the median time of each and the median ratio with
its 10th and 90th percentiles. Run: ``python benchmarks/bench_monitoring.py``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import numpy as np

from scorecard import Metric, PerformanceTable, Scorecard
from scorecard.monitoring import Panel, over_time, xmr
from scorecard.scales import Linear

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


def _summary(what: str, ours: list[float], theirs: list[float]) -> str:
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    deciles = statistics.quantiles(ratios, n=10)
    return (
        f"{what}: ours {1000 * statistics.median(ours):.0f} ms, plain numpy "
        f"{1000 * statistics.median(theirs):.1f} ms, ratio {statistics.median(ratios):.1f} "
        f"(p10 {deciles[0]:.1f}, p90 {deciles[-1]:.1f})"
    )


def plain_over_time(cube: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(T, N) scores of a flat additive card on 0-100 linear scales, and ranks per period."""
    scores = (cube / 100.0) @ weights
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, cube.shape[1] + 1)[None, :], axis=1)
    return ranks


def over_periods() -> None:
    rng = np.random.default_rng(1)
    t, n, m = 60, 150, 40
    card = Scorecard(
        "Forty",
        metrics=[
            Metric(f"m{j}", f"M{j}", unit="%", direction="higher", scale=Linear(worst=0, best=100))
            for j in range(m)
        ],
    )
    cube = rng.uniform(10, 90, size=(t, n, m))  # no ties: ranks compare one to one
    names = tuple(f"P{i:03d}" for i in range(n))
    periods = tuple(dt.date(2021 + k // 12, 1 + k % 12, 1) for k in range(t))
    panel = Panel(periods, tuple(PerformanceTable(names, card.metric_ids, c) for c in cube))
    weights = np.full(m, 1.0 / m)
    ours, theirs = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        found = over_time(card, panel)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        ranks = plain_over_time(cube, weights)
        theirs.append(time.perf_counter() - start)
    assert (found.ranks == ranks).all()
    print(_summary("the scorecard over 60 months (150 providers x 40 metrics)", ours, theirs))


if __name__ == "__main__":
    main()
    over_periods()
