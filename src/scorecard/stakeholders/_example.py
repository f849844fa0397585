"""SYNTHETIC stakeholder lenses for the bundled example: four groups, invented members.

Commissioners weigh treatment outcomes and value for money most, and within outcomes the
treatment exits (completions); providers weigh quality, continuity and training more;
clinicians answer by pairwise comparison (AHP) and weigh outcomes and quality; people using
services weigh the connection test and continuity highest. Each member's points scatter
around their group's (log-normal, a fixed seed); two people using services answered only
the connection domain, so the root has missing answers to report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np

from scorecard.stakeholders._lens import Lens, Member
from scorecard.weighting import AHP, Points, WeightingScheme

__all__ = ["EXAMPLE_GROUPS", "example_lenses"]

DOMAINS: Final = ("outcomes", "connection", "continuity", "training", "quality", "value")


def _points(*values: float) -> Mapping[str, float]:
    return dict(zip(DOMAINS, values, strict=True))


EXAMPLE_GROUPS: Final[Mapping[str, tuple[int, Mapping[str, float]]]] = {
    # members, and points for outcomes, connection, continuity, training, quality, value
    "commissioners": (5, _points(32, 8, 10, 8, 15, 27)),
    "providers": (4, _points(24, 12, 20, 16, 20, 8)),
    "clinicians": (3, _points(30, 10, 15, 14, 26, 5)),
    "people using services": (8, _points(18, 30, 26, 6, 15, 5)),
}
"""Each group: how many members, and the points per domain its members scatter around."""

_SAATY: Final = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)

_OUTCOMES: Final = (
    "substance_use",
    "injecting_risk",
    "crime",
    "health_wellbeing",
    "social_functioning",
    "treatment_exits",
)


_CONNECTION: Final = ("conn_informed", "conn_confident_barc", "conn_connected")


def _scatter(rng: np.random.Generator, centre: object, sigma: float) -> np.ndarray:
    """Whole points scattered log-normally around ``centre``, at least 1."""
    base = np.asarray(centre, dtype=float)
    return np.asarray(np.maximum(1.0, np.round(base * rng.lognormal(0.0, sigma, base.size))))


def _judgements(points: np.ndarray) -> list[list[float]]:
    """Pairwise comparisons from points, each ratio rounded to the nearest Saaty value (log)."""
    ratio = points[:, None] / points[None, :]
    nearest = np.abs(np.log(ratio)[..., None] - np.log(_SAATY)).argmin(axis=-1)
    a = _SAATY[nearest]
    below = np.tril_indices(len(points), -1)
    a[below] = 1.0 / a.T[below]  # exactly reciprocal, whatever the rounding did
    out: list[list[float]] = a.tolist()
    return out


def example_lenses(*, seed: int = 2026) -> tuple[Lens, ...]:
    """The four SYNTHETIC lenses for `scorecard.catalog.balanced`, 20 members in all.

    Examples
    --------
    >>> [(lens.name, len(lens.members)) for lens in example_lenses()]
    [('commissioners', 5), ('providers', 4), ('clinicians', 3), ('people using services', 8)]
    """
    rng = np.random.default_rng(seed)
    lenses = []
    for group, (size, centre) in EXAMPLE_GROUPS.items():
        base = np.array([centre[d] for d in DOMAINS], dtype=float)
        members = []
        for k in range(size):
            points = _scatter(rng, base, 0.25)
            answers: dict[str, WeightingScheme] = {}
            if group == "clinicians":
                answers["root"] = AHP(DOMAINS, _judgements(points))
            elif not (group == "people using services" and k >= size - 2):
                answers["root"] = Points(dict(zip(DOMAINS, points.tolist(), strict=True)))
            if group == "commissioners":  # completions first within outcomes
                exits = np.maximum(
                    1.0, np.round(np.array([12, 6, 8, 8, 6, 30]) * rng.lognormal(0, 0.2, 6))
                )
                answers["outcomes"] = Points(dict(zip(_OUTCOMES, exits.tolist(), strict=True)))
            if group == "people using services":  # connection: being connected first
                conn = np.maximum(1.0, np.round(np.array([30, 30, 40]) * rng.lognormal(0, 0.2, 3)))
                answers["connection"] = Points(
                    dict(
                        zip(
                            ("conn_informed", "conn_confident_barc", "conn_connected"),
                            conn.tolist(),
                            strict=True,
                        )
                    )
                )
            members.append(Member(f"{group} {k + 1}", answers))
        lenses.append(Lens(group, members))
    return tuple(lenses)
