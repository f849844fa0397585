"""Tender analyses: the single-mark search against brute force, alternating in one process.

A synthetic tender (bids x questions, a 0-10 scale, three evaluators, gates on two questions
and one criterion, the relative price rule) is analysed two ways in each round: the
vectorised search (`scorecard.contracts._marks.mark_changes`: every bid, question and mark at
once) and brute force (the tender evaluated in full for every bid, question and mark, what a
careful analyst would script). Prints the median time of each and the median ratio with its
10th and 90th percentiles, and the full `fragility` and `evaluate_tender` times. Both sides
must report the same changes. Run: ``python benchmarks/bench_contracts.py``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from scorecard.contracts import (
    Bid,
    Consensus,
    Criterion,
    Mark,
    QualityScale,
    Question,
    Tender,
    evaluate_tender,
    fragility,
)
from scorecard.contracts._marks import mark_changes, smallest_by_evaluation

ROUNDS = 7


def tender(bids: int, questions: int, seed: int = 0) -> Tender:
    """A synthetic tender of ``bids`` bids and ``questions`` questions under four criteria."""
    rng = np.random.default_rng(seed)
    criteria = [
        Criterion(f"c{k}", f"Criterion {k}", 0.25, minimum=0.3 if k == 0 else None)
        for k in range(4)
    ]
    per = questions // 4
    qs = [
        Question(
            f"c{k}q{j}",
            f"Question {k}.{j}",
            f"c{k}",
            1 / per,
            minimum=3.0 if j == 0 and k < 2 else None,
        )
        for k in range(4)
        for j in range(per)
    ]
    names = [f"Bidder {i:02d}" for i in range(bids)]
    agreed = rng.integers(3, 11, size=(bids, len(qs)))
    marks = [
        Mark(e, names[i], q.id, float(agreed[i, j]))
        for e in ("A", "B", "C")
        for i in range(bids)
        for j, q in enumerate(qs)
    ]
    consensus = [
        Consensus(names[i], q.id, float(agreed[i, j]))
        for i in range(bids)
        for j, q in enumerate(qs)
    ]
    prices = rng.uniform(9e6, 12e6, size=bids).round(-3)
    return Tender(
        "benchmark tender",
        criteria=criteria,
        questions=qs,
        bids=[Bid(n, float(p)) for n, p in zip(names, prices, strict=True)],
        marks=marks,
        quality_weight=0.6,
        scale=QualityScale(maximum=10),
        consensus=consensus,
        abnormally_low=None,
    )


def main() -> None:
    for bids, questions in ((4, 8), (10, 20)):
        found = evaluate_tender(tender(bids, questions))
        fast, slow, ratios = [], [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            ours = {(c.bidder, c.question): abs(c.change) for c in mark_changes(found)}
            a = time.perf_counter() - start
            start = time.perf_counter()
            theirs = smallest_by_evaluation(found)
            b = time.perf_counter() - start
            assert ours.keys() == theirs.keys()
            assert all(np.isclose(ours[k], theirs[k]) for k in ours)
            fast.append(a)
            slow.append(b)
            ratios.append(a / b)
        deciles = statistics.quantiles(ratios, n=10)
        start = time.perf_counter()
        fragility(found)
        whole = time.perf_counter() - start
        start = time.perf_counter()
        evaluate_tender(found.tender)
        once = time.perf_counter() - start
        shape = f"{bids} bids x {questions} questions, 0-10 marks"
        print(
            f"{shape}: mark search {1000 * statistics.median(fast):.1f} ms, brute force "
            f"{1000 * statistics.median(slow):.0f} ms, ratio {statistics.median(ratios):.4f} "
            f"(p10 {deciles[0]:.4f}, p90 {deciles[-1]:.4f}); {len(ours)} cells; whole "
            f"fragility {1000 * whole:.0f} ms; one evaluation {1000 * once:.1f} ms"
        )


if __name__ == "__main__":
    main()
