"""The HTML report: one self-contained file, names escaped, every section present."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np

import scorecard as sc
from scorecard.cli._app import explorer_notebook, voila_command
from scorecard.report import report, write_report

TABLE = sc.datasets.example()
EVIL = "<script>alert(1)</script>"


def evil_table() -> sc.PerformanceTable:
    return sc.PerformanceTable(
        (EVIL, *TABLE.providers[1:]), TABLE.metrics, TABLE.values, denominators=TABLE.denominators
    )


def test_the_report_is_self_contained_and_escapes_names() -> None:
    ev = sc.catalog.balanced().evaluate(evil_table())
    text = report(ev, samples=500, now=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))
    assert EVIL not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text.lower()  # no code at all: inline SVG charts only
    assert not re.search(r"(src|href)=['\"]?https?:", text)  # nothing fetched from a network
    for heading in (
        "Ranking",
        "What each domain contributes",
        "Rank shifts",
        "How far can",
        "Robustness",
        "The weights",
    ):
        assert heading in text
    assert text.count("<svg") == 4
    assert "2026-11-30T00:00:00+00:00" in text
    assert "Ranking beside completions only" in text  # the default baseline, the card's own
    assert "rank under completions only" in text
    assert text.count("<title>") == 1 + 4  # the page's, and each chart's
    assert text.count("<desc>") == 4


def test_a_table_without_completions_compares_with_equal_weights(tmp_path: Path) -> None:
    metrics = [m for m in TABLE.metrics if not m.startswith("sc_")]
    card = sc.Scorecard("Small", metrics=[sc.catalog.metrics()[m] for m in metrics[:4]])
    path = write_report(tmp_path / "r.html", card.evaluate(TABLE.select(metrics)), samples=0)
    text = path.read_text()
    assert "Robustness" not in text
    assert "rank under equal" in text
    assert "Synthetic data" not in text  # a table built in Python is not marked synthetic


def test_the_app_serves_the_explorer_notebook_on_localhost() -> None:
    path = explorer_notebook()
    assert path.name == "explore.ipynb"
    command = voila_command(path, port=8123)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--port=8123" in command
    assert "--no-browser" in command


def test_a_report_on_a_large_custom_table_says_what_its_figures_show() -> None:
    from cards import grid_card
    from scorecard.report import FIGURE_LIMIT

    card = grid_card(2, 2)
    rng = np.random.default_rng(3)
    n = FIGURE_LIMIT + 20
    table = sc.PerformanceTable(
        [f"P{i:02d}" for i in range(n)], card.metric_ids, rng.uniform(0, 1, (n, 4))
    )
    page = report(card.evaluate(table), samples=500, seed=1)
    assert f"the best {FIGURE_LIMIT} of {n} providers by score" in page
    assert f"the {FIGURE_LIMIT} most acceptable of {n} providers" in page
    assert page.count("<tr>") >= n  # the ranking table lists every provider


def test_the_example_carries_the_synthetic_banner_and_thresholds_speak_in_words() -> None:
    ev = sc.catalog.balanced().evaluate(TABLE)
    text = report(ev, samples=0)
    assert "Synthetic data: the providers are invented, not real services." in text
    assert "If the weight of Treatment outcomes rises above 0.49 (now 0.30)," in text
    assert "takes first place from" in text
    assert "outcomes:" not in text  # no node ids in the sentences


def test_a_decision_on_other_data_is_reported_as_such() -> None:
    from scorecard.decision import record

    card = sc.catalog.balanced()
    ev = card.evaluate(TABLE, weights=sc.weighting.Equal())
    when = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    decided = record(ev, rationale="Equal <weights> & fair", now=when)
    text = report(ev, decision=decided, samples=0)
    assert "Equal &lt;weights&gt; &amp; fair" in text
    assert "Decided 2026-01-02T00:00:00+00:00" in text
    assert "the data of this report" in text
    values = TABLE.values.copy()
    values[0, TABLE.metrics.index("staff_turnover")] += 0.5  # next quarter, say
    other = sc.PerformanceTable(TABLE.providers, TABLE.metrics, values)
    later = report(card.evaluate(other), decision=decided, samples=0)
    assert "other data than this report" in later


def test_the_report_shows_the_evaluation_through_each_groups_eyes() -> None:
    from scorecard.decision import DecisionRecord, record
    from scorecard.stakeholders import combine, elicit, example_lenses

    card = sc.catalog.balanced()
    table = sc.datasets.example()
    ev = card.evaluate(table)
    lenses = {lens.name: combine(elicit(card, lens)).weights for lens in example_lenses()}
    saved = DecisionRecord.from_json(
        record(ev, rationale="Heard every group", lenses=lenses).to_json()
    )
    assert list(saved.lenses) == list(lenses)
    html = report(ev, decision=saved, samples=0)
    section = html[html.index("<h2>Through each stakeholder group's eyes</h2>") :]
    assert "4 group(s)." in section
    assert "weights is a black tick on each domain" in section
    assert "Kendall&#x27;s tau" in section
    assert "Through each stakeholder" not in report(ev, samples=0)  # no lenses, no section
    own = {"<b>carers</b>": lenses["commissioners"]}
    assert "&lt;b&gt;carers&lt;/b&gt;" in report(ev, samples=0, lenses=own)
