"""Effective inverse temperatures beta_O(l) ([P] Secs. IV.1-IV.2)."""

import numpy as np
import pytest
from conftest import TILTED_ISING, XXZ_FIELDS

import lindbath as lb
from lindbath.analysis.inversion import (
    OK,
    OUT_OF_RANGE,
    UNCONVERGED_REFERENCE,
    UNRESOLVED,
)
from lindbath.analysis.tables import reference_table
from lindbath.analysis.temperatures import effective_beta, figures_of_merit

MONOTONE = ("sx", "sz", "sxsx", "szsz", "sysy", "energy")  # all but sy (identically 0)
FINE_BETAS = np.linspace(0.0, 0.3, 61)  # every curve of TILTED_ISING, N = 7, is monotone here


@pytest.fixture(scope="module")
def fine_table():
    return reference_table(TILTED_ISING, [5, 7], FINE_BETAS)


GENERIC = dict(J=0.7, Delta=1.3, hx=0.3, hz=0.9)  # a chain that is in no config
NULL_OBSERVABLES = ("sx", "sz", "sxsx", "szsz", "energy")
STUDY_GRID = np.linspace(0.0, 3.0, 151)  # config/config.yaml, reference.beta


@pytest.mark.parametrize("params", [XXZ_FIELDS, TILTED_ISING, GENERIC],
                         ids=["xxz_fields", "tilted_ising", "generic"])
@pytest.mark.parametrize("N", [6, 8])
def test_null_test_gibbs_state_reads_back_its_beta(params, N):
    """The contract (benchmarks/thermometry_null_test.py): a Gibbs state of the chain, from
    a full diagonalization (lb.thermal_state), against the same chain's table on the study's
    grid, gives flag 0 and |beta_eff - beta| <= 1e-3 beta at every site and bond for every
    observable, at betas off the grid, across the turn-arounds of <sx>, <sz> and of single
    bond energies (xxz_fields: near beta = 0.45, 0.57 and 1.4-2.8)."""
    table = reference_table(params, [N], STUDY_GRID)
    for beta in (0.0537, 0.4487, 0.5713, 1.2311, 1.9537):
        state = lb.thermal_state(lb.Chain(N, **params), beta)
        for observable in NULL_OBSERVABLES:
            result = effective_beta(state, table, observable)
            assert np.all(result["flag"] == OK), (observable, beta, result["flag"].values)
            np.testing.assert_allclose(result["beta_eff"], beta, rtol=1e-3,
                                       err_msg=f"{observable} at beta {beta}")


def test_null_test_with_a_purification_reference():
    """The same with the reference from purification (N = 10, chi 32, check chi 48, where
    truncation errors reach 5e-3 in beta): the exact Gibbs state reads back its beta within
    1e-3 beta plus twice the reference error that the chi check reports, and flag 4 marks
    exactly the points whose reference error exceeds reference_tol beta."""
    table = reference_table(XXZ_FIELDS, [10], np.linspace(0.0, 2.0, 101), method="mps",
                            chi=32, chi_check=48)
    for beta in (0.2113, 1.0537):
        state = lb.thermal_state(lb.Chain(10, **XXZ_FIELDS), beta)
        for observable in NULL_OBSERVABLES:
            result = effective_beta(state, table, observable)
            error = result["beta_reference_error"].values
            ok = result["flag"].values == OK
            assert np.all(ok | (result["flag"].values == UNCONVERGED_REFERENCE))
            assert np.all(ok == (error <= 0.02 * beta))
            deviation = np.abs(result["beta_eff"].values[ok] - beta)
            assert np.all(deviation <= 1e-3 * beta + 2 * error[ok]), (observable, beta)


def test_non_monotone_observable_takes_the_energy_branch():
    """xxz_fields, N = 8: the middle <sx> turns near beta = 0.45, so its value at beta = 0.7
    is reached twice on [0, 3]; the bond energies pick beta = 0.7 and the other root is
    kept.  [P]'s edge/bulk matching, on the same state against N_ref = 10, 12, is biased."""
    table = reference_table(XXZ_FIELDS, [8], STUDY_GRID)
    state = lb.thermal_state(lb.Chain(8, **XXZ_FIELDS), 0.7)
    result = effective_beta(state, table, "sx")
    middle = result.sel(site=4)
    assert int(middle["flag"]) == OK and float(middle["beta_eff"]) == pytest.approx(0.7, 1e-4)
    assert float(middle["beta_hint"]) == pytest.approx(0.7, rel=1e-4)
    assert 0.1 < float(middle["beta_other_root"]) < 0.45


