from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scorecard as sc
from scorecard import MissingPolicy, PerformanceTable, Scorecard, global_weights
from scorecard._valuation import valuate
from scorecard.catalog import balanced, completions_only, metrics
from scorecard.datasets import ProviderProfiles, example, generate, provider_profiles
from scorecard.datasets._generate import EXAMPLE_CSV, derived, main
from scorecard.datasets._model import CQC_SHARES, LAWS
from scorecard.datasets._profiles import MAX_PROVIDERS, NAMES, Character, provider_names
from scorecard.errors import ScorecardError
from scorecard.weighting import resolve

FloatArray = np.ndarray[tuple[int], np.dtype[np.float64]]

PERCENT = [m.id for m in metrics().values() if m.unit == "%"]
SHARES = [m for m, law in LAWS.items() if law.kind == "share"]


def weighted(card: Scorecard, table: PerformanceTable, node: str) -> FloatArray:
    """Each provider's weighted mean value over the metrics under ``node`` (none missing)."""
    valuation = valuate(card, table)
    weights = global_weights(card, resolve(card, None))
    cols = [card.metric_ids.index(m) for m in card.leaves(node)]
    assert not valuation.excluded[:, cols].any()
    w = weights[cols] / weights[cols].sum()
    return np.asarray(valuation.values[:, cols] @ w, dtype=np.float64)


def completions_and_connection(table: PerformanceTable) -> tuple[FloatArray, FloatArray]:
    return weighted(completions_only(), table, "root"), weighted(balanced(), table, "connection")


def rank(scores: FloatArray) -> FloatArray:
    """1 = best."""
    return np.asarray((-scores).argsort().argsort() + 1, dtype=np.float64)


# -- one source of truth --------------------------------------------------------------------------


def test_bundled_example_is_exactly_generate() -> None:
    assert example() == generate()
    assert example().fingerprint() == generate().fingerprint()


def test_generate_is_deterministic_and_depends_on_the_seed() -> None:
    assert generate(seed=11) == generate(seed=11)
    assert generate(seed=11) != generate(seed=12)
    assert generate(seed=11, n_providers=5).shape == (5, len(metrics()))


def test_script_entry_writes_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "example.csv"
    assert main(["--output", str(out)]) == 0
    assert "16 providers" in capsys.readouterr().out
    assert out.read_bytes() == EXAMPLE_CSV.read_bytes()
    assert PerformanceTable.from_csv(out) == generate()


def test_the_table_is_derived_from_the_client_records() -> None:
    _, found = derived()
    table = generate()
    for metric in found.table.metrics:
        if metric in table.metrics:
            np.testing.assert_array_equal(table.column(metric), found.table.column(metric))
    client_level = [m for m in table.metrics if m in found.table.metrics]
    assert len(client_level) == 28


def test_client_records_reproduce_the_model_counts() -> None:
    profiles, found = derived()
    counted = [m for m in found.table.metrics if m in SHARES]
    j = [profiles.metrics.index(m) for m in counted]
    k = found.table.metric_index(counted)
    assert found.table.denominators is not None
    same = (found.numerators[:, k] == profiles.counts[:, j]) & (
        found.table.denominators[:, k] == profiles.denominators[:, j]
    )
    present = ~np.isnan(profiles.counts[:, j])
    assert same[present].mean() >= 0.99
    agree = same & present
    np.testing.assert_allclose(
        found.table.values[:, k][agree], profiles.values[:, j][agree], atol=0.005
    )


def test_every_backend_generates_the_same_table() -> None:
    tables = [generate(seed=5, n_providers=4, backend=b) for b in ("polars", "pandas", "pyarrow")]
    assert tables[0] == tables[1] == tables[2]


def test_profiles() -> None:
    profiles = provider_profiles()
    assert isinstance(profiles, ProviderProfiles)
    assert not profiles.values.flags.writeable
    assert profiles.factor("discharge_pressure").shape == (16,)
    with pytest.raises(ScorecardError, match="factor must be one of"):
        profiles.factor("luck")


def test_the_data_say_they_are_synthetic() -> None:
    for documented in (sc.datasets, example, generate, provider_profiles):
        assert "SYNTHETIC" in (documented.__doc__ or "")


# -- shape and plausibility -----------------------------------------------------------------------


def test_every_catalogue_metric_has_a_column() -> None:
    table = example()
    assert set(balanced().metric_ids) <= set(table.metrics)
    assert table.metrics == tuple(metrics())
    assert table.providers == provider_names(16)
    assert table.denominators is not None


def test_values_respect_their_units() -> None:
    table = example()
    share = table.values[:, table.metric_index(PERCENT)]
    assert np.nanmin(share) >= 0
    assert np.nanmax(share) <= 100
    cqc = table.values[:, table.metric_index([m for m in table.metrics if m.startswith("cqc_")])]
    assert set(np.unique(cqc)) <= {1.0, 2.0, 3.0, 4.0}
    for mid in ("caseload_per_worker", "training_hours_per_wte", "sroi_ratio"):
        assert (table.column(mid) > 0).all()
    assert (table.column("contract_years_stable") >= 0).all()
    assert (table.column("learner_placements_per10wte") >= 0).all()


def test_values_mostly_lie_within_their_scales() -> None:
    card = Scorecard("every metric", metrics=list(metrics().values()))
    clipped = valuate(card, example()).clipped
    assert clipped.mean() < 0.04
    assert clipped.any()


