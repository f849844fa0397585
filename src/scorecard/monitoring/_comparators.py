"""Comparators: each provider against all providers and against a cluster of similar ones.

The national treatment monitoring reports set each area beside the national figure and a
cluster of similar areas, with quartiles and a direction-of-travel arrow per metric. Here a
provider's comparators are every provider of the panel ("national") and its cluster, either
given (a label per provider) or formed from stated characteristics (deprivation, caseload,
rurality...): the ``size`` providers nearest to it on those characteristics, each standardised
to mean 0 and standard deviation 1 (a nearest-neighbours model, as CIPFA's is).

`standing` gives, per provider and metric at one period, the value, the national and cluster
medians, the quartile among each (1 = the best quarter, by the direction the card says is
better), and the direction of travel since an earlier period: better, worse, or no
significant change, tested at 95% with the figures' denominators (two proportions) or
standard errors; without either the arrow follows the sign alone and says it was not tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from scorecard._arrays import FloatArray, IntArray
from scorecard._metric import Direction
from scorecard._plausible import PERCENT
from scorecard.errors import InvalidArgumentError, TableError

if TYPE_CHECKING:
    from scorecard.monitoring._panel import Panel
    from scorecard.tree import Scorecard

__all__ = ["TRAVEL", "Comparators", "Standing", "standing"]

TRAVEL: Final = (
    "worse",
    "no significant change",
    "better",
    "not tested: lower",
    "not tested: higher",
)
"""Direction-of-travel words; `Standing.travel` holds indices into this (-1: no figure)."""

ARROWS: Final = ("▼", "►", "▲", "↓", "↑")
"""The arrow of each `TRAVEL` word."""

_Z95: Final = 1.959963984540054
_HUNDRED: Final = 100.0
_QUARTERS: Final = 4
_ROWS: Final = 256
"""Providers whose nearest neighbours are found in one block (bounds the distance matrix)."""


@attrs.frozen(eq=False)
class Comparators:
    """Each provider's cluster of similar providers (itself included), as provider positions.

    ``members[i]`` lists the positions (in ``providers``) of provider i's cluster.
    """

    providers: tuple[str, ...]
    members: tuple[tuple[int, ...], ...]
    rule: str
    """How the clusters were formed, in words (for the report)."""

    @classmethod
    def given(cls, clusters: Mapping[str, str], providers: Sequence[str]) -> Comparators:
        """Clusters named per provider: a provider's comparators are the others of its label."""
        names = tuple(providers)
        missing = [p for p in names if p not in clusters]
        if missing:
            raise TableError(
                f"no cluster given for provider(s) {', '.join(map(repr, missing[:5]))}"
            )
        unknown = sorted(set(clusters) - set(names))
        if unknown:
            named = ", ".join(map(repr, unknown[:5]))
            raise TableError(f"clusters given for provider(s) not in the panel: {named}")
        labels = [clusters[p] for p in names]
        members = tuple(
            tuple(k for k, other in enumerate(labels) if other == label) for label in labels
        )
        return cls(names, members, "clusters as given")

    @classmethod
    def nearest(
        cls,
        characteristics: Mapping[str, Sequence[float]],
        providers: Sequence[str],
        *,
        size: int = 8,
    ) -> Comparators:
        """Each provider with its ``size - 1`` nearest on standardised ``characteristics``.

        ``characteristics`` maps a name to one value per provider (in ``providers`` order).
        Distances are Euclidean over the z-scores; ties go to the earlier provider.
        """
        names = tuple(providers)
        n = len(names)
        if not characteristics:
            raise InvalidArgumentError("no characteristics given to form clusters from")
        if not 2 <= size <= n:  # noqa: PLR2004
            raise InvalidArgumentError(f"size must lie between 2 and {n} providers, got {size}")
        columns = []
        for name, raw in characteristics.items():
            values = np.asarray(raw, dtype=np.float64)
            if values.shape != (n,):
                raise TableError(f"characteristic {name!r}: {values.size} values for {n} providers")
            if not np.isfinite(values).all():
                k = int(np.flatnonzero(~np.isfinite(values))[0])
                raise TableError(f"characteristic {name!r}: no value for provider {names[k]!r}")
            spread = values.std()
            columns.append((values - values.mean()) / spread if spread > 0 else values * 0.0)
        z = np.column_stack(columns)
        nearest = np.empty((n, size), dtype=np.int64)
        for start in range(0, n, _ROWS):  # a block of rows at a time: memory O(_ROWS x n)
            block = z[start : start + _ROWS]
            distance = ((block[:, None, :] - z[None, :, :]) ** 2).sum(axis=2)
            rows = np.arange(block.shape[0])
            distance[rows, start + rows] = -1.0  # each provider is first in its own cluster
            nearest[start : start + _ROWS] = np.argsort(distance, axis=1, kind="stable")[:, :size]
        listed = ", ".join(characteristics)
        rule = f"each provider's {size - 1} nearest on standardised {listed}"
        return cls(names, tuple(tuple(int(k) for k in row) for row in nearest), rule)

    def padded(self) -> IntArray:
        """(N, K) cluster positions, padded with -1 to the largest cluster."""
        width = max(len(m) for m in self.members)
        out = np.full((len(self.members), width), -1, dtype=np.int64)
        for i, m in enumerate(self.members):
            out[i, : len(m)] = m
        return out


