"""The assertions of `scorecard.testing`, with failures told in commissioning terms."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np
from numpy.typing import ArrayLike

from scorecard._arrays import FloatArray
from scorecard._metric import Direction, Metric
from scorecard._table import PerformanceTable
from scorecard._tolerances import ROUNDING
from scorecard._weights import Weights
from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale
from scorecard.tree import Domain, Scorecard

if TYPE_CHECKING:
    from scorecard.aggregation import Aggregation
    from scorecard.evaluation import Evaluation
    from scorecard.weighting._resolve import WeightSpec


TOLERANCE: Final = ROUNDING
"""Scores closer than this count as equal (floating-point noise is not a finding)."""


def assert_weights_valid(
    weights: Weights | Mapping[str, float] | ArrayLike,
    card: Scorecard | None = None,
    *,
    tolerance: float = TOLERANCE,
) -> None:
    """Weights are finite, non-negative and sum to 1 in every group.

    ``weights`` is a `Weights` object or a mapping of local weights (checked group by group
    against ``card``, which must then be given), or an array whose rows are weight vectors.
    """
    if isinstance(weights, Weights | Mapping):
        if card is None:
            raise TypeError("checking local weights needs the scorecard: pass card=")
        local = weights.local if isinstance(weights, Weights) else weights
        missing = [n for n in (*card.metric_ids, *card.domain_ids) if n not in local]
        if missing:
            raise AssertionError(f"no weight for {missing[:5]} of scorecard {card.name!r}")
        for parent, children in card.groups.items():
            w = np.array([float(local[c]) for c in children])
            _check_vector(w, tolerance, f"the children of {parent!r}", children)
        return
    arr = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    for row, w in enumerate(arr):
        _check_vector(w, tolerance, f"weight vector {row}", tuple(map(str, range(w.size))))


def _check_vector(w: FloatArray, tolerance: float, where: str, names: Iterable[str]) -> None:
    shown = ", ".join(f"{n} {x:.6g}" for n, x in zip(names, w.tolist(), strict=True))
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise AssertionError(f"weights for {where} must be finite and non-negative: {shown}")
    total = float(w.sum())
    if abs(total - 1.0) > tolerance:
        raise AssertionError(f"weights for {where} sum to {total!r}, not 1: {shown}")


def assert_monotone(
    subject: Scale | Metric, raw: ArrayLike | None = None, *, name: str | None = None
) -> None:
    """A better raw value never scores less: the value function never goes the wrong way.

    ``raw`` are the raw values to try (by default 1,001 points across the scale and a margin
    beyond both ends; whole codes for an ordinal scale).
    """
    scale = subject.scale if isinstance(subject, Metric) else subject
    label = name or (f"metric {subject.id!r}" if isinstance(subject, Metric) else "the scale")
    if raw is None:
        if isinstance(scale, Ordinal):
            points = np.arange(1.0, len(scale.levels) + 1.0)
        else:
            lo, hi = sorted((scale.worst, scale.best))
            pad = 0.1 * (hi - lo)
            points = np.linspace(lo - pad, hi + pad, 1001)
    else:
        points = np.unique(np.asarray(raw, dtype=np.float64).ravel())
    better_last = points if scale.direction is Direction.HIGHER else points[::-1]
    values = scale.value(better_last)
    drops = np.flatnonzero(np.diff(values) < -TOLERANCE)
    if drops.size:
        k = int(drops[0])
        raise AssertionError(
            f"{label}: raw {float(better_last[k])!r} scores {values[k]:.6g} but the better raw "
            f"{float(better_last[k + 1])!r} scores only {values[k + 1]:.6g}"
        )


def assert_dominance_respected(ev: Evaluation, *, tolerance: float = TOLERANCE) -> None:
    """A provider at least as good on every weighted metric never scores or ranks below another.

    Checked for every pair at once. Gates may rank a dominating provider lower only if it fails
    a gate the other passes; providers with a weighted metric excluded as missing are skipped.
    """
    v = ev.values
    weighted = ev.global_weights > 0
    at_least = np.all((v[:, None, :] >= v[None, :, :]) | ~weighted, axis=2)
    # A provider scored without some weighted metric (excluded as missing) is judged on the
    # rest, renormalised: it is comparable with no one.
    partial = np.asarray((ev.excluded & weighted).any(axis=1), dtype=np.bool_)
    at_least &= ~partial[:, None] & ~partial[None, :]
    np.fill_diagonal(at_least, val=False)
    lower = ev.scores[:, None] < ev.scores[None, :] - tolerance
    worse_rank = ev.ranks[:, None] > ev.ranks[None, :]
    gate_excuse = ~ev.passed[:, None] & ev.passed[None, :]
    bad = at_least & (
        lower
        | (
            worse_rank
            & ~gate_excuse
            & ~np.isclose(ev.scores[:, None], ev.scores[None, :], rtol=0, atol=tolerance)
        )
    )
    if bad.any():
        a, b = (int(x) for x in np.argwhere(bad)[0])
        raise AssertionError(
            f"provider {ev.providers[a]!r} is at least as good as {ev.providers[b]!r} on every "
            f"weighted metric, yet scores {ev.scores[a]:.6g} (rank {ev.ranks[a]}) against "
            f"{ev.scores[b]:.6g} (rank {ev.ranks[b]})"
        )


def assert_permutation_invariant(
    card: Scorecard,
    table: PerformanceTable,
    *,
    weights: WeightSpec | None = None,
    aggregation: Aggregation | None = None,
    seed: int = 0,
    tolerance: float = TOLERANCE,
) -> None:
    """Listing providers (and metric columns) in another order changes no provider's result."""
    rng = np.random.default_rng(seed)
    before = card.evaluate(table, weights=weights, aggregation=aggregation)
    rows = rng.permutation(len(table.providers))
    cols = rng.permutation(len(table.metrics))
    shuffled = table.take([table.providers[i] for i in rows]).select(
        [table.metrics[j] for j in cols]
    )
    after = card.evaluate(shuffled, weights=weights, aggregation=aggregation)
    where = {p: i for i, p in enumerate(after.providers)}
    for i, provider in enumerate(before.providers):
        j = where[provider]
        if abs(before.scores[i] - after.scores[j]) > tolerance or before.ranks[i] != after.ranks[j]:
            raise AssertionError(
                f"provider {provider!r} scores {before.scores[i]:.6g} (rank {before.ranks[i]}) "
                f"but {after.scores[j]:.6g} (rank {after.ranks[j]}) when the providers are "
                f"listed in another order"
            )


