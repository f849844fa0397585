"""Strengths as well as concerns: a provider's quarterly review, with the evidence for each.

Public scrutiny selects failures, never successes. `review` reads one provider's series of
every metric of a scorecard (an XmR chart each, the direction that is better from the card)
and lists, strengths first: special-cause improvement (which rule, which periods),
performance in the top quartile of all providers for the last periods, and targets met
consistently; then the concerns the same way round. Each finding names the metric, the
periods and the rule, in the commissioner's words.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from scorecard._metric import Direction
from scorecard.monitoring._comparators import Comparators, standing
from scorecard.monitoring._xmr import ASSURANCE, RULES, VARIATION, Chart, SPCWarning, xmr

if TYPE_CHECKING:
    from scorecard.monitoring._panel import Panel
    from scorecard.tree import Scorecard

__all__ = ["SUSTAINED", "Finding", "Review", "review"]

SUSTAINED: Final = 4
"""Periods in a row a provider must be in the top (or bottom) quartile for it to count."""


@attrs.frozen
class Finding:
    """One strength or concern: the metric, what was seen, over which periods, by which rule."""

    metric: str
    label: str
    kind: str
    periods: tuple[dt.date, ...]
    rule: str
    text: str


@attrs.frozen
class Review:
    """A provider's review at the latest period: strengths first, then concerns."""

    provider: str
    period: dt.date
    strengths: tuple[Finding, ...]
    concerns: tuple[Finding, ...]

    def summary(self) -> str:
        """The review in sentences, strengths before concerns."""
        head = f"{self.provider}, review to {self.period.isoformat()}:"
        good = [f.text for f in self.strengths] or ["no special-cause improvement or met target"]
        bad = [f.text for f in self.concerns] or ["no concern"]
        return f"{head} strengths: {'; '.join(good)}. Concerns: {'; '.join(bad)}."


def review(
    panel: Panel,
    card: Scorecard,
    provider: str,
    *,
    targets: Mapping[str, float] | None = None,
    recent: int = SUSTAINED,
    comparators: Comparators | None = None,
) -> Review:
    """Strengths and concerns of ``provider`` over ``panel`` for the metrics of ``card``.

    ``targets`` (metric id -> target) are judged by XmR assurance; ``recent`` is how many of
    the latest periods a special cause or a quartile must cover to count now. Quartiles are
    read among all providers and, with ``comparators``, among the provider's cluster too.

    Examples
    --------
    >>> import datetime as dt
    >>> import scorecard as sc
    >>> from scorecard.monitoring import Panel
    >>> table = sc.datasets.example()
    >>> periods = tuple(dt.date(2022 + k // 4, 1 + 3 * (k % 4), 1) for k in range(12))
    >>> found = review(Panel(periods, (table,) * 12), sc.catalog.balanced(), table.providers[0])
    >>> found.provider, found.period.isoformat()
    ('Riverside Recovery', '2024-10-01')
    """
    metrics = [m for m in card.metric_ids if m in panel.tables[0].metrics]
    j = [panel.tables[0].metric_index([m])[0] for m in metrics]
    cube = np.stack([t.take(list(panel.providers)).values[:, j] for t in panel.tables])  # T,P,M
    i = panel.providers.index(provider)
    mine = cube[:, i, :].T  # (M, T)
    higher = [card.metric(m).direction is Direction.HIGHER for m in metrics]
    notes = _Notes(card, panel, recent)
    usable = np.asarray(np.isfinite(mine).all(axis=1), dtype=np.bool_)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        for better in ("higher", "lower"):
            up = better == "higher"
            rows = [k for k in range(len(metrics)) if bool(usable[k]) and higher[k] == up]
            if not rows:
                continue
            chart = xmr(mine[rows], better=better)
            for r, k in enumerate(rows):
                notes.special(chart, r, metrics[k])
                goal = (targets or {}).get(metrics[k])
                if goal is not None:
                    notes.assured(xmr(mine[k], better=better, target=goal), metrics[k], goal)
    notes.quartiles(i, comparators)
    strengths, concerns = notes.strengths, notes.concerns
    return Review(provider, panel.periods[-1], tuple(strengths), tuple(concerns))


@attrs.define
class _Notes:
    """The findings of one review as they are found."""

    card: Scorecard
    panel: Panel
    recent: int
    strengths: list[Finding] = attrs.Factory(list)
    concerns: list[Finding] = attrs.Factory(list)

    def special(self, chart: Chart, row: int, metric: str) -> None:
        """Special causes in the latest periods: improvements are strengths."""
        rule, variation = chart.rule[row], chart.variation[row]
        t = len(rule)
        latest = range(max(0, t - self.recent), t)
        label = self.card.metric(metric).label
        for kind, out in (("improvement", self.strengths), ("concern", self.concerns)):
            hits = [k for k in latest if rule[k] >= 0 and VARIATION[int(variation[k])] == kind]
            if not hits:
                continue
            rules = sorted({RULES[int(rule[k])] for k in hits}, key=RULES.index)
            when = tuple(self.panel.periods[k] for k in hits)
            span = when[0].isoformat()
            if len(when) > 1:
                span += f" to {when[-1].isoformat()}"
            word = f"special-cause {kind}"
            text = f"{label}: {word} ({', '.join(rules)}), {span}"
            out.append(Finding(metric, label, word, when, rules[0], text))

    def assured(self, chart: Chart, metric: str, goal: float) -> None:
        """A target met consistently is a strength; failed consistently, a concern."""
        code = int(chart.assurance[0])
        if code < 0:
            return
        verdict = ASSURANCE[code]
        label = self.card.metric(metric).label
        text = f"{label}: {verdict} the target of {goal:g}"
        finding = Finding(metric, label, verdict, self.panel.periods, "assurance", text)
        if verdict == "consistently meets":
            self.strengths.append(finding)
        elif verdict == "consistently fails":
            self.concerns.append(finding)

    def quartiles(self, i: int, comparators: Comparators | None) -> None:
        """Top or bottom quartile, nationally and in the cluster, in each latest period."""
        t, n = len(self.panel.periods), len(self.panel.providers)
        if t < self.recent or n < 4:  # noqa: PLR2004
            return
        found = [
            standing(self.panel, self.card, comparators=comparators, period=k, since=None)
            for k in range(t - self.recent, t)
        ]
        when = self.panel.periods[-self.recent :]
        span = f"{when[0].isoformat()} to {when[-1].isoformat()}"
        groups = [("national_quartile", f"of {n} providers")]
        if comparators is not None:
            size = len(comparators.members[i])
            groups.append(("cluster_quartile", f"of its cluster of {size} similar providers"))
        metrics = found[0].metrics
        for attr, among in groups:
            quartile = np.stack([getattr(f, attr)[i] for f in found])  # (R, M)
            for best, kind, out in (
                (1, "top quartile", self.strengths),
                (4, "bottom quartile", self.concerns),
            ):
                for k in np.flatnonzero((quartile == best).all(axis=0)).tolist():
                    label = self.card.metric(metrics[k]).label
                    text = f"{label}: in the {kind} {among} every period, {span}"
                    out.append(Finding(metrics[k], label, kind, tuple(when), "comparators", text))
