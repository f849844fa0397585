from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scorecard.ranking import ranks

unit = st.floats(0, 1)


def test_competition_ranks_share_the_lowest_rank() -> None:
    assert ranks(np.array([0.5, 0.9, 0.5, 0.1])).tolist() == [2, 1, 2, 4]


def test_float_noise_is_a_tie() -> None:
    assert ranks(np.array([0.1 + 0.2, 0.3])).tolist() == [1, 1]


def test_demoted_rank_after_everyone_else() -> None:
    r = ranks(np.array([0.9, 0.1, 0.5]), demoted=np.array([True, False, False]))
    assert r.tolist() == [3, 2, 1]


def test_batched_rows_rank_independently() -> None:
    s = np.array([[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]])
    assert ranks(s).tolist() == [[3, 2, 1], [1, 2, 3]]


def naive(scores: list[float]) -> list[int]:
    r = [round(x, 12) for x in scores]
    return [1 + sum(o > x for o in r) for x in r]


@given(
    hnp.arrays(
        np.float64, st.integers(1, 30), elements=st.sampled_from([0.0, 0.25, 0.5, 1.0]) | unit
    )
)
def test_matches_the_definition(scores: np.ndarray) -> None:
    assert ranks(scores).tolist() == naive(scores.tolist())


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 12)), elements=unit))
def test_batched_equals_row_by_row(scores: np.ndarray) -> None:
    batched = ranks(scores)
    for k in range(scores.shape[0]):
        assert batched[k].tolist() == naive(scores[k].tolist())


@given(hnp.arrays(np.float64, st.integers(1, 20), elements=unit), st.data())
def test_permutation_equivariant(scores: np.ndarray, data: st.DataObject) -> None:
    perm = np.array(data.draw(st.permutations(range(len(scores)))), dtype=np.intp)
    assert np.array_equal(ranks(scores)[perm], ranks(scores[perm]))
