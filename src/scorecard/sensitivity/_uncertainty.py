"""Performance uncertainty: plausible values of each uncertain cell, drawn from the table's data.

A small provider's rate is as uncertain as its data. For SMAA each drawn metric cell gets a
distribution for its *true* value:

* a cell with a standard error: ``Normal(value, standard error)``;
* a percentage (unit ``"%"``) with a denominator ``n`` and no standard error: the proportion is
  ``Beta(k + 1/2, n - k + 1/2)`` with ``k = n * value / 100``, the posterior of a binomial rate
  under the Jeffreys prior (the beta-binomial model of the count), times 100.

Draws pass through the metric's value function; a draw beyond a scale's end takes the end's
value (value functions are flat there). A metric without any standard error or usable
denominator keeps its reported values and is listed in ``fixed``. Within a drawn metric every
reported value needs a standard error or a denominator: a gap is an error naming the cell,
never a silent guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import BoolArray, FloatArray
from scorecard.errors import UncertaintyError
from scorecard.tree import Scorecard

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["PerformanceDraws", "UncertaintyError", "performance_draws"]


PERCENT = "%"
_HUNDRED = 100.0


@attrs.frozen(eq=False)
class PerformanceDraws:
    """Which cells are drawn and how; `values` draws value arrays for a batch of samples.

    ``columns`` are the drawn metrics' columns (in the scorecard's metric order); ``normal`` and
    ``beta`` (N, U) say which cells use which distribution; cells in neither (missing values)
    keep ``base``. ``fixed`` lists metrics held at their reported values.
    """

    card: Scorecard
    base: FloatArray
    columns: NDArray[np.intp]
    normal: BoolArray
    beta: BoolArray
    mean: FloatArray
    spread: FloatArray
    alpha: FloatArray
    beta_b: FloatArray
    fixed: tuple[str, ...]

    @property
    def metrics(self) -> tuple[str, ...]:
        """The drawn metrics."""
        return tuple(self.card.metric_ids[j] for j in self.columns)

    def values(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` draws of the whole value matrix: (n, N, M), fixed cells repeated."""
        out = np.repeat(self.base[None], n, axis=0)
        raw = np.zeros((n, *self.mean.shape))
        normal, beta = self.normal, self.beta  # each distribution drawn only where it applies
        noise = rng.standard_normal((n, int(normal.sum())))
        raw[:, normal] = self.mean[normal] + self.spread[normal] * noise
        raw[:, beta] = 100.0 * rng.beta(self.alpha[beta], self.beta_b[beta], size=(n, beta.sum()))
        drawn = normal | beta
        metrics = self.card.all_metrics
        for u, j in enumerate(self.columns.tolist()):  # one vectorised call per metric
            column = metrics[j].scale.value(raw[:, :, u])
            out[:, :, j] = np.where(drawn[:, u], column, out[:, :, j])
        return out


def _chosen(
    card: Scorecard, uncertain: bool | Sequence[str], has_se: BoolArray, has_n: BoolArray
) -> list[int]:
    percent = np.array([m.unit == PERCENT for m in card.all_metrics], dtype=np.bool_)
    usable = has_se.any(axis=0) | (percent & has_n.any(axis=0))
    if isinstance(uncertain, bool):
        return np.flatnonzero(usable).tolist() if uncertain else []
    names = [uncertain] if isinstance(uncertain, str) else list(uncertain)
    out = []
    for name in names:
        if name not in card.metric_ids:
            raise UncertaintyError(f"{name!r} is not a metric of scorecard {card.name!r}")
        j = card.metric_ids.index(name)
        if not usable[j]:
            raise UncertaintyError(
                f"metric {name!r} has no standard errors"
                + ("" if percent[j] else " and is not a percentage (unit '%') with denominators")
                + ", so its uncertainty cannot be drawn"
            )
        out.append(j)
    return sorted(set(out))


def _ordered(ev: Evaluation, name: str) -> FloatArray:
    """The table's ``standard_errors`` or ``denominators`` in the evaluation's metric order."""
    arr: FloatArray | None = getattr(ev.table, name)
    if arr is None:
        return np.full(ev.raw.shape, np.nan)
    return arr[:, ev.table.metric_index(ev.metrics)]


def performance_draws(ev: Evaluation, uncertain: bool | Sequence[str]) -> PerformanceDraws:
    """How to draw each uncertain cell of ``ev`` (see the module's description)."""
    card, providers, raw = ev.card, ev.providers, ev.raw
    se, den = _ordered(ev, "standard_errors"), _ordered(ev, "denominators")
    has_se, has_n = np.isfinite(se), np.isfinite(den)
    columns = _chosen(card, uncertain, has_se, has_n)
    metrics = card.all_metrics
    present = ~np.isnan(raw)
    for j in columns:
        metric = metrics[j]
        if not metric.scale.clippable:
            raise UncertaintyError(
                f"metric {metric.id!r} is on an ordinal scale; its levels cannot be drawn "
                "from a standard error"
            )
        percent = metric.unit == PERCENT
        gap = present[:, j] & ~has_se[:, j] & ~(percent & has_n[:, j])
        if gap.any():
            i = int(np.flatnonzero(gap)[0])
            need = "a standard error or a denominator" if percent else "a standard error"
            raise UncertaintyError(
                f"provider {providers[i]!r}, metric {metric.id!r}: the standard error is NaN "
                f"(missing) and the metric's uncertainty is being drawn; give {need} for "
                "every reported value, or leave the metric out of `uncertain`"
            )
        beta_cells = present[:, j] & ~has_se[:, j] & percent & has_n[:, j]
        bad = beta_cells & ((den[:, j] <= 0) | (raw[:, j] < 0) | (raw[:, j] > _HUNDRED))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise UncertaintyError(
                f"provider {providers[i]!r}, metric {metric.id!r}: a percentage of "
                f"{raw[i, j]!r} from a denominator of {den[i, j]!r} cannot be a binomial rate "
                "(it needs 0-100 and a denominator above 0)"
            )
    cols = np.array(columns, dtype=np.intp)
    present_u = present[:, cols]
    normal = present_u & has_se[:, cols]
    beta = present_u & ~normal
    k = np.where(beta, den[:, cols] * raw[:, cols] / 100.0, 0.0)
    n = np.where(beta, den[:, cols], 1.0)
    return PerformanceDraws(
        card=card,
        base=ev.values,
        columns=cols,
        normal=normal,
        beta=beta,
        mean=np.where(normal, raw[:, cols], 0.0),
        spread=np.where(normal, se[:, cols], 0.0),
        alpha=k + 0.5,
        beta_b=n - k + 0.5,
        fixed=tuple(m for j, m in enumerate(card.metric_ids) if j not in set(columns)),
    )