@attrs.frozen(eq=False)
class Standing:
    """Each provider's standing at one period, per metric (arrays are providers x metrics).

    ``national_quartile`` and ``cluster_quartile`` are 1 (the best quarter) to 4, 0 where
    there is no figure; ``travel`` indexes `TRAVEL` (-1 where either period has no figure).
    """

    period: dt.date
    since: dt.date | None
    providers: tuple[str, ...]
    metrics: tuple[str, ...]
    labels: tuple[str, ...]
    values: FloatArray
    national_median: FloatArray
    cluster_median: FloatArray
    national_quartile: IntArray
    cluster_quartile: IntArray
    travel: IntArray
    comparators: Comparators | None

    def rows(self, provider: str) -> list[dict[str, object]]:
        """One provider's standing as table rows: metric, value, medians, quartiles, arrow."""
        i = self.providers.index(provider)
        out: list[dict[str, object]] = []
        for j, metric in enumerate(self.metrics):
            code = int(self.travel[i, j])
            out.append(
                {
                    "metric": metric,
                    "label": self.labels[j],
                    "value": float(self.values[i, j]),
                    "national median": float(self.national_median[i, j]),
                    "national quartile": int(self.national_quartile[i, j]),
                    "cluster median": float(self.cluster_median[i, j]),
                    "cluster quartile": int(self.cluster_quartile[i, j]),
                    "travel": TRAVEL[code] if code >= 0 else "",
                    "arrow": ARROWS[code] if code >= 0 else "",
                }
            )
        return out


def _cut_points(groups: FloatArray) -> FloatArray:
    """(3, N, M) 25th, 50th and 75th percentiles over axis 1 of (N, K, M), NaN left out.

    Linear interpolation between order statistics (numpy's default); vectorised where
    ``np.nanpercentile`` loops over every group in Python.
    """
    ordered = np.sort(groups, axis=1)  # NaN sort last
    count = np.isfinite(groups).sum(axis=1)  # (N, M)
    out = np.full((3, *count.shape), np.nan)
    for q, share in enumerate((0.25, 0.5, 0.75)):
        position = share * np.maximum(count - 1, 0)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, np.maximum(count - 1, 0))
        below = np.take_along_axis(ordered, low[:, None, :], axis=1)[:, 0, :]
        above = np.take_along_axis(ordered, high[:, None, :], axis=1)[:, 0, :]
        value = below + (above - below) * (position - low)
        out[q] = np.where(count > 0, value, np.nan)
    return out


def _quartiles(values: FloatArray, cuts: FloatArray, higher: np.ndarray) -> IntArray:
    """Quartile (1 best .. 4) of each value (N, M) against its cut points (3, N, M); 0 if none.

    A value on a cut point takes the better quarter.
    """
    reached = (cuts <= values[None]).sum(axis=0)  # cut points at or below the value
    passed = (cuts < values[None]).sum(axis=0)
    quartile = np.where(higher[None, :], _QUARTERS - reached, 1 + passed)
    known = np.isfinite(values) & np.isfinite(cuts).all(axis=0)
    return np.where(known, quartile, 0).astype(np.int64)


