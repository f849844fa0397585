"""Cross-check against pysensmcda's SMAA-2 on the same weight samples (pymcdm weighted sum)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import scorecard as sc
from scorecard.sensitivity import sample_weights, smaa

pymcdm_methods = pytest.importorskip("pymcdm.methods")
pysensmcda_smaa = pytest.importorskip("pysensmcda.smaa")


def identity(x: np.ndarray, cost: bool) -> np.ndarray:  # noqa: ARG001 - pymcdm's signature
    """No normalisation: the scorecard's values are already on [0, 1], higher is better."""
    return x


@pytest.mark.parametrize("seed", [1, 2])
def test_rank_acceptability_and_central_weights_match_pysensmcda(seed: int) -> None:
    ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    if ev.excluded.any():  # pysensmcda has no missing-value policy: use complete providers
        keep = [p for p, row in zip(ev.providers, ev.excluded, strict=True) if not row.any()]
        ev = ev.card.evaluate(ev.table.take(keep))
    samples = 20_000
    weights = sample_weights(ev, samples, seed=seed)
    ours = smaa(ev, samples=samples, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its note that deterministic confidence factors are 1
        theirs = pysensmcda_smaa.smaa2(
            pymcdm_methods.WSM(identity),
            ev.values,
            np.ones(len(ev.metrics)),
            weights=weights,
        )
    assert ours.ties == 0
    assert np.array_equal(ours.rank_acceptability, theirs.rank_acceptability)
    np.testing.assert_allclose(
        ours.central_weights, theirs.central_weights, rtol=0, atol=1e-12, equal_nan=True
    )
    np.testing.assert_allclose(ours.holistic, theirs.holistic_acceptability, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(ours.confidence, theirs.confidence_factors)
