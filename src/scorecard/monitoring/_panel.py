"""A panel: providers x periods x metrics, periods as real dates, and the scorecard over time.

`Panel.from_frame` reads a long dataframe (any narwhals backend: a row per provider and
period, a column per metric, optional ``<metric>__n`` denominators) and orders the periods by
date, never by text; every period must hold the same providers, and the periods must be evenly
spaced (a missing quarter is an error naming it). `over_time` evaluates a scorecard at every
period in one batched evaluation (every provider-period a row of one table) and ranks the
providers within each period.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from scorecard._arrays import FloatArray, IntArray
from scorecard._ranking import ranks as competition_ranks
from scorecard._table import PerformanceTable
from scorecard.errors import ScorecardError, TableError
from scorecard.monitoring._xmr import check_periods

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scorecard.aggregation import Aggregation
    from scorecard.evaluation import Evaluation
    from scorecard.measures import Derived, Period
    from scorecard.tree import Scorecard
    from scorecard.weighting import WeightSpec

__all__ = ["OverTime", "Panel", "over_time", "period_cell"]


def _date(value: object, row: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()  # type: ignore[no-any-return]
    raise TableError(
        f"row {row + 1}: period {value!r} is not a date; give periods as dates (the start of "
        "each month or quarter), never as text, so they sort by time"
    )


_QUARTER = re.compile(r"^(\d{4})[- ]?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def period_cell(text: str, where: str) -> dt.date:
    """A period written in a file: a date, a month or a calendar quarter (its first day).

    ISO dates (2025-04-01), months (2025-04) and quarters (2025Q2, 2025-Q2) are read; anything
    else is an error naming ``where``.

    Examples
    --------
    >>> period_cell("2025Q2", "line 2"), period_cell("2025-04", "line 3")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    """
    cell = text.strip()
    try:
        if m := _QUARTER.match(cell):
            return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
        if m := _MONTH.match(cell):
            return dt.date(int(m[1]), int(m[2]), 1)
        return dt.date.fromisoformat(cell)
    except ValueError:
        pass
    raise TableError(
        f"{where}: period {text!r} is not a date; write periods as dates (2025-04-01), months "
        "(2025-04) or quarters (2025Q2), so they sort by time"
    )


@attrs.frozen(eq=False)
class Panel:
    """One performance table per period, oldest first, every period the same providers."""

    periods: tuple[dt.date, ...]
    tables: tuple[PerformanceTable, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.periods) != len(self.tables) or not self.tables:
            raise TableError("a panel needs one table per period, and at least one period")
        check_periods(self.periods, len(self.periods))
        first = self.tables[0]
        everyone = {p for t in self.tables for p in t.providers}
        for period, table in zip(self.periods, self.tables, strict=True):
            gone = sorted(everyone - set(table.providers))
            if gone:
                elsewhere = next(
                    w
                    for w, t in zip(self.periods, self.tables, strict=True)
                    if gone[0] in t.providers
                )
                raise TableError(
                    f"period {period.isoformat()}: no row for {', '.join(map(repr, gone[:5]))} "
                    f"(in {elsewhere.isoformat()}); give every provider in every period"
                )
            if table.metrics != first.metrics:
                raise TableError(f"period {period.isoformat()}: not the metrics of the first")

    @property
    def providers(self) -> tuple[str, ...]:
        """The providers, in the first period's order."""
        return self.tables[0].providers

    def series(self, metric: str, provider: str) -> FloatArray:
        """(T,) one provider's values of one metric over the periods."""
        return np.array(
            [
                t.values[t.providers.index(provider), t.metric_index([metric])[0]]
                for t in self.tables
            ]
        )

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        period: str = "period",
        provider: str = "provider",
        card: Scorecard | None = None,
    ) -> Panel:
        """A panel from a long dataframe: a row per provider and period."""
        from scorecard._frames import columns_of  # noqa: PLC0415

        columns = columns_of(frame)
        if period not in columns:
            raise TableError(f"the dataframe has no {period!r} column (the period of each row)")
        dates = [_date(v, k) for k, v in enumerate(columns[period])]
        rest = {k: v for k, v in columns.items() if k != period}
        order = sorted(set(dates))
        tables = []
        for when in order:
            rows = [k for k, d in enumerate(dates) if d == when]
            part = {k: [v[r] for r in rows] for k, v in rest.items()}
            try:
                tables.append(
                    PerformanceTable.from_columns(
                        part, provider=provider, card=card, where=f"period {when.isoformat()}"
                    )
                )
            except ScorecardError as exc:
                raise type(exc)(f"period {when.isoformat()}: {exc}") from None
        return cls(tuple(order), tuple(tables))

    def to_csv(self, path: str | Path, *, period: str = "period") -> None:
        """Write the panel as one long CSV, the layout `from_csv` reads.

        A row per provider and period, oldest first; missing cells are left empty.
        """
        from scorecard._table import write_rows  # noqa: PLC0415

        header: list[str] = []
        body: list[list[object]] = []
        for when, table in zip(self.periods, self.tables, strict=True):
            columns = table.take(list(self.providers)).to_columns()
            header = [period, *columns]
            body += [
                [when.isoformat(), *(columns[h][i] for h in columns)]
                for i in range(len(self.providers))
            ]
        write_rows(path, header, body)

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        period: str = "period",
        provider: str = "provider",
        card: Scorecard | None = None,
        decimal: str = ".",
    ) -> Panel:
        """A panel from a long CSV file: a row per provider and period, a column per metric.

        Periods are dates, months or quarters (`period_cell`); ``<metric>__n`` columns are
        denominators. Errors name the file and line.
        """
        from scorecard._table import csv_columns  # noqa: PLC0415

        read = csv_columns(path, provider=provider, decimal=decimal)
        if period not in read.columns:
            raise TableError(
                f"{read.where} has no {period!r} column (the period of each row); its columns "
                f"are {', '.join(map(repr, read.columns))}"
            )
        cells = read.columns[period]
        dates = [
            period_cell(c, f"{read.where}, line {line}")
            for c, line in zip(cells, read.lines, strict=True)
        ]
        rest = {k: v for k, v in read.columns.items() if k != period}
        tables = []
        order = sorted(set(dates))
        for when in order:
            rows = [k for k, d in enumerate(dates) if d == when]
            part = {k: [v[r] for r in rows] for k, v in rest.items()}
            table = PerformanceTable.from_columns(
                part,
                provider=provider,
                card=card,
                where=f"{read.where}, period {when.isoformat()}",
                unit="line",
                lines=[read.lines[r] for r in rows],
            )
            tables.append(attrs.evolve(table, source=read.source))
        return cls(tuple(order), tuple(tables))

    @classmethod
    def from_derived(cls, periods: Sequence[Period], derived: Sequence[Derived]) -> Panel:
        """A panel of `scorecard.measures.derive_by_period`'s tables, dated by each period's start.

        Examples
        --------
        >>> import datetime as dt
        >>> from scorecard.measures import Records, derive_by_period, windows
        >>> import scorecard as sc
        >>> records = sc.datasets.client_records().frames("polars")
        >>> quarters = windows(dt.date(2025, 4, 1), 4)
        >>> derived = derive_by_period(Records(top=records["top"]), quarters)
        >>> Panel.from_derived(quarters, derived).periods[-1]
        datetime.date(2026, 1, 1)
        """
        if len(periods) != len(derived):
            raise TableError(f"{len(derived)} derivations given for {len(periods)} periods")
        return cls(tuple(p.start for p in periods), tuple(d.table for d in derived))


