"""What each notebook claims, checked in its own kernel after it has run.

The notebooks people read carry no assertion cells; the test that executes them appends the
cell here, so every number a notebook states in words is checked against what it computed.
"""

from __future__ import annotations

CHECKS: dict[str, str] = {
    "quickstart.ipynb": """
assert abs(ev.contributions.sum(axis=1) - ev.scores).max() < 1e-12
assert set(shifts.providers) == set(table.providers)
assert w["connection"] == 0.30
assert gated.passed.sum() <= len(table.providers)
""",
    "tutorial.ipynb": """
import numpy as np
# "can top the completions table"
assert completions.ranks[i] == 1
def place(metric):
    values = table.column(metric)
    return int((values > values[table.providers.index(factory)]).sum()) + 1, values
# "loses about one client in three early (the highest of the sixteen, median about one in six)"
rank, exits = place("early_unplanned_exit")
mine = exits[table.providers.index(factory)]
assert rank == 1 and len(exits) == 16
assert 28 <= mine <= 36 and 14 <= np.median(exits) <= 19
# "more than twice the median share of its clients come back within six months"
_, back = place("representation_6m")
assert back[table.providers.index(factory)] > 2 * np.median(back)
# "Its connection score is middling (10th of 16), not failing"
assert int((connection > connection[i]).sum()) + 1 == 10
assert connection[i] > 0.5 * np.median(connection)
# the balanced scorecard weighs what completions hide: the factory falls
assert balanced.ranks[i] > completions.ranks[i]
assert (replayed.scores == balanced.scores).all()
assert result.rank_acceptability.shape == (16, 16)
""",
    "testing.ipynb": """
assert found is not None and "nan" in found  # Hypothesis found the tie, and shrank it
""",
    "contracts.ipynb": """
# "Northdale ... is first at 60:40" and the affordability gate
assert found.winner == "Northdale Recovery Partnership" == tender.incumbent
assert found.failures("Meridian Health Services")
# the sweep's threshold is where the split changes the winner (to Brightpath below 52.1%)
assert limits.rank_below is not None and abs(limits.rank_below - 0.521) < 0.001
assert result.nearest("price").bidder == "Brightpath Treatment Ltd"
# "At 50:50 the cheapest challenger leads"
assert at_half.winner == "Brightpath Treatment Ltd"
assert tender.bids[at_half.bidders.index(at_half.winner)].price == min(b.price for b in tender.bids)
# "stated explicitly, they set the margin": the change does not pay, the incumbent stays first
assert case.winner == tender.incumbent
assert not next(c for c in case.cases if c.challenger == at_half.winner).pays
assert keep.process == "Direct Award Process C"
""",
    "monitoring.ipynb": """
# the XmR story: "points 3 and 4 fall below the lower limit", then "a run of eight, with a
# point beyond the upper limit", all improvement
from scorecard.monitoring import RULES, VARIATION
kinds = [VARIATION[int(v)] for v in chart.variation[0]]
rules = [RULES[int(r)] if r >= 0 else "" for r in chart.rule[0]]
assert kinds[2:4] == ["concern", "concern"] and rules[2:4] == ["outside limits"] * 2
assert kinds[4:] == ["improvement"] * 8
assert rules[4:].count("outside limits") == 1 and set(rules[4:]) == {"run", "outside limits"}
assert (chart.values[0, 4:] > chart.mean[0, 4:]).all()
# strengths first, and the strengths include the improvement and the met target
mine = [f for f in found.strengths if f.metric == "conn_connected"]
assert any("special-cause improvement" in f.text for f in mine)
assert any(f.kind == "consistently meets" for f in mine)
# "only a handful are real: fewer than one in ten"
assert 0 < changes.real.sum() < changes.moved.sum() / 10
# "its seven nearest"
assert all(len(m) == 8 for m in clusters.members)
# "Starling Cross Recovery ... is red on its opiate completions"
assert statuses[0].kpi.metric == "sc_opiate_no_rep" and statuses[0].rag == "red"
assert html.index("<h2>Strengths</h2>") < html.index("<h2>Concerns</h2>")
""",
    "stakeholders.ipynb": """
# "four synthetic groups (20 invented members)"
assert len(lenses) == 4 and sum(len(e.members) for e in lenses) == 20
# "People using services put the connection test and continuity first"
people = weights["people using services"]
assert sorted(labels, key=lambda d: -people[d])[:2] == ["continuity", "connection"]
# "commissioners put outcomes and value for money first"
boss = weights["commissioners"]
assert sorted(labels, key=lambda d: -boss[d])[:2] == ["outcomes", "value"]
from scorecard.stakeholders import AIP
assert combined["clinicians"].rules["root"] == AIP
# "the groups rank the providers much alike"
assert agreement.tau.min() > 0.8
# "do not meet at the root" and "a robust winner for some groups, not for all"
assert not ground.nodes["root"].overlap
assert winners.for_everyone == ()
assert views["commissioners"].ranking[0] in winners.for_some
""",
    "explore.ipynb": """
assert explorer.revision >= 1
assert explorer.comparison.ranks.min() == 1
assert explorer.baseline == "completions only"
""",
}
