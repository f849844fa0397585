"""Dataframes in and out through narwhals: pandas, polars and pyarrow work without importing any."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

import narwhals.stable.v2 as nw

from scorecard.errors import ScorecardError, TableError

__all__ = ["BACKENDS", "OUTPUT", "Backend", "columns_of", "frame_of", "installed_backend"]

BACKENDS = ("pandas", "polars", "pyarrow")
Backend = Literal["pandas", "polars", "pyarrow"]
"""The dataframe libraries results are made into and records are read from."""
READING: tuple[Backend, ...] = ("polars", "pyarrow", "pandas")
"""The order records are read and generated in: the fastest library first."""
OUTPUT: tuple[Backend, ...] = ("pandas", "polars", "pyarrow")
"""The order ``to_frame()`` picks a library in: pandas first, the one most readers expect."""


def installed_backend(purpose: str, preference: tuple[Backend, ...] = READING) -> Backend:
    """The first library of ``preference`` that is installed, for ``purpose``.

    With none installed the error names the extras that bring one, in ``preference``'s order.
    """
    for name in preference:
        if importlib.util.find_spec(name) is not None:
            return name
    first, *rest = preference
    others = ", or ".join(f"[{name}]" for name in rest)
    raise ScorecardError(
        f"{purpose} needs a dataframe library: "
        f"pip install 'commissioning-scorecard[{first}]' (or {others})"
    )


def columns_of(frame: Any) -> dict[str, list[Any]]:
    """A dataframe's columns as lists of values (nulls as None); lazy frames are collected."""
    try:
        native = nw.from_native(frame)
    except TypeError:
        raise TableError(
            f"expected a dataframe (pandas, polars, pyarrow, ...), got {type(frame).__name__}"
        ) from None
    df = native.collect() if isinstance(native, nw.LazyFrame) else native
    if not isinstance(df, nw.DataFrame):
        raise TableError(f"expected a dataframe, got a {type(df).__name__}")
    names = [str(c) for c in df.columns]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise TableError(f"the dataframe has column(s) {', '.join(map(repr, dup))} more than once")
    return {name: df.get_column(col).to_list() for name, col in zip(names, df.columns, strict=True)}


def frame_of(columns: Mapping[str, Sequence[Any]], backend: str | None) -> Any:
    """Named columns as a native dataframe of ``backend`` (None: the first `OUTPUT` installed)."""
    if backend is None:
        backend = installed_backend("to_frame()", OUTPUT)
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    chosen = cast("Backend", backend)
    return nw.from_dict({k: list(v) for k, v in columns.items()}, backend=chosen).to_native()