@attrs.frozen(eq=False)
class OverTime:
    """A scorecard evaluated at every period: scores and ranks (periods x providers)."""

    periods: tuple[dt.date, ...]
    providers: tuple[str, ...]
    scores: FloatArray
    ranks: IntArray
    evaluation: Evaluation
    """The one evaluation of every provider-period (rows named "provider (period)")."""

    def of(self, provider: str) -> tuple[FloatArray, IntArray]:
        """One provider's scores and ranks over the periods."""
        i = self.providers.index(provider)
        return self.scores[:, i], self.ranks[:, i]


def over_time(
    card: Scorecard,
    panel: Panel,
    *,
    weights: WeightSpec | None = None,
    aggregation: Aggregation | None = None,
) -> OverTime:
    """Evaluate ``card`` at every period of ``panel`` in one batched evaluation.

    Examples
    --------
    >>> import datetime as dt
    >>> import scorecard as sc
    >>> table = sc.datasets.example()
    >>> quarters = (dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    >>> found = over_time(sc.catalog.balanced(), Panel(quarters, (table, table)))
    >>> bool((found.ranks[0] == found.ranks[1]).all())
    True
    """
    providers = panel.providers
    names = [f"{p} ({when.isoformat()})" for when in panel.periods for p in providers]
    if len(set(names)) != len(names) or set(names) & set(providers):
        raise TableError("provider names clash with the provider-period names over time")
    tables = [t.take(list(providers)) for t in panel.tables]
    values = np.concatenate([t.values for t in tables])
    extra: dict[str, Any] = {}
    for name in ("denominators", "standard_errors"):
        arrays = [getattr(t, name) for t in tables]
        if all(a is not None for a in arrays):
            extra[name] = np.concatenate(arrays)
    stacked = PerformanceTable(names, tables[0].metrics, values, **extra)
    ev = card.evaluate(stacked, weights=weights, aggregation=aggregation)
    shape = (len(panel.periods), len(providers))
    scores = np.asarray(ev.scores).reshape(shape)
    demoted = ev.demoted.reshape(shape) if ev.demoted is not None else None
    ranked = competition_ranks(scores, demoted=demoted)
    return OverTime(panel.periods, providers, scores, ranked, ev)
