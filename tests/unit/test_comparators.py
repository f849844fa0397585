"""Comparators: quartiles among all providers and a cluster, and direction-of-travel arrows."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards import flat_card
from scorecard import Metric, PerformanceTable, Scorecard
from scorecard.errors import InvalidArgumentError, TableError
from scorecard.monitoring import TRAVEL, Comparators, Panel, standing
from scorecard.scales import Linear

NAMES = tuple("ABCDEFGH")
Q = (dt.date(2025, 1, 1), dt.date(2025, 4, 1))


def _panel(now: list[float], then: list[float] | None = None, n: float | None = None) -> Panel:
    def table(values: list[float]) -> PerformanceTable:
        col = np.asarray(values, dtype=float)[:, None]
        den = None if n is None else np.full(col.shape, n)
        return PerformanceTable(NAMES[: len(values)], ("m0",), col, denominators=den)

    if then is None:
        return Panel(Q[:1], (table(now),))
    return Panel(Q, (table(then), table(now)))


def _lower_card() -> Scorecard:
    metric = Metric("m0", "M0", unit="%", direction="lower", scale=Linear(worst=100, best=0))
    return Scorecard("Lower", metrics=[metric])


def test_quartiles_follow_the_percentile_cut_points_and_the_direction() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]  # cuts 2.75, 4.5, 6.25
    up = standing(_panel(values), flat_card(1, unit="%"), since=None)
    assert up.national_quartile[:, 0].tolist() == [4, 4, 3, 3, 2, 2, 1, 1]
    down = standing(_panel(values), _lower_card(), since=None)
    assert down.national_quartile[:, 0].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    assert up.national_median[0, 0] == pytest.approx(4.5)


def test_a_value_on_a_cut_point_takes_the_better_quarter() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]  # cuts 2, 3, 4
    up = standing(_panel(values), flat_card(1, unit="%"), since=None)
    assert up.national_quartile[:, 0].tolist() == [4, 3, 2, 1, 1]
    down = standing(_panel(values), _lower_card(), since=None)
    assert down.national_quartile[:, 0].tolist() == [1, 1, 2, 3, 4]


def test_two_proportions_decide_the_arrow() -> None:
    # 50 of 100 then 65 of 100: pooled 0.575, z = 0.15 / sqrt(0.575 x 0.425 x 2 / 100) = 2.15
    card = flat_card(1, unit="%")
    found = standing(_panel([65.0, 60.0, 40.0, 50.0], [50.0, 50.0, 55.0, 50.0], n=100.0), card)
    assert [TRAVEL[k] for k in found.travel[:, 0]] == [
        "better",
        "no significant change",  # z = 1.42
        "worse",  # z = -2.13
        "no significant change",
    ]
    assert found.since == Q[0]
    assert found.rows("A")[0]["arrow"] == "▲"


def test_without_denominators_the_arrow_says_it_was_not_tested() -> None:
    found = standing(_panel([65.0, 40.0, 50.0], [50.0, 55.0, 50.0]), flat_card(1, unit="%"))
    assert [TRAVEL[k] for k in found.travel[:, 0]] == [
        "not tested: higher",
        "not tested: lower",
        "no significant change",
    ]


def test_nearest_neighbours_form_clusters_on_standardised_characteristics() -> None:
    where = {"deprivation": [0.0, 1.0, 2.0, 10.0, 11.0, 12.0]}
    found = Comparators.nearest(where, NAMES[:6], size=3)
    assert found.members[0] == (0, 1, 2)
    assert found.members[4] == (4, 3, 5)  # itself first, then the nearest (a tie: earlier)
    assert "2 nearest on standardised deprivation" in found.rule
    scaled = Comparators.nearest(
        {"deprivation": [v * 1000 for v in where["deprivation"]]}, NAMES[:6], size=3
    )
    assert scaled.members == found.members


def test_the_cluster_quartile_reads_only_the_cluster() -> None:
    values = [10.0, 20.0, 30.0, 90.0, 80.0, 70.0]
    clusters = Comparators.given(dict(zip(NAMES[:6], "xxxyyy", strict=True)), NAMES[:6])
    found = standing(_panel(values), flat_card(1, unit="%"), comparators=clusters, since=None)
    assert found.cluster_quartile[:, 0].tolist() == [4, 2, 1, 1, 2, 4]  # cuts 15, 20, 25
    assert found.cluster_median[:, 0].tolist() == [20.0, 20.0, 20.0, 80.0, 80.0, 80.0]
    assert found.national_quartile[2, 0] == 3  # 30 is low nationally, first of its cluster


def test_bad_comparators_and_periods_are_refused() -> None:
    with pytest.raises(TableError, match="no cluster given for provider"):
        Comparators.given({"A": "x"}, NAMES[:2])
    with pytest.raises(TableError, match="not in the panel"):
        Comparators.given({"A": "x", "B": "x", "Z": "y"}, NAMES[:2])
    with pytest.raises(TableError, match="no value for provider 'B'"):
        Comparators.nearest({"d": [1.0, float("nan")]}, NAMES[:2], size=2)
    with pytest.raises(InvalidArgumentError, match="size"):
        Comparators.nearest({"d": [1.0, 2.0]}, NAMES[:2], size=3)
    with pytest.raises(InvalidArgumentError, match="no period 1 before"):
        standing(_panel([1.0, 2.0]), flat_card(1, unit="%"))
    other = Comparators.given({"A": "x", "B": "x"}, ("B", "A"))
    with pytest.raises(InvalidArgumentError, match="panel's providers"):
        standing(_panel([1.0, 2.0]), flat_card(1, unit="%"), comparators=other, since=None)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(0, 1000), min_size=4, max_size=8, unique=True),
    seed=st.integers(0, 1000),
)
def test_quartiles_reverse_with_the_direction_and_follow_the_providers(
    values: list[int], seed: int
) -> None:
    data = [v / 10 for v in values]
    names = NAMES[: len(data)]
    up = standing(_panel(data), flat_card(1, unit="%"), since=None).national_quartile[:, 0]
    down = standing(_panel(data), _lower_card(), since=None).national_quartile[:, 0]
    cuts = np.percentile(data, [25, 50, 75])
    off_cuts = ~np.isin(np.asarray(data), cuts)
    assert ((up + down)[off_cuts] == 5).all()
    order = np.random.default_rng(seed).permutation(len(data))
    col = np.asarray(data)[order][:, None]
    shuffled = Panel(Q[:1], (PerformanceTable(tuple(names[k] for k in order), ("m0",), col),))
    again = standing(shuffled, flat_card(1, unit="%"), since=None).national_quartile[:, 0]
    assert again.tolist() == up[order].tolist()


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    shape=st.tuples(st.integers(1, 5), st.integers(1, 9), st.integers(1, 4)),
    missing=st.floats(0, 0.6),
)
def test_the_cut_points_are_numpys_nan_percentiles(
    seed: int, shape: tuple[int, int, int], missing: float
) -> None:
    from scorecard.monitoring._comparators import _cut_points

    rng = np.random.default_rng(seed)
    groups = rng.normal(size=shape).round(1)  # ties too
    groups[rng.random(shape) < missing] = np.nan
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanpercentile(groups, [25, 50, 75], axis=1)
    np.testing.assert_allclose(_cut_points(groups), expected, rtol=1e-12, atol=1e-12)


def test_thousands_of_providers_with_missing_cells_and_nearest_clusters() -> None:
    rng = np.random.default_rng(8)
    n = 2_000
    names = tuple(f"P{i:04d}" for i in range(n))
    values = rng.uniform(0, 100, (n, 1))
    values[rng.random(n) < 0.1, 0] = np.nan  # a tenth of the cells missing
    panel = Panel(Q[:1], (PerformanceTable(names, ("m0",), values),))
    where = {"size": rng.normal(size=n).tolist(), "deprivation": rng.normal(size=n).tolist()}
    clusters = Comparators.nearest(where, names, size=12)
    found = standing(panel, flat_card(1, unit="%"), comparators=clusters, since=None)
    assert (found.national_quartile[np.isnan(values[:, 0]), 0] == 0).all()  # no figure: no quartile
    for i in rng.choice(n, 25, replace=False):  # each against its own cluster, directly
        group = values[list(clusters.members[i]), 0]
        if np.isnan(values[i, 0]) or np.isnan(group).all():
            continue
        cuts = np.nanpercentile(group, [25, 50, 75])
        expected = 4 - int((cuts <= values[i, 0]).sum())
        assert found.cluster_quartile[i, 0] == expected
        assert found.cluster_median[i, 0] == pytest.approx(np.nanmedian(group))
