"""The small simplex solver against scipy's HiGHS on random programmes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from scorecard._linprog import solve

STATUS = {0: "optimal", 2: "infeasible", 3: "unbounded"}


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    n=st.integers(1, 8),
    equalities=st.integers(0, 4),
    inequalities=st.integers(0, 5),
    bounded=st.booleans(),
    degenerate=st.booleans(),
)
def test_the_simplex_agrees_with_highs(  # noqa: PLR0917 - one per drawn value
    seed: int, n: int, equalities: int, inequalities: int, bounded: bool, degenerate: bool
) -> None:
    rng = np.random.default_rng(seed)
    c = rng.normal(size=n)
    a_eq = rng.integers(-3, 4, size=(equalities, n)).astype(float) if equalities else None
    b_eq = rng.integers(-3, 4, size=equalities).astype(float) if equalities else None
    a_ub = rng.normal(size=(inequalities, n)) if inequalities else None
    b_ub = rng.normal(size=inequalities) if inequalities else None
    if degenerate and a_eq is not None and b_eq is not None:  # a repeated row: redundant
        a_eq, b_eq = np.vstack([a_eq, a_eq[:1]]), np.append(b_eq, b_eq[:1])
    if bounded:
        row = np.ones((1, n))
        a_ub = row if a_ub is None else np.vstack([a_ub, row])
        b_ub = np.array([5.0]) if b_ub is None else np.append(b_ub, 5.0)
    ours = solve(c, a_eq=a_eq, b_eq=b_eq, a_ub=a_ub, b_ub=b_ub)
    ref = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert ours.status == STATUS[ref.status]
    if ours.status == "optimal":
        assert ours.x is not None
        assert abs(ours.value - ref.fun) <= 1e-7 * max(1.0, abs(ref.fun))
        assert (ours.x >= -1e-9).all()
        if a_eq is not None:
            np.testing.assert_allclose(a_eq @ ours.x, b_eq, atol=1e-7)  # type: ignore[arg-type]
        if a_ub is not None:
            assert (a_ub @ ours.x <= b_ub + 1e-7).all()  # type: ignore[operator]
