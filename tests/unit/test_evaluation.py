from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import Domain, Evaluation, Metric, PerformanceTable, Scorecard, Weights, evaluate
from scorecard.aggregation import Additive, Gated, Geometric
from scorecard.errors import MissingValueError, OutOfRangeError, ScorecardError, WeightError
from scorecard.scales import Banded, Direction, Linear, Ordinal, Piecewise
from scorecard.testing import assert_dominance_respected, assert_weights_valid
from scorecard.testing import strategies as sst

CQC = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])


def card(*, missing: str = "error", out_of_range: str = "clip") -> Scorecard:
    """Nested domains and every scale kind: the shape of a real balanced scorecard."""
    return Scorecard(
        "Fixture",
        domains=[
            Domain(
                "outcomes",
                "Outcomes",
                domains=[
                    Domain(
                        "drugs",
                        "Drugs",
                        metrics=[
                            Metric(
                                "opiate",
                                "Opiate abstinence",
                                unit="%",
                                direction="higher",
                                scale=Linear(worst=20, best=60),
                                missing=missing,
                                out_of_range=out_of_range,
                            ),
                            Metric(
                                "crack",
                                "Crack abstinence",
                                unit="%",
                                direction="higher",
                                scale=Piecewise(points=[(30, 0), (50, 0.7), (70, 1)]),
                            ),
                        ],
                    )
                ],
                metrics=[
                    Metric(
                        "exits",
                        "Early unplanned exits",
                        unit="%",
                        direction="lower",
                        scale=Linear(worst=30, best=8),
                    ),
                ],
            ),
            Domain(
                "workforce",
                "Workforce",
                metrics=[
                    Metric(
                        "caseload",
                        "Caseload",
                        direction="lower",
                        scale=Banded(edges=[40, 60, 80], values=[1, 0.6, 0.2, 0]),
                    ),
                    Metric("safe", "CQC Safe", direction="higher", scale=CQC),
                ],
            ),
        ],
    )


# Exits from 1%: a single provider at 0.25% on a 30-to-8% scale reads as a fraction of 1 and is
# refused by the unit check (`scorecard._plausible`), which this test is not about.
RANGES = {"opiate": (10, 70), "crack": (20, 80), "exits": (1, 40), "caseload": (20, 100)}


@st.composite
def tables(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 8) -> PerformanceTable:
    n = draw(st.integers(min_size, max_size))
    cols = []
    for m in ("opiate", "crack", "exits", "caseload"):
        lo, hi = RANGES[m]
        cols.append(draw(st.lists(st.floats(lo, hi), min_size=n, max_size=n)))
    cols.append([float(x) for x in draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))])
    providers = [f"P{i}" for i in range(n)]
    return PerformanceTable(
        providers, ["opiate", "crack", "exits", "caseload", "safe"], np.array(cols).T
    )


@st.composite
def weights(draw: st.DrawFn, c: Scorecard) -> Weights:
    local = {}
    for ids in c.groups.values():
        raw = draw(st.lists(st.integers(0, 100), min_size=len(ids), max_size=len(ids)).filter(any))
        local.update({i: r / sum(raw) for i, r in zip(ids, raw, strict=True)})
    return Weights(local)


aggregations = st.sampled_from([Additive(), Geometric()])


def test_hand_computed_example() -> None:
    c = card()
    t = PerformanceTable(
        ["A", "B"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[40, 50, 19, 50, 3], [60, 70, 8, 30, 4]],
    )
    ev = c.evaluate(t)
    # A: opiate 0.5, crack 0.7, exits 0.5, caseload 0.6, safe 2/3; equal weights at each node.
    drugs = (0.5 + 0.7) / 2
    outcomes = (drugs + 0.5) / 2
    workforce = (0.6 + 2 / 3) / 2
    assert ev.domain_scores["drugs"][0] == pytest.approx(drugs)
    assert ev.domain_scores["outcomes"][0] == pytest.approx(outcomes)
    assert ev.scores[0] == pytest.approx((outcomes + workforce) / 2)
    assert ev.scores[1] == pytest.approx(1.0)
    assert ev.ranks.tolist() == [2, 1]
    assert ev.global_weights.tolist() == pytest.approx([0.125, 0.125, 0.25, 0.25, 0.25])
    assert ev.ranking == ("B", "A")
    assert "Fixture: 2 providers, additive aggregation" in repr(ev)


def test_extra_table_columns_are_ignored_and_missing_ones_named() -> None:
    c = card()
    t = PerformanceTable(
        ["A"], ["opiate", "crack", "exits", "caseload", "safe", "other"], [[40, 50, 19, 50, 3, 9]]
    )
    assert c.evaluate(t).values.shape == (1, 5)
    with pytest.raises(Exception, match=r"no column for metric\(s\) 'safe'"):
        c.evaluate(t.select(["opiate", "crack", "exits", "caseload"]))


def test_missing_value_error_names_provider_and_metric() -> None:
    t = PerformanceTable(
        ["A", "B"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[40, 50, 19, 50, 3], [np.nan, 70, 8, 30, 4]],
    )
    with pytest.raises(MissingValueError, match=r"provider 'B' has no value for metric 'opiate'"):
        card().evaluate(t)


