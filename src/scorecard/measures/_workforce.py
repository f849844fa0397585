"""Workforce stability and training capacity from providers' workforce returns.

Rows of a return are summed per provider first (a provider may return one row per team).

* ``staff_turnover``: leavers as a % of staff in post (a rate: it can pass 100%).
* ``vacancy_rate``: vacant posts as a % of filled plus vacant posts.
* ``caseload_per_worker``: episodes in treatment in the period per keyworker WTE (needs episodes).
* ``training_hours_per_wte``: training hours per delivery WTE.
* ``supervision_monthly``: % of practitioners supervised at least monthly.
* ``learner_placements_per10wte``: placements per 10 delivery WTE (a rate).
"""

from __future__ import annotations

import narwhals.stable.v2 as nw

from scorecard.measures._measure import Form, Measure

__all__ = ["CASELOAD", "workforce_measures"]

CASELOAD = "__caseload"
"""The column holding each provider's caseload once episodes are joined to the return."""


def workforce_measures(*, with_caseload: bool) -> tuple[Measure, ...]:
    """Every workforce metric over per-provider sums (``with_caseload`` needs episodes)."""
    col = nw.col
    measures = [
        Measure("staff_turnover", Form.RATE, col("staff_in_post"), col("leavers"), per=100.0),
        Measure(
            "vacancy_rate",
            Form.PROPORTION,
            col("staff_in_post") + col("vacant_posts"),
            col("vacant_posts"),
        ),
        Measure("training_hours_per_wte", Form.RATIO, col("delivery_wte"), col("training_hours")),
        Measure(
            "supervision_monthly",
            Form.PROPORTION,
            col("practitioners"),
            col("supervised_monthly"),
        ),
        Measure(
            "learner_placements_per10wte",
            Form.RATE,
            col("delivery_wte"),
            col("learner_placements"),
            per=10.0,
        ),
    ]
    if with_caseload:
        measures.insert(
            2, Measure("caseload_per_worker", Form.RATIO, col("keyworker_wte"), col(CASELOAD))
        )
    return tuple(measures)
