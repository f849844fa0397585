"""Charts of evaluations, sensitivity and data quality: plain functions returning altair charts.

Each works with no widget and no internet (the data travel inline in the chart's spec; use
`scorecard.charts.svg` for a static picture, as the HTML report does). Needs the ``widgets``
extra: ``pip install commissioning-scorecard[widgets]``.

* `contributions`: providers ranked by score, bars split into each domain's contribution.
* `rank_shifts`: a slope chart of ranks from a baseline (e.g. completions only) to now.
* `one_way`: scores as one weight sweeps from 0 to 1, with the current weight and thresholds.
* `acceptability`: the SMAA rank acceptability heat map.
* `funnel`: one metric against its denominator, inside 95% and 99.8% funnel limits.
* `value_for_money`: benefit score against cost, with the efficient frontier.
* `weight_tree`: the value tree as an icicle, each node as wide as its global weight.
* `xmr`: an XmR chart (`scorecard.monitoring.xmr`), special causes coloured and shaped.
* `xmr_grid`: small multiples, one small XmR chart per metric (a domain's, say).
* `lens_weights`: each stakeholder group's weights per domain side by side, the compromise marked.
* `lens_ranks`: each provider's rank under each group's weights.
* `ranks_over_time`: ranks per period, rank intervals, and the moves the data carry marked.

`offline` makes notebooks show charts as SVG drawn in the kernel (no CDN: they show in any
viewer, exported page or docs site); `svg` gives one chart's SVG text.
"""

from scorecard.charts._acceptability import acceptability
from scorecard.charts._contributions import contributions
from scorecard.charts._funnel import funnel
from scorecard.charts._lenses import lens_ranks, lens_weights
from scorecard.charts._ranks import ranks_over_time
from scorecard.charts._render import offline, svg
from scorecard.charts._shifts import rank_shifts
from scorecard.charts._sweep import one_way
from scorecard.charts._tree import weight_tree
from scorecard.charts._value import value_for_money
from scorecard.charts._xmr import xmr, xmr_grid

__all__ = [
    "acceptability",
    "contributions",
    "funnel",
    "lens_ranks",
    "lens_weights",
    "offline",
    "one_way",
    "rank_shifts",
    "ranks_over_time",
    "svg",
    "value_for_money",
    "weight_tree",
    "xmr",
    "xmr_grid",
]
