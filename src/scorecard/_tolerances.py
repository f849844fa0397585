"""The package's tolerances: one constant per meaning, each saying when it applies."""

from __future__ import annotations

from typing import Final

__all__ = [
    "RECIPROCAL_TOLERANCE",
    "RENORMALISE_BEYOND",
    "ROUNDING",
    "SUM_TOLERANCE",
    "TIE_TOLERANCE",
]

SUM_TOLERANCE: Final = 1e-6
"""How far given siblings' weights may sum from 1 before they are refused (then renormalised)."""

RENORMALISE_BEYOND: Final = 1e-12
"""Groups summing this close to 1 are floating-point rounding and are not renormalised."""

ROUNDING: Final = 1e-9
"""How far computed weights (a scheme's, a sampler's centre, in assertions) may be off."""

TIE_TOLERANCE: Final = 1e-12
"""A score within this of the next better score ties with it (floating-point noise is not a rank).

Ties are found from the gaps between sorted scores, not by rounding, so they do not depend on
the floating-point rounding mode and no grid boundary can split two nearly equal scores.
"""

RECIPROCAL_TOLERANCE: Final = 1e-6
"""Relative tolerance for ``a_ji = 1 / a_ij`` and a unit diagonal in pairwise (AHP) matrices."""
