"""`derive`: provider metrics, with denominators and intervals, from client and provider records.

The whole derivation is narwhals expressions over lazy frames: pandas, polars, pyarrow,
polars LazyFrame, DuckDB relations and PySpark DataFrames all work (Dask is refused: see
`scorecard.measures._screen.DASK_REFUSED`), and a lazy engine returns only per-provider sums
(and a few example rows of bad records) to Python. Past memory, DuckDB with a memory limit
spills to disk (docs/measures.md). Each kind of record gives the metrics
it can; a metric needing two kinds (primary-substance days, keyworker continuity, caseload per
worker) appears when both are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import narwhals.stable.v2 as nw
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._identity import canonical_names
from scorecard._table import PerformanceTable
from scorecard.measures._episodes import (
    Period,
    caseload,
    continuity_rows,
    episode_measures,
    keyworker_measure,
)
from scorecard.measures._measure import Figures, Form, Measure, finish
from scorecard.measures._pairing import BACKWARDS, backwards, orphans, pair, unmatched
from scorecard.measures._schema import KEYWORKERS, SCHEMAS, SURVEY, TOP, WORKFORCE
from scorecard.measures._screen import Exclusion, Invalid, RecordError, as_lazy, screen
from scorecard.measures._survey import FIELDS as SURVEY_FIELDS
from scorecard.measures._survey import survey_measures
from scorecard.measures._top import FIELDS as TOP_FIELDS
from scorecard.measures._top import ReliableChange, top_measures
from scorecard.measures._workforce import CASELOAD, workforce_measures
from scorecard.stats import SMALL_NUMBERS, too_few

__all__ = ["Derived", "Records", "derive", "derive_screened", "screened"]

_PERCENT: Final = (Form.SHARE, Form.PROPORTION)


@attrs.frozen(eq=False)
class Records:
    """The records to derive metrics from; each is any dataframe, or None when not held.

    See `scorecard.measures._schema` for the columns of each (``top``, ``episodes``,
    ``survey``, ``keyworkers``, ``workforce``). Extra columns are ignored.
    """

    top: Any = None
    episodes: Any = None
    survey: Any = None
    keyworkers: Any = None
    workforce: Any = None

    def given(self) -> dict[str, Any]:
        """The records held, by name."""
        return {name: getattr(self, name) for name in SCHEMAS if getattr(self, name) is not None}


@attrs.frozen(eq=False)
class Derived:
    """Derived provider metrics: the performance table and what lies behind each figure.

    Attributes
    ----------
    table
        Values (percentages for shares), denominators (clients, episodes, staff, WTE) and
        standard errors (for means), ready for ``card.evaluate`` and SMAA.
    numerators
        (N, M) counts behind shares and rates, sums behind means and ratios.
    lower, upper
        (N, M) 95% intervals: Wilson for shares, normal for means, Byar for rates;
        NaN for ratios of amounts and where there is no figure.
    missing
        (N, M) clients in a cohort whose outcome was not recorded (left out, counted here).
    forms
        Each metric's `Form`.
    exclusions
        Records left out under ``invalid="exclude"``, and why.
    """

    table: PerformanceTable
    numerators: FloatArray
    lower: FloatArray
    upper: FloatArray
    missing: FloatArray
    forms: Mapping[str, Form]
    exclusions: tuple[Exclusion, ...]

    def small(self, minimum: int = SMALL_NUMBERS) -> NDArray[np.bool_]:
        """(N, M) True where a figure rests on fewer than ``minimum`` clients or staff."""
        assert self.table.denominators is not None  # noqa: S101 - always derived with them
        return too_few(np.nan_to_num(self.table.denominators.ravel()), minimum=minimum).reshape(
            self.table.shape
        )

    def interval(self, metric: str) -> tuple[FloatArray, FloatArray]:
        """The 95% interval (lower, upper) of one metric, in provider order."""
        j = self.table.metric_index([metric])[0]
        return self.lower[:, j], self.upper[:, j]

    def report(self) -> str:
        """Exclusions and missing outcomes, in words."""
        lines = [str(e) for e in self.exclusions] or ["no records excluded"]
        missing = self.missing.sum(axis=0)
        for metric, count in zip(self.table.metrics, missing, strict=True):
            if count:
                lines.append(
                    f"{metric}: {int(count)} clients in the cohort with no outcome recorded"
                )
        return "\n".join(lines)


def _sums(
    frame: nw.LazyFrame[Any], measures: Sequence[Measure], extra: Sequence[str] = ()
) -> dict[str, dict[str, float]]:
    """Per-provider sums of every measure's contributions and of ``extra`` columns.

    One query, one small result.
    """
    parts = [c for m in measures for c in m.contributions()]
    rows = frame.select("provider", *parts, *extra)
    names = [name for name in rows.collect_schema().names() if name != "provider"]
    result = rows.group_by("provider").agg(*(nw.col(name).sum() for name in names)).collect()
    columns = result.columns[1:]
    out: dict[str, dict[str, float]] = {}
    for provider, *values in result.iter_rows():
        pairs = zip(columns, values, strict=True)
        out[str(provider)] = {k: 0.0 if v is None else float(v) for k, v in pairs}
    return out


def _screened(
    records: Records, invalid: Invalid
) -> tuple[dict[str, nw.LazyFrame[Any]], list[Exclusion]]:
    frames: dict[str, nw.LazyFrame[Any]] = {}
    exclusions: list[Exclusion] = []
    for name, native in records.given().items():
        frame, found = screen(as_lazy(native, name), SCHEMAS[name], invalid=invalid)
        frames[name] = frame
        exclusions.extend(found)
    engines = {name: frame.implementation for name, frame in frames.items()}
    if len(set(engines.values())) > 1:
        listed = ", ".join(f"{name} on {engine}" for name, engine in engines.items())
        raise RecordError(f"all records must be on one dataframe engine to be joined, got {listed}")
    return frames, exclusions


def _primary(episodes: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    latest = episodes.group_by("client").agg(nw.col("start").max())
    return episodes.join(latest, on=["client", "start"], how="inner").select(
        "client", "primary_substance"
    )


def derive(
    records: Records,
    *,
    period: Period | None = None,
    thresholds: ReliableChange | None = None,
    providers: Sequence[str] | None = None,
    invalid: Invalid = "raise",
) -> Derived:
    """Provider metrics from client records (SYNTHETIC or real; nothing leaves your machine).

    Parameters
    ----------
    records
        The `Records` held (any dataframe engine; lazy ones stay lazy).
    period
        The reporting period; needed with episodes or keyworker assignments.
    thresholds
        Reliable-change thresholds for the TOP (default `ReliableChange()`).
    providers
        The providers, in order; providers without records get empty figures. Default:
        every provider in the records, sorted.
    invalid
        ``"raise"`` (default) stops at the first bad record with a `RecordError`;
        ``"exclude"`` leaves bad records out and reports them in `Derived.exclusions`.

    Raises
    ------
    RecordError
        On a missing column, a bad record (under ``"raise"``), a missing ``period``, or a
        provider in the records but not in ``providers``.
    """
    frames, exclusions = screened(records, invalid=invalid, period=period)
    return derive_screened(
        frames,
        period=period,
        thresholds=thresholds,
        providers=providers,
        invalid=invalid,
        exclusions=exclusions,
    )


def screened(
    records: Records, *, invalid: Invalid, period: object
) -> tuple[dict[str, nw.LazyFrame[Any]], list[Exclusion]]:
    """The records as screened lazy frames, and the records screening left out.

    ``period`` is only checked for presence: episodes and keyworkers need one (or more).
    """
    given = records.given()
    if not given:
        raise RecordError("no records given: pass at least one of " + ", ".join(SCHEMAS))
    if period is None and ("episodes" in given or "keyworkers" in given):
        raise RecordError("period is needed to derive metrics from episodes or keyworkers")
    return _screened(records, invalid)


def derive_screened(
    frames: Mapping[str, nw.LazyFrame[Any]],
    *,
    period: Period | None,
    thresholds: ReliableChange | None,
    providers: Sequence[str] | None,
    invalid: Invalid,
    exclusions: Sequence[Exclusion] = (),
) -> Derived:
    """`derive` on frames already screened (`screened`); ``exclusions`` are screening's."""
    run = _Run(dict(frames), period, invalid)
    run.top(thresholds or ReliableChange())
    run.episodes()
    run.survey()
    run.workforce()
    return _assemble(run.figures, run.measures, [*exclusions, *run.exclusions], providers)


