"""Rich display in notebooks: short, escaped, the first rows then how many more."""

from __future__ import annotations

import numpy as np

import scorecard as sc
from cards import grid_card
from scorecard._html import ROWS_SHOWN

EVIL = "<b>x</b> & Co"


def test_a_scorecard_shows_a_short_tree_not_every_field() -> None:
    card = sc.catalog.balanced()
    assert len(repr(card)) < 200
    assert "36 metrics" in repr(card)
    page = card._repr_html_()
    assert page.count("<li>") == len(card.metric_ids) + len(card.domain_ids)
    assert "Treatment outcomes <small>(outcomes, 0.30)</small>" in page


def test_evaluations_and_comparisons_show_the_first_rows_and_escape_names() -> None:
    card = grid_card(2, 2)
    n = ROWS_SHOWN + 5
    rng = np.random.default_rng(2)
    names = [EVIL, *(f"P{i}" for i in range(1, n))]
    table = sc.PerformanceTable(names, card.metric_ids, rng.uniform(0, 1, (n, 4)))
    ev = card.evaluate(table)
    page = ev._repr_html_()
    assert EVIL not in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; Co" in page
    assert page.count("<tr>") == 1 + ROWS_SHOWN
    assert "and 5 more" in page
    again = card.evaluate(table, weights=sc.weighting.Equal())
    shown = ev.compare(again)._repr_html_()
    assert shown.count("<tr>") == 1 + ROWS_SHOWN
    assert EVIL not in shown