def test_missing_cells_only_where_the_policy_allows() -> None:
    table = example()
    missing = np.isnan(table.values)
    allowed = np.array([metrics()[m].missing is MissingPolicy.EXCLUDE for m in table.metrics])
    assert not missing[:, ~allowed].any()
    prison = np.isnan(table.column("continuity_of_care_prison"))
    assert 1 <= prison.sum() <= 2
    assert table.denominators is not None
    leavers = table.denominators[:, table.metric_index(["continuity_of_care_prison"])[0]]
    assert (leavers[prison] == 0).all()
    assert (leavers[~prison] > 0).all()


def test_caseloads_and_cohorts_are_realistic() -> None:
    profiles = provider_profiles()
    table = generate()
    assert table.denominators is not None
    assert ((profiles.caseload >= 250) & (profiles.caseload <= 3000)).all()
    groups = table.denominators[
        :, table.metric_index(["sc_opiate_no_rep", "sc_nonopiate_no_rep", "sc_alcohol_no_rep"])
    ]
    np.testing.assert_array_equal(groups.sum(axis=1), profiles.caseload)
    opiate_top = table.denominators[:, table.metric_index(["top_opiate_abstinent"])[0]]
    assert (opiate_top < groups[:, 0]).all()
    shares = table.metric_index(SHARES)
    present = ~np.isnan(table.values[:, shares])
    assert (table.denominators[:, shares][present] >= 1).all()
    assert (table.denominators[:, shares][present] < 10_000).all()


def test_counts_reproduce_the_shares() -> None:
    profiles = provider_profiles()
    j = [profiles.metrics.index(m) for m in SHARES]
    values, n, k = profiles.values[:, j], profiles.denominators[:, j], profiles.counts[:, j]
    present = ~np.isnan(values)
    np.testing.assert_array_equal(np.round(values * n / 100)[present], k[present])


def test_cqc_ratings_follow_the_national_mix() -> None:
    overall = example().column("cqc_overall")
    counts = [int((overall == code).sum()) for code in (1, 2, 3, 4)]
    assert counts == [1, 4, 10, 1]
    assert np.isclose(sum(CQC_SHARES), 1.0)


# -- the design: correlated domains, and providers that completions alone misjudge -----------------


def test_completions_and_connection_correlate_positively_but_far_from_one() -> None:
    completions, connection = completions_and_connection(example())
    r = np.corrcoef(completions, connection)[0, 1]
    assert 0 < r < 0.8


def test_the_correlation_is_a_property_of_the_design_not_of_one_seed() -> None:
    rs = [np.corrcoef(*completions_and_connection(generate(seed=s)))[0, 1] for s in range(20)]
    assert 0.05 < np.mean(rs) < 0.6
    assert max(rs) < 0.9


def test_a_top_completer_is_in_the_bottom_half_on_connection() -> None:
    completions, connection = completions_and_connection(example())
    n = len(completions)
    assert ((rank(completions) <= 4) & (rank(connection) > n / 2)).any()


def test_the_completions_factory_pushes_people_out_early() -> None:
    profiles = provider_profiles()
    table = generate()
    factory = [c is Character.COMPLETIONS_FACTORY for c in profiles.characters]
    assert sum(factory) == 1
    completions, connection = completions_and_connection(table)
    assert rank(completions)[factory][0] <= 4
    for mid in ("early_unplanned_exit", "staff_turnover", "representation_6m"):
        column = table.column(mid)
        assert column[factory][0] > np.median(column), mid
    assert connection[factory][0] < np.median(connection)


def test_every_character_is_cast_in_the_example() -> None:
    characters = provider_profiles().characters
    assert set(characters) == set(Character)
    assert characters.count(Character.RELATIONSHIP_LED) == 1


# -- arguments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [1, 0, -3, MAX_PROVIDERS + 1, 2.5, True, "16"])
def test_bad_provider_counts_are_refused(bad: object) -> None:
    with pytest.raises(ScorecardError, match="n_providers must be a whole number from 2"):
        generate(n_providers=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 1.5, None, False])
def test_bad_seeds_are_refused(bad: object) -> None:
    with pytest.raises(ScorecardError, match="seed must be a non-negative whole number"):
        generate(seed=bad)  # type: ignore[arg-type]


def test_provider_names_are_distinct_up_to_the_limit() -> None:
    names = provider_names(MAX_PROVIDERS)
    assert len(set(names)) == MAX_PROVIDERS
    assert names[:16] == provider_names(16)
    assert MAX_PROVIDERS >= 5_000
    assert all(name[-1].isalpha() for name in names[:NAMES])  # the first run has no numbers
    assert names[NAMES] == names[0] + " 2"


def test_the_generator_scales_past_the_place_and_kind_names() -> None:
    n = NAMES + 30
    table = generate(seed=11, n_providers=n)
    assert table.providers == provider_names(n)
    assert table.shape == (n, len(table.metrics))
    assert table.denominators is not None
    assert (np.nan_to_num(table.denominators).max(axis=1) > 0).all()  # everyone has clients


# -- any seed -------------------------------------------------------------------------------------


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), n=st.integers(2, 40))
def test_any_seed_gives_finite_values_that_evaluate(seed: int, n: int) -> None:
    table = generate(seed=seed, n_providers=n)
    missing = np.isnan(table.values)
    allowed = np.array([metrics()[m].missing is MissingPolicy.EXCLUDE for m in table.metrics])
    assert not missing[:, ~allowed].any()
    assert np.isfinite(table.values[~missing]).all()
    valuation = valuate(balanced(), table)
    assert np.isfinite(valuation.values).all()
    assert ((valuation.values >= 0) & (valuation.values <= 1)).all()
    assert valuate(completions_only(), table).values.shape == (n, 3)
