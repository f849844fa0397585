"""Charts build offline specs with the data inline, and render to SVG locally."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import pytest

import scorecard as sc
from scorecard import charts
from scorecard.charts._value import frontier
from scorecard.datasets._generate import derived
from scorecard.errors import ScorecardError
from scorecard.monitoring import xmr
from scorecard.sensitivity import one_way, smaa, thresholds

TABLE = sc.datasets.example()
BALANCED = sc.catalog.balanced().evaluate(TABLE)
COMPLETIONS = sc.catalog.completions_only().evaluate(TABLE)


def values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every inline data row in a (possibly layered) spec."""
    found = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        found += values(layer)
    return found


def test_contributions_add_up_to_each_score_and_put_the_best_first() -> None:
    spec = charts.contributions(BALANCED).to_dict()
    rows = values(spec)
    for i, provider in enumerate(BALANCED.providers):
        parts = sum(r["part"] for r in rows if r["provider"] == provider)
        assert parts == pytest.approx(BALANCED.scores[i], abs=1e-5)
    best = BALANCED.providers[int(np.argmin(BALANCED.ranks))]
    assert spec["encoding"]["y"]["sort"][0] == best


def test_rank_shifts_carry_both_rankings() -> None:
    rows = values(charts.rank_shifts(BALANCED, COMPLETIONS).to_dict())
    assert len(rows) == 2 * len(BALANCED.providers)
    moved = BALANCED.compare(COMPLETIONS).rank_shift
    rises = {r["provider"] for r in rows if r["shift"] == "rises"}
    assert rises == {p for p, m in zip(BALANCED.providers, moved, strict=True) if m > 0}


def test_one_way_marks_the_current_weight_and_the_thresholds() -> None:
    limits = thresholds(BALANCED, ["continuity"]).nodes[0]
    rows = values(charts.one_way(one_way(BALANCED, "continuity"), limits).to_dict())
    rules = [r for r in rows if "kind" in r]
    assert {"weight": limits.current, "kind": "current weight"} in rules
    assert len(rules) == 1 + sum(v is not None for v in (limits.rank_below, limits.rank_above))


def test_acceptability_heat_map_has_a_cell_per_provider_and_rank() -> None:
    result = smaa(BALANCED, samples=500, seed=2)
    rows = values(charts.acceptability(result).to_dict())
    assert len(rows) == 16 * 16
    assert sum(r["share"] for r in rows if r["provider"] == result.providers[0]) == pytest.approx(1)


def test_funnel_flags_providers_beyond_the_limits() -> None:
    _, found = derived()
    j = found.table.metric_index(["sc_nonopiate_no_rep"])[0]
    assert found.table.denominators is not None
    spec = charts.funnel(
        found.numerators[:, j], found.table.denominators[:, j], found.table.providers
    ).to_dict()
    points = [r for r in values(spec) if "provider" in r]
    assert len(points) == 16
    assert any(r["beyond"] == "beyond 99.8%" for r in points)


def test_value_for_money_frontier() -> None:
    assert frontier([1, 2, 3, 2], [0.5, 0.4, 0.9, 0.5]).tolist() == [True, False, True, False]
    cost = TABLE.column("cost_per_successful_completion")
    rows = values(charts.value_for_money(BALANCED, cost).to_dict())
    assert {r["efficient"] for r in rows} == {"on the frontier", "dominated"}
    with pytest.raises(sc.errors.ScorecardError, match="one finite number per provider"):
        charts.value_for_money(BALANCED, cost[:3])


def test_weight_tree_spans_the_global_weights() -> None:
    rows = values(charts.weight_tree(BALANCED.card, BALANCED.weights).to_dict())
    leaves = [r for r in rows if r["id"] in BALANCED.card.metric_ids]
    assert sum(r["global"] for r in leaves) == pytest.approx(1.0, abs=1e-5)
    assert max(r["x1"] for r in rows) == pytest.approx(1.0)


