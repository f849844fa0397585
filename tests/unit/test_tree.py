from __future__ import annotations

import numpy as np
import pytest

from scorecard import ROOT, Domain, Metric, Scorecard, Weights, global_weights
from scorecard._metric import MissingPolicy, OutOfRangePolicy
from scorecard.errors import TreeError, WeightError
from scorecard.scales import Linear, Ordinal
from scorecard.weighting import resolve


def metric(mid: str, worst: float = 0, best: float = 100) -> Metric:
    direction = "higher" if best > worst else "lower"
    return Metric(mid, mid.title(), direction=direction, scale=Linear(worst=worst, best=best))


def card() -> Scorecard:
    return Scorecard(
        "Test",
        domains=[
            Domain(
                "outcomes",
                "Outcomes",
                domains=[Domain("drugs", "Drugs", metrics=[metric("opiate"), metric("crack")])],
                metrics=[metric("housing")],
            ),
            Domain("workforce", "Workforce", metrics=[metric("turnover", 40, 8)]),
        ],
    )


def test_structure_queries() -> None:
    c = card()
    assert c.metric_ids == ("opiate", "crack", "housing", "turnover")
    assert c.domain_ids == ("outcomes", "drugs", "workforce")
    assert c.groups[ROOT] == ("outcomes", "workforce")
    assert c.children("outcomes") == ("drugs", "housing")
    assert c.children("opiate") == ()
    assert c.parent("crack") == "drugs"
    assert c.parent("outcomes") == ROOT
    assert c.path("crack") == ("outcomes", "drugs", "crack")
    assert c.leaves("outcomes") == ("opiate", "crack", "housing")
    assert c.leaves(ROOT) == c.metric_ids
    assert c.metric("turnover").unit == ""
    assert [n.id for n in c.walk()] == [
        "outcomes",
        "drugs",
        "opiate",
        "crack",
        "housing",
        "workforce",
        "turnover",
    ]


def test_metric_defaults_are_explicit_policies() -> None:
    m = metric("x")
    assert m.missing is MissingPolicy.ERROR
    assert m.out_of_range is OutOfRangePolicy.CLIP


def test_unknown_node_lists_known_ids() -> None:
    with pytest.raises(TreeError, match=r"no domain or metric 'nope'.*known ids: crack"):
        card().node("nope")
    with pytest.raises(TreeError, match="is a domain, not a metric"):
        card().metric("drugs")


def test_duplicate_ids_name_both_places() -> None:
    with pytest.raises(TreeError, match=r"id 'x' is used in 'a' and in 'b'"):
        Scorecard(
            "Dup",
            domains=[
                Domain("a", "A", metrics=[metric("x")]),
                Domain("b", "B", metrics=[metric("x")]),
            ],
        )


def test_root_id_is_reserved() -> None:
    with pytest.raises(TreeError, match="reserved"):
        Scorecard("R", domains=[Domain("root", "Root", metrics=[metric("x")])])


def test_duplicate_top_level_ids() -> None:
    with pytest.raises(TreeError, match=r"id 'x' is used twice in 'root'"):
        Scorecard("Dup", metrics=[metric("x"), metric("x")])


@pytest.mark.parametrize("bad", ["", "1abc", "has space", "a.b", "é", "abc\n"])
def test_bad_ids_are_rejected(bad: str) -> None:
    with pytest.raises(TreeError, match="not valid"):
        metric(bad)
    with pytest.raises(TreeError, match="not valid"):
        Domain(bad, "D", metrics=[metric("x")])


def test_empty_domain_and_scorecard_are_rejected() -> None:
    with pytest.raises(TreeError, match="domain 'empty' is empty"):
        Domain("empty", "Empty")
    with pytest.raises(TreeError, match="scorecard 'Nothing' is empty"):
        Scorecard("Nothing")