@pytest.mark.parametrize("observable", MONOTONE)
def test_thermal_state_returns_its_beta_at_every_site(fine_table, observable):
    """A thermal state of a chain whose length is in the table, matched site by site, gives
    its own beta everywhere (1e-6); edge_bulk matching gives it at both edges and in the
    middle (where the reference positions are the same sites).  The finite-size check
    against N_ref = 5 is switched off (reference_tol 1e3): the point here is the inversion."""
    beta = 0.2137
    state = lb.thermal_state(lb.Chain(7, **TILTED_ISING), beta)
    site = effective_beta(state, fine_table, observable, match="site")
    assert np.all(site["flag"] == OK)
    np.testing.assert_allclose(site["beta_eff"], beta, atol=1e-6)
    bulk = effective_beta(state, fine_table, observable, match="edge_bulk", reference_tol=1e3)
    dim = bulk["beta_eff"].dims[0]
    exact = [1, 4, 7] if dim == "site" else [1, 3, 6]  # bonds 3 and 4 are the middle of 7 sites
    np.testing.assert_allclose(bulk["beta_eff"].sel({dim: exact}), beta, atol=1e-6)
    assert list(bulk["reference_position"].values[[0, -1]]) == ([1, 7] if dim == "site"
                                                               else [1, 6])


def test_noninteracting_chain_gives_beta_everywhere_with_edge_bulk_matching():
    """J = Delta = 0: every site is the same free spin, so the [P] scheme (edges to the
    reference edge, the rest to the reference middle) returns beta at every site."""
    params = dict(J=0.0, Delta=0.0, hx=0.7, hz=0.4)
    table = reference_table(params, [3, 5], np.linspace(0.0, 2.0, 201))
    state = lb.thermal_state(lb.Chain(8, **params), 1.234)
    for observable in ("sx", "sz", "sxsx", "szsz", "energy"):
        result = effective_beta(state.to_dataset(), table, observable, match="edge_bulk")
        np.testing.assert_allclose(result["beta_eff"], 1.234, atol=1e-6, err_msg=observable)
    for observable in ("sy", "sysy"):  # zero at every beta up to round-off
        flags = effective_beta(state, table, observable, match="edge_bulk")["flag"]
        assert np.all(flags == UNRESOLVED)


def test_out_of_range_gives_nan_and_flag_never_extrapolates(fine_table):
    for beta in (0.45, 1.0):  # beyond the table's largest beta, 0.3
        state = lb.thermal_state(lb.Chain(7, **TILTED_ISING), beta)
        for observable in ("sx", "sxsx", "energy"):
            result = effective_beta(state, fine_table, observable, match="site")
            assert np.all(result["flag"] == OUT_OF_RANGE) and np.all(np.isnan(result["beta_eff"]))


def test_flat_observable_is_flagged(fine_table):
    state = lb.thermal_state(lb.Chain(7, **TILTED_ISING), 0.2)
    result = effective_beta(state, fine_table, "sy")  # <sigma^y> = 0 at every beta
    assert np.all(result["flag"] == UNRESOLVED) and np.all(np.isnan(result["beta_eff"]))


def test_coarse_table_says_so(fine_table):
    """Five betas on [0, 2]: the interpolation error estimate exceeds tol -> flag 3, NaN;
    the fine table resolves the same value."""
    params = dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)
    coarse = reference_table(params, [7], np.linspace(0.0, 2.0, 5))
    state = lb.thermal_state(lb.Chain(7, **params), 0.7312)
    result = effective_beta(state, coarse, "energy", match="site")
    assert np.all(result["flag"] == UNRESOLVED) and np.all(np.isnan(result["beta_eff"]))
    assert np.all(result["beta_error"] > 1e-3)
    fine = reference_table(params, [7], np.linspace(0.0, 2.0, 401))
    resolved = effective_beta(state, fine, "energy", match="site")
    assert np.all(resolved["flag"] == OK)
    np.testing.assert_allclose(resolved["beta_eff"], 0.7312, atol=1e-6)


def test_figures_of_merit_of_a_thermal_state(fine_table):
    state = lb.thermal_state(lb.Chain(7, **TILTED_ISING), 0.15)
    fom = figures_of_merit(state, fine_table)
    for name in ("beta_x", "beta_z", "beta_zz"):
        assert float(fom[name]) == pytest.approx(0.15, abs=1e-6)
    assert float(fom["ratio_x_z"]) == pytest.approx(1.0, abs=1e-5)
    assert float(fom["ratio_zz_z"]) == pytest.approx(1.0, abs=1e-5)
    assert int(fom["flag_x"]) == OK and fom.attrs["n_ref"] == 7


