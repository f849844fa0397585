"""Deriving the TOP metrics from 1,000,000 TOP records: ours against hand-written polars.

The records are the synthetic example's (16 providers) repeated with fresh client ids until
there are 1,000,000 forms. Both sides compute the twelve TOP metrics (counts, denominators,
missing outcomes, sums for the means) per provider from the same polars frame; ours also
screens every record (ranges, categories, duplicates) and checks review dates, which the
hand-written query does not. The two run alternately in one process (so both see the same
machine); each then runs once more in a fresh subprocess that reads the records from a
Parquet file and measures its peak resident memory (VmHWM, restarted once the records are
loaded). Prints times, the ratio ours / polars (goal <= 1.5) and the peaks; then the same
comparison with 10% of the forms missing one more answer (missing data).

Run: ``python benchmarks/bench_measures.py`` (about a minute). Machines are noisy: read the
ratio, not the times.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from _memory import resident

RECORDS = 1_000_000
REPEAT = 9
DAYS = 7.0
RATING = 4.0


def records(missing: float = 0.0) -> pl.DataFrame:
    """The TOP records, tiled; ``missing``: the share of forms with one more answer left empty."""
    from scorecard.datasets import client_records  # noqa: PLC0415

    top: pl.DataFrame = client_records().frames("polars")["top"]
    copies = -(-RECORDS // top.height)
    tiled = pl.concat([top.with_columns(pl.col("client") + f"-{i}") for i in range(copies)]).head(
        RECORDS
    )
    if missing:
        rng = np.random.default_rng(3)
        fields = [n for n in top.columns if n not in ("client", "provider", "stage", "date")]
        gap = rng.random(tiled.height) < missing
        which = pl.Series(np.where(gap, rng.integers(0, len(fields), tiled.height), -1))
        tiled = tiled.with_columns(
            pl.when(which == k).then(None).otherwise(pl.col(f)).alias(f)
            for k, f in enumerate(fields)
        )
    return tiled.rechunk()


def ours(frame: pl.DataFrame) -> dict[str, Any]:
    from scorecard.measures import Records, derive  # noqa: PLC0415

    found = derive(Records(top=frame))
    table = found.table
    assert table.denominators is not None
    return {
        "providers": np.array(table.providers),
        "n": table.denominators,
        "k": found.numerators,
        "missing": found.missing,
        "metrics": np.array(table.metrics),
    }


def hand_written(frame: pl.DataFrame) -> dict[str, Any]:
    """The same pairing and metrics, written directly in polars (window functions: the fastest
    of the forms tried; sort + group_by().first() took about 3x as long)."""
    c = pl.col
    lf = frame.lazy()
    fields = [n for n in frame.columns if n not in ("client", "provider", "stage", "date")]
    first = c("date") == c("date").min().over("client")
    starts = (
        lf.filter(c("stage") == "start")
        .filter(first)
        .select("client", "provider", *(c(f).alias(f"{f}_s") for f in ["date", *fields]))
    )
    review = c("stage") == "review"
    outcomes = (
        lf.filter(c("stage") != "start")
        .filter(review == review.max().over("client"))
        .filter(c("date") == c("date").max().over("client"))
        .select("client", *(c(f).alias(f"{f}_r") for f in ["date", *fields]))
    )
    p = starts.join(outcomes, on="client", how="left")
    rv = c("date_r").is_not_null()

    def pos(x: str) -> pl.Expr:
        return (c(x) > 0).fill_null(value=False)

    def eq(x: str, v: float) -> pl.Expr:
        return (c(x) == v).fill_null(value=False)

    def known(x: str) -> pl.Expr:
        return c(x).is_not_null()

    crime = ("shoplifting_days_r", "selling_days_r", "other_crime_r")
    share = {
        "top_opiate_abstinent": (
            rv & pos("opiate_days_s"),
            eq("opiate_days_r", 0),
            known("opiate_days_r"),
        ),
        "top_opiate_abst_or_improved": (
            rv & pos("opiate_days_s"),
            eq("opiate_days_r", 0)
            | (c("opiate_days_s") - c("opiate_days_r") >= DAYS).fill_null(value=False),
            known("opiate_days_r"),
        ),
        "top_crack_abstinent": (
            rv & pos("crack_days_s"),
            eq("crack_days_r", 0),
            known("crack_days_r"),
        ),
        "top_stopped_injecting": (
            rv & pos("injecting_days_s"),
            eq("injecting_days_r", 0),
            known("injecting_days_r"),
        ),
        "top_stopped_sharing": (rv & eq("shared_s", 1), eq("shared_r", 0), known("shared_r")),
        "top_crime_desistance": (
            rv & (pos("shoplifting_days_s") | pos("selling_days_s") | eq("other_crime_s", 1)),
            eq(crime[0], 0) & eq(crime[1], 0) & eq(crime[2], 0),
            known(crime[0]) & known(crime[1]) & known(crime[2]),
        ),
        "top_qol_reliable_improve": (
            rv & known("qol_s"),
            (c("qol_r") - c("qol_s") >= RATING).fill_null(value=False),
            known("qol_r"),
        ),
        "top_housing_resolved": (
            rv & eq("acute_housing_s", 1),
            eq("acute_housing_r", 0),
            known("acute_housing_r"),
        ),
        "top_gained_work_or_education": (
            rv & eq("work_days_s", 0) & eq("education_days_s", 0),
            pos("work_days_r") | pos("education_days_r"),
            known("work_days_r") & known("education_days_r"),
        ),
    }
    aggs: list[pl.Expr] = []
    for m, (cohort, outcome, answered) in share.items():
        aggs += [
            (cohort & answered).sum().alias(f"{m}__n"),
            (cohort & answered & outcome).sum().alias(f"{m}__k"),
            (cohort & ~answered).sum().alias(f"{m}__missing"),
        ]
    for m, rating in (
        ("top_psych_change", "psych"),
        ("top_phys_change", "phys"),
        ("top_qol_change", "qol"),
    ):
        cohort, answered = rv & known(f"{rating}_s"), known(f"{rating}_r")
        aggs += [
            (cohort & answered).sum().alias(f"{m}__n"),
            pl.when(cohort & answered)
            .then(c(f"{rating}_r") - c(f"{rating}_s"))
            .sum()
            .alias(f"{m}__k"),
            (cohort & ~answered).sum().alias(f"{m}__missing"),
        ]
    out = p.group_by("provider").agg(aggs).sort("provider").collect()
    return {"providers": out["provider"].to_numpy(), "frame": out}


def counts(which: str, result: dict[str, Any]) -> dict[str, list[float]]:
    """Each metric's numerators per provider, to check both sides agree."""
    if which == "ours":
        return {m: [float(x) for x in result["k"][:, j]] for j, m in enumerate(result["metrics"])}
    out = result["frame"]
    return {
        c.removesuffix("__k"): [float(x) for x in out[c]] for c in out.columns if c.endswith("__k")
    }


