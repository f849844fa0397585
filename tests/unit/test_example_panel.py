"""The example panel's stories (docs/monitoring.md) are what the charts and reviews find."""

from __future__ import annotations

import scorecard as sc
from scorecard.monitoring import RULES, VARIATION, Panel, over_time, review, xmr

PANEL = Panel(*sc.datasets.example_panel())
CARD = sc.catalog.balanced()
COMPLETIONS = "sc_opiate_no_rep"


def test_sixteen_providers_over_twelve_quarters_from_the_one_generator() -> None:
    assert len(PANEL.periods) == 12
    assert PANEL.providers == sc.datasets.example().providers
    assert all(t.synthetic for t in PANEL.tables)
    assert over_time(CARD, PANEL).scores.shape == (12, 16)


def test_the_improver_shows_a_strength_and_the_deteriorating_one_a_concern() -> None:
    good = review(PANEL, CARD, "Greywater Treatment Service")
    assert any(
        f.metric == COMPLETIONS and f.kind == "special-cause improvement" for f in good.strengths
    )
    bad = review(PANEL, CARD, "Starling Cross Recovery")
    assert any(f.metric == COMPLETIONS and f.kind == "special-cause concern" for f in bad.concerns)


def test_the_bad_quarter_is_a_point_below_the_limits() -> None:
    chart = xmr(PANEL.series(COMPLETIONS, "Riverside Recovery"))
    flagged = [t for t in range(12) if chart.rule[0, t] >= 0]
    assert flagged == [5]  # 2024 Q2
    assert RULES[int(chart.rule[0, 5])] == "outside limits"
    assert VARIATION[int(chart.variation[0, 5])] == "concern"


def test_the_recommissioned_service_dips_then_recovers() -> None:
    chart = xmr(PANEL.series(COMPLETIONS, "Oakhollow Wellbeing Service"))
    dip = [t for t in range(12) if chart.rule[0, t] >= 0]
    assert dip == [4, 5]  # the two quarters after the transfer
    assert all(VARIATION[int(chart.variation[0, t])] == "concern" for t in dip)
