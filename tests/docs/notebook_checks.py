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
    "explore.ipynb": """
assert explorer.revision >= 1
assert explorer.comparison.ranks.min() == 1
assert explorer.baseline == "completions only"
""",
}
