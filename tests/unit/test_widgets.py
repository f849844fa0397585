"""WeightExplorer state without a browser: sliders, locks, presets, baselines, export, escaping."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from scorecard import ROOT, global_weights
from scorecard.decision import DecisionRecord
from scorecard.evaluation import Evaluation
from scorecard.testing import assert_weights_valid
from scorecard.widgets import WeightExplorer

TABLE = sc.datasets.example()
CARD = sc.catalog.balanced()


@pytest.fixture
def explorer() -> WeightExplorer:
    return WeightExplorer(CARD, TABLE, samples=500)


def top_level(x: WeightExplorer) -> dict[str, float]:
    return {c: x.weights[c] for c in CARD.children(ROOT)}


def test_moving_a_slider_rebalances_siblings_and_redraws(explorer: WeightExplorer) -> None:
    seen: list[Evaluation] = []
    explorer.on_change(seen.append)
    before, ranks, spec, revision = (
        top_level(explorer),
        explorer.comparison.ranks,
        explorer.chart_spec,
        explorer.revision,
    )
    explorer.sliders.sliders["outcomes"].value = 0.6
    after = top_level(explorer)
    assert after["outcomes"] == 0.6
    assert sum(after.values()) == pytest.approx(1.0)
    others = [c for c in after if c != "outcomes"]
    for c in others:
        assert after[c] / after[others[0]] == pytest.approx(before[c] / before[others[0]])
    assert explorer.sliders.sliders["connection"].value == pytest.approx(after["connection"])
    assert (explorer.comparison.ranks != ranks).any()
    assert explorer.chart_spec["encoding"]["y"]["sort"] != spec["encoding"]["y"]["sort"]
    assert explorer.revision == revision + 1
    assert seen == [explorer.evaluation]
    assert explorer.selected == "outcomes"


def test_locks_hold_and_cap_the_move(explorer: WeightExplorer) -> None:
    held = explorer.weights["connection"]
    explorer.lock("connection")
    explorer.move("outcomes", 0.5)
    assert explorer.weights["connection"] == held
    explorer.move("outcomes", 0.99)
    assert explorer.weights["outcomes"] == pytest.approx(1 - held)
    assert explorer.weights["connection"] == held
    explorer.lock("connection", locked=False)
    explorer.reset("outcomes")
    assert explorer.weights["outcomes"] == pytest.approx(explorer.initial["outcomes"])


def test_presets_and_baselines(explorer: WeightExplorer) -> None:
    explorer.apply_preset("completions only")
    weights = global_weights(CARD, explorer.weights)
    chosen = set(sc.catalog.completions_only().metric_ids)
    assert all((w > 0) == (m in chosen) for m, w in zip(CARD.metric_ids, weights, strict=True))
    assert (explorer.comparison.rank_shift == 0).all()  # the same as the completions baseline
    explorer.preset.value = "equal"
    assert len({round(explorer.weights[c], 12) for c in CARD.children(ROOT)}) == 1
    explorer.baseline = "equal"
    assert (explorer.comparison.rank_shift == 0).all()
    explorer.move("outcomes", 0.7)
    explorer.use_as_baseline()
    assert explorer.baseline == "snapshot"
    assert (explorer.comparison.rank_shift == 0).all()
    with pytest.raises(sc.errors.ScorecardError, match="no preset 'nope'"):
        explorer.apply_preset("nope")


def test_weights_and_selection_are_settable_from_python(explorer: WeightExplorer) -> None:
    explorer.weights = sc.weighting.Equal()
    assert explorer.sliders.sliders["value"].value == pytest.approx(1 / 6)
    explorer.selected = "continuity"
    assert "Continuity" in explorer.robustness.thresholds.value
    with pytest.raises(sc.errors.TreeError):
        explorer.selected = "nope"


def test_a_group_weighed_by_ranking_or_pairwise_comparison(explorer: WeightExplorer) -> None:
    explorer.groups.group.value = ROOT
    order = list(reversed(CARD.children(ROOT)))
    explorer.groups.rank(order)
    weights = [explorer.weights[c] for c in order]
    assert weights == sorted(weights, reverse=True)
    assert explorer.weights.provenance[ROOT].scheme == "rank_order_centroid"
    n = len(CARD.children(ROOT))
    matrix = [[1.0] * n for _ in range(n)]
    matrix[0][1], matrix[1][0] = 3.0, 1 / 3
    _, ratio = explorer.groups.judge(matrix)
    assert explorer.weights[CARD.children(ROOT)[0]] > explorer.weights[CARD.children(ROOT)[1]]
    assert ratio >= 0
    assert "consistency ratio" in explorer.groups.note.value


def test_smaa_on_demand(explorer: WeightExplorer) -> None:
    result = explorer.robustness.run()
    assert explorer.robustness.progress.value == explorer.robustness.progress.max == 500
    assert "plausible weightings" in explorer.robustness.summary.value
    assert result.samples == 500


def test_export_load_replay_gives_identical_results(
    explorer: WeightExplorer, tmp_path: Path
) -> None:
    explorer.move("continuity", 0.3)
    explorer.export.rationale.value = "Continuity matters for relationships."
    saved = explorer.export.save(tmp_path / "decision.json")
    assert "decision.json" in explorer.export.status.value
    loaded = DecisionRecord.from_json(tmp_path / "decision.json")
    downloaded = _download(explorer.export.link.value, "decision.json")
    assert DecisionRecord.from_json(downloaded) == saved  # the browser gets the same record
    assert loaded == saved
    assert loaded.rationale == "Continuity matters for relationships."
    assert loaded.baseline == "completions only"
    replayed = loaded.replay(TABLE)
    np.testing.assert_array_equal(replayed.scores, explorer.evaluation.scores)
    np.testing.assert_array_equal(replayed.ranks, explorer.evaluation.ranks)


def _download(link: str, name: str) -> str:
    """The file a download link carries (its data: URL), checked to be named ``name``."""
    found = re.search(r"download='([^']+)' href='data:[^;]+;charset=utf-8;base64,([^']+)'", link)
    assert found is not None, link
    assert found.group(1) == name
    return base64.b64decode(found.group(2)).decode("utf-8")


def test_the_report_downloads_with_the_decision_in_it(explorer: WeightExplorer) -> None:
    explorer.move("connection", 0.35)
    explorer.export.rationale.value = "Connection & continuity <matter>."
    explorer.robustness.samples = 300
    page = explorer.export.report()
    assert _download(explorer.export.report_link.value, "report.html") == page
    assert "Connection &amp; continuity &lt;matter&gt;." in page  # the rationale, escaped
    assert "Synthetic data" in page
    assert "Ranking beside completions only" in page


def test_provider_and_metric_names_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    table = sc.PerformanceTable(
        (evil, *TABLE.providers[1:]), TABLE.metrics, TABLE.values, denominators=TABLE.denominators
    )
    x = WeightExplorer(CARD, table, samples=200)
    assert evil not in x.ranking.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in x.ranking.value
    assert evil in [r["provider"] for r in x.chart_spec["data"]["values"]]  # data, not markup


def test_a_missing_extra_is_a_clear_error() -> None:
    code = (
        "import importlib.util as u\n"
        "real = u.find_spec\n"
        "u.find_spec = lambda name, *a: None if name == 'ipywidgets' else real(name, *a)\n"
        "try:\n    import scorecard.widgets\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "install 'commissioning-scorecard[widgets]'" in out.stdout
    assert "ipywidgets" in out.stdout


# -- properties over sequences of moves -----------------------------------------------------------


NODES = [n for n in (*CARD.groups, *CARD.metric_ids) if n != ROOT]
_SHARED = WeightExplorer(CARD, TABLE, samples=200)

steps = st.lists(
    st.tuples(st.sampled_from(NODES), st.floats(0, 1), st.booleans()), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None)
@given(steps=steps)
def test_any_sequence_of_moves_keeps_valid_weights_and_honest_results(
    steps: list[tuple[str, float, bool]],
) -> None:
    x = _SHARED  # building an explorer per example would take most of the time
    for node in x.sliders.locks:
        x.lock(node, locked=False)
    x.selected = CARD.children(ROOT)[0]
    x.weights = x.initial
    for node, value, lock_it in steps:
        locked = {n: x.weights[n] for n in x.sliders.locked}
        x.move(node, value)
        assert_weights_valid(x.weights, CARD)
        for held, weight in locked.items():
            if held != node:
                assert x.weights[held] == weight, held
        if lock_it:
            x.lock(node)
    again = CARD.evaluate(TABLE, weights=x.weights)
    np.testing.assert_array_equal(x.evaluation.scores, again.scores)
    np.testing.assert_array_equal(x.comparison.ranks, again.ranks)
    shown = [x.sliders.sliders[n].value for n in NODES]
    np.testing.assert_allclose(shown, [x.weights[n] for n in NODES], atol=1e-12)


def test_a_sole_child_has_a_fixed_slider_and_a_plain_robustness_note() -> None:
    sole = next(
        c
        for c in (*CARD.groups, *CARD.metric_ids)
        if c != ROOT and len(CARD.children(CARD.parent(c))) == 1
    )
    x = _SHARED
    assert x.sliders.sliders[sole].disabled
    x.move(sole, 0.3)
    assert x.weights[sole] == 1.0
    assert "only part of its group" in x.robustness.thresholds.value


def test_the_chart_shows_the_best_providers_of_a_large_custom_table_and_says_so() -> None:
    from cards import grid_card
    from scorecard.widgets._explorer import CHART_BARS

    card = grid_card(3, 2, missing="exclude")
    rng = np.random.default_rng(4)
    values = rng.uniform(0, 1, (150, 6))
    values[::10, 3] = np.nan  # a tenth of the providers miss one metric
    table = sc.PerformanceTable([f"P{i:03d}" for i in range(150)], card.metric_ids, values)
    x = WeightExplorer(card, table, baseline="equal", samples=200)
    x.move("d1", 0.6)
    spec = x.chart_spec
    shown = {row["provider"] for row in spec["data"]["values"]}
    assert shown == set(x.evaluation.ranking[:CHART_BARS])  # the best, by rank
    assert len(spec["data"]["values"]) == CHART_BARS * 3  # one row per provider and domain
    assert f"the best {CHART_BARS} of 150 providers" in spec["title"]
    assert x.ranking.value.count("<tr>") == 151  # the table still lists every provider


def test_the_completions_baseline_comes_from_the_card_given_not_the_catalogue() -> None:
    """A custom card with one completion metric: the baseline focuses on it (no crash)."""
    card = sc.catalog.custom(["sc_opiate_no_rep", "conn_informed", "staff_turnover"])
    table = sc.datasets.example().select(list(card.metric_ids))
    explorer = WeightExplorer(card, table)
    assert explorer.baseline == "completions only"
    baseline = explorer._baseline_evaluation("completions only")
    order = np.argsort(-table.column("sc_opiate_no_rep"), kind="stable")
    assert baseline.ranks[order[0]] == 1  # the best on that one metric leads the baseline
    full = WeightExplorer(CARD, TABLE)._baseline_evaluation("completions only")
    reference = sc.catalog.completions_only().evaluate(TABLE)
    np.testing.assert_array_equal(full.ranks, reference.ranks)


def test_the_report_baseline_on_a_card_with_one_completion_metric_focuses_on_it() -> None:
    from scorecard.report import default_baseline

    card = sc.catalog.custom(["sc_opiate_no_rep", "conn_informed", "staff_turnover"])
    table = sc.datasets.example().select(list(card.metric_ids))
    base = default_baseline(card.evaluate(table))
    assert base.global_weights.tolist() == [1.0, 0.0, 0.0]


# -- over time -------------------------------------------------------------------------------------


def test_a_panel_gives_a_period_picker_and_the_ranks_over_time() -> None:
    from scorecard.monitoring import Panel

    panel = Panel(*sc.datasets.example_panel())
    ex = WeightExplorer(CARD, panel=panel, samples=200)
    assert ex.period == 11
    assert ex.table is panel.tables[-1]
    ex.move("connection", 0.5)
    weights = ex.weights
    ex.period = 5
    assert ex.table is panel.tables[5]
    assert ex.weights == weights  # the weights stay when the period changes
    expected = CARD.evaluate(panel.tables[5], weights=weights)
    np.testing.assert_allclose(ex.evaluation.scores, expected.scores)
    baseline = CARD.evaluate(panel.tables[5], weights=ex.presets[ex.baseline])
    assert ex.comparison.baseline_ranks.tolist() == baseline.ranks.tolist()  # on period 5 too
    changes = ex.time.draw() if ex.time is not None else None
    assert changes is not None
    assert changes.ranks.shape == (12, 16)
    assert "beyond the" in ex.time.summary.value  # type: ignore[union-attr]
    ex.move("connection", 0.2)
    assert "draw again" in ex.time.summary.value  # type: ignore[union-attr]


def test_the_explorer_over_time_works_on_an_own_card() -> None:
    import datetime as dt

    from cards import grid_card
    from scorecard.monitoring import Panel

    card = grid_card(2, 2)
    rng = np.random.default_rng(5)
    periods = tuple(dt.date(2025, 1 + 3 * k, 1) for k in range(4))
    tables = tuple(
        sc.PerformanceTable(
            ("A", "B", "C"),
            card.metric_ids,
            rng.uniform(0.2, 0.8, (3, 4)),
            standard_errors=np.full((3, 4), 0.05),
        )
        for _ in periods
    )
    ex = WeightExplorer(card, panel=Panel(periods, tables), samples=100)
    ex.period = 0
    assert ex.evaluation.table is tables[0]
    assert ex.time is not None
    assert ex.time.draw().ranks.shape == (4, 3)


def test_the_explorer_takes_a_table_or_a_panel() -> None:
    from scorecard.errors import ScorecardError
    from scorecard.monitoring import Panel

    with pytest.raises(ScorecardError, match="a table, or a panel"):
        WeightExplorer(CARD)
    panel = Panel(*sc.datasets.example_panel())
    with pytest.raises(ScorecardError, match="not both"):
        WeightExplorer(CARD, TABLE, panel=panel)
    with pytest.raises(ScorecardError, match="no panel"):
        WeightExplorer(CARD, TABLE).period = 1


def test_the_lens_picker_shows_the_evaluation_through_each_groups_eyes() -> None:
    from scorecard.stakeholders import combine, elicit, example_lenses
    from scorecard.widgets._explorer import lens_preset

    lenses = {lens.name: combine(elicit(CARD, lens)).weights for lens in example_lenses()}
    ex = WeightExplorer(CARD, TABLE, lenses=lenses, samples=100)
    name = lens_preset("people using services")
    assert name in [value for _, value in ex.preset.options]
    ex.apply_preset(name)
    assert ex.weights["connection"] == pytest.approx(lenses["people using services"]["connection"])
    assert ex.preset.value == name
    ex.baseline = lens_preset("commissioners")  # any group's view is a baseline too
    expected = CARD.evaluate(TABLE, weights=lenses["commissioners"]).ranks
    assert ex.comparison.baseline_ranks.tolist() == expected.tolist()
    saved = ex.decision("heard every group")
    assert list(saved.lenses) == list(lenses)
    assert "Through each stakeholder group" in ex.report("heard every group")