def test_excluded_metric_shares_its_weight_within_its_domain() -> None:
    t = PerformanceTable(
        ["A", "B"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[40, 50, 19, 50, 3], [np.nan, 70, 8, 30, 4]],
    )
    ev = card(missing="exclude").evaluate(t)
    assert ev.excluded.tolist()[1] == [True, False, False, False, False]
    assert ev.effective_weights[1].tolist() == pytest.approx([0, 0.25, 0.25, 0.25, 0.25])
    assert ev.domain_scores["drugs"][1] == pytest.approx(1.0)  # crack alone
    assert ev.contributions.sum(axis=1) == pytest.approx(ev.scores)
    assert "1 cell(s) excluded" in repr(ev)


def test_worst_policy_imputes_zero_and_records_it() -> None:
    t = PerformanceTable(
        ["A"], ["opiate", "crack", "exits", "caseload", "safe"], [[np.nan, 50, 19, 50, 3]]
    )
    ev = card(missing="worst").evaluate(t)
    assert ev.imputed[0, 0]
    assert ev.values[0, 0] == 0.0


def test_out_of_range_clip_is_recorded_and_error_refuses() -> None:
    t = PerformanceTable(
        ["A"], ["opiate", "crack", "exits", "caseload", "safe"], [[75, 50, 19, 50, 3]]
    )
    ev = card().evaluate(t)
    assert ev.clipped[0, 0]
    assert ev.values[0, 0] == 1.0
    with pytest.raises(
        OutOfRangeError, match=r"provider 'A': 75 is outside the scale of metric 'opiate'"
    ):
        card(out_of_range="error").evaluate(t)


def test_ordinal_code_out_of_levels_is_always_an_error() -> None:
    t = PerformanceTable(
        ["A"], ["opiate", "crack", "exits", "caseload", "safe"], [[40, 50, 19, 50, 5]]
    )
    with pytest.raises(
        OutOfRangeError, match=r"5 is outside the scale of metric 'safe' \(codes 1=Inadequate"
    ):
        card().evaluate(t)


def test_provider_with_nothing_weighted_is_an_error() -> None:
    flat = Scorecard(
        "Flat",
        metrics=[
            Metric("a", "A", direction="higher", scale=Linear(worst=0, best=1), missing="exclude"),
            Metric("b", "B", direction="higher", scale=Linear(worst=0, best=1), missing="exclude"),
        ],
    )
    t = PerformanceTable(["X", "Y"], ["a", "b"], [[np.nan, np.nan], [0.5, 0.5]])
    with pytest.raises(MissingValueError, match="provider 'X' has no value for any metric"):
        flat.evaluate(t)
    t2 = PerformanceTable(["X"], ["a", "b"], [[np.nan, 0.5]])
    with pytest.raises(MissingValueError, match="provider 'X'"):
        flat.evaluate(t2, weights=Weights({"a": 1.0, "b": 0.0}))


def test_gated_providers_rank_last_but_keep_scores() -> None:
    t = PerformanceTable(
        ["A", "B", "C"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[60, 70, 8, 30, 1], [40, 50, 19, 50, 3], [20, 30, 30, 90, 2]],
    )
    plain = card().evaluate(t)
    gated = card().evaluate(t, aggregation=Gated({"safe": "Requires improvement"}))
    assert np.array_equal(plain.scores, gated.scores)
    assert plain.ranks.tolist() == [1, 2, 3]
    assert gated.ranks.tolist() == [3, 1, 2]
    assert gated.passed.tolist() == [False, True, True]
    assert "fails safe" in repr(gated)
    assert gated.to_columns()["passed"] == [True, True, False]


def test_bad_aggregation_and_weights() -> None:
    t = PerformanceTable(
        ["A"], ["opiate", "crack", "exits", "caseload", "safe"], [[40, 50, 19, 50, 3]]
    )
    with pytest.raises(ScorecardError, match="aggregation must be"):
        card().evaluate(t, aggregation="sum")  # type: ignore[arg-type]
    with pytest.raises(WeightError, match="weights must be"):
        card().evaluate(t, weights=3)  # type: ignore[arg-type]


def test_to_frame_and_compare() -> None:
    t = PerformanceTable(
        ["A", "B", "C"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[60, 70, 8, 30, 1], [40, 50, 19, 50, 3], [20, 30, 30, 90, 4]],
    )
    c = card()
    ev = c.evaluate(t)
    frame = ev.to_frame("polars")
    assert frame.columns == ["provider", "rank", "score", "outcomes", "drugs", "workforce"]
    assert frame["provider"].to_list() == list(ev.ranking)
    contrib = ev.to_frame("pandas", what="contributions")
    assert np.allclose(contrib[list(c.metric_ids)].sum(axis=1), np.sort(ev.scores)[::-1])
    workforce_first = {
        "outcomes": 0.0,
        "workforce": 1.0,
        "drugs": 1.0,
        "exits": 0.0,
        "opiate": 0.5,
        "crack": 0.5,
        "caseload": 0.5,
        "safe": 0.5,
    }
    other = c.evaluate(t, weights=workforce_first)
    cmp = other.compare(ev)
    assert cmp.rank_shift.tolist() == (ev.ranks - other.ranks).tolist()
    assert cmp.score_delta == pytest.approx(other.scores - ev.scores)
    assert "shift" in repr(cmp)
    with pytest.raises(ScorecardError, match="only in baseline: C"):
        c.evaluate(t.take(["A", "B"])).compare(ev)
    with pytest.raises(ValueError, match="what must be"):
        ev.to_columns("ranks")


