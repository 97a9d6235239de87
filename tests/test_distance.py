"""The trace-distance thermometer (lindbath.analysis.distance; Mendoza-Arenas, Clark and
Jaksch, PRE 91, 042129 (2015))."""

import numpy as np
import pytest
from conftest import TILTED_ISING, XXZ_FIELDS, gibbs
from scipy.linalg import expm

import lindbath as lb
from lindbath.analysis.distance import (
    AT_GRID_EDGE,
    OK,
    bond_density_matrices,
    global_thermal_distance,
    thermal_distance,
    trace_distance,
)
from lindbath.model.observables import OBSERVABLES
from lindbath.model.pauli import from_pauli

COARSE = np.linspace(0.0, 3.0, 61)  # step 0.05
FINE = np.linspace(0.0, 3.0, 301)  # step 0.01
DB = [lb.DBBath("left", beta=0.5, gamma=1.0), lb.DBBath("right", beta=0.5, gamma=1.0)]


@pytest.fixture(scope="module")
def steady():
    chain = lb.Chain(6, **XXZ_FIELDS)
    return lb.steady_state(chain, DB)


@pytest.fixture(scope="module")
def tables():
    return {name: {step: lb.reference_table(params, [6], grid)
                   for step, grid in (("coarse", COARSE), ("fine", FINE))}
            for name, params in (("xxz", XXZ_FIELDS), ("ising", TILTED_ISING))}


def test_trace_distance_by_hand():
    assert trace_distance(np.diag([0.7, 0.3]), np.diag([0.4, 0.6])) == pytest.approx(0.3)
    up, plus = np.diag([1.0, 0.0]), np.full((2, 2), 0.5)
    assert trace_distance(up, plus) == pytest.approx(np.sqrt(0.5), abs=1e-14)  # sqrt(1-|<.|.>|^2)
    stacked = trace_distance(np.stack([up, up]), np.stack([plus, up]))  # over a leading axis
    np.testing.assert_allclose(stacked, [np.sqrt(0.5), 0.0], atol=1e-14)


@pytest.mark.parametrize("name", ["xxz", "ising"])
@pytest.mark.parametrize("step, betas, tol", [("fine", (0.073, 0.437, 1.373), 1e-8),
                                              ("coarse", (0.07, 0.43, 1.37), 1e-5)])
def test_gibbs_state_reads_back_its_beta(tables, name, step, betas, tol):
    """Null test off the grid.  d_min of an exact Gibbs state is the cubic-spline error of the
    reference: below 1e-8 on the 0.01 grid, up to ~2e-6 near beta = 0.07 on the 0.05 grid."""
    params = XXZ_FIELDS if name == "xxz" else TILTED_ISING
    for beta in betas:
        result = thermal_distance(lb.thermal_state(lb.Chain(6, **params), beta),
                                  tables[name][step])
        np.testing.assert_allclose(result["beta_rho"], beta, rtol=1e-4)
        assert result["d_min"].max() < tol
        assert (result["flag_rho"] == OK).all()
        assert result["d_min_reference_error"].isnull().all()  # exact table: no chi check


def test_bond_density_matrices_match_qutip_partial_trace():
    state = lb.steady_state(lb.Chain(4, **XXZ_FIELDS), DB)
    rhos = bond_density_matrices(state.values)
    qobj = state.to_qutip()
    for b in range(1, 4):
        np.testing.assert_allclose(rhos[b - 1], qobj.ptrace([b - 1, b]).full(), atol=1e-10)
    np.testing.assert_allclose(rhos, np.swapaxes(rhos, 1, 2).conj(), atol=1e-14)
    np.testing.assert_allclose(np.trace(rhos, axis1=1, axis2=2), 1.0, atol=1e-14)
    assert np.linalg.eigvalsh(rhos).min() > -1e-12
    np.testing.assert_allclose(bond_density_matrices(state.to_dataset()), rhos, atol=1e-15)