def test_steady_state_profile_uses_edge_and_bulk_references(fine_table):
    """A DB steady state (N = 6) against the longest reference chain (N = 7): edges use the
    reference edges, the rest the reference middle; values, positions and flags are kept."""
    chain = lb.Chain(6, **TILTED_ISING)
    baths = [lb.make_bath("db", "left", 0.2, 1.0), lb.make_bath("db", "right", 0.2, 1.0)]
    state = lb.steady_state(chain, baths)
    result = effective_beta(state, fine_table, "sx", match="edge_bulk")
    assert list(result["reference_position"].values) == [1, 4, 4, 4, 4, 7]
    np.testing.assert_allclose(result["value"], state.expect("sx"))
    ok = result["flag"] == OK
    assert ok.sum() >= 4 and np.all((result["beta_eff"][ok] > 0) & (result["beta_eff"][ok] < 0.3))


def test_bad_input():
    table = reference_table(TILTED_ISING, [5], np.linspace(0, 1, 11))
    state = lb.thermal_state(lb.Chain(5, **TILTED_ISING), 0.5)
    with pytest.raises(ValueError, match="observable must be one of"):
        effective_beta(state, table, "sxx")
    with pytest.raises(ValueError, match="n_ref must be one of 5"):
        effective_beta(state, table, "sx", n_ref=9, match="edge_bulk")
    with pytest.raises(ValueError, match="needs the chain length 4 in the table's N_ref"):
        effective_beta(lb.thermal_state(lb.Chain(4, **TILTED_ISING), 0.5), table, "sx",
                       match="site")
    with pytest.raises(ValueError, match="J of the result"):
        effective_beta(lb.thermal_state(lb.Chain(5), 0.5), table, "sx")


@pytest.fixture(scope="module")
def table_10_12():
    return reference_table(XXZ_FIELDS, [10, 12], np.linspace(0.0, 3.0, 301))


def _db_state(beta_bath: float) -> lb.State:
    baths = [lb.make_bath("db", edge, beta_bath, 1.0) for edge in ("left", "right")]
    return lb.steady_state(lb.Chain(6, **XXZ_FIELDS), baths)


def test_reference_lengths_that_agree_give_flag_0_and_a_small_error(table_10_12):
    """beta_bath = 0.1: N_ref = 10 and 12 give the same middle beta_z (to 1e-9)."""
    result = effective_beta(_db_state(0.1), table_10_12, "sz", match="edge_bulk")
    assert result.attrs["n_ref"] == 12 and result.attrs["n_ref_check"] == 10
    assert np.all(result["flag"] == OK)
    assert float(result["beta_reference_error"].max()) < 1e-3


def test_reference_lengths_that_disagree_give_flag_4(table_10_12):
    """beta_bath = 2, match="edge_bulk": at the middle bond the N_ref = 10 and 12 curves of
    <szsz> differ by 0.019 in beta at the root (flag 4, NaN); at bond 1 by 1.7e-3 (0.19 % of
    0.93): flag 0 at the default reference_tol 0.02, flag 4 at 1e-3."""
    state = _db_state(2.0)
    result = effective_beta(state, table_10_12, "szsz", match="edge_bulk")
    assert result["flag"].sel(bond=3) == UNCONVERGED_REFERENCE
    assert np.isnan(result["beta_eff"].sel(bond=3))
    assert result["flag"].sel(bond=1) == OK
    assert float(result["beta_reference_error"].sel(bond=1)) == pytest.approx(1.73e-3, rel=0.02)
    strict = effective_beta(state, table_10_12, "szsz", match="edge_bulk", reference_tol=1e-3)
    assert strict["flag"].sel(bond=1) == UNCONVERGED_REFERENCE
    merit = lb.figures_of_merit(state, table_10_12, reference_tol=1e-3, match="edge_bulk")
    assert int(merit["flag_zz"]) == UNCONVERGED_REFERENCE and np.isnan(float(merit["beta_zz"]))
    assert "unconverged_reference" in merit.attrs["flag_meanings"].split()


def test_a_single_length_table_has_no_reference_error(fine_table):
    state = lb.thermal_state(lb.Chain(5, **TILTED_ISING), 0.2)
    result = effective_beta(state, fine_table, "sz", n_ref=5)
    assert result.attrs["n_ref_check"] == -1
    assert np.all(np.isnan(result["beta_reference_error"]))
