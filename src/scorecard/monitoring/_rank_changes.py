"""Rank changes the data can carry: which moves between periods lie beyond the figures' noise.

A provider that moves from 5th to 3rd may only have drawn a luckier sample of clients. For each
period, SMAA with the weights held fixed draws plausible true values of every cell with a
denominator or a standard error (`scorecard.sensitivity._uncertainty`) and counts how often
each provider takes each rank: a rank distribution per provider and period. From two
neighbouring periods' distributions, taken as independent (different clients, or the same
clients' new outcomes), the probability that a provider's true rank rose is
``sum over r < s of b_t[r] * b_(t-1)[s]``; a move in the published ranks counts as real when
that probability, in the direction of the move, is at least ``level``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import numpy as np

from scorecard._arrays import FloatArray, IntArray
from scorecard._text import place
from scorecard._validation import check_count, check_seed
from scorecard.errors import InvalidArgumentError, ScorecardError

if TYPE_CHECKING:
    from scorecard.monitoring._panel import OverTime, Panel

__all__ = ["RankChanges", "rank_changes"]

LEVEL = 0.95
"""Default probability a move must reach, in its own direction, to count as real."""


@attrs.frozen(eq=False)
class RankChanges:
    """Ranks over time with their uncertainty, and which moves the data carry.

    Arrays are periods x providers (``T x N``); the moves are between neighbouring periods
    (``T - 1 x N``, row ``t`` the move into period ``t + 1``).

    Attributes
    ----------
    ranks
        The published ranks (1 = best), from the evaluation over time.
    low, high
        The central ``level`` interval of each provider's rank in each period (best, worst).
    acceptability
        (T, N, N) share of draws in which provider i takes rank r + 1 in period t.
    rose, fell
        Probability that the true rank rose (fell) into each period.
    real
        True where the published rank moved and the probability of that direction is at
        least ``level``.
    """

    periods: tuple[dt.date, ...]
    providers: tuple[str, ...]
    ranks: IntArray
    low: IntArray
    high: IntArray
    acceptability: FloatArray
    rose: FloatArray
    fell: FloatArray
    real: np.ndarray[tuple[int, int], np.dtype[np.bool_]]
    level: float
    samples: int
    uncertain: tuple[str, ...]

    @property
    def moved(self) -> np.ndarray[tuple[int, int], np.dtype[np.bool_]]:
        """(T - 1, N) True where the published rank changed."""
        return np.asarray(self.ranks[1:] != self.ranks[:-1])

    def describe(self, provider: str) -> tuple[str, ...]:
        """Each move of ``provider``'s rank, in words, saying whether the data carry it."""
        i = self.providers.index(provider)
        lines: list[str] = []
        for t in np.flatnonzero(self.moved[:, i]):
            before, after = int(self.ranks[t, i]), int(self.ranks[t + 1, i])
            up = after < before
            p = float(self.rose[t, i] if up else self.fell[t, i])
            verdict = (
                "beyond the noise of the data"
                if self.real[t, i]
                else "within the noise of the data"
            )
            lines.append(
                f"{'rose' if up else 'fell'} from {place(before)} to {place(after)} in the period "
                f"from {self.periods[t + 1].isoformat()}: {verdict} (probability "
                f"{p:.2f} that the true rank {'rose' if up else 'fell'})"
            )
        return tuple(lines)


def _interval(acc: FloatArray, level: float) -> tuple[IntArray, IntArray]:
    """Ranks at the lower and upper ``(1 - level) / 2`` tails of each row's distribution."""
    cdf = np.cumsum(acc, axis=-1)
    tail = (1.0 - level) / 2.0
    low = np.argmax(cdf > tail - 1e-12, axis=-1) + 1
    high = np.argmax(cdf >= 1.0 - tail - 1e-12, axis=-1) + 1
    return low.astype(np.int64), high.astype(np.int64)


def _directions(acc: FloatArray) -> tuple[FloatArray, FloatArray]:
    """P(rank in t < rank in t - 1) and P(rank in t > rank in t - 1), independent periods."""
    before, after = acc[:-1], acc[1:]
    below = np.cumsum(after, axis=-1) - after  # P(rank_t < s) for each s
    rose = np.einsum("tis,tis->ti", before, below)
    above = 1.0 - np.cumsum(after, axis=-1)  # P(rank_t > s)
    fell = np.einsum("tis,tis->ti", before, np.clip(above, 0.0, 1.0))
    return rose, fell


def rank_changes(
    over: OverTime,
    panel: Panel,
    *,
    samples: int = 2_000,
    seed: int = 0,
    level: float = LEVEL,
) -> RankChanges:
    """Which of ``over``'s rank changes exceed what the data's uncertainty supports.

    Parameters
    ----------
    over
        The scorecard over time (`over_time`): its weights and aggregation are held fixed.
    panel
        The panel it was evaluated on; its denominators and standard errors give the noise.
    samples
        Draws per period.
    seed
        Seed of the draws (period ``t`` uses ``seed + t``).
    level
        Probability a move must reach, in its own direction, to count as real.

    Raises
    ------
    ScorecardError
        When no metric of the panel has denominators or standard errors: there is then no
        noise to judge a move against.
    """
    from scorecard.sensitivity import Fixed, smaa  # noqa: PLC0415 - analyses, loaded on use

    check_count(samples, "samples", hint="zero samples requested")
    check_seed(seed)
    if not 0.5 < level < 1.0:  # noqa: PLR2004
        raise InvalidArgumentError(f"level must lie between 0.5 and 1, got {level!r}")
    if panel.periods != over.periods:
        raise InvalidArgumentError("the panel's periods are not those the scorecard was run over")
    ev = over.evaluation
    acc: list[FloatArray] = []
    uncertain: tuple[str, ...] = ()
    # One SMAA per period (a handful to a few dozen); each is vectorised over its draws.
    for t, table in enumerate(panel.tables):
        period_ev = ev.card.evaluate(
            table.take(list(over.providers)), weights=ev.weights, aggregation=ev.aggregation
        )
        found = smaa(
            period_ev,
            samples=samples,
            seed=seed + t,
            default=Fixed(),
            uncertain=True,
            pairwise=False,
            confidence_samples=1,
            workers=1,
        )
        if not found.uncertain:
            raise ScorecardError(
                f"period {panel.periods[t].isoformat()}: no metric has denominators or "
                "standard errors, so no rank change can be judged against the data's noise"
            )
        uncertain = found.uncertain
        acc.append(found.rank_acceptability)
    stacked = np.stack(acc)
    low, high = _interval(stacked, level)
    rose, fell = _directions(stacked)
    ranks = over.ranks
    up, down = ranks[1:] < ranks[:-1], ranks[1:] > ranks[:-1]
    real = (up & (rose >= level)) | (down & (fell >= level))
    return RankChanges(
        over.periods,
        over.providers,
        ranks,
        low,
        high,
        stacked,
        rose,
        fell,
        real,
        level,
        samples,
        uncertain,
    )