def test_direction_must_agree_with_scale() -> None:
    with pytest.raises(TreeError, match=r"direction is 'lower' but its linear scale"):
        Metric("x", "X", direction="lower", scale=Linear(worst=0, best=1))
    with pytest.raises(ValueError, match="'sideways' is not a valid Direction"):
        Metric("x", "X", direction="sideways", scale=Linear(worst=0, best=1))
    with pytest.raises(TreeError, match="scale must be one of"):
        Metric("x", "X", direction="higher", scale="linear")  # type: ignore[arg-type]


def test_ordinal_metric_is_higher_is_better() -> None:
    scale = Ordinal(levels=["Inadequate", "Requires improvement", "Good", "Outstanding"])
    assert Metric("cqc", "CQC", direction="higher", scale=scale).direction.value == "higher"


def test_global_weights_are_products_along_paths() -> None:
    c = card()
    w = Weights(
        {
            "outcomes": 0.75,
            "workforce": 0.25,
            "drugs": 0.6,
            "housing": 0.4,
            "opiate": 0.5,
            "crack": 0.5,
            "turnover": 1.0,
        }
    )
    g = global_weights(c, w)
    assert g.tolist() == pytest.approx([0.225, 0.225, 0.3, 0.25])
    assert g.sum() == pytest.approx(1.0)


def test_check_weights_names_the_problem() -> None:
    c = card()
    with pytest.raises(WeightError, match=r"no weight for 'turnover' \(children of 'workforce'\)"):
        c.check_weights(
            Weights(
                {
                    "outcomes": 0.5,
                    "workforce": 0.5,
                    "drugs": 0.5,
                    "housing": 0.5,
                    "opiate": 0.5,
                    "crack": 0.5,
                }
            )
        )
    with pytest.raises(WeightError, match=r"children of 'drugs' sum to 0\.9.*Points"):
        c.check_weights(
            Weights(
                {
                    "outcomes": 0.5,
                    "workforce": 0.5,
                    "drugs": 0.5,
                    "housing": 0.5,
                    "opiate": 0.5,
                    "crack": 0.4,
                    "turnover": 1,
                }
            )
        )
    with pytest.raises(WeightError, match="'ghost', not in scorecard"):
        c.check_weights(Weights({"ghost": 1.0}))


def test_check_weights_renormalises_tiny_float_error() -> None:
    c = card()
    w = Weights(
        {
            "outcomes": 0.1 + 0.2,
            "workforce": 0.7,
            "drugs": 1 / 3,
            "housing": 2 / 3,
            "opiate": 0.5,
            "crack": 0.5,
            "turnover": 1.0,
        }
    )
    fixed = c.check_weights(w)
    assert fixed["outcomes"] + fixed["workforce"] == 1.0


def test_scorecard_with_default_weights_is_checked() -> None:
    with pytest.raises(WeightError):
        Scorecard("W", metrics=[metric("a"), metric("b")], weights=Weights({"a": 1.0, "b": 1.0}))
    ok = Scorecard("W", metrics=[metric("a"), metric("b")], weights=Weights({"a": 1.0, "b": 0.0}))
    assert np.array_equal(global_weights(ok, resolve(ok, None)), [1.0, 0.0])


def test_a_tree_deeper_than_the_limit_is_refused_and_one_at_it_round_trips() -> None:
    from scorecard.tree import MAX_DEPTH

    def deep(levels: int) -> Scorecard:
        node = Domain(
            "d0",
            "D0",
            metrics=[Metric("m", "M", direction="higher", scale=Linear(worst=0, best=1))],
        )
        for i in range(1, levels):
            node = Domain(f"d{i}", f"D{i}", domains=[node])
        return Scorecard("Deep", domains=[node])

    card = deep(MAX_DEPTH - 1)  # its metric sits at the limit
    assert Scorecard.from_json(card.to_json()) == card
    with pytest.raises(TreeError, match=f"nests deeper than {MAX_DEPTH} levels"):
        deep(MAX_DEPTH)