def test_steady_state_is_not_thermal(steady, tables):
    table = tables["xxz"]["fine"]
    result = thermal_distance(steady, table)
    assert result.sizes["bond"] == 5
    assert np.all(np.isfinite(result["d_min"])) and result["d_min"].min() > 1e-3
    assert ((result["beta_rho"] > 0.0) & (result["beta_rho"] < 3.0)).all()
    assert (result["flag_rho"] == OK).all()
    # reflection symmetry of the chain and the baths: bond b and bond N - b agree
    np.testing.assert_allclose(result["d_min"], result["d_min"][::-1], rtol=1e-6)
    # the minimum: no grid point of the reference is closer
    rho = bond_density_matrices(steady.values)[2]
    grid = [trace_distance(rho, bond_density_matrices(table.sel(N_ref=6, beta=b))[2])
            for b in FINE]
    assert float(result["d_min"][2]) <= min(grid) + 1e-12
    # the same answer from the saved form
    xr_result = thermal_distance(steady.to_dataset(), table)
    np.testing.assert_allclose(xr_result["beta_rho"], result["beta_rho"], rtol=1e-12)
    for name in result.data_vars:
        assert {"long_name", "units"} <= set(result[name].attrs)
    assert "observable" not in result.attrs


def test_minimum_beyond_the_grid_is_flagged(tables):
    short = tables["xxz"]["fine"].sel(beta=slice(0.0, 1.0))
    result = thermal_distance(lb.thermal_state(lb.Chain(6, **XXZ_FIELDS), 1.373), short)
    assert (result["flag_rho"] == AT_GRID_EDGE).all()
    np.testing.assert_allclose(result["beta_rho"], 1.0, atol=1e-6)
    assert (result["d_min"] > 1e-3).all()


def test_chi_check_reference_error(steady, tables):
    """A fake purification check: every <sigma^z_l> shifted by eps changes rho_b by
    (eps/4)(Z x 1 + 1 x Z), eigenvalues (eps/2, 0, 0, -eps/2): D = eps/2."""
    eps, table = 1e-3, tables["xxz"]["fine"]
    checked = table.assign({f"{name}_chi_check": table[name] + (eps if name == "sz" else 0.0)
                            for name in OBSERVABLES})
    result = thermal_distance(steady, checked)
    np.testing.assert_allclose(result["d_min_reference_error"], eps / 2, rtol=1e-9)


def test_bad_tables_are_refused(steady, tables):
    with pytest.raises(ValueError, match="N_ref"):
        thermal_distance(steady, lb.reference_table(XXZ_FIELDS, [4, 5], FINE))
    with pytest.raises(ValueError, match="another chain"):
        thermal_distance(steady, tables["ising"]["fine"])


def test_global_distance_of_a_gibbs_state():
    chain = lb.Chain(6, **XXZ_FIELDS)
    rho = gibbs(chain.hamiltonian().toarray(), 0.6)
    for grid in (COARSE, np.arange(0.0, 3.0, 0.07)):  # 0.6 on the grid, then off it
        beta, d = global_thermal_distance(rho, chain, grid)
        assert beta == pytest.approx(0.6, abs=1e-6) and d < 1e-8


def test_global_distance_against_a_dense_scan(steady):
    """Brute force: exp(-beta H)/Tr by expm on a grid of step 0.01, D by eigvalsh."""
    chain = steady.chain
    rho = from_pauli(steady.pauli / steady.pauli[0])
    beta, d = global_thermal_distance(rho, chain, COARSE)
    h, scan = chain.hamiltonian().toarray(), FINE

    def brute(b):
        g = expm(-b * h)
        return 0.5 * np.abs(np.linalg.eigvalsh(rho - g / np.trace(g))).sum()

    distances = [brute(b) for b in scan]
    i = int(np.argmin(distances))
    assert abs(beta - scan[i]) <= scan[1] - scan[0]
    assert brute(beta) == pytest.approx(d, abs=1e-12)  # D_min is the distance at beta*
    assert d <= distances[i] + 1e-12  # and no point of the scan is closer
    assert d > 1e-2  # a DB steady state is not a Gibbs state


def test_global_distance_refuses_large_chains():
    with pytest.raises(ValueError, match=r"<= 12; got N=13"):
        global_thermal_distance(np.eye(2), lb.Chain(13, **XXZ_FIELDS), COARSE)
