"""A small dense linear program solver: two-phase simplex with Bland's rule, for tiny problems.

``minimise c @ x  subject to  a_eq @ x = b_eq,  a_ub @ x <= b_ub,  x >= 0``. Written for the
few-hundred-variable programmes of stakeholder regions (is there a weighting every group's
region holds? which weighting is nearest to all of them?), where a dependency on an LP
library would be heavier than the problem. Bland's rule (the lowest-index entering and leaving
variable) cannot cycle; each pivot is one vectorised row operation over the tableau.
"""

from __future__ import annotations

from typing import Final, Literal

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard.errors import ScorecardError

__all__ = ["Programme", "solve"]

TOLERANCE: Final = 1e-9
"""Reduced costs and ratios within this of zero count as zero."""

MAX_PIVOTS: Final = 50_000


@attrs.frozen(eq=False)
class Programme:
    """A solved linear programme: its status, the optimal ``x`` and the objective value."""

    status: Literal["optimal", "infeasible", "unbounded"]
    x: FloatArray | None
    value: float


def _pivot(tableau: FloatArray, row: int, col: int) -> None:
    tableau[row] /= tableau[row, col]
    factor = tableau[:, col].copy()
    factor[row] = 0.0
    tableau -= factor[:, None] * tableau[row][None, :]


def _simplex(tableau: FloatArray, basis: list[int], allowed: int) -> bool:
    """Minimise the last row's objective over the first ``allowed`` columns; False if unbounded."""
    for _ in range(MAX_PIVOTS):
        costs = tableau[-1, :allowed]
        entering = np.flatnonzero(costs < -TOLERANCE)
        if entering.size == 0:
            return True
        col = int(entering[0])  # Bland: the lowest index
        column = tableau[:-1, col]
        positive = column > TOLERANCE
        if not positive.any():
            return False
        ratios = np.full(column.shape, np.inf)
        ratios[positive] = tableau[:-1, -1][positive] / column[positive]
        best = ratios.min()
        ties = np.flatnonzero(ratios <= best + TOLERANCE)
        row = int(min(ties, key=lambda r: basis[r]))  # Bland: the lowest basic index
        _pivot(tableau, row, col)
        basis[row] = col
    raise ScorecardError("the linear programme did not finish within its pivot limit")


def solve(
    c: FloatArray,
    *,
    a_eq: FloatArray | None = None,
    b_eq: FloatArray | None = None,
    a_ub: FloatArray | None = None,
    b_ub: FloatArray | None = None,
) -> Programme:
    """Minimise ``c @ x`` over ``x >= 0`` with the given equalities and inequalities.

    Examples
    --------
    Maximise x + y with x + 2y <= 4 and 3x + y <= 6 (optimum 2.8 at x = 1.6, y = 1.2):

    >>> found = solve(np.array([-1.0, -1.0]), a_ub=np.array([[1.0, 2.0], [3.0, 1.0]]),
    ...               b_ub=np.array([4.0, 6.0]))
    >>> found.status, round(-found.value, 6), found.x.round(6).tolist()
    ('optimal', 2.8, [1.6, 1.2])
    """
    cost = np.asarray(c, dtype=np.float64)
    n = cost.size
    eq = np.zeros((0, n)) if a_eq is None else np.asarray(a_eq, dtype=np.float64).reshape(-1, n)
    beq = np.zeros(0) if b_eq is None else np.asarray(b_eq, dtype=np.float64).ravel()
    ub = np.zeros((0, n)) if a_ub is None else np.asarray(a_ub, dtype=np.float64).reshape(-1, n)
    bub = np.zeros(0) if b_ub is None else np.asarray(b_ub, dtype=np.float64).ravel()
    k = ub.shape[0]
    # Standard form: slacks for the inequalities, then every row with a non-negative right side.
    rows = np.vstack([np.hstack([eq, np.zeros((eq.shape[0], k))]), np.hstack([ub, np.eye(k)])])
    rhs = np.concatenate([beq, bub])
    flip = rhs < 0
    rows[flip] *= -1.0
    rhs[flip] *= -1.0
    m, width = rows.shape
    # Phase I: an artificial variable per row, minimise their sum.
    tableau = np.zeros((m + 1, width + m + 1))
    tableau[:m, :width] = rows
    tableau[:m, width : width + m] = np.eye(m)
    tableau[:m, -1] = rhs
    tableau[-1, :width] = -rows.sum(axis=0)
    tableau[-1, -1] = -rhs.sum()
    basis = list(range(width, width + m))
    _simplex(tableau, basis, width + m)
    if -tableau[-1, -1] > 1e-7 * max(1.0, float(rhs.sum())):
        return Programme("infeasible", None, float("nan"))
    # Drive artificial variables still basic (at zero) out of the basis where a column allows.
    for r, var in enumerate(basis):
        if var >= width:
            candidates = np.flatnonzero(np.abs(tableau[r, :width]) > TOLERANCE)
            if candidates.size:
                _pivot(tableau, r, int(candidates[0]))
                basis[r] = int(candidates[0])
    keep = [r for r, var in enumerate(basis) if var < width]  # redundant rows drop out
    tableau = np.vstack([tableau[keep], tableau[-1:]])
    basis = [basis[r] for r in keep]
    tableau = np.hstack([tableau[:, :width], tableau[:, -1:]])
    # Phase II: the real objective, in terms of the non-basic variables.
    objective = np.concatenate([cost, np.zeros(k)])
    tableau[-1, :width] = objective
    tableau[-1, -1] = 0.0
    for r, var in enumerate(basis):
        tableau[-1] -= objective[var] * tableau[r]
    if not _simplex(tableau, basis, width):
        return Programme("unbounded", None, float("-inf"))
    x = np.zeros(width)
    x[basis] = tableau[:-1, -1]
    solution = x[:n]
    return Programme("optimal", solution, float(cost @ solution))
