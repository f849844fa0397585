"""Deriving the TOP metrics from 20,000,000 TOP records on disk: DuckDB and polars, past memory?

The records are the synthetic example's, repeated with fresh client ids, written as Parquet
files (one per million records) to a temporary folder. Each engine then derives the twelve TOP
metrics once, in a fresh subprocess reading the files lazily:

- DuckDB with ``SET memory_limit`` (default 2 GB) and a temporary folder to spill to;
- polars ``scan_parquet`` with the streaming engine (``pl.Config.set_engine_affinity``);
- polars ``scan_parquet`` with its default (in-memory) engine, for comparison.

Prints each engine's time and peak resident memory (VmHWM of the subprocess: everything the
process held, not only the engine's buffers), and checks the engines give the same counts.
Run: ``python benchmarks/bench_bigdata.py`` (``--records 2000000`` for a quicker look; a few
minutes at 20M). Machines are noisy: the memory figures are the point.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from _memory import resident

PART = 1_000_000
ENGINES = ("duckdb", "polars streaming", "polars in memory")


def write_records(folder: Path, records: int) -> int:
    """Write ``records`` TOP records as Parquet parts; return the number of clients."""
    from scorecard.datasets import client_records  # noqa: PLC0415

    top: pl.DataFrame = client_records().frames("polars")["top"]
    copies = -(-PART // top.height)
    for part in range(-(-records // PART)):
        size = min(PART, records - part * PART)
        tiled = pl.concat(
            [top.with_columns(pl.col("client") + f"-{part}-{i}") for i in range(copies)]
        ).head(size)
        tiled.write_parquet(folder / f"top-{part:03d}.parquet")
    return int(
        pl.scan_parquet(folder / "*.parquet").select(pl.col("client").n_unique()).collect().item()
    )


def derive_once(engine: str, folder: str, memory_limit: str) -> None:
    """In this fresh process: derive from the files on one engine; print time, peak and counts."""
    from scorecard.measures import Records, derive  # noqa: PLC0415

    files = str(Path(folder) / "*.parquet")
    frame: Any
    if engine == "duckdb":
        import duckdb  # noqa: PLC0415

        spill = Path(folder) / "spill"
        spill.mkdir(exist_ok=True)
        connection = duckdb.connect(
            config={"memory_limit": memory_limit, "temp_directory": str(spill)}
        )
        frame = connection.read_parquet(files)
    else:
        if engine == "polars streaming":
            pl.Config.set_engine_affinity("streaming")
        frame = pl.scan_parquet(files)
    start = time.perf_counter()
    found = derive(Records(top=frame))
    seconds = time.perf_counter() - start
    counts = {m: found.numerators[:, j].tolist() for j, m in enumerate(found.table.metrics)}
    clients = found.table.denominators
    assert clients is not None
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": resident("VmHWM"),
                "counts": counts,
                "denominators": clients.tolist(),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000_000)
    parser.add_argument("--memory-limit", default="2GB", help="DuckDB's memory_limit")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        clients = write_records(folder, args.records)
        size = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 2**20
        print(
            f"{args.records:,} TOP records of {clients:,} clients, 16 providers: "
            f"{size:.0f} MiB of Parquet written in {time.perf_counter() - start:.0f} s"
        )
        results: dict[str, dict[str, Any]] = {}
        for engine in args.engines:
            out = subprocess.run(  # noqa: S603 - this very script, with fixed arguments
                [sys.executable, __file__, "--once", engine, str(folder), args.memory_limit],
                check=False,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                tail = (out.stderr.strip().splitlines() or ["(no message)"])[-1]
                print(f"  {engine:17}: failed ({tail})")
                continue
            results[engine] = found = json.loads(out.stdout.strip().splitlines()[-1])
            limit = f" (memory_limit {args.memory_limit})" if engine == "duckdb" else ""
            print(
                f"  {engine:17}: {found['seconds']:6.1f} s, "
                f"peak RSS {found['peak_mib']:6.0f} MiB{limit}"
            )
        if len(results) > 1:
            first, *others = results.values()
            same = all(
                np.allclose(first["denominators"], other["denominators"])
                and all(
                    np.allclose(first["counts"][m], other["counts"][m]) for m in first["counts"]
                )
                for other in others
            )
            print(f"  same denominators and counts on every engine: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--once":
        derive_once(*sys.argv[2:5])
    else:
        main()
