"""Thermal distances and the bath-model ranking against analytic limits."""

import numpy as np
import pytest
from conftest import XXZ_FIELDS, gibbs, random_density_matrix

import lindbath as lb
from lindbath.analysis.comparison import rank_bath_models, spread_grid, temperature_spread
from lindbath.analysis.tables import reference_table
from lindbath.model.density import reduced_pair, trace_distance


def test_trace_distance_of_diagonal_qubits_is_population_difference():
    assert abs(trace_distance(np.diag([0.7, 0.3]), np.diag([0.4, 0.6])) - 0.3) < 1e-14


def test_trace_distance_of_orthogonal_pure_states_is_one():
    a, b = np.diag([1.0, 0, 0, 0]), np.diag([0, 0, 1.0, 0])
    assert abs(trace_distance(a, b) - 1) < 1e-14


def test_reduced_pair_matches_explicit_partial_trace(rng):
    rho = random_density_matrix(rng, 16)
    explicit = np.einsum("iaja->ij", rho.reshape(4, 4, 4, 4))  # keep sites 1, 2
    np.testing.assert_allclose(reduced_pair(rho, 0), explicit, atol=1e-14)
    explicit_mid = np.einsum("aibajb->ij", rho.reshape(2, 4, 2, 2, 4, 2))
    np.testing.assert_allclose(reduced_pair(rho, 1), explicit_mid, atol=1e-14)


def test_ranking_davies_is_thermal_and_partial_trace_contracts():
    chain = lb.Chain(4, **XXZ_FIELDS)
    ds = rank_bath_models(chain, [0.3, 1.0], gamma=1.0)
    assert ds["distance_full"].sel(kind="davies").max() < 1e-9
    for kind in ("local", "fr", "db"):
        assert ds["distance_full"].sel(kind=kind).min() > 1e-3
    # trace distance never grows under partial trace
    assert (ds["distance_middle_pair"] <= ds["distance_full"] + 1e-12).all()
    assert (ds["distance_edge_pair"] <= ds["distance_full"] + 1e-12).all()
    assert float(ds["residual"].max()) < 1e-9


def test_gibbs_state_helper_matches_conftest():
    from lindbath.model.gibbs import gibbs_state

    chain = lb.Chain(4, **XXZ_FIELDS)
    np.testing.assert_allclose(gibbs_state(chain, 0.7), gibbs(chain.hamiltonian().toarray(), 0.7),
                               atol=1e-13)


def test_temperature_spread_is_zero_for_gibbs_and_inverts_the_energy():
    """Davies = Gibbs: every observable gives beta_bath (relative spread at the 1e-5 level of
    PCHIP on the 0.02 grid; measured 7e-6); the spread is (max - min)/mean of the valid
    beta_O.  For DB the middle
    bond energy's beta_eff is checked by a dense route: the Gibbs state at beta_eff has the
    same middle bond energy as the steady state."""
    chain = lb.Chain(6, **XXZ_FIELDS)
    ds = rank_bath_models(chain, [0.3, 0.8], kinds=("db", "davies"))
    davies = ds["beta_eff"].sel(kind="davies")
    valid = davies.where(np.isfinite(davies), drop=True)
    assert valid.count() >= 4 and ds["beta_spread"].sel(kind="davies").max() < 5e-5
    np.testing.assert_allclose(davies.sel(observable="energy"), [0.3, 0.8], atol=1e-5)
    assert ds["beta_spread"].sel(kind="db").min() > 1e-3
    # the spread is relative to the thermometers' own mean, not to beta_bath
    beta = ds["beta_eff"]
    expected = (beta.max("observable") - beta.min("observable")) / beta.mean("observable")
    np.testing.assert_allclose(ds["beta_spread"], expected, rtol=1e-12)
    assert "mean" in ds["beta_spread"].attrs["long_name"]
    beta = float(ds["beta_eff"].sel(kind="db", beta_bath=0.8, observable="energy"))
    steady = lb.steady_state(chain, [lb.make_bath("db", "left", 0.8, 1.0),
                                     lb.make_bath("db", "right", 0.8, 1.0)])
    middle = chain.N // 2 - 1  # bond N//2, 0-based
    thermal = lb.thermal_state(chain, beta)
    assert thermal.expect("energy")[middle] == pytest.approx(steady.expect("energy")[middle],
                                                             abs=1e-5)


def test_spread_of_a_gibbs_state_vanishes_at_any_beta():
    """A Gibbs state at beta = 0.7 (whatever the baths' temperature): every thermometer
    reads 0.7, so the relative spread is zero (PCHIP on the 0.02 grid: 1e-5 level)."""
    chain = lb.Chain(6, **XXZ_FIELDS)
    table = reference_table(chain, [chain.N], spread_grid([0.3, 0.8]))
    betas, flags, spread = temperature_spread(lb.thermal_state(chain, 0.7), table)
    assert (flags == 0).sum() >= 4
    np.testing.assert_allclose(betas[flags == 0], 0.7, atol=1e-4)
    assert spread < 5e-5


def test_ranking_rejects_bad_beta_before_work():
    with pytest.raises(ValueError, match="beta_bath"):
        rank_bath_models(lb.Chain(4, **XXZ_FIELDS), [0.5, -1.0])


def test_missing_spread_has_flags_and_a_warning(caplog):
    """beta_flag is 0 exactly where beta_eff exists; the local bath at beta_bath = 2 has
    only the energy temperature (the others out of range: NaN spread), which is logged with
    the flags."""
    with caplog.at_level("WARNING", logger="lindbath.analysis.comparison"):
        ds = rank_bath_models(lb.Chain(4, **XXZ_FIELDS), [0.1, 2.0], kinds=("local", "db"))
    np.testing.assert_array_equal(ds["beta_flag"] == 0, np.isfinite(ds["beta_eff"]))
    missing = ds["beta_spread"].isnull()
    assert bool(missing.sel(kind="local", beta_bath=2.0)) and int(missing.sum()) == 1
    assert ds["beta_flag"].attrs["flag_meanings"].startswith("ok out_of_range")
    warned = [r.getMessage() for r in caplog.records if "spread is NaN" in r.getMessage()]
    assert len(warned) == int(missing.sum()) and "local beta_bath=2" in warned[0]
