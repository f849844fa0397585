"""`windows` and `derive_by_period`: which records belong to which quarter, and the errors."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from records import D, episodes, top, workforce
from scorecard.errors import InvalidArgumentError
from scorecard.measures import Period, RecordError, Records, derive_by_period, windows
from scorecard.monitoring import Panel

Q = windows(D(2025, 4, 1), 4)


def _psych(found: object, provider: str = "P") -> float:
    table = found.table  # type: ignore[attr-defined]
    return float(
        table.values[table.providers.index(provider), table.metric_index(["top_psych_change"])[0]]
    )


def test_quarters_and_rolling_windows_are_whole_months() -> None:
    assert [(p.start, p.end) for p in Q] == [
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 3, 31)),
    ]
    rolling = windows(D(2024, 4, 1), 3, length=12)
    assert rolling[0] == Period(D(2024, 4, 1), D(2025, 3, 31))
    assert rolling[2] == Period(D(2024, 10, 1), D(2025, 9, 30))
    assert windows(D(2025, 12, 1), 2, every=1)[1] == Period(D(2026, 1, 1), D(2026, 1, 31))


@pytest.mark.parametrize(
    ("first", "kwargs"),
    [
        (D(2025, 4, 2), {}),
        (dt.datetime(2025, 4, 1, tzinfo=dt.UTC), {}),
        (D(2025, 4, 1), {"every": 0}),
        (D(2025, 4, 1), {"length": True}),
    ],
)
def test_bad_windows_are_refused(first: dt.date, kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgumentError):
        windows(first, 2, **kwargs)  # type: ignore[arg-type]


def _form(client: str, stage: str, date: dt.date, psych: float) -> dict[str, object]:
    return {"client": client, "provider": "P", "stage": stage, "date": date, "psych": psych}


# a: started in 2024, reviewed in Q2 (July), exited in Q4 (February); b: reviewed twice in Q3
TIMELINE = top(
    _form("a", "start", D(2024, 11, 1), 5),
    _form("a", "review", D(2025, 7, 15), 8),
    _form("a", "exit", D(2026, 2, 1), 12),
    _form("b", "start", D(2025, 4, 20), 10),
    _form("b", "review", D(2025, 10, 5), 11),
    _form("b", "review", D(2025, 12, 20), 14),
)


def test_each_quarter_compares_its_own_latest_outcome_with_the_start() -> None:
    q1, q2, q3, q4 = derive_by_period(Records(top=TIMELINE), Q)
    assert np.isnan(_psych(q1))  # nobody reviewed or discharged in April to June
    assert _psych(q2) == pytest.approx(8 - 5)  # a's July review
    assert _psych(q3) == pytest.approx(14 - 10)  # b's latest review in the quarter
    assert _psych(q4) == pytest.approx(12 - 5)  # a's exit
    assert q2.table.denominators is not None
    j = q2.table.metric_index(["top_psych_change"])[0]
    assert q2.table.denominators[0, j] == 1


def test_episodes_are_judged_by_each_quarter() -> None:
    rows = episodes(
        {
            "client": "a",
            "provider": "P",
            "substance_group": "alcohol",
            "primary_substance": "alcohol",
            "referral": D(2025, 3, 1),
            "start": D(2025, 3, 1),
            "end": D(2025, 8, 1),
            "exit_reason": "successful",
            "represented": 0,
        },
        {
            "client": "b",
            "provider": "P",
            "substance_group": "alcohol",
            "primary_substance": "alcohol",
            "referral": D(2025, 3, 1),
            "start": D(2025, 3, 1),
        },
    )
    found = derive_by_period(Records(episodes=rows), Q)
    j = found[0].table.metric_index(["sc_alcohol_no_rep"])[0]
    shares = [float(d.table.values[0, j]) for d in found]
    assert shares == [0.0, 50.0, 0.0, 0.0]  # a completes in Q2, of the two in treatment


def test_a_panel_of_the_quarters_is_dated_by_their_starts() -> None:
    panel = Panel.from_derived(Q, derive_by_period(Records(top=TIMELINE), Q))
    assert panel.periods == tuple(p.start for p in Q)
    assert panel.series("top_psych_change", "P")[1] == pytest.approx(3.0)


def test_workforce_returns_come_one_per_period() -> None:
    returns = workforce(
        {
            "provider": "P",
            "staff_in_post": 10,
            "leavers": 2,
            "vacant_posts": 1,
            "keyworker_wte": 4,
            "delivery_wte": 8,
            "training_hours": 100,
            "practitioners": 5,
            "supervised_monthly": 5,
            "learner_placements": 1,
        }
    )
    with pytest.raises(RecordError, match="carry no dates"):
        derive_by_period(Records(top=TIMELINE, workforce=returns), Q)
    with pytest.raises(RecordError, match="3 workforce returns given for 4 periods"):
        derive_by_period(Records(top=TIMELINE), Q, workforce=[returns] * 3)
    found = derive_by_period(Records(top=TIMELINE), Q, workforce=[returns] * 4)
    j = found[3].table.metric_index(["staff_turnover"])[0]
    assert found[3].table.values[0, j] == pytest.approx(20.0)  # 2 leavers of 10 in post


def test_periods_must_be_given_in_time_order() -> None:
    with pytest.raises(RecordError, match="out of time order"):
        derive_by_period(Records(top=TIMELINE), (Q[1], Q[0]))
    with pytest.raises(RecordError, match="no periods"):
        derive_by_period(Records(top=TIMELINE), ())


def test_every_period_has_every_provider() -> None:
    import polars as pl

    other = top(
        {"client": "z", "provider": "Q", "stage": "start", "date": D(2025, 1, 1), "psych": 1},
        {"client": "z", "provider": "Q", "stage": "exit", "date": D(2025, 5, 1), "psych": 2},
    )
    found = derive_by_period(Records(top=pl.concat([TIMELINE, other])), Q)
    assert all(d.table.providers == ("P", "Q") for d in found)