def test_charts_render_to_svg_offline_and_escape_names() -> None:
    evil = "<script>alert(1)</script>"
    table = TABLE.take(TABLE.providers)
    renamed = sc.PerformanceTable(
        (evil, *table.providers[1:]), table.metrics, table.values, denominators=table.denominators
    )
    svg = charts.svg(charts.contributions(sc.catalog.balanced().evaluate(renamed)))
    assert svg.startswith("<svg")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_a_large_heat_map_shows_the_most_acceptable_and_groups_the_lower_ranks() -> None:
    from cards import grid_card

    card = grid_card(2, 2)
    rng = np.random.default_rng(8)
    table = sc.PerformanceTable(
        [f"P{i:02d}" for i in range(40)], card.metric_ids, rng.uniform(0, 1, (40, 4))
    )
    result = sc.sensitivity.smaa(card.evaluate(table), samples=400, seed=2, pairwise=False)
    spec = charts.acceptability(result, limit=10).to_dict()
    rows = values(spec)
    providers = {r["provider"] for r in rows}
    best = sorted(range(40), key=lambda i: -result.holistic[i])[:10]
    assert providers == {result.providers[i] for i in best}
    assert {r["rank"] for r in rows} == {*(str(r) for r in range(1, 11)), "11+"}
    for i in best:  # every provider's shares still add up to 1 across the columns shown
        total = sum(r["share"] for r in rows if r["provider"] == result.providers[i])
        assert total == pytest.approx(1.0, abs=1e-5)
    assert "10 most acceptable of 40 providers" in spec["title"]


def _colour_maps(spec: dict[str, Any]) -> list[dict[str, str]]:
    """Every categorical colour scale in a spec (layers included) as {category: colour}."""
    found = []
    for part in [spec, *spec.get("layer", [])]:
        colour = part.get("encoding", {}).get("color", {})
        scale = colour.get("scale", {})
        if "domain" in scale and "range" in scale and colour.get("type") == "nominal":
            found.append(dict(zip(scale["domain"], scale["range"], strict=True)))
    return found


@pytest.mark.parametrize("which", ["balanced", "custom"])
def test_a_domain_has_one_colour_in_every_chart_and_the_explorer(which: str) -> None:
    from cards import grid_card
    from scorecard._palette import domain_colours
    from scorecard.widgets import WeightExplorer

    if which == "balanced":
        card, table = sc.catalog.balanced(), TABLE
    else:
        card = grid_card(3, 2)
        rng = np.random.default_rng(5)
        table = sc.PerformanceTable(
            [f"P{i}" for i in range(6)], card.metric_ids, rng.uniform(0, 1, (6, 6))
        )
    ev = card.evaluate(table)
    expected = domain_colours(card)
    assert len(set(expected.values())) == len(expected)  # distinct colours
    maps = [
        *_colour_maps(charts.contributions(ev).to_dict()),
        *_colour_maps(charts.weight_tree(card, ev.weights).to_dict()),
        *_colour_maps(WeightExplorer(card, table, samples=100).chart_spec),
    ]
    assert len(maps) == 3
    for found in maps:
        assert found == expected
    reordered = attrs.evolve(card, domains=tuple(reversed(card.domains)))
    assert domain_colours(reordered) != expected  # the card's order sets the colours


