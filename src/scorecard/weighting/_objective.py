"""Objective weighting schemes: weights derived from how the providers' values vary.

Each scheme reads ``group.values`` (providers by children, each a value in [0, 1], higher is
better) and gives more weight to children that discriminate more between providers:

* `Entropy`: Shannon entropy of each child's share distribution (Hwang & Yoon 1981; Zeleny
  1982); the less even the distribution, the more weight.
* `CRITIC`: contrast (standard deviation) times conflict (lack of correlation with the other
  children), after Diakoulaki, Mavrotas & Papayannakis (1995).
* `StdDev`: the standard deviation of each min-max normalised child.

The core computations are public functions on a plain matrix (alternatives in rows,
criteria in columns), `entropy_weights`, `critic_weights` and `std_weights`, so that
published decision matrices can be fed to them directly.

Objective weights need complete data: a missing value (NaN) in the group is refused, as is
a group with fewer than two providers or whose values carry no information (every child
constant). A group of one child always gets weight 1.

References
----------
Diakoulaki, D., Mavrotas, G., & Papayannakis, L. (1995). Determining objective weights in
multiple criteria problems: the CRITIC method. *Computers & Operations Research*, 22(7),
763-770.

Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
Applications*. Springer (Lecture Notes in Economics and Mathematical Systems 186).

Zeleny, M. (1982). *Multiple Criteria Decision Making*. McGraw-Hill.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Final

import attrs
import numpy as np
from numpy.typing import ArrayLike

from scorecard._arrays import FloatArray
from scorecard.errors import WeightError
from scorecard.weighting._protocol import Group, as_weights

__all__ = [
    "CRITIC",
    "STD_DDOF",
    "Entropy",
    "StdDev",
    "critic_weights",
    "entropy_weights",
    "std_weights",
]

STD_DDOF: Final = 1
"""Degrees of freedom removed in the standard deviations of `CRITIC` and `StdDev` (sample).

The weights do not depend on it: every column's deviation is scaled by the same factor
``sqrt(m / (m - 1))``, which cancels when the weights are normalised.
"""

_PERFECT: Final = 1e-12
"""Correlations within this of ±1 are taken as exactly ±1 (identical columns, rounding)."""


@attrs.frozen
class _Where:
    """How to name the matrix, its rows and its columns in error messages."""

    what: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]

    @classmethod
    def plain(cls, what: str, shape: tuple[int, int]) -> _Where:
        m, n = shape
        return cls(
            what, tuple(f"row {i}" for i in range(m)), tuple(f"column {j}" for j in range(n))
        )

    @classmethod
    def of(cls, scheme: str, group: Group, m: int) -> _Where:
        rows = (
            tuple(f"provider {p!r}" for p in group.providers)
            if len(group.providers) == m
            else tuple(f"row {i}" for i in range(m))
        )
        return cls(
            f"{scheme} weights for the children of {group.parent!r}",
            rows,
            tuple(repr(c) for c in group.ids),
        )


def _as_matrix(matrix: ArrayLike, what: str) -> FloatArray:
    try:
        x = np.array(matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise WeightError(
            f"{what}: the matrix must be a rectangular array of numbers (alternatives in rows, "
            "criteria in columns)"
        ) from None
    if x.ndim != 2 or x.shape[1] < 1:  # noqa: PLR2004
        raise WeightError(
            f"{what}: the matrix must be two-dimensional (alternatives in rows, criteria in "
            f"columns) with at least one column, got shape {x.shape}"
        )
    return x


def _check(x: FloatArray, where: _Where, *, non_negative: bool = False) -> None:
    """Refuse missing or infinite values, negative ones if asked, and fewer than 2 rows."""
    bad = np.argwhere(~np.isfinite(x))
    if bad.size:
        i, j = (int(k) for k in bad[0])
        value = "no value" if np.isnan(x[i, j]) else f"{x[i, j]:g}"
        raise WeightError(
            f"{where.what} need complete data: {where.rows[i]} has {value} for "
            f"{where.columns[j]} ({len(bad)} of {x.size} values missing or infinite). "
            "Objective schemes use every provider's value; fill the gaps, or weight this "
            "group with a subjective scheme"
        )
    m = x.shape[0]
    if m < 2:  # noqa: PLR2004
        raise WeightError(
            f"{where.what} need at least 2 providers to see how the values vary, got {m}"
        )
    if non_negative:
        negative = np.argwhere(x < 0)
        if negative.size:
            i, j = (int(k) for k in negative[0])
            raise WeightError(
                f"{where.what}: {where.rows[i]} has {x[i, j]:g} for {where.columns[j]}; "
                "entropy needs values of at least 0 (shares of a column's total)"
            )


def _normalised(scores: FloatArray, where: _Where, nothing: str) -> FloatArray:
    if not np.any(scores > 0):
        raise WeightError(
            f"{where.what}: {nothing}, so the data give no ground to weigh the children by; "
            "weight this group with Equal or a subjective scheme"
        )
    return as_weights(scores)


# -- entropy ------------------------------------------------------------------------------------


def _entropy(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Each column's normalised entropy E_j and its divergence d_j = 1 - E_j.

    An all-zero column has no shares (p undefined): it is treated as carrying no information,
    E_j = 1 and d_j = 0, like a constant column.
    """
    m = x.shape[0]
    total = x.sum(axis=0)
    p = np.divide(x, total, out=np.zeros_like(x), where=total > 0)
    p_log_p = np.multiply(p, np.log(p, out=np.zeros_like(p), where=p > 0))
    e = -p_log_p.sum(axis=0) / np.log(m)
    constant = np.ptp(x, axis=0) == 0
    e = np.where(constant, 1.0, np.clip(e, 0.0, 1.0))
    return e, 1.0 - e


