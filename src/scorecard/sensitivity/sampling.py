"""Weight samplers for stochastic multicriteria acceptability analysis (SMAA).

Every sampler returns a ``float64`` array of shape ``(n, m)``: ``n`` weight vectors over ``m``
criteria, each row non-negative and summing to one. Randomness comes only from the ``rng``
argument, a :class:`numpy.random.Generator`; pass ``numpy.random.default_rng(seed)`` and the
same seed (with the same arguments) gives bit-for-bit the same samples.

* `uniform_simplex` -- no preference information: uniform on the simplex.
* `ordinal_simplex` -- a rank order of the criteria: uniform on the ordered part of the simplex,
  sampled exactly (no Markov chain).
* `concentrated` -- weights scattered around the current ones: a Dirichlet distribution.
* `hit_and_run` -- general linear information (bounds, trade-off ratios): uniform on the
  polytope, sampled by a Markov chain. Use `mixing_report` to check that the chain mixed.

The first three are exact and fully vectorised; `hit_and_run` is a Markov chain whose steps are
vectorised over several independent chains.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from scorecard._arrays import FloatArray
from scorecard._tolerances import ROUNDING
from scorecard._validation import check_count
from scorecard.errors import WeightError

__all__ = [
    "MixingReport",
    "concentrated",
    "hit_and_run",
    "mixing_report",
    "ordinal_simplex",
    "uniform_simplex",
]


#: Tolerance on a sum of weights given by the caller (``centre``, ``start``).
#: Smallest normalised slack for a point to count as strictly inside the constraints.
_INTERIOR = 1e-9
#: Phase one gives up looking for an interior once its duality gap is below this.
_GAP = 1e-7
#: Newton's method stops when half its squared decrement is below this.
_NEWTON = 1e-12
#: Smallest backtracking step tried.
_SMALLEST_STEP = 1e-12


def uniform_simplex(n: int, m: int, *, rng: np.random.Generator) -> FloatArray:
    """Weights drawn exactly uniformly from the (m-1)-simplex.

    Each row is a vector of ``m`` independent standard exponential draws divided by its sum,
    which is the Dirichlet(1, ..., 1) distribution, i.e. uniform on the simplex (equivalently
    the spacings of ``m - 1`` sorted uniforms). Each weight's marginal is Beta(1, m - 1):
    mean ``1/m``, variance ``(m - 1) / (m**2 (m + 1))``.

    Parameters
    ----------
    n
        Number of weight vectors (rows), at least 1.
    m
        Number of criteria (columns), at least 1.
    rng
        Source of randomness, e.g. ``numpy.random.default_rng(seed)``.

    Returns
    -------
    numpy.ndarray
        ``float64`` array of shape ``(n, m)``; rows are non-negative and sum to one.

    Raises
    ------
    WeightError
        If ``n`` or ``m`` is less than 1.

    Examples
    --------
    >>> import numpy as np
    >>> w = uniform_simplex(1000, 4, rng=np.random.default_rng(1))
    >>> w.shape
    (1000, 4)
    >>> bool(np.allclose(w.sum(axis=1), 1.0) and (w >= 0).all())
    True
    """
    n = check_count(n, "n", hint="zero samples requested")
    m = check_count(m, "m")
    draws = rng.standard_exponential((n, m))
    return np.asarray(draws / draws.sum(axis=1, keepdims=True), dtype=np.float64)


def _permutation(ranking: Sequence[int]) -> NDArray[np.intp]:
    """``ranking`` as an index array, checked to be a permutation of ``0..len-1``."""
    try:
        order = [operator.index(i) for i in ranking]
    except TypeError:
        raise WeightError(
            f"ranking must be a sequence of integer column indices; got {list(ranking)!r}"
        ) from None
    m = len(order)
    if m == 0:
        raise WeightError("ranking must name at least one criterion; got an empty ranking")
    counts = Counter(order)
    seen = set(counts)
    repeated = sorted(i for i, k in counts.items() if k > 1)
    unknown = sorted(i for i in seen if not 0 <= i < m)
    missing = sorted(set(range(m)) - seen)
    if repeated or unknown or missing:
        problems = []
        if unknown:
            problems.append(f"unknown indices {unknown}")
        if repeated:
            problems.append(f"repeated indices {repeated}")
        if missing:
            problems.append(f"missing indices {missing}")
        raise WeightError(
            f"ranking must list each column index 0..{m - 1} exactly once; "
            f"got {order}: {', '.join(problems)}"
        )
    return np.asarray(order, dtype=np.intp)


def ordinal_simplex(n: int, ranking: Sequence[int], *, rng: np.random.Generator) -> FloatArray:
    """Weights uniform over the simplex subject to a rank order of the criteria.

    ``ranking`` lists the column indices most important first, so every row satisfies
    ``w[ranking[0]] >= w[ranking[1]] >= ...``. Sampling is exact: uniform simplex rows are
    sorted in decreasing order and placed in ranking order (the ordered region is one of the
    ``m!`` congruent pieces of the simplex, so sorting maps the uniform distribution onto the
    uniform distribution on that piece). The mean is the rank-order-centroid weight vector:
    the criterion ranked ``i`` (from 1) has mean ``(1/m) * sum(1/k for k in i..m)``.

    Parameters
    ----------
    n
        Number of weight vectors (rows), at least 1.
    ranking
        A permutation of ``0..m-1``: column indices, most important first.
    rng
        Source of randomness, e.g. ``numpy.random.default_rng(seed)``.

    Returns
    -------
    numpy.ndarray
        ``float64`` array of shape ``(n, len(ranking))``; rows on the simplex, in rank order.

    Raises
    ------
    WeightError
        If ``n`` is less than 1 or ``ranking`` is not a permutation (the message names the
        unknown, repeated and missing indices).

    Examples
    --------
    >>> import numpy as np
    >>> w = ordinal_simplex(500, [2, 0, 1], rng=np.random.default_rng(2))
    >>> bool(np.all(w[:, 2] >= w[:, 0]) and np.all(w[:, 0] >= w[:, 1]))
    True
    """
    n = check_count(n, "n", hint="zero samples requested")
    order = _permutation(ranking)
    ordered = -np.sort(-uniform_simplex(n, order.size, rng=rng), axis=1)
    weights = np.empty_like(ordered)
    weights[:, order] = ordered
    return weights


def concentrated(
    n: int, centre: ArrayLike, *, concentration: float, rng: np.random.Generator
) -> FloatArray:
    """Weights scattered around ``centre``: Dirichlet(concentration * centre).

    The mean of the samples is ``centre`` and each weight's variance is
    ``centre_i (1 - centre_i) / (concentration + 1)``, so larger concentrations keep the
    samples closer to ``centre`` (``concentration = m`` with equal weights is the uniform
    simplex). Criteria whose ``centre`` weight is 0 stay exactly 0: the Dirichlet is drawn over
    the positive entries only.

    Parameters
    ----------
    n
        Number of weight vectors (rows), at least 1.
    centre
        The current weights: a non-empty 1-D vector of non-negative numbers summing to one
        (within 1e-9; it is rescaled to sum exactly to one).
    concentration
        The Dirichlet's total concentration, a finite number greater than 0.
    rng
        Source of randomness, e.g. ``numpy.random.default_rng(seed)``.

    Returns
    -------
    numpy.ndarray
        ``float64`` array of shape ``(n, len(centre))``; rows on the simplex.

    Raises
    ------
    WeightError
        If ``n`` is less than 1, ``centre`` is not a simplex vector (negative, NaN or infinite
        entries, or a sum other than one), or ``concentration`` is not a finite positive number.

    Examples
    --------
    >>> import numpy as np
    >>> w = concentrated(2000, [0.5, 0.3, 0.2, 0.0], concentration=50, rng=np.random.default_rng(3))
    >>> bool(np.all(w[:, 3] == 0.0))
    True
    >>> np.round(w.mean(axis=0), 1).tolist()
    [0.5, 0.3, 0.2, 0.0]
    """
    n = check_count(n, "n", hint="zero samples requested")
    c = np.asarray(centre, dtype=np.float64)
    if c.ndim != 1 or c.size == 0:
        raise WeightError(f"centre must be a non-empty 1-D vector; got shape {c.shape}")
    bad = np.flatnonzero(~np.isfinite(c) | (c < 0))
    if bad.size:
        raise WeightError(
            f"centre must be non-negative and finite; bad entries at indices {bad.tolist()}: "
            f"{c[bad].tolist()}"
        )
    total = float(c.sum())
    if abs(total - 1.0) > ROUNDING:
        raise WeightError(f"centre must sum to 1 (within {ROUNDING}); it sums to {total!r}")
    scale = float(concentration)
    if not (math.isfinite(scale) and scale > 0):
        raise WeightError(f"concentration must be a finite number > 0; got {concentration!r}")
    support = np.flatnonzero(c > 0)
    weights = np.zeros((n, c.size), dtype=np.float64)
    if support.size == 1:  # Dirichlet of one component: the point itself, exactly
        weights[:, support] = 1.0
    else:
        weights[:, support] = rng.dirichlet(scale * c[support] / total, size=n)
    return weights


def _bound(value: ArrayLike | None, m: int, name: str, default: float) -> FloatArray:
    """A bound vector of length ``m`` (a scalar is broadcast); NaN is refused."""
    if value is None:
        return np.full(m, default)
    bound = np.asarray(value, dtype=np.float64)
    if bound.ndim == 0:
        bound = np.full(m, float(bound))
    if bound.shape != (m,):
        raise WeightError(
            f"{name} must have one entry per criterion ({m}); got shape {bound.shape}"
        )
    nan = np.flatnonzero(np.isnan(bound))
    if nan.size:
        raise WeightError(f"{name} bounds are NaN at indices {nan.tolist()}")
    return bound


def _ratio_rows(ratios: Sequence[tuple[int, int, float]], m: int) -> FloatArray:
    """Rows ``c e_j - e_i`` (``<= 0``) for the ratio constraints ``w_i >= c w_j``."""
    rows = np.zeros((len(ratios), m))
    for k, ratio in enumerate(ratios):
        try:
            i, j, c = ratio
            i, j, c = operator.index(i), operator.index(j), float(c)
        except (TypeError, ValueError):
            raise WeightError(
                f"ratio constraint {k} must be a tuple (i, j, c) meaning w[i] >= c * w[j]; "
                f"got {ratio!r}"
            ) from None
        unknown = [x for x in (i, j) if not 0 <= x < m]
        if unknown:
            raise WeightError(
                f"ratio constraint {k} {ratio!r} names unknown criteria {unknown}; "
                f"indices run from 0 to {m - 1}"
            )
        if i == j:
            raise WeightError(f"ratio constraint {k} {ratio!r} relates criterion {i} to itself")
        if not (math.isfinite(c) and c > 0):
            raise WeightError(
                f"ratio constraint {k} {ratio!r} needs a finite factor c > 0; got {c!r}"
            )
        rows[k, i] -= 1.0
        rows[k, j] += c
    return rows


def _constraints(
    m: int,
    lower: ArrayLike | None,
    upper: ArrayLike | None,
    ratios: Sequence[tuple[int, int, float]],
) -> tuple[FloatArray, FloatArray]:
    """The polytope as ``G w <= h`` (rows of unit norm), plus ``sum(w) == 1``.

    Checks the bounds first, so that the usual infeasibilities are reported by name.
    """
    lo = np.maximum(_bound(lower, m, "lower", 0.0), 0.0)
    hi = np.minimum(_bound(upper, m, "upper", 1.0), 1.0)
    crossed = np.flatnonzero(lo > hi)
    if crossed.size:
        raise WeightError(
            "the constraints are infeasible: lower > upper (after clipping to [0, 1]) at "
            f"indices {crossed.tolist()}: lower {lo[crossed].tolist()}, "
            f"upper {hi[crossed].tolist()}"
        )
    if lo.sum() > 1.0:
        raise WeightError(
            f"the constraints are infeasible: the lower bounds sum to {float(lo.sum())!r} > 1"
        )
    if hi.sum() < 1.0:
        raise WeightError(
            f"the constraints are infeasible: the upper bounds sum to {float(hi.sum())!r} < 1"
        )
    keep = hi < 1.0
    eye = np.eye(m)
    G = np.vstack([-eye, eye[keep], _ratio_rows(ratios, m)])
    h = np.concatenate([-lo, hi[keep], np.zeros(len(ratios))])
    norms = np.linalg.norm(G, axis=1)
    return G / norms[:, None], h / norms


def _centre(A: FloatArray, b: FloatArray, z: FloatArray, t: float) -> FloatArray:
    """Minimise ``t * z[-1] - sum(log(b - A z))`` from the strictly feasible ``z`` (Newton)."""
    objective = np.zeros(z.size)
    objective[-1] = t

    def barrier(z: FloatArray) -> float:
        r = b - A @ z
        return math.inf if np.any(r <= 0) else float(objective @ z) - float(np.log(r).sum())

    for _ in range(100):
        inv = 1.0 / (b - A @ z)
        grad = objective + A.T @ inv
        hessian = (A.T * inv**2) @ A
        try:
            step = -np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:  # pragma: no cover - only if badly conditioned
            break
        decrement = -float(grad @ step)
        if decrement / 2 < _NEWTON:
            break
        size, current = 1.0, barrier(z)
        while barrier(z + size * step) > current - 0.25 * size * decrement:
            size /= 2
            if size < _SMALLEST_STEP:
                return z  # no step improves: z is as central as rounding allows
        z = z + size * step
    return z


def _interior_point(G: FloatArray, h: FloatArray) -> FloatArray:
    """A point deep inside ``{G w <= h, sum(w) = 1}``, or a `WeightError`.

    Phase one of a log-barrier interior-point method: minimise ``s`` subject to
    ``G w - h <= s`` over the affine hyperplane, starting from the barycentre with a large
    ``s``. At the optimum ``-s`` is the largest slack a single point can leave on every
    (unit-norm) constraint; if it is not positive the polytope has no interior.
    """
    m = G.shape[1]
    basis = np.linalg.svd(np.ones((1, m)))[2][1:].T  # orthonormal basis of {sum(d) == 0}
    barycentre = np.full(m, 1.0 / m)
    A = np.hstack([G @ basis, -np.ones((G.shape[0], 1))])  # in z = (y, s): r = b - A z > 0
    b = h - G @ barycentre
    z = np.zeros(m)
    z[-1] = 1.0 - float(b.min())
    t = 1.0
    while True:
        z = _centre(A, b, z, t)
        gap = G.shape[0] / t  # s exceeds its optimum by at most this
        if (z[-1] < 0 and gap <= -0.1 * z[-1]) or gap < _GAP:
            break
        t *= 20
    if -z[-1] <= _INTERIOR:
        raise WeightError(
            "the constraints are infeasible or leave no room: no weight vector satisfies the "
            "bounds and ratio constraints with slack on every constraint (largest slack "
            f"{-float(z[-1]):.3g}); hit-and-run needs a polytope with an interior, so fix "
            "weights that are pinned by equal bounds or opposing ratios instead of sampling them"
        )
    point = np.asarray(barycentre + basis @ z[:-1], dtype=np.float64)
    if np.min(h - G @ point) <= 0:  # pragma: no cover - a guard against rounding
        raise WeightError("could not find a point strictly inside the constraints; pass start")
    return point


def _checked_start(start: ArrayLike, G: FloatArray, h: FloatArray) -> FloatArray:
    """The caller's starting point, checked to be strictly inside the polytope."""
    m = G.shape[1]
    point = np.asarray(start, dtype=np.float64)
    if point.shape != (m,) or not np.all(np.isfinite(point)):
        raise WeightError(
            f"start must be a finite vector with one entry per criterion ({m}); got {start!r}"
        )
    total = float(point.sum())
    if abs(total - 1.0) > ROUNDING:
        raise WeightError(f"start must sum to 1 (within {ROUNDING}); it sums to {total!r}")
    point = np.asarray(point - (total - 1.0) / m, dtype=np.float64)
    slack = h - G @ point
    tight = np.flatnonzero(slack <= _INTERIOR)
    if tight.size:
        raise WeightError(
            "start must lie strictly inside the constraints; it violates or touches "
            f"{tight.size} of them (smallest slack {float(slack.min()):.3g})"
        )
    return point


