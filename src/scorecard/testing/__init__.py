"""Checks for metric and weighting-scheme researchers, with failures told in commissioning terms.

Each ``assert_*`` function raises `AssertionError` with the smallest counter-example it found
(the provider, metric or group involved and the numbers) and returns None otherwise. They need
only numpy; the Hypothesis strategies that pair with them are in `scorecard.testing.strategies`
(``pip install commissioning-scorecard[testing]``).

Examples
--------
>>> import scorecard as sc
>>> from scorecard.testing import assert_dominance_respected
>>> assert_dominance_respected(sc.catalog.balanced().evaluate(sc.datasets.example()))
"""

from scorecard.testing._assertions import (
    TOLERANCE,
    assert_dominance_respected,
    assert_monotone,
    assert_permutation_invariant,
    assert_round_trip,
    assert_scale_invariant,
    assert_weights_valid,
)

__all__ = [
    "TOLERANCE",
    "assert_dominance_respected",
    "assert_monotone",
    "assert_permutation_invariant",
    "assert_round_trip",
    "assert_scale_invariant",
    "assert_weights_valid",
]