def entropy_weights(matrix: ArrayLike) -> FloatArray:
    """Shannon-entropy weights of the columns of ``matrix`` (alternatives in rows).

    With m alternatives, ``p_ij = x_ij / Σ_i x_ij``, ``E_j = -(1 / ln m) Σ_i p_ij ln p_ij``
    (taking ``0 ln 0 = 0``), ``d_j = 1 - E_j`` and ``w_j = d_j / Σ_k d_k`` (Hwang & Yoon 1981;
    Zeleny 1982). Values must be finite and non-negative. A constant or all-zero column has
    ``d_j = 0`` (no information); if every column is so, there is nothing to weigh by and a
    `WeightError` is raised. A single column gets weight 1.

    Examples
    --------
    >>> entropy_weights([[1, 2], [4, 16]]).round(6)
    array([0.358889, 0.641111])
    """
    x = _as_matrix(matrix, "entropy weights")
    return _entropy_weights(x, _Where.plain("entropy weights", (x.shape[0], x.shape[1])))


def _entropy_weights(x: FloatArray, where: _Where) -> FloatArray:
    _check(x, where, non_negative=True)
    if x.shape[1] == 1:
        return np.ones(1)
    _, d = _entropy(x)
    return _normalised(d, where, "every child's values are constant or all zero")


# -- standard deviation and CRITIC -------------------------------------------------------------


def _min_max(x: FloatArray) -> FloatArray:
    """Each column rescaled to [0, 1] by (x - min) / (max - min); a constant column becomes 0."""
    low = x.min(axis=0)
    span = np.ptp(x, axis=0)
    z = np.divide(x - low, span, out=np.zeros_like(x), where=span > 0)
    return np.asarray(z, dtype=np.float64)


def _std(z: FloatArray) -> FloatArray:
    """Sample standard deviations; exactly 0 for a constant column (not rounding noise)."""
    sigma = z.std(axis=0, ddof=STD_DDOF)
    return np.asarray(np.where(np.ptp(z, axis=0) == 0, 0.0, sigma), dtype=np.float64)


def std_weights(matrix: ArrayLike, *, rescale: bool = True) -> FloatArray:
    """Standard-deviation weights of the (min-max normalised) columns of ``matrix``.

    With ``rescale`` (the default, for raw decision matrices) each column is first rescaled to
    [0, 1] by ``(x - min) / (max - min)``, which makes the weights free of each column's units
    (pymcdm's ``standard_deviation_weights`` uses the raw columns instead); without it the
    columns are taken as already on a common scale. ``s_j`` is the sample standard deviation
    of column j and ``w_j = s_j / Σ_k s_k``. A constant column gets weight 0; if every column
    is constant a `WeightError` is raised. A single column gets weight 1.

    Examples
    --------
    >>> std_weights([[0.0, 0.0], [0.5, 0.1], [1.0, 1.0]]).round(4)
    array([0.4758, 0.5242])
    """
    x = _as_matrix(matrix, "std_dev weights")
    return _std_weights(x, _Where.plain("std_dev weights", (x.shape[0], x.shape[1])), rescale)