def hit_and_run(
    n: int,
    m: int,
    *,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
    ratios: Sequence[tuple[int, int, float]] = (),
    rng: np.random.Generator,
    thin: int | None = None,
    burn_in: int | None = None,
    start: ArrayLike | None = None,
    chains: int = 16,
) -> FloatArray:
    """Weights approximately uniform on a polytope of the simplex, by hit-and-run.

    The polytope is ``{w >= 0, sum(w) = 1, lower <= w <= upper, w[i] >= c * w[j]}`` with one
    ratio constraint per tuple ``(i, j, c)`` in ``ratios`` (``c = 1`` expresses an order). Each
    step of the chain draws a direction uniformly from the unit sphere of the hyperplane
    ``sum(d) = 0`` (an isotropic normal vector with its mean subtracted), intersects the line
    through the current point with every constraint at once, and moves to a uniform point of
    the resulting chord. ``chains`` independent chains start from the same interior point and
    advance together, so each step is one batch of numpy operations; sample ``k`` comes from
    chain ``k % chains``. After ``burn_in`` steps each chain keeps one point every ``thin``
    steps.

    Prefer `uniform_simplex` or `ordinal_simplex` when they fit: they are exact and much faster.

    Parameters
    ----------
    n
        Number of weight vectors (rows), at least 1.
    m
        Number of criteria (columns), at least 1.
    lower, upper
        Bounds on each weight: a scalar or one entry per criterion; ``None`` means 0 and 1.
        NaN is refused.
    ratios
        Tuples ``(i, j, c)``, each meaning ``w[i] >= c * w[j]`` with ``c`` finite and positive.
    rng
        Source of randomness, e.g. ``numpy.random.default_rng(seed)``.
    thin
        Steps between kept samples of a chain; default ``10 * m``. The chain needs roughly
        ``m`` steps to forget its position in each direction; keeping every ``m``-th step (the
        pysensmcda default) gave a mean of 0.082 instead of 0.133 for the top of 30 ordered
        weights, ``10 * m`` gave 0.124 (see ``mixing_report`` to check a particular problem).
    burn_in
        Steps discarded at the start of each chain; default ``100 * m``.
    start
        A point strictly inside the polytope. By default one is computed: the point leaving
        the most slack on every constraint, found by a small log-barrier (phase-one) method.
    chains
        Number of independent chains run side by side, at least 1 (capped at ``n``).

    Returns
    -------
    numpy.ndarray
        ``float64`` array of shape ``(n, m)``; rows satisfy every constraint.

    Raises
    ------
    WeightError
        If ``n``, ``m``, ``thin`` or ``chains`` is less than 1, ``burn_in`` is negative, a bound
        is NaN or has the wrong length, a ratio constraint names an unknown criterion or has a
        non-positive factor, the constraints are infeasible (crossed bounds, lower bounds
        summing to more than 1, upper bounds to less than 1) or leave no interior, or ``start``
        is not strictly inside.

    Examples
    --------
    >>> import numpy as np
    >>> w = hit_and_run(
    ...     400, 3, lower=0.1, ratios=[(0, 1, 2.0)], rng=np.random.default_rng(4)
    ... )
    >>> w.shape
    (400, 3)
    >>> bool(np.all(w >= 0.1 - 1e-9) and np.all(w[:, 0] >= 2.0 * w[:, 1] - 1e-9))
    True
    """
    n = check_count(n, "n", hint="zero samples requested")
    m = check_count(m, "m")
    thin = 10 * m if thin is None else check_count(thin, "thin")
    burn_in = 100 * m if burn_in is None else check_count(burn_in, "burn_in", minimum=0)
    chains = min(check_count(chains, "chains"), n)
    G, h = _constraints(m, lower, upper, ratios)
    if m == 1:  # the simplex is the single point (1,), which the bounds admit
        return np.ones((n, 1))
    point = _interior_point(G, h) if start is None else _checked_start(start, G, h)
    Gt = np.ascontiguousarray(G.T)
    state = np.tile(point, (chains, 1))
    per_chain = -(-n // chains)
    out = np.empty((per_chain, chains, m))

    def advance(state: FloatArray, steps: int) -> FloatArray:
        for _ in range(steps):
            direction = rng.standard_normal((chains, m))
            direction -= direction.mean(axis=1, keepdims=True)
            rate = direction @ Gt
            slack = np.maximum(h - state @ Gt, 0.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                reach = slack / rate
            t_hi = np.where(rate > 0, reach, np.inf).min(axis=1)
            t_lo = np.where(rate < 0, reach, -np.inf).max(axis=1)
            t = t_lo + rng.random(chains) * (t_hi - t_lo)
            state = state + t[:, None] * direction
            state -= (state.sum(axis=1, keepdims=True) - 1.0) / m
        return state

    state = advance(state, burn_in)
    for k in range(per_chain):
        state = advance(state, thin)
        out[k] = np.maximum(state, 0.0)
    return out.reshape(per_chain * chains, m)[:n]


@attrs.frozen(eq=False)
class MixingReport:
    """How well a sample estimates the mean of each coordinate (batch-means method).

    ``standard_error`` is the Monte-Carlo standard error of ``mean`` allowing for
    autocorrelation; ``effective_sample_size`` is the number of independent draws that would
    give the same standard error (close to ``n_samples`` for exact samplers, much lower for a
    poorly mixed chain); ``z_score`` is ``(mean - exact_mean) / standard_error`` when an exact
    mean was given, else ``None``. ``|z| > 4`` or so suggests the chain has not mixed.
    """

    n_samples: int
    batches: int
    mean: FloatArray
    standard_error: FloatArray
    effective_sample_size: FloatArray
    z_score: FloatArray | None


def mixing_report(
    samples: ArrayLike, *, exact_mean: ArrayLike | None = None, batches: int | None = None
) -> MixingReport:
    """Monte-Carlo error, effective sample size and z-scores of a sample's column means.

    The samples (rows, in the order drawn) are cut into ``batches`` consecutive batches of
    equal size (``floor(sqrt(n))`` by default; left-over rows at the end are used for the mean
    only). The variance of the batch means, times the batch size, estimates the asymptotic
    variance of the chain, from which the standard error and effective sample size follow.

    Parameters
    ----------
    samples
        Array of shape ``(n, m)``, ``n >= 4``, finite; e.g. the output of a sampler, or a
        function of it (``(w - mu) ** 2`` checks variances).
    exact_mean
        Known expected value of each column (a scalar or ``m`` entries), to compute z-scores.
    batches
        Number of batches, between 2 and ``n // 2``.

    Returns
    -------
    MixingReport

    Raises
    ------
    WeightError
        If ``samples`` is not a finite 2-D array with at least 4 rows, ``exact_mean`` has the
        wrong length, or ``batches`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> w = uniform_simplex(4000, 3, rng=np.random.default_rng(5))
    >>> report = mixing_report(w, exact_mean=1 / 3)
    >>> bool(np.all(np.abs(report.z_score) < 5))
    True
    >>> bool(np.all(report.effective_sample_size > 2000))
    True
    """
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < 4 or not np.all(np.isfinite(x)):  # noqa: PLR2004
        raise WeightError(
            f"samples must be a finite 2-D array with at least 4 rows; got shape {x.shape}"
        )
    n = x.shape[0]
    count = max(2, math.isqrt(n)) if batches is None else operator.index(batches)
    if not 2 <= count <= n // 2:  # noqa: PLR2004
        raise WeightError(f"batches must be between 2 and {n // 2}; got {count}")
    size = n // count
    mean = x.mean(axis=0)
    batch_means = x[: count * size].reshape(count, size, -1).mean(axis=1)
    long_run = size * batch_means.var(axis=0, ddof=1)
    variance = x.var(axis=0, ddof=1)
    standard_error = np.sqrt(long_run / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        ess = np.where(long_run > 0, n * variance / long_run, float(n))
    z_score = None
    if exact_mean is not None:
        exact = np.asarray(exact_mean, dtype=np.float64)
        if exact.ndim > 1 or (exact.ndim == 1 and exact.size != mean.size):
            raise WeightError(
                f"exact_mean must be a scalar or have {mean.size} entries; got shape {exact.shape}"
            )
        exact = np.broadcast_to(exact, mean.shape)
        gap = mean - exact
        with np.errstate(divide="ignore", invalid="ignore"):
            z_score = np.where(
                standard_error > 0, gap / standard_error, np.where(gap == 0, 0.0, np.inf)
            )
    return MixingReport(
        n_samples=n,
        batches=count,
        mean=mean,
        standard_error=standard_error,
        effective_sample_size=np.asarray(ess, dtype=np.float64),
        z_score=z_score,
    )