@attrs.define
class _Run:
    """One derivation: the screened frames, and the sums and measures gathered so far."""

    frames: dict[str, nw.LazyFrame[Any]]
    period: Period | None
    invalid: Invalid
    figures: dict[str, dict[str, float]] = attrs.field(factory=dict)
    measures: list[Measure] = attrs.field(factory=list)
    exclusions: list[Exclusion] = attrs.field(factory=list)

    def add(
        self, frame: nw.LazyFrame[Any], measures: Sequence[Measure], extra: Sequence[str] = ()
    ) -> dict[str, float]:
        """Sum ``measures`` per provider; return the totals of the ``extra`` columns."""
        totals = dict.fromkeys(extra, 0.0)
        for provider, sums in _sums(frame, measures, extra).items():
            for name in extra:
                totals[name] += sums.pop(name)
            self.figures.setdefault(provider, {}).update(sums)
        self.measures.extend(measures)
        return totals

    def paired(self, name: str, fields: Sequence[str]) -> nw.LazyFrame[Any]:
        """Start and outcome records of ``name`` paired per client."""
        pairs = pair(self.frames[name], fields)
        if name == "top" and "episodes" in self.frames:
            pairs = pairs.join(_primary(self.frames["episodes"]), on="client", how="left")
        return pairs

    def check(
        self, name: str, pairs: nw.LazyFrame[Any], totals: dict[str, float], records: str
    ) -> None:
        """Report the clients the pairing could not use: no start, or an outcome before it."""
        self.exclusions.extend(orphans(self.frames[name], records=records, invalid=self.invalid))
        count = round(totals[BACKWARDS])
        self.exclusions.extend(backwards(pairs, count, records=records, invalid=self.invalid))

    def top(self, thresholds: ReliableChange) -> None:
        if "top" not in self.frames:
            return
        pairs = self.paired("top", TOP_FIELDS)
        measures = top_measures(thresholds, with_primary="episodes" in self.frames)
        self.check("top", pairs, self.add(pairs, measures, [BACKWARDS]), TOP.name)

    def episodes(self) -> None:
        if "episodes" not in self.frames or self.period is None:
            return
        self.add(self.frames["episodes"], episode_measures(self.period))
        if "keyworkers" in self.frames:
            self.exclusions.extend(
                unmatched(
                    self.frames["keyworkers"],
                    self.frames["episodes"],
                    records=KEYWORKERS.name,
                    problem="with keyworker assignments but no treatment episode (not used)",
                    invalid=self.invalid,
                )
            )
            rows = continuity_rows(self.frames["episodes"], self.frames["keyworkers"], self.period)
            self.add(rows, [keyworker_measure()])

    def survey(self) -> None:
        if "survey" not in self.frames:
            return
        answers = self.paired("survey", SURVEY_FIELDS)
        self.check(
            "survey", answers, self.add(answers, survey_measures(), [BACKWARDS]), SURVEY.name
        )

    def workforce(self) -> None:
        if "workforce" not in self.frames:
            return
        amounts = [f.name for f in WORKFORCE.fields if f.name != "provider"]
        returns = (
            self.frames["workforce"].group_by("provider").agg(*(nw.col(a).sum() for a in amounts))
        )
        with_caseload = self.period is not None and "episodes" in self.frames
        if self.period is not None and "episodes" in self.frames:
            caseloads = caseload(self.frames["episodes"], self.period, CASELOAD)
            returns = returns.join(caseloads, on="provider", how="left")
        self.add(returns, workforce_measures(with_caseload=with_caseload))