@given(table=tables(min_size=2), data=st.data(), agg=aggregations)
def test_permuting_providers_permutes_results(
    table: PerformanceTable, data: st.DataObject, agg: Additive | Geometric
) -> None:
    c = card()
    w = data.draw(weights(c))
    perm = data.draw(st.permutations(range(len(table.providers))))
    ev = c.evaluate(table, weights=w, aggregation=agg)
    shuffled = c.evaluate(
        table.take([table.providers[i] for i in perm]), weights=w, aggregation=agg
    )
    # BLAS may sum a row differently depending on its position (kernels differ for edge rows),
    # so scores agree to rounding; ranks, whose ties absorb such noise, agree exactly.
    assert np.allclose(shuffled.scores, ev.scores[list(perm)], rtol=0, atol=1e-12)
    assert np.array_equal(shuffled.ranks, ev.ranks[list(perm)])
    assert np.allclose(shuffled.contributions, ev.contributions[list(perm)], rtol=0, atol=1e-12)


@given(table=tables(), data=st.data(), agg=aggregations)
def test_scores_in_range_and_contributions_sum(
    table: PerformanceTable, data: st.DataObject, agg: Additive | Geometric
) -> None:
    c = card()
    ev = c.evaluate(table, weights=data.draw(weights(c)), aggregation=agg)
    assert np.all((ev.scores >= 0) & (ev.scores <= 1))
    assert np.allclose(ev.contributions.sum(axis=1), ev.scores, atol=1e-12)
    assert ev.global_weights.sum() == pytest.approx(1.0)
    for d, s in ev.domain_scores.items():
        assert np.all((s >= 0) & (s <= 1)), d
    assert min(ev.ranks.tolist()) == 1


@given(table=tables(), data=st.data())
def test_additive_total_is_weighted_mean_of_top_domains(
    table: PerformanceTable, data: st.DataObject
) -> None:
    c = card()
    w = data.draw(weights(c))
    ev = c.evaluate(table, weights=w)
    rebuilt = (
        w["outcomes"] * ev.domain_scores["outcomes"]
        + w["workforce"] * ev.domain_scores["workforce"]
    )
    assert np.allclose(rebuilt, ev.scores, atol=1e-12)


@given(table=tables(), data=st.data())
def test_improving_a_raw_value_never_lowers_the_additive_score(
    table: PerformanceTable, data: st.DataObject
) -> None:
    c = card()
    w = data.draw(weights(c))
    i = data.draw(st.integers(0, len(table.providers) - 1))
    j = data.draw(st.integers(0, 3))
    metric = c.metric(table.metrics[j])
    step = data.draw(st.floats(0, 50))
    better = table.values.copy()
    better[i, j] += step if metric.direction is Direction.HIGHER else -step
    if metric.unit == "%":  # a share stays within 0-100% (beyond is refused, not clipped)
        better[i, j] = min(max(better[i, j], 0.0), 100.0)
    before = c.evaluate(table, weights=w).scores[i]
    after = c.evaluate(PerformanceTable(table.providers, table.metrics, better), weights=w).scores[
        i
    ]
    assert after >= before


@given(table=tables(min_size=2), data=st.data(), agg=aggregations)
def test_a_dominating_provider_never_ranks_below(
    table: PerformanceTable, data: st.DataObject, agg: Additive | Geometric
) -> None:
    c = card()
    ev = c.evaluate(table, weights=data.draw(weights(c)), aggregation=agg)
    assert_dominance_respected(ev)


@given(ev=sst.evaluations(), agg=aggregations)
def test_generated_scorecards_score_in_range_respect_dominance_and_add_up(
    ev: Evaluation, agg: Additive | Geometric
) -> None:
    ev = ev.card.evaluate(ev.table, weights=ev.weights, aggregation=agg)
    assert np.all((ev.scores >= 0) & (ev.scores <= 1))
    assert np.allclose(ev.contributions.sum(axis=1), ev.scores, atol=1e-9)
    assert_weights_valid(ev.weights, ev.card)
    assert_dominance_respected(ev)


def test_evaluate_function_equals_method() -> None:
    t = PerformanceTable(
        ["A", "B"],
        ["opiate", "crack", "exits", "caseload", "safe"],
        [[40, 50, 19, 50, 3], [60, 70, 8, 30, 4]],
    )
    assert np.array_equal(evaluate(card(), t).scores, card().evaluate(t).scores)
