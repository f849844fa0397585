"""Peak resident memory of this process, for benchmarks that run each side in a fresh one."""

from __future__ import annotations

from pathlib import Path

__all__ = ["resident"]


def resident(field: str) -> float:
    """A /proc/self/status memory figure in MiB (``VmRSS``, ``VmHWM``; Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")