def peak(which: str, path: str) -> None:
    """Run one side once in this (fresh) process on the saved records; print peak memory."""
    frame = pl.read_parquet(path)
    loaded = resident("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # Linux: restart the peak (VmHWM) from now
    (ours if which == "ours" else hand_written)(frame)
    print(json.dumps({"peak_mib": resident("VmHWM"), "loaded_mib": loaded}))


def alternate(frame: pl.DataFrame) -> dict[str, list[float]]:
    """Check both sides agree on ``frame``, then time them alternately, ``REPEAT`` rounds."""
    sides = {"polars": hand_written, "ours": ours}
    results = {which: fn(frame) for which, fn in sides.items()}  # warm-up, and the check
    mine, theirs = counts("ours", results["ours"]), counts("polars", results["polars"])
    for m, values in theirs.items():
        assert np.allclose(mine[m], values), m
    times: dict[str, list[float]] = {which: [] for which in sides}
    for _ in range(REPEAT):  # alternate, so both sides see the same machine
        for which, fn in sides.items():
            start = time.perf_counter()
            fn(frame)
            times[which].append(time.perf_counter() - start)
    return times


def peaks(frame: pl.DataFrame) -> dict[str, dict[str, float]]:
    """Each side once in a fresh subprocess reading ``frame`` from Parquet: peak memory."""
    found = {}
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "top.parquet")
        frame.write_parquet(path)
        for which in ("polars", "ours"):
            out = subprocess.run(  # noqa: S603 - this very script, with fixed arguments
                [sys.executable, __file__, which, path], check=True, capture_output=True, text=True
            )
            found[which] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def summary(times: dict[str, list[float]]) -> str:
    ratios = [o / h for o, h in zip(times["ours"], times["polars"], strict=True)]
    ratio = statistics.median(times["ours"]) / statistics.median(times["polars"])
    return (
        f"  ours / polars: {ratio:.2f}x (goal <= 1.5; pairwise {min(ratios):.2f}-"
        f"{max(ratios):.2f}x); same counts: yes"
    )


def main() -> None:
    frame = records()
    times = alternate(frame)
    memory = peaks(frame)
    print(f"{frame.height:,} TOP records, 16 providers, 12 metrics; median of {REPEAT} (best)")
    for label, which in (("hand-written polars", "polars"), ("scorecard.measures ", "ours")):
        run = times[which]
        print(
            f"  {label}: {statistics.median(run):.3f} s ({min(run):.3f} s), "
            f"peak RSS {memory[which]['peak_mib']:.0f} MiB "
            f"(from {memory[which]['loaded_mib']:.0f} MiB with the records loaded)"
        )
    print(summary(times))
    gappy = records(missing=0.1)
    times = alternate(gappy)
    print("The same with 10% of forms missing one more answer (cohorts count them as missing)")
    for label, which in (("hand-written polars", "polars"), ("scorecard.measures ", "ours")):
        run = times[which]
        print(f"  {label}: {statistics.median(run):.3f} s ({min(run):.3f} s)")
    print(summary(times))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        peak(sys.argv[1], sys.argv[2])
    else:
        main()