def _std_weights(x: FloatArray, where: _Where, rescale: bool) -> FloatArray:
    _check(x, where)
    if x.shape[1] == 1:
        return np.ones(1)
    return _normalised(_std(_scaled(x, rescale)), where, "every child's values are constant")


def _scaled(x: FloatArray, rescale: bool) -> FloatArray:
    return _min_max(x) if rescale else x


def _critic(x: FloatArray, rescale: bool) -> tuple[FloatArray, FloatArray, FloatArray]:
    """s_j, the correlation matrix r and C_j = s_j Σ_k (1 - r_jk) of x (min-max normalised).

    A constant column has s_j = 0, so C_j = 0; its correlations are undefined and taken as 0.
    """
    z = _scaled(x, rescale)
    sigma = _std(z)
    centred = z - z.mean(axis=0)
    cov = centred.T @ centred / (z.shape[0] - STD_DDOF)
    scale = np.outer(sigma, sigma)
    r = np.clip(np.divide(cov, scale, out=np.zeros_like(cov), where=scale > 0), -1.0, 1.0)
    r = np.where(np.abs(np.abs(r) - 1.0) < _PERFECT, np.sign(r), r)
    np.fill_diagonal(r, np.where(sigma > 0, 1.0, 0.0))
    information = sigma * (1.0 - r).sum(axis=1)
    return sigma, r, information


def critic_weights(matrix: ArrayLike, *, rescale: bool = True) -> FloatArray:
    """CRITIC weights of the columns of ``matrix`` (Diakoulaki, Mavrotas & Papayannakis 1995).

    With ``rescale`` (the default, as in the paper, for raw decision matrices) each column is
    min-max normalised, ``(x - min) / (max - min)`` (orient cost criteria before calling:
    CRITIC's correlations depend on the direction); without it the columns are taken as
    already on a common scale. ``s_j`` is the sample
    standard deviation of column j, ``r_jk`` the Pearson correlation of columns j and k,
    ``C_j = s_j Σ_k (1 - r_jk)`` the information it carries and ``w_j = C_j / Σ_k C_k``. A
    constant column has ``s_j = 0`` and so ``C_j = 0``; its correlations with the others are
    undefined and taken as 0. If no column carries information (all constant, or all
    perfectly correlated) a `WeightError` is raised. A single column gets weight 1.

    Examples
    --------
    >>> critic_weights([[0.0, 1.0, 0.0], [0.5, 0.5, 1.0], [1.0, 0.0, 0.0]]).round(4)
    array([0.361 , 0.361 , 0.2779])
    """
    x = _as_matrix(matrix, "critic weights")
    return _critic_weights(x, _Where.plain("critic weights", (x.shape[0], x.shape[1])), rescale)


def _critic_weights(x: FloatArray, where: _Where, rescale: bool) -> FloatArray:
    _check(x, where)
    if x.shape[1] == 1:
        return np.ones(1)
    _, _, information = _critic(x, rescale)
    return _normalised(
        information,
        where,
        "every child's values are constant or perfectly correlated with the others",
    )


# -- the schemes --------------------------------------------------------------------------------


