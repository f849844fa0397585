"""``to_frame`` typed by backend, for results and tables: no dataframe library until called."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from typing import TypeAlias

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from scorecard._frames import Backend

    PandasFrame: TypeAlias = pd.DataFrame
    PolarsFrame: TypeAlias = pl.DataFrame
    ArrowTable: TypeAlias = pa.Table

__all__ = ["Framed"]


class Framed:
    """``to_frame`` for a result whose `to_columns` takes no arguments, typed by backend."""

    __slots__ = ()

    def to_columns(self) -> dict[str, list[Any]]:
        """Named columns of plain values (defined by each result)."""
        raise NotImplementedError

    @overload
    def to_frame(self, backend: Literal["pandas"]) -> PandasFrame: ...
    @overload
    def to_frame(self, backend: Literal["polars"]) -> PolarsFrame: ...
    @overload
    def to_frame(self, backend: Literal["pyarrow"]) -> ArrowTable: ...
    @overload
    def to_frame(self, backend: None = None) -> Any: ...
    def to_frame(self, backend: Backend | None = None) -> Any:
        """`to_columns` as a dataframe of ``backend``: "pandas", "polars" or "pyarrow".

        With no backend, the first of those installed (pandas first); none installed is an
        error that names the extras (``commissioning-scorecard[pandas]``, ...).
        """
        from scorecard._frames import frame_of  # noqa: PLC0415 - narwhals on use

        return frame_of(self.to_columns(), backend)
