"""`scorecard report` at 16, 150, 500, 1,000 and 5,000 providers, against `scorecard evaluate`.

The card is the 40-metric benchmark card of ``bench_explorer`` (8 domains of 5, policy
``exclude``); the table has 10% of providers missing one metric (and, at 150, a complete one).
Each round runs ``scorecard report`` (10,000 SMAA weightings, thresholds, every figure) and
``scorecard evaluate`` (the same evaluation written as a CSV table: the baseline) on the same
files, alternating, each in a fresh process that reports its own peak resident memory (VmHWM).
Prints the median time of each, the median ratio report / evaluate with its range, the report's
peak RSS and the size of its HTML (goal at 500 providers: <= 15 s, <= 1 GB).

Run: ``python benchmarks/bench_report.py`` (``--sizes 16 150`` for a quicker look). Machines
are noisy: read the ratios and the memory, not the times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _memory import resident
from bench_explorer import problem

SIZES = (16, 150, 500, 1_000, 5_000)
ROUNDS = {16: 5, 150: 5, 500: 3, 1_000: 3, 5_000: 2}


def once(*argv: str) -> None:
    """In this fresh process: run the command line, then print its time and peak memory."""
    from scorecard.cli import main as cli  # noqa: PLC0415

    start = time.perf_counter()
    code = cli(list(argv))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mib": resident("VmHWM"), "code": code}))


def _run(*argv: str) -> dict[str, float]:
    out = subprocess.run(  # noqa: S603 - this very script, with fixed arguments
        [sys.executable, __file__, "--once", *argv], check=True, capture_output=True, text=True
    )
    found: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    if found["code"]:
        raise RuntimeError(f"scorecard {argv[0]} failed: {out.stderr[-500:]}")
    return found


def measure(n: int, missing: float, folder: Path) -> None:
    card, table = problem(n, missing)
    card_file, data, html = folder / "card.json", folder / "data.csv", folder / "report.html"
    card.to_json(card_file)
    table.to_csv(data)
    report = ("report", str(card_file), str(data), "-o", str(html))
    evaluate = ("evaluate", str(card_file), str(data))
    runs: dict[str, list[dict[str, float]]] = {"report": [], "evaluate": []}
    for _ in range(ROUNDS.get(n, 2)):  # alternate, so both see the same machine
        runs["report"].append(_run(*report))
        runs["evaluate"].append(_run(*evaluate))
    seconds = {k: [r["seconds"] for r in v] for k, v in runs.items()}
    ratios = [r / e for r, e in zip(seconds["report"], seconds["evaluate"], strict=True)]
    peak = max(r["peak_mib"] for r in runs["report"])
    label = f"{n:>5,} providers, {missing:.0%} missing"
    print(
        f"{label}: report {statistics.median(seconds['report']):6.2f} s, "
        f"evaluate {statistics.median(seconds['evaluate']):5.2f} s, "
        f"ratio {statistics.median(ratios):5.1f}x ({min(ratios):.1f}-{max(ratios):.1f}), "
        f"report peak RSS {peak:4.0f} MiB, HTML {html.stat().st_size / 2**20:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if 150 in args.sizes:
            measure(150, 0.0, folder)
        for n in args.sizes:
            measure(n, 0.1, folder)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--once":
        once(*sys.argv[2:])
    else:
        main()
