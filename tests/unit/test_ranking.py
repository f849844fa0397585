from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scorecard._ranking import TIE_TOLERANCE, ranks

unit = st.floats(0, 1)


def test_competition_ranks_share_the_lowest_rank() -> None:
    assert ranks(np.array([0.5, 0.9, 0.5, 0.1])).tolist() == [2, 1, 2, 4]


def test_float_noise_is_a_tie() -> None:
    assert ranks(np.array([0.1 + 0.2, 0.3])).tolist() == [1, 1]
    # No rounding grid: scores 1e-15 apart either side of a 12th-decimal boundary still tie.
    assert ranks(np.array([0.4999999999995 - 5e-16, 0.4999999999995 + 5e-16])).tolist() == [1, 1]
    assert ranks(np.array([0.9999999999999999, 1.0, 1.0])).tolist() == [1, 1, 1]


def test_ties_do_not_depend_on_the_rounding_mode() -> None:
    import ctypes
    import ctypes.util

    libm = ctypes.CDLL(ctypes.util.find_library("m"))
    upward, current = 0x800, libm.fegetround()  # FE_UPWARD on x86-64 glibc
    if libm.fesetround(upward) != 0:
        pytest.skip("cannot set the rounding mode here")
    try:
        got = ranks(np.array([0.9999999999999999, 1.0, 0.5, 0.5])).tolist()
    finally:
        libm.fesetround(current)
    assert got == [1, 1, 3, 3]


def test_demoted_keep_score_order_among_themselves_and_tie() -> None:
    r = ranks(
        np.array([0.9, 0.9, 0.1, 0.5, 0.5]), demoted=np.array([True, True, False, True, False])
    )
    assert r.tolist() == [3, 3, 2, 5, 1]


def test_demoted_rank_after_everyone_else() -> None:
    r = ranks(np.array([0.9, 0.1, 0.5]), demoted=np.array([True, False, False]))
    assert r.tolist() == [3, 2, 1]


def test_batched_rows_rank_independently() -> None:
    s = np.array([[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]])
    assert ranks(s).tolist() == [[3, 2, 1], [1, 2, 3]]


def naive(scores: list[float]) -> list[int]:
    """The definition, in plain Python: walk the scores best first; a score within the
    tolerance of the previous one shares its rank, otherwise it takes its position."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    out = [0] * len(scores)
    for position, i in enumerate(order):
        previous = order[position - 1] if position else None
        tied = previous is not None and scores[previous] - scores[i] <= TIE_TOLERANCE
        out[i] = out[previous] if tied and previous is not None else position + 1
    return out


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


def test_unscored_providers_rank_after_every_scored_one_and_tie_among_themselves() -> None:
    from scorecard.sensitivity._ordering import rank_rows

    scores = np.array([[0.5, np.nan, 0.2, np.nan], [np.nan, 0.3, 0.3, 0.1]])
    expected = [[1, 3, 2, 3], [4, 1, 1, 3]]
    assert ranks(scores).tolist() == expected
    assert rank_rows(scores).tolist() == expected
    assert ranks(scores[0]).tolist() == expected[0]