def _values(scheme: str, group: Group) -> tuple[FloatArray, _Where]:
    """The group's values, checked to be a providers by children table."""
    what = f"{scheme} weights for the children of {group.parent!r}"
    if group.values is None:
        raise WeightError(
            f"{what} are derived from the providers' values, but no performance table was "
            "given: pass the table, or weight this group with a subjective scheme"
        )
    x = np.asarray(group.values, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(group.ids):  # noqa: PLR2004
        raise WeightError(
            f"{what}: expected values for {len(group.ids)} children (providers by children), "
            f"got shape {x.shape}"
        )
    return x, _Where.of(scheme, group, x.shape[0])


def _by_child(ids: Sequence[str], numbers: FloatArray) -> dict[str, float]:
    return dict(zip(ids, numbers.tolist(), strict=True))


@attrs.frozen
class Entropy:
    """Entropy weights from the providers' values: children that spread providers get more.

    See `entropy_weights` for the definition (Shannon entropy of each child's shares of its
    column total; Hwang & Yoon 1981, Zeleny 1982). A child whose values are all equal (or
    all 0) carries no information and gets weight 0. Needs the performance table, with no
    missing values in the group and at least two providers.

    Examples
    --------
    >>> import numpy as np
    >>> from scorecard.weighting import Group
    >>> values = np.array([[0.2, 0.5], [0.4, 0.5], [0.9, 0.6]])
    >>> Entropy().weigh(Group("root", ("a", "b"), (), ("P1", "P2", "P3"), values)).round(4)
    array([0.9781, 0.0219])
    """

    name: ClassVar[str] = "entropy"
    needs_values: ClassVar[bool] = True

    def weigh(self, group: Group) -> FloatArray:
        """``d_j / Σ d`` from the group's values."""
        x, where = _values(self.name, group)
        return _entropy_weights(x, where)

    def describe(self, group: Group) -> dict[str, Any]:
        """The number of providers, and each child's entropy E_j and divergence d_j."""
        x, where = _values(self.name, group)
        _check(x, where, non_negative=True)
        e, d = _entropy(x)
        return {
            "providers": int(x.shape[0]),
            "entropy": _by_child(group.ids, e),
            "divergence": _by_child(group.ids, d),
        }


@attrs.frozen
class CRITIC:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): contrast times conflict.

    See `critic_weights` for the definition: a child weighs more when its values vary more
    across providers and agree less with its siblings'. A constant child gets weight 0.

    The children's values are already on the commissioner's common scale (0 = worst level
    cared about, 1 = best): the value functions play the part of the paper's normalisation, so
    by default they are used as they are. ``rescale=True`` min-max rescales the observed
    values first, as the paper does with raw data; a child on which every provider scores
    between 0.49 and 0.51 then counts as much as one spanning 0 to 1. Standard deviations are
    sample ones (the weights do not depend on this). Needs the performance table, complete,
    with at least two providers.

    Examples
    --------
    >>> import numpy as np
    >>> from scorecard.weighting import Group
    >>> values = np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 1.0], [1.0, 0.0, 0.0]])
    >>> CRITIC().weigh(Group("root", ("a", "b", "c"), (), (), values)).round(4)
    array([0.361 , 0.361 , 0.2779])
    """

    name: ClassVar[str] = "critic"
    needs_values: ClassVar[bool] = True

    rescale: bool = attrs.field(default=False, kw_only=True)

    def weigh(self, group: Group) -> FloatArray:
        """``C_j / Σ C`` from the group's values."""
        x, where = _values(self.name, group)
        return _critic_weights(x, where, self.rescale)

    def describe(self, group: Group) -> dict[str, Any]:
        """Providers, and each child's standard deviation s_j and information C_j."""
        x, where = _values(self.name, group)
        _check(x, where)
        sigma, _, information = _critic(x, self.rescale)
        return {
            "providers": int(x.shape[0]),
            "normalisation": "min-max" if self.rescale else "value scale",
            "ddof": STD_DDOF,
            "std": _by_child(group.ids, sigma),
            "information": _by_child(group.ids, information),
        }


@attrs.frozen
class StdDev:
    """Standard-deviation weights of the children's values: spread across providers counts.

    See `std_weights`: the weights are proportional to the sample standard deviations of the
    children's values. The values are already on the commissioner's common scale, so by
    default they are used as they are: a child on which providers barely differ gets little
    weight. ``rescale=True`` min-max rescales each child's observed values first. A constant
    child gets weight 0. Needs the performance table, complete, with at least two providers.

    Examples
    --------
    >>> import numpy as np
    >>> from scorecard.weighting import Group
    >>> values = np.array([[0.0, 0.0], [0.5, 0.1], [1.0, 1.0]])
    >>> StdDev().weigh(Group("root", ("a", "b"), (), (), values)).round(4)
    array([0.4758, 0.5242])
    """

    name: ClassVar[str] = "std_dev"
    needs_values: ClassVar[bool] = True

    rescale: bool = attrs.field(default=False, kw_only=True)

    def weigh(self, group: Group) -> FloatArray:
        """``s_j / Σ_k s_k`` of the values (min-max rescaled if asked)."""
        x, where = _values(self.name, group)
        return _std_weights(x, where, self.rescale)

    def describe(self, group: Group) -> dict[str, Any]:
        """Providers, and each child's standard deviation (after any rescaling)."""
        x, where = _values(self.name, group)
        _check(x, where)
        return {
            "providers": int(x.shape[0]),
            "normalisation": "min-max" if self.rescale else "value scale",
            "ddof": STD_DDOF,
            "std": _by_child(group.ids, _std(_scaled(x, self.rescale))),
        }