def _rescaled(scale: Scale, factor: float) -> Scale:
    if isinstance(scale, Linear):
        return Linear(worst=scale.worst * factor, best=scale.best * factor)
    if isinstance(scale, Piecewise):
        return attrs.evolve(scale, points=[(x * factor, y) for x, y in scale.points])
    if isinstance(scale, Banded):
        return attrs.evolve(scale, edges=[e * factor for e in scale.edges])
    return scale


def _replace_metric(card: Scorecard, metric: Metric) -> Scorecard:
    """``card`` with the metric of the same id replaced."""

    def metrics(items: tuple[Metric, ...]) -> list[Metric]:
        return [metric if m.id == metric.id else m for m in items]

    def domain(d: Domain) -> Domain:
        return attrs.evolve(d, domains=[domain(x) for x in d.domains], metrics=metrics(d.metrics))

    return attrs.evolve(
        card, domains=[domain(d) for d in card.domains], metrics=metrics(card.metrics)
    )


def assert_scale_invariant(
    card: Scorecard,
    table: PerformanceTable,
    metric: str,
    *,
    factor: float = 100.0,
    weights: WeightSpec | None = None,
    aggregation: Aggregation | None = None,
    tolerance: float = TOLERANCE,
) -> None:
    """Changing a metric's units (raw values and scale ends times ``factor``) changes nothing.

    For example a rate as a proportion or as a percentage. It holds for value functions, which
    only read the raw value relative to the scale; a weighting scheme that reads raw units
    would break it.
    """
    if factor <= 0:
        raise ValueError(f"factor must be positive, got {factor!r}")
    node = card.metric(metric)
    if isinstance(node.scale, Ordinal):
        raise TypeError(f"metric {metric!r} is ordinal: its codes have no units to change")
    new_card = _replace_metric(card, attrs.evolve(node, scale=_rescaled(node.scale, factor)))
    j = table.metric_index([metric])[0]
    values = table.values.copy()
    values[:, j] *= factor
    new_table = attrs.evolve(table, values=values)
    before = card.evaluate(table, weights=weights, aggregation=aggregation)
    after = new_card.evaluate(new_table, weights=weights, aggregation=aggregation)
    moved = np.flatnonzero(np.abs(before.scores - after.scores) > tolerance)
    if moved.size:
        i = int(moved[0])
        raise AssertionError(
            f"measuring {metric!r} in units {factor:g} times larger moved provider "
            f"{before.providers[i]!r} from {before.scores[i]:.6g} to {after.scores[i]:.6g}"
        )


def assert_round_trip(obj: object) -> None:
    """Saving ``obj`` as JSON and loading it back gives an equal object."""
    from scorecard import io  # noqa: PLC0415

    text = io.dump(obj)
    back = io.structure(json.loads(text), type(obj))
    if back != obj:
        difference = _first_difference(obj, back)
        raise AssertionError(
            f"{type(obj).__name__} changed in a JSON round trip{difference}:\n{text[:500]}"
        )


def _first_difference(a: object, b: object) -> str:
    cls = type(a)
    if attrs.has(cls) and cls is type(b):
        for field in attrs.fields(cls):
            x, y = getattr(a, field.name), getattr(b, field.name)
            if x != y:
                return f" (field {field.name!r}: {x!r} became {y!r})"
    return ""
