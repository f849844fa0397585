"""The Analytic Hierarchy Process: weights from pairwise comparisons, and how consistent they are.

Saaty's method: for n children the decision makers fill an n by n matrix whose entry in row
i and column j says how many times more important child i is than child j (1 equal, 3
moderately, 5 strongly, 7 very strongly, 9 extremely more important; reciprocals the other
way). The weights are the principal right eigenvector of the matrix, normalised to sum to 1.
Its eigenvalue λ_max is n when the judgements are perfectly consistent (``a_ik = a_ij a_jk``)
and grows with inconsistency: the consistency index is ``CI = (λ_max - n) / (n - 1)`` and the
consistency ratio ``CR = CI / RI`` compares it with Saaty's random index RI, the mean CI of
random reciprocal matrices of the same size. ``CR > 0.1`` is conventionally taken as a sign
that the judgements should be revisited; `AHP` then warns with
`scorecard.errors.InconsistentJudgementsWarning`.

References
----------
Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures. *Journal of
Mathematical Psychology*, 15(3), 234-281.

Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process. *European
Journal of Operational Research*, 48(1), 9-26.

Saaty, T. L. (2008). Decision making with the analytic hierarchy process. *International
Journal of Services Sciences*, 1(1), 83-98.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from typing import Any, ClassVar, Final

import attrs
import numpy as np
from numpy.typing import NDArray

from scorecard._arrays import FloatArray
from scorecard._tolerances import RECIPROCAL_TOLERANCE
from scorecard.errors import InconsistentJudgementsWarning, WeightError
from scorecard.weighting._protocol import Group, as_weights, check_keys

__all__ = [
    "AHP",
    "CONSISTENCY_LIMIT",
    "RECIPROCAL_TOLERANCE",
    "SAATY_RANDOM_INDEX",
]

SAATY_RANDOM_INDEX: Final[tuple[float, ...]] = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)
"""Saaty's random index RI for matrices of order n = 1..15 (``SAATY_RANDOM_INDEX[n - 1]``)."""

CONSISTENCY_LIMIT: Final = 0.1
"""Consistency ratios above this draw an `InconsistentJudgementsWarning` (Saaty's 10 % rule)."""


