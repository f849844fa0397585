"""One derived metric: which rows count, what they count as, and how the figure is finished.

A `Measure` is three narwhals expressions over one row per client (or per episode, or per
provider return): ``cohort`` (the row belongs to the metric's population), ``answered`` (its
outcome is known) and ``outcome`` (true for a success, or the number averaged). The engine
sums each row's contributions per provider in one ``group_by``; `finish` turns the sums into values,
denominators, standard errors and 95% intervals with numpy, on one row per provider.

Rows in the cohort whose outcome is not known are never imputed: they leave the denominator
and are counted in ``missing``.

Forms:

* ``share``: a percentage of the cohort; Wilson score interval.
* ``proportion``: a percentage from counts already summed (``outcome`` of ``cohort``, both
  numbers, as in a workforce return); Wilson score interval.
* ``mean``: the mean of ``outcome`` over the cohort; standard error and normal interval.
* ``rate``: ``per`` x events (``outcome`` summed) / exposure (``cohort`` summed, a number);
  Byar / exact Poisson interval on the events.
* ``ratio``: ``per`` x amount / exposure, with no interval (hours, caseloads).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs
import narwhals.stable.v2 as nw
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard.stats import byar, wilson

__all__ = ["Figures", "Form", "Measure", "equals", "finish", "known", "positive"]

_Z95: Final = 1.959963984540054


class Form(enum.StrEnum):
    """How a measure's sums become a figure."""

    SHARE = "share"
    PROPORTION = "proportion"
    MEAN = "mean"
    RATE = "rate"
    RATIO = "ratio"


def any_of(terms: Iterable[nw.Expr]) -> nw.Expr:
    """True where any of ``terms`` is (at least one term)."""
    first, *rest = terms
    for term in rest:
        first = first | term
    return first


def all_of(terms: Iterable[nw.Expr]) -> nw.Expr:
    """True where all of ``terms`` are (at least one term)."""
    first, *rest = terms
    for term in rest:
        first = first & term
    return first


def known(column: str) -> nw.Expr:
    """True where ``column`` holds a value."""
    return ~nw.col(column).is_null()


def positive(column: str) -> nw.Expr:
    """True where ``column`` is known and above 0."""
    return (nw.col(column) > 0).fill_null(value=False)


def equals(column: str, value: float | str) -> nw.Expr:
    """True where ``column`` is known and equal to ``value``."""
    return (nw.col(column) == value).fill_null(value=False)


@attrs.frozen(eq=False)
class Measure:
    """How one metric is derived from rows of one kind (see the module docstring)."""

    metric: str
    form: Form
    cohort: nw.Expr
    outcome: nw.Expr
    answered: nw.Expr = attrs.field(factory=lambda: nw.lit(value=True))
    per: float = 1.0

    def contributions(self) -> list[nw.Expr]:
        """Each row's part of the per-provider sums, named ``<metric>__<part>``.

        Parts are ``n`` (denominator), ``k`` (numerator), ``missing`` and ``ss`` (sum of
        squares, for means); a part that is always 0 for the form is left out.

        Summing these per provider is a plain ``group_by().agg(col.sum())`` that every engine
        runs natively (pandas included).
        """
        m = self.metric
        if self.form in (Form.PROPORTION, Form.RATE, Form.RATIO):
            return [
                self.cohort.cast(nw.Float64).alias(f"{m}__n"),
                self.outcome.cast(nw.Float64).alias(f"{m}__k"),
            ]
        counted = self.cohort & self.answered
        parts = [
            counted.cast(nw.Float64).alias(f"{m}__n"),
            (self.cohort & ~self.answered).cast(nw.Float64).alias(f"{m}__missing"),
        ]
        if self.form is Form.SHARE:
            return [*parts, (counted & self.outcome).cast(nw.Float64).alias(f"{m}__k")]
        total = nw.when(counted).then(self.outcome.cast(nw.Float64)).otherwise(nw.lit(0.0))
        return [*parts, total.alias(f"{m}__k"), (total * total).alias(f"{m}__ss")]


@attrs.frozen(eq=False)
class Figures:
    """One metric's figures per provider: value, denominator, numerator, SE, interval, missing."""

    metric: str
    form: Form
    value: FloatArray
    denominator: FloatArray
    numerator: FloatArray
    standard_error: FloatArray
    lower: FloatArray
    upper: FloatArray
    missing: FloatArray


def finish(measure: Measure, sums: Mapping[str, FloatArray], *, names: Sequence[str]) -> Figures:
    """Values, standard errors and 95% intervals from the per-provider sums of ``measure``."""
    m = measure.metric
    n, k = sums[f"{m}__n"], sums[f"{m}__k"]
    zeros = np.zeros(n.shape)
    some = n > 0
    value = np.full(n.shape, np.nan)
    se = np.full(n.shape, np.nan)
    lower = np.full(n.shape, np.nan)
    upper = np.full(n.shape, np.nan)
    safe = np.where(some, n, 1.0)
    if measure.form in (Form.SHARE, Form.PROPORTION):
        value[some] = 100.0 * k[some] / n[some]
        if some.any():
            low, high = wilson(k[some], n[some], names=_names(names, some))
            lower[some], upper[some] = 100.0 * low, 100.0 * high
    elif measure.form is Form.MEAN:
        mean = k / safe
        value[some] = mean[some]
        two = n > 1
        spread = np.maximum(sums.get(f"{m}__ss", zeros) - n * mean * mean, 0.0) / np.where(
            two, n - 1, 1.0
        )
        se[two] = np.sqrt(spread[two] / n[two])
        lower[two], upper[two] = value[two] - _Z95 * se[two], value[two] + _Z95 * se[two]
    else:
        value[some] = measure.per * k[some] / n[some]
        if measure.form is Form.RATE and some.any():
            low, high = byar(k[some], names=_names(names, some))
            lower[some] = measure.per * low / n[some]
            upper[some] = measure.per * high / n[some]
    missing = sums.get(f"{m}__missing", zeros)
    return Figures(m, measure.form, value, n, k, se, lower, upper, missing)


def _names(names: Sequence[str], some: NDArray[np.bool_]) -> list[str]:
    return [str(p) for p, keep in zip(names, some, strict=True) if keep]
