"""Derived metrics pinned on small hand-made records with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from records import PERIOD, D, episodes, keyworkers, pair, survey, top, workforce
from scorecard.measures import (
    Derived,
    Form,
    RecordError,
    Records,
    ReliableChange,
    derive,
    reliable_change,
)
from scorecard.stats import byar, wilson


def value(found: Derived, metric: str, provider: str = "P") -> float:
    return float(found.table.values[found.table.providers.index(provider), _j(found, metric)])


def n(found: Derived, metric: str, provider: str = "P") -> float:
    assert found.table.denominators is not None
    return float(found.table.denominators[found.table.providers.index(provider), _j(found, metric)])


def missing(found: Derived, metric: str, provider: str = "P") -> float:
    return float(found.missing[found.table.providers.index(provider), _j(found, metric)])


def _j(found: Derived, metric: str) -> int:
    return int(found.table.metric_index([metric])[0])


# -- TOP ------------------------------------------------------------------------------------------

OPIATE_CLIENTS = [
    *pair("a", {"opiate_days": 28}, {"opiate_days": 0}),  # abstinent
    *pair("b", {"opiate_days": 20}, {"opiate_days": 10}),  # reliably improved (10 >= 7)
    *pair("c", {"opiate_days": 20}, {"opiate_days": 15}),  # no reliable change
    *pair("d", {"opiate_days": 28}, None),  # only a start record: in no cohort
    *pair("e", {"opiate_days": 28}, {}),  # review without an answer: missing
    *pair("f", {"opiate_days": 0}, {"opiate_days": 0}),  # not using at start
    *pair("q", {"opiate_days": 28}, None, provider="Q"),  # a provider with no reviews
]


def test_opiate_abstinence_and_reliable_improvement() -> None:
    found = derive(Records(top=top(*OPIATE_CLIENTS)))
    assert found.table.providers == ("P", "Q")
    assert value(found, "top_opiate_abstinent") == pytest.approx(100 / 3)
    assert n(found, "top_opiate_abstinent") == 3
    assert found.numerators[0, _j(found, "top_opiate_abstinent")] == 1
    assert missing(found, "top_opiate_abstinent") == 1
    assert value(found, "top_opiate_abst_or_improved") == pytest.approx(200 / 3)
    assert found.forms["top_opiate_abstinent"] is Form.SHARE


def test_a_provider_with_no_reviews_has_no_figure_and_no_denominator() -> None:
    found = derive(Records(top=top(*OPIATE_CLIENTS)))
    assert math.isnan(value(found, "top_opiate_abstinent", "Q"))
    assert n(found, "top_opiate_abstinent", "Q") == 0
    low, high = found.interval("top_opiate_abstinent")
    assert math.isnan(low[1])
    assert math.isnan(high[1])


def test_the_reliable_change_threshold_is_a_parameter() -> None:
    strict = derive(Records(top=top(*OPIATE_CLIENTS)), thresholds=ReliableChange(days=11))
    assert value(strict, "top_opiate_abst_or_improved") == pytest.approx(100 / 3)
    lenient = derive(Records(top=top(*OPIATE_CLIENTS)), thresholds=ReliableChange(days=5))
    assert value(lenient, "top_opiate_abst_or_improved") == pytest.approx(100.0)
    assert reliable_change(8.0, 0.8) == pytest.approx(1.96 * 8 * math.sqrt(0.4))
    with pytest.raises(ValueError, match="days must be above 0"):
        ReliableChange(days=0)


def test_wilson_intervals_come_with_each_share() -> None:
    found = derive(Records(top=top(*OPIATE_CLIENTS)))
    low, high = wilson([1], [3])
    lower, upper = found.interval("top_opiate_abstinent")
    assert lower[0] == pytest.approx(100 * low[0])
    assert upper[0] == pytest.approx(100 * high[0])


RATED = [
    *pair("a", {"psych": 8, "qol": 5}, {"psych": 12, "qol": 9}),
    *pair("b", {"psych": 10, "qol": 10}, {"psych": 9, "qol": 13}),
    *pair("c", {"psych": 10}, {}),  # no answers at review at all
    *pair("d", {}, {"psych": 15}),  # no rating at start: not in the cohort
]


def test_mean_change_in_a_rating_with_its_standard_error() -> None:
    found = derive(Records(top=top(*RATED)))
    assert value(found, "top_psych_change") == pytest.approx(1.5)
    assert n(found, "top_psych_change") == 2
    assert missing(found, "top_psych_change") == 1
    assert found.table.standard_errors is not None
    se = found.table.standard_errors[0, _j(found, "top_psych_change")]
    assert se == pytest.approx(np.std([4, -1], ddof=1) / math.sqrt(2))
    low, high = found.interval("top_psych_change")
    assert low[0] == pytest.approx(1.5 - 1.959963984540054 * se)
    assert high[0] == pytest.approx(1.5 + 1.959963984540054 * se)


def test_reliable_improvement_in_quality_of_life() -> None:
    found = derive(Records(top=top(*RATED)))
    assert value(found, "top_qol_change") == pytest.approx(3.5)
    assert value(found, "top_qol_reliable_improve") == pytest.approx(50.0)
    assert value(
        derive(Records(top=top(*RATED)), thresholds=ReliableChange(rating=3)),
        "top_qol_reliable_improve",
    ) == pytest.approx(100.0)


SOCIAL = [
    *pair(
        "a",
        {"shoplifting_days": 5, "selling_days": 0, "other_crime": 0},
        {"shoplifting_days": 0, "selling_days": 0, "other_crime": 0},
    ),
    *pair("b", {"other_crime": 1}, {"shoplifting_days": 0, "selling_days": 0, "other_crime": 1}),
    *pair("c", {"selling_days": 3}, {"shoplifting_days": 0, "selling_days": 0}),  # one unknown
    *pair(
        "d",
        {"shoplifting_days": 0, "selling_days": 0, "other_crime": 0},
        {"shoplifting_days": 4, "selling_days": 0, "other_crime": 0},
    ),  # no crime at start
    *pair(
        "e",
        {
            "acute_housing": 1,
            "work_days": 0,
            "education_days": 0,
            "injecting_days": 12,
            "shared": 1,
        },
        {"acute_housing": 0, "work_days": 0, "education_days": 3, "injecting_days": 0, "shared": 0},
    ),
    *pair(
        "f",
        {
            "acute_housing": 1,
            "work_days": 0,
            "education_days": 0,
            "injecting_days": 28,
            "shared": 1,
        },
        {"acute_housing": 1, "work_days": 0, "education_days": 0, "injecting_days": 9, "shared": 1},
    ),
    *pair("g", {"work_days": 10, "education_days": 0}, {"work_days": 12, "education_days": 0}),
]


def test_crime_housing_work_and_injecting() -> None:
    found = derive(Records(top=top(*SOCIAL)))
    assert value(found, "top_crime_desistance") == pytest.approx(50.0)  # a of a, b
    assert missing(found, "top_crime_desistance") == 1  # c
    assert value(found, "top_housing_resolved") == pytest.approx(50.0)
    assert value(found, "top_gained_work_or_education") == pytest.approx(50.0)  # e of e, f
    assert n(found, "top_gained_work_or_education") == 2
    assert value(found, "top_stopped_injecting") == pytest.approx(50.0)
    assert value(found, "top_stopped_sharing") == pytest.approx(50.0)


def test_the_outcome_form_is_the_latest_review_or_else_the_exit() -> None:
    rows = [
        *pair("a", {"psych": 5}, {"psych": 7}),
        {"client": "a", "provider": "P", "stage": "review", "date": D(2025, 12, 1), "psych": 9},
        {"client": "a", "provider": "P", "stage": "exit", "date": D(2026, 2, 1), "psych": 20},
        *pair("b", {"psych": 5}, {"psych": 6}, stage="exit"),
    ]
    found = derive(Records(top=top(*rows)))
    assert value(found, "top_psych_change") == pytest.approx(((9 - 5) + (6 - 5)) / 2)


# -- episodes, keyworkers, survey, workforce ------------------------------------------------------


def episode(client: str, group: str, start: D, **more: object) -> dict[str, object]:
    substance = {"opiate": "opiate", "non_opiate": "crack", "alcohol": "alcohol"}[group]
    return {
        "client": client,
        "provider": "P",
        "substance_group": group,
        "primary_substance": substance,
        "referral": more.pop("referral", start),
        "start": start,
        **more,
    }


EPISODES = [
    episode(
        "a", "opiate", D(2024, 1, 1), end=D(2025, 6, 1), exit_reason="successful", represented=0
    ),
    episode(
        "b", "opiate", D(2024, 3, 1), end=D(2025, 7, 1), exit_reason="successful", represented=1
    ),
    episode("c", "opiate", D(2023, 1, 1)),  # long stay, open
    episode("d", "opiate", D(2023, 1, 1), end=D(2025, 3, 1), exit_reason="transferred"),  # before
    episode(
        "e",
        "alcohol",
        D(2025, 5, 1),
        end=D(2025, 6, 15),
        exit_reason="dropped_out",
        referral=D(2025, 4, 1),
    ),  # early unplanned exit; waited 30 days
    episode(
        "f",
        "alcohol",
        D(2025, 5, 1),
        end=D(2026, 1, 5),
        exit_reason="successful",
        represented=0,
        referral=D(2025, 4, 20),
    ),
    episode("g", "non_opiate", D(2025, 11, 1)),  # starter, open, short stay
    episode("h", "non_opiate", D(2025, 4, 10), end=D(2025, 12, 1), exit_reason="successful"),
]


def test_completions_exits_and_waits() -> None:
    found = derive(Records(episodes=episodes(*EPISODES)), period=PERIOD)
    assert value(found, "sc_opiate_no_rep") == pytest.approx(100 / 3)  # a of a, b, c
    assert value(found, "sc_alcohol_no_rep") == pytest.approx(50.0)  # f of e, f
    assert value(found, "sc_nonopiate_no_rep") == 0.0  # g open; h's return unknown
    assert n(found, "sc_nonopiate_no_rep") == 1
    assert missing(found, "sc_nonopiate_no_rep") == 1
    assert value(found, "representation_6m") == pytest.approx(100 / 3)  # b of a, b, f
    assert value(found, "early_unplanned_exit") == pytest.approx(25.0)  # e of e, f, g, h
    assert value(found, "wait_within_3wks") == pytest.approx(75.0)


def test_keyworker_continuity_over_the_last_six_months() -> None:
    rows = [
        episode("a", "opiate", D(2024, 1, 1)),  # same keyworker throughout
        episode("b", "opiate", D(2024, 1, 1)),  # changed in the window
        episode("c", "opiate", D(2024, 1, 1)),  # no keyworker recorded: missing
        episode("d", "opiate", D(2025, 12, 1)),  # too recent to count
    ]
    assignments = [
        {"client": "a", "provider": "P", "keyworker": "K1", "date": D(2024, 1, 1)},
        {"client": "a", "provider": "P", "keyworker": "K2", "date": D(2025, 6, 1)},  # before
        {"client": "b", "provider": "P", "keyworker": "K1", "date": D(2024, 1, 1)},
        {"client": "b", "provider": "P", "keyworker": "K3", "date": D(2026, 1, 10)},
        {"client": "d", "provider": "P", "keyworker": "K1", "date": D(2025, 12, 1)},
    ]
    found = derive(
        Records(episodes=episodes(*rows), keyworkers=keyworkers(*assignments)), period=PERIOD
    )
    assert value(found, "keyworker_continuity") == pytest.approx(50.0)
    assert n(found, "keyworker_continuity") == 2
    assert missing(found, "keyworker_continuity") == 1


def test_the_connection_test() -> None:
    def answers(
        client: str, start_barc: float | None, **out: float | None
    ) -> list[dict[str, object]]:
        begun, later = D(2025, 5, 1), D(2025, 11, 1)
        return [
            {
                "client": client,
                "provider": "P",
                "stage": "start",
                "date": begun,
                "barc10": start_barc,
            },
            {"client": client, "provider": "P", "stage": "review", "date": later, **out},
        ]

    rows = [
        *answers("a", 30, informed=5, confident=4, connected=4, barc10=40),
        *answers("b", 35, informed=4, confident=2, connected=5, barc10=33),
        *answers("c", None, informed=2, confident=None, connected=1),
        *answers("d", None),  # all answers missing
    ]
    found = derive(Records(survey=survey(*rows)))
    assert value(found, "conn_informed") == pytest.approx(200 / 3)
    assert missing(found, "conn_informed") == 1
    assert value(found, "conn_confident") == pytest.approx(50.0)
    assert value(found, "conn_connected") == pytest.approx(200 / 3)
    assert value(found, "conn_test_passed") == pytest.approx(50.0)  # a of a, b
    assert missing(found, "conn_test_passed") == 2
    assert value(found, "conn_confident_barc") == pytest.approx((10 - 2) / 2)


def test_workforce_returns_are_summed_per_provider() -> None:
    teams = [
        {
            "provider": "P",
            "staff_in_post": 30,
            "leavers": 6,
            "vacant_posts": 2,
            "keyworker_wte": 10,
            "delivery_wte": 25,
            "training_hours": 500,
            "practitioners": 20,
            "supervised_monthly": 18,
            "learner_placements": 3,
        },
        {
            "provider": "P",
            "staff_in_post": 10,
            "leavers": 4,
            "vacant_posts": 3,
            "keyworker_wte": 5,
            "delivery_wte": 8,
            "training_hours": 160,
            "practitioners": 8,
            "supervised_monthly": 4,
            "learner_placements": 1,
        },
    ]
    rows = [episode(c, "alcohol", D(2025, 5, 1)) for c in "abcdefghij"]
    found = derive(Records(workforce=workforce(*teams), episodes=episodes(*rows)), period=PERIOD)
    assert value(found, "staff_turnover") == pytest.approx(25.0)
    assert value(found, "vacancy_rate") == pytest.approx(100 * 5 / 45)
    assert value(found, "caseload_per_worker") == pytest.approx(10 / 15)
    assert value(found, "training_hours_per_wte") == pytest.approx(660 / 33)
    assert value(found, "supervision_monthly") == pytest.approx(100 * 22 / 28)
    assert value(found, "learner_placements_per10wte") == pytest.approx(10 * 4 / 33)
    low, high = byar([10])
    lower, upper = found.interval("staff_turnover")
    assert (lower[0], upper[0]) == pytest.approx((100 * low[0] / 40, 100 * high[0] / 40))
    lower, _ = found.interval("training_hours_per_wte")
    assert math.isnan(lower[0])
    assert "caseload_per_worker" not in derive(Records(workforce=workforce(*teams))).table.metrics


def test_primary_substance_days_need_episodes() -> None:
    tops = [
        *pair("a", {"alcohol_days": 28, "opiate_days": 3}, {"alcohol_days": 8, "opiate_days": 3}),
        *pair("b", {"opiate_days": 20}, {"opiate_days": 14}),
    ]
    rows = [episode("a", "alcohol", D(2024, 1, 1)), episode("b", "opiate", D(2024, 1, 1))]
    found = derive(Records(top=top(*tops), episodes=episodes(*rows)), period=PERIOD)
    assert value(found, "top_primary_days_reduction") == pytest.approx((20 + 6) / 2)
    assert "top_primary_days_reduction" not in derive(Records(top=top(*tops))).table.metrics


def test_providers_fix_the_order_and_add_providers_without_records() -> None:
    found = derive(Records(top=top(*OPIATE_CLIENTS)), providers=["Q", "R", "P"])
    assert found.table.providers == ("Q", "R", "P")
    assert n(found, "top_opiate_abstinent", "R") == 0
    assert "1 clients in the cohort with no outcome" in found.report()


def test_the_documented_schemas_are_the_schemas() -> None:
    from pathlib import Path

    from scorecard.measures import SCHEMAS

    text = (Path(__file__).resolve().parents[2] / "docs" / "measures.md").read_text("utf-8")
    for schema in SCHEMAS.values():
        assert schema.markdown() in text, schema.name
        for problem in schema.rules:
            assert problem in text


def test_measures_is_a_lazy_submodule() -> None:
    import scorecard as sc

    assert sc.measures.derive is derive


def test_crack_abstinence_and_physical_health() -> None:
    rows = [
        *pair("a", {"crack_days": 4, "phys": 6}, {"crack_days": 0, "phys": 9}),
        *pair("b", {"crack_days": 12, "phys": 10}, {"crack_days": 2, "phys": 10}),
        *pair("c", {"crack_days": 0, "phys": 12}, {"crack_days": 3, "phys": 18}),
    ]
    found = derive(Records(top=top(*rows)))
    assert value(found, "top_crack_abstinent") == pytest.approx(50.0)
    assert n(found, "top_crack_abstinent") == 2
    assert value(found, "top_phys_change") == pytest.approx(3.0)


def test_keyworker_assignments_for_a_client_with_no_episode_are_reported() -> None:
    rows = [episode("a", "opiate", D(2024, 1, 1))]
    assignments = [
        {"client": "a", "provider": "P", "keyworker": "K1", "date": D(2024, 1, 1)},
        {"client": "z", "provider": "P", "keyworker": "K2", "date": D(2025, 6, 1)},
    ]
    records = Records(episodes=episodes(*rows), keyworkers=keyworkers(*assignments))
    with pytest.raises(RecordError, match="1 client with keyworker assignments but no treatment"):
        derive(records, period=PERIOD)
    found = derive(records, period=PERIOD, invalid="exclude")
    assert [e.examples for e in found.exclusions] == [("client z at P",)]
    assert value(found, "keyworker_continuity") == pytest.approx(100.0)
