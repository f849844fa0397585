"""Client-level SYNTHETIC records behind the example table (invented providers, not real ones).

TOP forms, treatment episodes, survey answers, keyworker assignments and workforce returns.

The provider model (`scorecard.datasets._model`) draws each provider's cohorts and the counts
its clients must add up to; this module draws the clients. A client's latent ``z ~ N(0, 1)``
(how well treatment is going for them) decides who succeeds: within each provider the ``k``
successes of a cohort go to the clients with the highest ``z`` plus noise, so outcomes
correlate within a client, and missing reviews are more common among clients doing worse
(missing not at random). Counts are exact wherever the records allow, so deriving the
metrics (`scorecard.measures._derive`) reproduces the model's counts; where two counts cannot
both hold (a cohort of long-stay clients larger than the clients left in treatment; fewer
people who stopped sharing than stopped injecting), the records win and the derived table
shows it. Means (rating changes, days reduced, BARC-10) are drawn client by client.

Everything is vectorised over clients; per-provider counts are honoured with one sort.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray, IntArray
from scorecard._frames import Backend
from scorecard.datasets._profiles import ProviderProfiles
from scorecard.measures._episodes import EARLY_DAYS, Period
from scorecard.measures._schema import TOP

__all__ = ["PERIOD", "ClientRecords", "draw_clients"]

Columns = dict[str, np.ndarray[Any, Any]]

PERIOD: Final = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
"""The synthetic reporting year (financial year 2025-26)."""
_EPOCH: Final = np.datetime64("1970-01-01", "D")
_NON_OPIATE_PRIMARY: Final = ("cocaine", "cannabis", "amphetamine", "other")


@attrs.frozen(eq=False)
class ClientRecords:
    """SYNTHETIC client and provider records as numpy columns, one mapping per kind of record.

    ``frames(backend)`` turns them into dataframes (empty cells as nulls) for
    `scorecard.measures._derive`; the column names follow `scorecard.measures._schema`.
    """

    providers: tuple[str, ...]
    period: Period
    top: Mapping[str, np.ndarray[Any, Any]]
    episodes: Mapping[str, np.ndarray[Any, Any]]
    survey: Mapping[str, np.ndarray[Any, Any]]
    keyworkers: Mapping[str, np.ndarray[Any, Any]]
    workforce: Mapping[str, np.ndarray[Any, Any]]

    @property
    def clients(self) -> int:
        """How many clients (episodes) there are."""
        return len(self.episodes["client"])

    def frames(self, backend: Backend = "polars") -> dict[str, Any]:
        """Native dataframes of ``backend`` (polars, pandas or pyarrow), by kind of record."""
        import narwhals.stable.v2 as nw  # noqa: PLC0415 - frames are rarely needed

        out: dict[str, Any] = {}
        for name in ("top", "episodes", "survey", "keyworkers", "workforce"):
            columns: Mapping[str, np.ndarray[Any, Any]] = getattr(self, name)
            data = {c: v.tolist() if v.dtype == object else v for c, v in columns.items()}
            frame = nw.from_dict(data, backend=backend)
            floats = [c for c, v in columns.items() if v.dtype == np.float64]
            if floats:
                frame = frame.with_columns(nw.col(*floats).fill_nan(None))
            out[name] = frame.to_native()
        return out


def draw_clients(profiles: ProviderProfiles) -> ClientRecords:
    """Draw the client records of ``profiles`` (SYNTHETIC); the same profiles, the same records."""
    rng = np.random.default_rng([profiles.seed, 1])
    draw = _Clients(profiles, rng)
    episodes, keyworkers = draw.episodes()
    return ClientRecords(
        providers=profiles.providers,
        period=PERIOD,
        top=draw.top(),
        episodes=episodes,
        survey=draw.survey(),
        keyworkers=keyworkers,
        workforce=draw.workforce(),
    )


def _day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


def _dates(days: IntArray) -> np.ndarray[Any, Any]:
    return _EPOCH + days.astype("timedelta64[D]")


class _Clients:
    """One draw of every client array, in a fixed order (the same seed gives the same records)."""

    def __init__(self, profiles: ProviderProfiles, rng: np.random.Generator) -> None:
        self.profiles = profiles
        self.rng = rng
        sizes = profiles.caseload.astype(np.int64)
        self.n = len(sizes)
        self.prov = np.repeat(np.arange(self.n), sizes)
        self.size = int(sizes.sum())
        self.pos = np.arange(self.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        self.z = rng.standard_normal(self.size)
        self.client = np.array([f"C{i:05d}" for i in range(self.size)])
        self.provider = np.asarray(profiles.providers)[self.prov]
        g0, g1 = self.cohort("sc_opiate_no_rep"), self.cohort("sc_nonopiate_no_rep")
        self.group = np.where(
            self.pos < g0[self.prov], 0, np.where(self.pos < (g0 + g1)[self.prov], 1, 2)
        )
        self.start_day = np.zeros(self.size, dtype=np.int64)
        self.end_day = np.full(self.size, -1, dtype=np.int64)
        self.reviewed = np.zeros(self.size, dtype=np.bool_)

    # -- model targets and selection -------------------------------------------------------------

    def _column(self, metric: str, what: FloatArray) -> IntArray:
        j = self.profiles.metrics.index(metric)
        return np.nan_to_num(what[:, j]).astype(np.int64)

    def cohort(self, metric: str) -> IntArray:
        """The model's cohort size of ``metric`` per provider."""
        return self._column(metric, self.profiles.denominators)

    def count(self, metric: str) -> IntArray:
        """The model's count (numerator) of ``metric`` per provider."""
        return self._column(metric, self.profiles.counts)

    def rate(self, metric: str) -> FloatArray:
        """The model's expected value of ``metric``, per client (their provider's)."""
        return self.profiles.rates[:, self.profiles.metrics.index(metric)][self.prov]

    def noisy(self, scale: float = 1.0) -> FloatArray:
        """``z`` plus noise: the order in which clients succeed."""
        return self.z + scale * self.rng.standard_normal(self.size)

    def random(self) -> FloatArray:
        return self.rng.random(self.size)

    def pick(self, eligible: BoolArray, score: FloatArray, k: IntArray) -> BoolArray:
        """Per provider, the ``k`` eligible clients with the highest ``score`` (all if fewer)."""
        idx = np.flatnonzero(eligible)
        order = idx[np.lexsort((-score[idx], self.prov[idx]))]
        runs = self.prov[order]
        first = np.searchsorted(runs, np.arange(self.n))
        rank = np.arange(len(order)) - first[runs]
        chosen = np.zeros(self.size, dtype=np.bool_)
        chosen[order[rank < k[runs]]] = True
        return chosen

    def between(self, low: IntArray | int, high: IntArray | int) -> IntArray:
        """A whole number from ``low`` to ``high`` (both included; ``low`` if ``high`` is lower)."""
        lo = np.broadcast_to(np.asarray(low, dtype=np.int64), (self.size,))
        span = np.maximum(np.asarray(high, dtype=np.int64) - lo, 0) + 1
        return np.asarray(lo + np.floor(self.random() * span).astype(np.int64), dtype=np.int64)

    def days(self, low: int, high: int, daily: float = 0.0) -> FloatArray:
        """Days of use in 28: ``daily`` of clients use every day, the rest ``low``-``high``."""
        some = self.rng.integers(low, high + 1, self.size)
        return np.where(self.random() < daily, 28, some).astype(np.float64)

    # -- episodes and keyworkers -----------------------------------------------------------------

    def episodes(self) -> tuple[Columns, Columns]:
        rng, size, period = self.rng, self.size, PERIOD
        first, last, window = _day(period.start), _day(period.end), _day(period.window)
        starters = self.pick(
            np.ones(size, np.bool_), self.random(), self.cohort("early_unplanned_exit")
        )
        before = 1 + rng.exponential(np.where(self.group == 0, 700, 200)).astype(np.int64)
        start = np.where(starters, rng.integers(first, last + 1, size), first - before)
        wait = rng.geometric(0.2, size) - 1 + np.where(self.random() < 0.02, 21, 0)
        end = np.full(size, -1, dtype=np.int64)
        reason = np.full(size, "", dtype=object)
        represented = np.full(size, np.nan)

        early = self.pick(
            starters & (start < last), -self.noisy(), self.count("early_unplanned_exit")
        )
        end[early] = np.minimum(start[early] + rng.integers(1, EARLY_DAYS + 1, size)[early], last)
        reason[early] = np.where(self.random() < 0.8, "dropped_out", "withdrawn")[early]

        can_complete = ~early & (start <= last - 28)
        success = np.zeros(size, np.bool_)
        for g, metric in enumerate(
            ("sc_opiate_no_rep", "sc_nonopiate_no_rep", "sc_alcohol_no_rep")
        ):
            success |= self.pick(can_complete & (self.group == g), self.noisy(), self.count(metric))
        returned = self.pick(
            can_complete & ~success, -self.noisy(), self.count("representation_6m")
        )
        completed = success | returned
        end[completed] = self.between(np.maximum(start + 28, first), last)[completed]
        reason[completed] = "successful"
        represented[success], represented[returned] = 0.0, 1.0

        open_before = ~early & ~completed & (start < window)
        cohort = self.cohort("keyworker_continuity")
        long_stay = self.pick(open_before, self.random(), cohort)
        held = np.bincount(self.prov[long_stay], minlength=self.n)
        kept = np.round(self.count("keyworker_continuity") * held / np.maximum(cohort, 1))
        stayed = self.pick(long_stay, self.noisy(), kept.astype(np.int64))
        other = open_before & ~long_stay
        end[other] = self.between(np.maximum(start + EARLY_DAYS + 1, first), last)[other]
        reason[other] = rng.choice(
            ["transferred", "dropped_out", "custody", "withdrawn", "died"],
            size,
            p=[0.4, 0.35, 0.1, 0.1, 0.05],
        )[other]
        self.start_day, self.end_day = start, end
        episodes: Columns = {
            "client": self.client,
            "provider": self.provider,
            "substance_group": np.array(["opiate", "non_opiate", "alcohol"])[self.group],
            "primary_substance": self.primary(),
            "referral": _dates(start - wait),
            "start": _dates(start),
            "end": np.where(end >= 0, _dates(end), np.datetime64("NaT")),
            "exit_reason": np.where(end >= 0, reason, np.asarray(None, dtype=object)),
            "represented": represented,
        }
        return episodes, self.assignments(long_stay & ~stayed, window)

    def primary(self) -> np.ndarray[Any, Any]:
        other = self.rng.choice(_NON_OPIATE_PRIMARY, self.size, p=[0.35, 0.4, 0.15, 0.1])
        crack = self.rng.random(self.size) < 0.3
        non_opiate = np.where(crack, "crack", other)
        self.substance = np.where(
            self.group == 0, "opiate", np.where(self.group == 1, non_opiate, "alcohol")
        )
        return self.substance

    def assignments(self, changed: BoolArray, window: int) -> Columns:
        """A keyworker from each episode's start; a second one for some clients."""
        rng, last = self.rng, _day(PERIOD.end)
        wte = self.profiles.denominators[:, self.profiles.metrics.index("caseload_per_worker")]
        team = np.maximum(np.ceil(wte * 1.1), 1).astype(np.int64)[self.prov]
        worker = rng.integers(0, 1 << 30, self.size) % team
        stop = np.where(self.end_day >= 0, self.end_day, last)
        churn = ~changed & (self.random() < 0.3) & (stop > self.start_day + 1)
        churn &= (self.end_day >= 0) | (self.start_day >= window)  # long stays keep theirs
        when = np.where(changed, self.between(window, last), self.between(self.start_day + 1, stop))
        again = changed | churn
        names = np.array([f"K{w:03d}" for w in range(int(team.max()) + 1)])
        return {
            "client": np.concatenate([self.client, self.client[again]]),
            "provider": np.concatenate([self.provider, self.provider[again]]),
            "keyworker": np.concatenate([names[worker], names[(worker[again] + 1) % team[again]]]),
            "date": _dates(np.concatenate([self.start_day, when[again]])),
        }

    # -- TOP forms -------------------------------------------------------------------------------

    def top(self) -> Columns:
        """A start form for every client; a review (or exit) form for the reviewed."""
        rng, last = self.rng, _day(PERIOD.end)
        review_day = self.start_day + 182 + rng.integers(-14, 15, self.size)
        exited = (self.end_day >= 0) & (self.end_day < review_day)
        possible = exited | (review_day <= last)
        rv = self.pick(possible, self.noisy(), self.cohort("top_psych_change"))
        self.reviewed = rv
        start: dict[str, FloatArray] = {}
        review: dict[str, FloatArray] = {}
        self.substances(rv, start, review)
        self.injecting(rv, start, review)
        self.crime(rv, start, review)
        self.functioning(rv, start, review)
        out_day = np.where(exited, self.end_day, review_day)
        stage = np.where(exited, "exit", "review")
        columns: Columns = {
            "client": np.concatenate([self.client, self.client[rv]]),
            "provider": np.concatenate([self.provider, self.provider[rv]]),
            "stage": np.concatenate([np.full(self.size, "start"), stage[rv]]),
            "date": _dates(np.concatenate([self.start_day, out_day[rv]])),
        }
        for name in (n for n in TOP.names if n not in columns):  # the answers, schema order
            columns[name] = np.concatenate([start[name], review[name][rv]])
        return columns

    def substances(
        self, rv: BoolArray, start: dict[str, FloatArray], review: dict[str, FloatArray]
    ) -> None:
        """Days of use: opiate abstinence and reliable improvement, crack, primary substances."""
        rng, g0 = self.rng, self.group == 0
        users = self.pick(rv & g0, self.random(), self.cohort("top_opiate_abstinent"))
        using = users | (g0 & ~rv & (self.random() < 0.55))
        s = np.where(using, self.days(8, 27, daily=0.5), 0.0)
        abstinent = self.pick(users, self.noisy(), self.count("top_opiate_abstinent"))
        more = np.maximum(
            self.count("top_opiate_abst_or_improved") - self.count("top_opiate_abstinent"), 0
        )
        improved = self.pick(users & ~abstinent, self.noisy(), more)
        little = np.clip(s - rng.integers(-3, 7, self.size), 1, 28)
        r = np.where(
            abstinent, 0.0, np.where(improved, self.between(1, (s - 7).astype(np.int64)), little)
        )
        start["opiate_days"], review["opiate_days"] = s, np.where(users, r, 0.0)

        crack_primary = self.substance == "crack"
        priority = self.random() + g0 + 2.0 * crack_primary
        crack = self.pick(rv & (self.group < 2), priority, self.cohort("top_crack_abstinent"))
        elsewhere = ~rv & (crack_primary | (g0 & (self.random() < 0.4)))
        s = np.where(crack | elsewhere, self.days(1, 27, daily=0.15), 0.0)
        stopped = self.pick(crack, self.noisy(), self.count("top_crack_abstinent"))
        r = np.where(stopped, 0.0, np.clip(s - rng.integers(-3, 8, self.size), 1, 28))
        start["crack_days"], review["crack_days"] = s, np.where(crack, r, 0.0)

        drop = self.rate("top_primary_days_reduction") - 4
        quit_ = self.noisy() > 0.25
        for substance in ("alcohol", "cocaine", "amphetamine", "cannabis", "other"):
            primary = self.substance == substance
            occasional = ~primary & (self.random() < (0.3 if substance == "alcohol" else 0.1))
            s = np.where(primary, self.days(8 if substance == "alcohol" else 4, 27, 0.35), 0.0)
            s = np.where(occasional, self.days(1, 12), s)
            cut = np.round(rng.normal(drop, 6.0, self.size))
            r = np.where(primary, np.where(quit_, 0.0, np.clip(s - cut, 1, 28)), s)
            if substance != "alcohol":  # not disclosed, now and then, where it is not primary
                hidden = ~primary & (self.random() < 0.02)
                s, r = np.where(hidden, np.nan, s), np.where(hidden, np.nan, r)
            start[f"{substance}_days"], review[f"{substance}_days"] = s, r

    def injecting(
        self, rv: BoolArray, start: dict[str, FloatArray], review: dict[str, FloatArray]
    ) -> None:
        """Injecting days and sharing: who stopped (people who stop injecting stop sharing)."""
        rng, g0 = self.rng, self.group == 0
        users = self.pick(rv & g0, self.random(), self.cohort("top_stopped_injecting"))
        using = users | (g0 & ~rv & (self.random() < 0.3))
        s = np.where(using, self.days(1, 27, daily=0.2), 0.0)
        stopped = self.pick(users, self.noisy(), self.count("top_stopped_injecting"))
        r = np.where(stopped, 0.0, np.clip(s - rng.integers(-3, 8, self.size), 1, 28))
        start["injecting_days"], review["injecting_days"] = s, np.where(users, r, 0.0)
        sharing = self.pick(users, self.random(), self.cohort("top_stopped_sharing"))
        sharing |= using & ~rv & (self.random() < 0.4)
        must = np.bincount(self.prov[sharing & stopped], minlength=self.n)
        k = np.maximum(self.count("top_stopped_sharing"), must)
        ceased = self.pick(sharing & rv, 10.0 * stopped + self.noisy(), k)
        start["shared"] = sharing.astype(np.float64)
        review["shared"] = (sharing & ~ceased).astype(np.float64)

    def crime(
        self, rv: BoolArray, start: dict[str, FloatArray], review: dict[str, FloatArray]
    ) -> None:
        """Shoplifting, selling and other offending; who desisted."""
        rng = self.rng
        offending = self.pick(rv, self.random() - 0.3 * self.z, self.cohort("top_crime_desistance"))
        offending |= ~rv & (self.random() < 0.3)
        shop = np.where(offending, rng.integers(0, 15, self.size), 0).astype(np.float64)
        sell = np.where(offending & (self.random() < 0.4), rng.integers(1, 9, self.size), 0.0)
        other = (offending & (self.random() < 0.35)).astype(np.float64)
        shop = np.where(
            offending & (shop + sell + other == 0), rng.integers(1, 10, self.size), shop
        )
        desisted = self.pick(offending & rv, self.noisy(), self.count("top_crime_desistance"))
        still = offending & ~desisted
        start["shoplifting_days"], start["selling_days"], start["other_crime"] = shop, sell, other
        review["shoplifting_days"] = np.where(still, rng.integers(1, 10, self.size), 0.0)
        review["selling_days"] = np.where(still, sell // 2, 0.0)
        review["other_crime"] = np.where(still, other, 0.0)

    def functioning(
        self, rv: BoolArray, start: dict[str, FloatArray], review: dict[str, FloatArray]
    ) -> None:
        """Housing, work and education, and the three 0-20 ratings."""
        rng = self.rng
        homeless = self.pick(rv, self.random(), self.cohort("top_housing_resolved"))
        homeless |= ~rv & (self.random() < 0.18)
        resolved = self.pick(homeless & rv, self.noisy(), self.count("top_housing_resolved"))
        start["acute_housing"] = homeless.astype(np.float64)
        review["acute_housing"] = (homeless & ~resolved).astype(np.float64)
        start["eviction_risk"] = (self.random() < 0.08).astype(np.float64)
        review["eviction_risk"] = (self.random() < 0.05).astype(np.float64)

        idle = self.pick(rv, self.random(), self.cohort("top_gained_work_or_education"))
        idle |= ~rv & (self.random() < 0.75)
        works = self.random() < 0.7
        work = np.where(works, rng.integers(1, 21, self.size), 0).astype(np.float64)
        study = np.where(works, 0, rng.integers(1, 15, self.size)).astype(np.float64)
        gained = self.pick(idle & rv, self.noisy(), self.count("top_gained_work_or_education"))
        start["work_days"] = np.where(idle, 0.0, work)
        start["education_days"] = np.where(idle, 0.0, study)
        review["work_days"] = np.where(idle & ~gained, 0.0, work)
        review["education_days"] = np.where(idle & ~gained, 0.0, study)

        for rating, metric in (("psych", "top_psych_change"), ("phys", "top_phys_change")):
            s = np.clip(np.round(rng.normal(10, 4.5, self.size)), 0, 20)
            change = np.round(rng.normal(self.rate(metric) + 0.8 * self.z, 3.5))
            r = np.clip(s + change, 0, 20)
            start[rating], review[rating] = s, np.where(self.random() < 0.01, np.nan, r)
        better = self.pick(rv, self.noisy(), self.count("top_qol_reliable_improve"))
        jump = 4 + np.abs(np.round(rng.normal(0, 2.5, self.size)))
        drift = np.minimum(np.round(rng.normal(self.rate("top_qol_change") - 1, 3.0)), 3)
        s = np.clip(np.round(rng.normal(10, 4.5, self.size)), 0, 20)
        s = np.where(better, np.minimum(s, 20 - jump), s)
        start["qol"] = s
        review["qol"] = np.clip(s + np.where(better, jump, drift), 0, 20)

    # -- connection-test survey ------------------------------------------------------------------

    def survey(self) -> Columns:
        """Answers at start (BARC-10) and at review or exit (the three questions, BARC-10)."""
        rng, last = self.rng, _day(PERIOD.end)
        informed_n = self.cohort("conn_informed")
        connected_n = self.cohort("conn_connected")
        barc_n = self.cohort("conn_confident_barc")
        everyone = np.ones(self.size, np.bool_)
        wanted = np.maximum(np.maximum(informed_n, connected_n), barc_n)
        answered = self.pick(everyone, 0.5 * self.z + self.random(), wanted)
        informed = self.pick(answered, self.random(), informed_n)
        connected = self.pick(answered, self.random(), connected_n)
        barc = self.pick(answered, self.random(), barc_n)

        def likert(asked: BoolArray, passed: BoolArray) -> FloatArray:
            high = rng.integers(4, 6, self.size)
            low = rng.choice([1, 2, 3], self.size, p=[0.15, 0.35, 0.5])
            return np.where(asked, np.where(passed, high, low), np.nan).astype(np.float64)

        connection = self.profiles.factor("connection")[self.prov]
        agree = {
            "informed": self.pick(informed, self.noisy(), self.count("conn_informed")),
            "connected": self.pick(connected, self.noisy(), self.count("conn_connected")),
            "confident": self.noisy() + 0.5 * connection > 0.2,
        }
        asked = {"informed": informed, "connected": connected, "confident": answered}
        asked["confident"] = answered & (self.random() > 0.03)
        before = np.clip(np.round(rng.normal(35, 8, self.size)), 10, 60)
        gain = rng.normal(self.rate("conn_confident_barc") + 2 * self.z, 7.0)
        after = np.clip(np.round(before + gain), 10, 60)
        stop = np.where(self.end_day >= 0, self.end_day, np.minimum(self.start_day + 182, last))
        when = np.maximum(stop, self.start_day)
        columns: Columns = {
            "client": np.concatenate([self.client[answered], self.client[answered]]),
            "provider": np.concatenate([self.provider[answered], self.provider[answered]]),
            "stage": np.concatenate(
                [
                    np.full(int(answered.sum()), "start"),
                    np.where(self.end_day >= 0, "exit", "review")[answered],
                ]
            ),
            "date": _dates(np.concatenate([self.start_day[answered], when[answered]])),
        }
        nothing = np.full(int(answered.sum()), np.nan)
        for question in ("informed", "confident", "connected"):
            answers = likert(asked[question], agree[question])
            columns[question] = np.concatenate([nothing, answers[answered]])
        columns["barc10"] = np.concatenate(
            [np.where(barc, before, np.nan)[answered], np.where(barc, after, np.nan)[answered]]
        )
        return columns

    def workforce(self) -> Columns:
        """One return per provider, with the model's staff, leavers, vacancies and hours."""
        p = self.profiles

        def den(metric: str) -> FloatArray:
            return p.denominators[:, p.metrics.index(metric)]

        def num(metric: str) -> FloatArray:
            return p.counts[:, p.metrics.index(metric)]

        hours = p.rates[:, p.metrics.index("training_hours_per_wte")] * den(
            "training_hours_per_wte"
        )
        return {
            "provider": np.asarray(p.providers),
            "staff_in_post": den("staff_turnover"),
            "leavers": num("staff_turnover"),
            "vacant_posts": num("vacancy_rate"),
            "keyworker_wte": den("caseload_per_worker"),
            "delivery_wte": den("training_hours_per_wte"),
            "training_hours": np.round(hours),
            "practitioners": den("supervision_monthly"),
            "supervised_monthly": num("supervision_monthly"),
            "learner_placements": num("learner_placements_per10wte"),
        }