def test_rises_and_falls_carry_a_shape_as_well_as_a_colour() -> None:
    ev = BALANCED
    spec = charts.rank_shifts(ev, COMPLETIONS).to_dict()
    points = [layer for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    assert len(points) == 1
    shape = points[0]["encoding"]["shape"]["scale"]
    assert dict(zip(shape["domain"], shape["range"], strict=True)) == {
        "rises": "triangle-up",
        "falls": "triangle-down",
        "holds": "circle",
    }


def test_every_svg_has_a_title_and_a_description() -> None:
    ev = BALANCED
    for chart in (
        charts.contributions(ev),
        charts.rank_shifts(ev, COMPLETIONS),
        charts.acceptability(smaa(ev, samples=200, seed=1)),
        charts.weight_tree(ev.card, ev.weights),
        charts.one_way(one_way(ev, "connection")),
        charts.xmr(xmr([41, 43, 40, 42, 44, 41, 43, 40, 42, 43, 41, 44, 52]), target=40),
    ):
        svg = charts.svg(chart)
        head = svg[: svg.index("</desc>")]
        assert head.startswith('<svg role="img"')
        assert "<title>" in head
        assert len(head.split("<desc>")[1]) > 40


def test_an_xmr_chart_marks_special_causes_by_colour_and_shape() -> None:
    chart = xmr([41, 43, 40, 42, 44, 41, 43, 40, 42, 43, 41, 44, 52], fix_after=12)
    spec = charts.xmr(chart, target=40).to_dict()
    rows_ = next(layer for layer in spec["layer"] if "shape" in layer.get("encoding", {}))
    assert rows_["encoding"]["shape"]["scale"]["range"][:3] == [
        "circle",
        "triangle-up",
        "triangle-down",
    ]
    text = charts.svg(charts.xmr(chart, target=40))
    assert "1 point(s) show a special cause" in text


def test_small_multiples_draw_one_xmr_chart_per_series() -> None:
    series = np.array([[41, 43, 40, 42, 44, 41, 43, 40, 42, 43, 41, 44, 52], list(range(13))])
    chart = xmr(series, better="higher")
    spec = charts.xmr_grid(chart, ["First", "Second"]).to_dict()
    assert spec["facet"]["sort"] == ["First", "Second"]
    assert {row["metric"] for row in spec["data"]["values"]} == {"First", "Second"}
    text = charts.svg(charts.xmr_grid(chart, ["First", "Second"]))
    assert "2 small XmR charts" in text
    assert "2 of them show a special cause" in text  # an outside point; a trend
    with pytest.raises(ScorecardError, match="1 labels for 2 series"):
        charts.xmr_grid(chart, ["First"])
    with pytest.raises(ScorecardError, match="distinct"):
        charts.xmr_grid(chart, ["Same", "Same"])


def test_small_multiples_break_long_metric_names_into_lines_that_fit_a_panel() -> None:
    chart = xmr(
        np.array([[41.0, 43, 40, 42, 44, 41, 43, 40, 42, 43, 41, 44], range(12)]), better="higher"
    )
    long = "Non-opiate clients completing, not re-presenting"
    spec = charts.xmr_grid(chart, [long, "Short"]).to_dict()
    panels = spec["facet"]["sort"]
    assert panels[1] == "Short"
    assert panels[0].split("\n") == ["Non-opiate clients", "completing, not", "re-presenting"]
    assert {row["metric"] for row in spec["data"]["values"]} == {long, "Short"}  # tooltips
    assert "split(datum.value" in spec["facet"]["header"]["labelExpr"]
    assert '<tspan x="0" dy="12">re-presenting</tspan>' in charts.svg(
        charts.xmr_grid(chart, [long, "Short"])
    )


def test_ranks_over_time_mark_the_moves_the_data_carry() -> None:
    import datetime as dt

    from cards import flat_card
    from scorecard.monitoring import Panel, over_time, rank_changes

    quarters = (dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    tables = tuple(
        sc.PerformanceTable(("A", "B"), ("m0",), [[a], [b]], denominators=[[5e4], [5e4]])
        for a, b in ((60.0, 50.0), (50.0, 60.0))
    )
    panel = Panel(quarters, tables)
    changes = rank_changes(over_time(flat_card(1, unit="%"), panel), panel, samples=500)
    spec = charts.ranks_over_time(changes, highlight=["A"]).to_dict()
    moves = {row["move"] for row in values(spec) + values(spec["layer"][1]) if "move" in row}
    text = charts.svg(charts.ranks_over_time(changes, highlight=["A"]))
    assert "2 rank moves, of which 2 lie beyond the noise" in text
    assert "highlighted with their 95% rank interval: A" in text
    assert {"rises", "falls"} <= moves
    with pytest.raises(ScorecardError, match="no provider 'Z'"):
        charts.ranks_over_time(changes, highlight=["Z"])


def test_lens_charts_show_each_groups_weights_and_ranks() -> None:
    from scorecard.stakeholders import combine, common_ground, elicit, example_lenses

    card = sc.catalog.balanced()
    elicited = [elicit(card, lens) for lens in example_lenses()]
    weights = {e.lens.name: combine(e).weights for e in elicited}
    chart = charts.lens_weights(card, weights, compromise=common_ground(elicited).weights)
    spec = chart.to_dict()
    bars = values(spec["layer"][0])
    assert len(bars) == 4 * 6  # four groups, six domains
    assert {r["lens"] for r in bars} == set(weights)
    assert len(values(spec["layer"][1])) == 6  # the compromise's ticks
    assert "the compromise is a black tick" in charts.svg(chart)
    evaluations = {n: card.evaluate(TABLE, weights=w) for n, w in weights.items()}
    ranks = charts.lens_ranks(evaluations, limit=10)
    text = charts.svg(ranks)
    assert "Ranks of the best 10 of 16 providers under 4 groups" in text
    rows_ = values(ranks.to_dict()["layer"][1])
    assert len(rows_) == 10 * 4