def _assemble(
    figures: Mapping[str, Mapping[str, float]],
    measures: Sequence[Measure],
    exclusions: Iterable[Exclusion],
    providers: Sequence[str] | None,
) -> Derived:
    canonical_names("provider", figures, error=RecordError)  # NFC spellings of one provider
    found = sorted(figures)
    if providers is None:
        order = tuple(found)
    else:
        order = tuple(providers)
        unknown = [p for p in found if p not in set(order)]
        if unknown:
            raise RecordError(
                f"records name provider(s) not in providers: {', '.join(map(repr, unknown[:5]))}"
            )
    done: list[Figures] = []
    for m in measures:
        parts = ("n", "k", "missing", "ss")
        sums = {
            f"{m.metric}__{part}": np.array(
                [figures.get(p, {}).get(f"{m.metric}__{part}", 0.0) for p in order],
                dtype=np.float64,
            )
            for part in parts
        }
        done.append(finish(m, sums, names=order))
    metrics = tuple(f.metric for f in done)

    def stack(attr: str) -> FloatArray:
        return np.column_stack([getattr(f, attr) for f in done])

    table = PerformanceTable(
        order,
        metrics,
        stack("value"),
        denominators=stack("denominator"),
        standard_errors=stack("standard_error"),
    )
    return Derived(
        table=table,
        numerators=stack("numerator"),
        lower=stack("lower"),
        upper=stack("upper"),
        missing=stack("missing"),
        forms={f.metric: f.form for f in done},
        exclusions=tuple(exclusions),
    )
