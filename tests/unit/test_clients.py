"""The synthetic client records: realistic shapes, and properties of the derivation on them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from records import pair, top
from scorecard.datasets import PERIOD, client_records
from scorecard.datasets._generate import derived
from scorecard.measures import Records, derive
from scorecard.stats import funnel

RECORDS = client_records()
FRAMES: dict[str, pl.DataFrame] = RECORDS.frames("polars")


def test_about_twenty_thousand_clients_in_every_kind_of_record() -> None:
    assert 15_000 <= RECORDS.clients <= 25_000
    assert FRAMES["episodes"]["client"].n_unique() == RECORDS.clients
    assert FRAMES["workforce"].height == 16
    assert set(FRAMES["top"]["stage"].unique()) == {"start", "review", "exit"}
    assert FRAMES["top"].filter(pl.col("stage") == "start").height == RECORDS.clients


def test_top_day_counts_are_mostly_zero_or_daily() -> None:
    starts = FRAMES["top"].filter(pl.col("stage") == "start")["opiate_days"].drop_nulls()
    users = starts.filter(starts > 0)
    assert (starts == 0).mean() > 0.4  # type: ignore[operator]
    assert (users == 28).mean() > 0.3  # type: ignore[operator]
    reviews = FRAMES["top"].filter(pl.col("stage") != "start")["opiate_days"]
    assert (reviews == 0).mean() > 0.7  # type: ignore[operator]


def test_missing_reviews_are_more_common_among_clients_doing_worse() -> None:
    reviewed = set(FRAMES["top"].filter(pl.col("stage") != "start")["client"])
    ep = FRAMES["episodes"]
    early = ep.filter(
        (pl.col("exit_reason") == "dropped_out") | (pl.col("exit_reason") == "withdrawn")
    )
    lasted = ep.filter((pl.col("exit_reason") == "successful") & (pl.col("represented") == 0))
    share_early = np.mean([c in reviewed for c in early["client"]])
    share_lasted = np.mean([c in reviewed for c in lasted["client"]])
    assert share_early < share_lasted - 0.2


def test_providers_differ_beyond_chance_overdispersion() -> None:
    _, found = derived()
    overdispersed = 0
    for metric in ("sc_nonopiate_no_rep", "early_unplanned_exit", "top_opiate_abstinent"):
        j = found.table.metric_index([metric])[0]
        assert found.table.denominators is not None
        limits = funnel(found.numerators[:, j], found.table.denominators[:, j])
        overdispersed += limits.phi > 1.5
    assert overdispersed >= 2


def test_workforce_returns_follow_caseload_and_turnover() -> None:
    rs = []
    for seed in range(6):
        table = derived(seed=seed)[1].table
        rs.append(
            np.corrcoef(table.column("caseload_per_worker"), table.column("staff_turnover"))[0, 1]
        )
    assert np.mean(rs) > 0.1


def test_the_generator_is_deterministic() -> None:
    again = client_records().frames("polars")
    for name, frame in FRAMES.items():
        assert frame.equals(again[name]), name


def test_every_record_passes_its_schema() -> None:
    assert derive(Records(**FRAMES), period=PERIOD).exclusions == ()


# -- the derivation against a plain-Python reference on random records ---------------------------

day = st.one_of(st.none(), st.integers(0, 28))
rating = st.one_of(st.none(), st.integers(0, 20))
flag = st.one_of(st.none(), st.sampled_from([0, 1]))
form = st.fixed_dictionaries(
    {
        "opiate_days": day,
        "shoplifting_days": day,
        "selling_days": day,
        "other_crime": flag,
        "psych": rating,
    }
)
client = st.tuples(st.sampled_from("PQR"), form, st.one_of(st.none(), form))


def reference(
    clients: list[tuple[str, dict[str, Any], dict[str, Any] | None]],
) -> dict[tuple[str, str], Any]:
    """Three metrics by hand, one client at a time."""
    out: dict[tuple[str, str], Any] = defaultdict(lambda: [0, 0, 0.0])
    for provider, s, r in clients:
        if r is None:
            continue
        if (s["opiate_days"] or 0) > 0 and r["opiate_days"] is not None:
            out["abst", provider][0] += 1
            out["abst", provider][1] += r["opiate_days"] == 0
        crime = (s["shoplifting_days"] or 0) > 0 or (s["selling_days"] or 0) > 0
        crime = crime or s["other_crime"] == 1
        items = (r["shoplifting_days"], r["selling_days"], r["other_crime"])
        if crime and None not in items:
            out["crime", provider][0] += 1
            out["crime", provider][1] += items == (0, 0, 0)
        if s["psych"] is not None and r["psych"] is not None:
            out["psych", provider][0] += 1
            out["psych", provider][2] += r["psych"] - s["psych"]
    return out


@settings(max_examples=60, deadline=None)
@given(clients=st.lists(client, min_size=1, max_size=25))
def test_derivation_matches_a_plain_python_reference(
    clients: list[tuple[str, dict[str, Any], dict[str, Any] | None]],
) -> None:
    rows = [r for i, (p, s, rv) in enumerate(clients) for r in pair(f"c{i}", s, rv, provider=p)]
    found = derive(Records(top=top(*rows)))
    expected = reference(clients)
    assert found.table.denominators is not None
    for key, metric in (("abst", "top_opiate_abstinent"), ("crime", "top_crime_desistance")):
        j = found.table.metric_index([metric])[0]
        for i, provider in enumerate(found.table.providers):
            n, k, _ = expected[key, provider]
            assert found.table.denominators[i, j] == n
            assert found.numerators[i, j] == k
            value = found.table.values[i, j]
            assert (np.isnan(value) and n == 0) or value == pytest.approx(100 * k / n)
            low, high = found.lower[i, j], found.upper[i, j]
            assert n == 0 or low <= value <= high
    j = found.table.metric_index(["top_psych_change"])[0]
    for i, provider in enumerate(found.table.providers):
        n, _, total = expected["psych", provider]
        assert found.table.denominators[i, j] == n
        if n:
            assert found.table.values[i, j] == pytest.approx(total / n)


@settings(max_examples=20, deadline=None)
@given(copies=st.integers(2, 4))
def test_repeating_every_client_multiplies_counts_and_keeps_values(copies: int) -> None:
    base = FRAMES["top"].filter(pl.col("provider").is_in(RECORDS.providers[:3]))
    tiled = pl.concat([base.with_columns(pl.col("client") + f"-{i}") for i in range(copies)])
    once, many = derive(Records(top=base)), derive(Records(top=tiled))
    np.testing.assert_array_equal(many.numerators, copies * once.numerators)
    np.testing.assert_allclose(many.table.values, once.table.values, rtol=1e-12)
    assert many.table.standard_errors is not None
    assert once.table.standard_errors is not None
    shrink = many.table.standard_errors < once.table.standard_errors
    assert shrink[np.isfinite(once.table.standard_errors)].all()


def test_derived_metrics_feed_smaa_with_their_uncertainty() -> None:
    from scorecard.catalog import balanced
    from scorecard.datasets import example
    from scorecard.sensitivity import smaa

    _, found = derived()
    returns = example().select([m for m in example().metrics if m not in found.table.metrics])
    evaluation = balanced().evaluate(found.table.join(returns))
    result = smaa(evaluation, samples=1_000, seed=1, uncertain=True)
    assert "were drawn from their uncertainty" in result.summary()