def _ids(value: Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise WeightError(f"ahp: ids must be a sequence of child ids, got {value!r}")
    ids = tuple(value)
    if not ids:
        raise WeightError("ahp: give the ids of at least one child")
    bad = [i for i in ids if not isinstance(i, str)]
    if bad:
        raise WeightError(f"ahp: ids must be strings (child ids), got {bad[0]!r}")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise WeightError(f"ahp: ids must be distinct, {', '.join(map(repr, twice))} repeated")
    return ids


def _judgements(value: Sequence[Sequence[float]] | NDArray[Any]) -> tuple[tuple[float, ...], ...]:
    def is_row_list(x: object) -> bool:
        return isinstance(x, Sequence | np.ndarray) and not isinstance(x, str)

    rows = list(value) if is_row_list(value) else None
    if rows is None or not all(is_row_list(r) for r in rows):
        raise WeightError(f"ahp: the matrix must be a sequence of rows of numbers, got {value!r}")
    out: list[tuple[float, ...]] = []
    for i, row in enumerate(rows):
        cells: list[object] = list(row)
        for x in cells:
            if isinstance(x, bool) or not isinstance(x, numbers.Real):
                raise WeightError(f"ahp: row {i} of the matrix holds {x!r}, not a number")
        out.append(tuple(float(x) for x in row))
    return tuple(out)


@attrs.frozen
class AHP:
    """Saaty's AHP: weights from a positive reciprocal matrix of pairwise comparisons.

    ``matrix[i][j]`` says how many times more important ``ids[i]`` is than ``ids[j]``; the
    matrix must be square (one row and column per id), finite, strictly positive, with 1 on
    the diagonal and ``matrix[j][i] = 1 / matrix[i][j]`` (relative tolerance 1e-6, so give
    fractions such as ``1/3`` rather than ``0.333``). It is checked when the scheme is made.
    The weights are the principal (Perron) eigenvector; `consistency_ratio` uses Saaty's
    random index for n ≤ 15 (and is 0 for n ≤ 2, where any reciprocal matrix is consistent).
    Weighing a group warns with `InconsistentJudgementsWarning` when the ratio exceeds 0.1.

    Parameters
    ----------
    ids
        The children compared, in the order of the matrix's rows and columns (any order
        relative to the group).
    matrix
        The pairwise comparisons, row by row (nested sequences or a 2-D array); stored as a
        tuple of tuples of floats.

    Examples
    --------
    >>> ahp = AHP(["outcomes", "access", "cost"], [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]])
    >>> {k: round(v, 4) for k, v in ahp.priorities.items()}
    {'outcomes': 0.5714, 'access': 0.2857, 'cost': 0.1429}
    >>> round(ahp.eigenvalue, 6), round(ahp.consistency_ratio, 6)
    (3.0, 0.0)
    """

    name: ClassVar[str] = "ahp"
    needs_values: ClassVar[bool] = False

    ids: tuple[str, ...] = attrs.field(converter=_ids)
    matrix: tuple[tuple[float, ...], ...] = attrs.field(converter=_judgements)

    def __attrs_post_init__(self) -> None:
        n = len(self.ids)
        listed = ", ".join(map(repr, self.ids))
        if len(self.matrix) != n:
            raise WeightError(
                f"ahp: the matrix must be square with one row and one column per id; "
                f"{n} ids ({listed}) but {len(self.matrix)} rows"
            )
        for cid, row in zip(self.ids, self.matrix, strict=True):
            if len(row) != n:
                raise WeightError(
                    f"ahp: the matrix must be square with one row and one column per id; "
                    f"{n} ids ({listed}) but row {cid!r} has {len(row)} entries"
                )
        if n > len(SAATY_RANDOM_INDEX):
            raise WeightError(
                f"ahp: compares at most {len(SAATY_RANDOM_INDEX)} children (Saaty's random "
                f"index, needed for the consistency ratio, is tabulated to n = "
                f"{len(SAATY_RANDOM_INDEX)}); got {n}. Split the group into sub-domains"
            )
        a = self._array()
        self._check_cells(a)
        self._check_reciprocal(a)

    def _array(self) -> FloatArray:
        return np.array(self.matrix, dtype=np.float64).reshape(len(self.ids), len(self.ids))

    def _cell(self, i: int, j: int) -> str:
        return f"row {self.ids[i]!r}, column {self.ids[j]!r}"

    def _check_cells(self, a: FloatArray) -> None:
        bad = np.argwhere(~np.isfinite(a) | ~(a > 0))
        if bad.size:
            i, j = (int(k) for k in bad[0])
            raise WeightError(
                f"ahp: the judgement in {self._cell(i, j)} is {a[i, j]:g}; each must be a "
                f"finite positive number (how many times more important {self.ids[i]!r} is "
                f"than {self.ids[j]!r}: 1 to 9, or 1/9 to 1 the other way)"
            )
        off = np.argwhere(np.abs(np.diag(a) - 1.0) > RECIPROCAL_TOLERANCE)
        if off.size:
            i = int(off[0][0])
            raise WeightError(
                f"ahp: the diagonal must be 1 (each child is as important as itself), but "
                f"{self._cell(i, i)} is {a[i, i]:g}"
            )

    def _check_reciprocal(self, a: FloatArray) -> None:
        product = a * a.T
        bad = np.argwhere(np.triu(np.abs(product - 1.0) > RECIPROCAL_TOLERANCE, k=1))
        if bad.size:
            i, j = (int(k) for k in bad[0])
            ci, cj = self.ids[i], self.ids[j]
            raise WeightError(
                f"ahp: the judgements of {ci!r} against {cj!r} are not reciprocal: "
                f"{self._cell(i, j)} is {a[i, j]:g}, so {self._cell(j, i)} must be "
                f"1/{a[i, j]:g} = {1.0 / a[i, j]:.6g}, but it is {a[j, i]:g} "
                f"(give exact fractions such as 1/3, not 0.333)"
            )

    def _solve(self) -> tuple[FloatArray, float]:
        """The normalised Perron eigenvector and its eigenvalue λ_max."""
        values, vectors = np.linalg.eig(self._array())
        k = int(np.argmax(values.real))
        vector = np.abs(vectors[:, k].real).astype(np.float64)
        return as_weights(vector), float(values[k].real)

    @property
    def priorities(self) -> dict[str, float]:
        """The weights by id, in the order of `ids`."""
        w, _ = self._solve()
        return dict(zip(self.ids, w.tolist(), strict=True))

    @property
    def eigenvalue(self) -> float:
        """λ_max, the principal eigenvalue (n for perfectly consistent judgements)."""
        return self._solve()[1]

    @property
    def random_index(self) -> float:
        """Saaty's random index RI for this many children."""
        return SAATY_RANDOM_INDEX[len(self.ids) - 1]

    @property
    def consistency_index(self) -> float:
        """``CI = (λ_max - n) / (n - 1)``; 0 for n ≤ 2 (clipped at 0 against rounding)."""
        n = len(self.ids)
        if n <= 2:  # noqa: PLR2004
            return 0.0
        return max(0.0, (self.eigenvalue - n) / (n - 1))

    @property
    def consistency_ratio(self) -> float:
        """``CR = CI / RI``; 0 for n ≤ 2. Above 0.1 the judgements deserve another look."""
        if len(self.ids) <= 2:  # noqa: PLR2004
            return 0.0
        return self.consistency_index / self.random_index

    def weigh(self, group: Group) -> FloatArray:
        """The eigenvector weights in the group's order; warns if CR exceeds 0.1."""
        check_keys(f"{self.name} judgements", group, self.ids)
        w, _ = self._solve()
        cr = self.consistency_ratio
        if cr > CONSISTENCY_LIMIT:
            warnings.warn(
                f"ahp judgements for the children of {group.parent!r} are inconsistent: "
                f"consistency ratio {cr:.3f} exceeds {CONSISTENCY_LIMIT:g}. "
                f"{self._worst_judgement(w)}; revisit it and its neighbours",
                InconsistentJudgementsWarning,
                stacklevel=2,
            )
        order = np.array([self.ids.index(c) for c in group.ids], dtype=np.intp)
        return np.asarray(w[order], dtype=np.float64)

    def _worst_judgement(self, w: FloatArray) -> str:
        """The judgement furthest (in ratio) from what the derived weights imply."""
        a = self._array()
        implied = w[:, None] / w[None, :]
        gap = np.triu(np.abs(np.log(a / implied)), k=1)
        i, j = (int(k) for k in np.unravel_index(np.argmax(gap), gap.shape))
        return (
            f"The judgement furthest from the weights is {self._cell(i, j)}: given "
            f"{a[i, j]:.3g}, the weights imply {implied[i, j]:.3g}"
        )

    def describe(self, group: Group) -> dict[str, Any]:  # noqa: ARG002
        """The ids, the matrix, λ_max and the consistency index, random index and ratio."""
        return {
            "ids": list(self.ids),
            "matrix": [list(row) for row in self.matrix],
            "eigenvalue": self.eigenvalue,
            "consistency_index": self.consistency_index,
            "random_index": self.random_index,
            "consistency_ratio": self.consistency_ratio,
        }
