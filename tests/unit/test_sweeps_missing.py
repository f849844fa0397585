"""Weight sweeps and thresholds on ordinary missing data: a provider dropping out is reported.

With policy ``exclude``, a provider whose only values sit under the siblings of the node being
moved has nothing weighted when the node's weight reaches 1 (or its siblings' reaches 0).
`evaluate` works there; sweeps, thresholds and ``scorecard robustness`` used to raise. They now
give a NaN score at that end, rank the provider last there and name it.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cards import grid_card
from scorecard import Domain, Metric, PerformanceTable, Scorecard
from scorecard.cli import main
from scorecard.scales import Linear
from scorecard.sensitivity import one_way, thresholds


def _metric(key: str) -> Metric:
    return Metric(
        key, key.upper(), direction="higher", scale=Linear(worst=0, best=1), missing="exclude"
    )


CARD = Scorecard(
    "Two domains",
    domains=[
        Domain("connection", "Connection", metrics=[_metric("c1"), _metric("c2")]),
        Domain("outcomes", "Outcomes", metrics=[_metric("o1"), _metric("o2")]),
    ],
)
NAN = np.nan
TABLE = PerformanceTable(
    ["P", "Q", "R"],
    ["c1", "c2", "o1", "o2"],
    np.array([[NAN, NAN, 0.5, 0.6], [0.2, 0.3, 0.4, 0.5], [0.9, 0.1, 0.3, 0.2]]),
)


def test_one_way_reports_the_provider_that_drops_out_at_the_end() -> None:
    sweep = one_way(CARD.evaluate(TABLE), "connection", grid=11)
    assert sweep.unscored == (("P", 1.0),)
    assert np.isnan(sweep.scores[-1, 0])
    assert not np.isnan(np.delete(sweep.scores, -1, axis=0)).any()
    assert sweep.ranks[-1].tolist() == [3, 2, 1]  # P, unscored, ranks last
    assert sweep.scores[0, 0] == 0.55  # outcomes alone: (0.5 + 0.6) / 2


def test_thresholds_name_the_provider_at_that_end() -> None:
    found = thresholds(CARD.evaluate(TABLE))
    assert found["connection"].unscored == (("P", 1.0),)
    assert found["connection"].rank_above == 1.0  # first place changes as P drops out
    assert found["outcomes"].unscored == (("P", 0.0),)
    assert "at weight 1 \u2068P\u2069 cannot be scored" in found["connection"].summary()
    assert found["c1"].unscored == ()  # P has no connection values: nothing changes for it


def test_scorecard_robustness_runs_and_names_it(tmp_path: Path) -> None:
    card, data = tmp_path / "card.json", tmp_path / "data.csv"
    CARD.to_json(card)
    TABLE.to_csv(data)
    out = io.StringIO()
    code = main(["robustness", str(card), str(data), "--samples", "500"], out=out)
    assert code == 0
    assert "\u2068P\u2069 cannot be scored" in out.getvalue()


@st.composite
def _gappy(draw: st.DrawFn) -> tuple[Scorecard, PerformanceTable, str]:
    domains, per = draw(st.integers(2, 3)), draw(st.integers(1, 3))
    card = grid_card(domains, per, missing="exclude")
    n = draw(st.integers(2, 6))
    m = len(card.metric_ids)
    values = np.array(
        draw(st.lists(st.lists(st.floats(0, 1), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    gaps = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    gaps[np.arange(n), draw(st.lists(st.integers(0, m - 1), min_size=n, max_size=n))] = False
    values[gaps] = np.nan  # every provider keeps at least one value
    table = PerformanceTable([f"p{i}" for i in range(n)], card.metric_ids, values)
    node = draw(st.sampled_from([*card.domain_ids, *card.metric_ids]))
    return card, table, node


@settings(max_examples=60, deadline=None)
@given(problem=_gappy())
def test_sweeps_and_thresholds_never_raise_on_excluded_cells(
    problem: tuple[Scorecard, PerformanceTable, str],
) -> None:
    card, table, node = problem
    ev = card.evaluate(table)
    if len(card.children(card.parent(node))) < 2:  # nothing to move against
        return
    sweep = one_way(ev, node, grid=5)
    missing = np.isnan(sweep.scores)
    assert not missing[(sweep.grid > 0) & (sweep.grid < 1)].any()  # only an end drops out
    assert len(sweep.unscored) == int(missing.sum())
    for g in np.flatnonzero(missing.any(axis=1)):  # the unscored rank after every scored one
        assert (sweep.ranks[g][missing[g]] == (~missing[g]).sum() + 1).all()
    found = thresholds(ev, [node])[node]
    assert {p for p, _ in found.unscored} <= set(ev.providers)
    ends = {w for _, w in found.unscored}
    assert ends <= {0.0, 1.0}


def test_names_in_prose_are_isolated_so_a_right_to_left_override_ends_with_them() -> None:
    from scorecard.sensitivity import smaa

    evil = "P\u202eevil"
    table = PerformanceTable([evil, "Q", "R"], TABLE.metrics, TABLE.values)
    ev = CARD.evaluate(table)
    for text in (thresholds(ev)["connection"].summary(), smaa(ev, samples=300, seed=1).summary()):
        start = text.index(evil)
        assert text[start - 1] == "\u2068"  # first-strong isolate before the name
        assert text[start + len(evil)] == "\u2069"  # pop directional isolate after it