def _travel(  # noqa: PLR0917 - the two periods' figures, side by side
    now: FloatArray,
    then: FloatArray,
    se: tuple[FloatArray | None, FloatArray | None],
    n: tuple[FloatArray | None, FloatArray | None],
    percent: np.ndarray,
    higher: np.ndarray,
) -> IntArray:
    """`TRAVEL` codes: z tests of the change where the figures say how precise they are."""
    change = now - then
    variance = np.full(now.shape, np.nan)
    if n[0] is not None and n[1] is not None:
        n_now, n_then = n[0], n[1]
        with np.errstate(divide="ignore", invalid="ignore"):
            pooled = (now * n_now + then * n_then) / (n_now + n_then) / _HUNDRED
            binomial = pooled * (1 - pooled) * (1 / n_now + 1 / n_then) * _HUNDRED**2
        variance = np.where(percent[None, :], binomial, variance)
    if se[0] is not None and se[1] is not None:
        given = se[0] ** 2 + se[1] ** 2
        variance = np.where(np.isfinite(given), given, variance)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = change / np.sqrt(variance)
    tested = np.isfinite(variance) & (variance > 0)
    better = np.where(higher[None, :], change > 0, change < 0)
    significant = np.abs(z) >= _Z95
    code = np.where(significant, np.where(better, 2, 0), 1)
    untested = np.where(change > 0, 4, np.where(change < 0, 3, 1))
    out = np.where(tested, code, untested)
    zero_variance_change = ~tested & np.isfinite(variance) & (change != 0)
    out = np.where(zero_variance_change, np.where(better, 2, 0), out)  # exact figures
    return np.where(np.isfinite(change), out, -1).astype(np.int64)


def standing(
    panel: Panel,
    card: Scorecard,
    *,
    comparators: Comparators | None = None,
    period: int = -1,
    since: int | None = 1,
) -> Standing:
    """Each provider against all providers and its cluster at one period, with travel.

    Parameters
    ----------
    panel, card
        The panel and the card whose metrics (and directions) are read.
    comparators
        Each provider's cluster; None compares with all providers only (the cluster columns
        then repeat the national ones).
    period
        The position of the period to report (default the latest).
    since
        How many periods back the direction of travel looks (1: the previous period; 4 with
        quarters: the same quarter last year); None for no arrows.

    Examples
    --------
    >>> import scorecard as sc
    >>> from scorecard.monitoring import Panel
    >>> periods, tables = sc.datasets.example_panel()
    >>> found = standing(Panel(periods, tables), sc.catalog.balanced())
    >>> sorted(set(found.national_quartile.ravel().tolist()))
    [0, 1, 2, 3, 4]
    """
    t = range(len(panel.periods))[period]
    back = None if since is None else t - since
    if back is not None and (since is None or since < 1 or back < 0):
        raise InvalidArgumentError(
            f"since={since}: there is no period {since} before {panel.periods[t].isoformat()}"
        )
    providers = panel.providers
    if comparators is not None and comparators.providers != providers:
        raise InvalidArgumentError("the comparators are not formed over the panel's providers")
    metrics = tuple(m for m in card.metric_ids if m in panel.tables[0].metrics)
    table = panel.tables[t].take(list(providers))
    cols = table.metric_index(list(metrics))
    values = table.values[:, cols]
    higher = np.array([card.metric(m).direction is Direction.HIGHER for m in metrics])
    percent = np.array([card.metric(m).unit == PERCENT for m in metrics])
    national_cuts = np.broadcast_to(_cut_points(values[None]), (3, *values.shape))
    if comparators is None:
        cluster_cuts = national_cuts
    else:
        index = comparators.padded()
        cluster = np.where((index >= 0)[:, :, None], values[np.maximum(index, 0)], np.nan)
        cluster_cuts = _cut_points(cluster)
    travel = np.full(values.shape, -1, dtype=np.int64)
    if back is not None:
        before = panel.tables[back].take(list(providers))

        def part(tab: object, name: str) -> FloatArray | None:
            arr = getattr(tab, name)
            return None if arr is None else np.asarray(arr)[:, cols]

        travel = _travel(
            values,
            before.values[:, cols],
            (part(table, "standard_errors"), part(before, "standard_errors")),
            (part(table, "denominators"), part(before, "denominators")),
            percent,
            higher,
        )
    return Standing(
        panel.periods[t],
        None if back is None else panel.periods[back],
        providers,
        metrics,
        tuple(card.metric(m).label for m in metrics),
        values,
        national_cuts[1].copy(),
        cluster_cuts[1].copy(),
        _quartiles(values, national_cuts, higher),
        _quartiles(values, cluster_cuts, higher),
        travel,
        comparators,
    )
