"""Reference thermal tables ([P] Sec. IV.1, Fig. 1)."""

import numpy as np
import pytest
import xarray as xr
from conftest import TILTED_ISING, XXZ_FIELDS, gibbs

import lindbath as lb
from lindbath.analysis.tables import convergence, real_pauli_operator, reference_table
from lindbath.cli import main, parse_betas
from lindbath.model.observables import OBSERVABLES
from lindbath.model.pauli import string_matrix

BETAS = [0.0, 0.3, 1.1, 2.5]


@pytest.mark.parametrize("params", [
    XXZ_FIELDS,                                    # reflection sectors only
    dict(J=1.0, Delta=0.7, hx=0.0, hz=0.4),        # M, R, F in M = 0
    dict(J=0.0, Delta=1.0, hx=1.05, hz=0.0),       # R and F
])
def test_symmetry_resolved_table_matches_full_diagonalization(params):
    """Every observable, site and beta agrees with lb.thermal_state (full eigh) to 1e-10;
    positions beyond a chain's end are NaN."""
    table = reference_table(params, [5, 8], BETAS)
    for N in (5, 8):
        for beta in BETAS:
            state = lb.thermal_state(lb.Chain(N, **params), beta)
            for name in OBSERVABLES:
                row = table[name].sel(N_ref=N, beta=beta).values
                np.testing.assert_allclose(row[:state.values[name].size], state.values[name],
                                           atol=1e-10, err_msg=f"{name} N={N} beta={beta}")
                assert np.all(np.isnan(row[state.values[name].size:]))
    assert table.attrs["method"] == "exact" and table.attrs["hx"] == params["hx"]
    assert table["diag_n_sectors"].sel(N_ref=8) >= 2


def test_table_against_dense_gibbs_state():
    """Independent route: Tr(rho O) with rho = exp(-beta H)/Z built densely (conftest.gibbs)."""
    chain = lb.Chain(6, **TILTED_ISING)
    table = reference_table(chain, [6], [0.7])
    rho = gibbs(chain.hamiltonian().toarray(), 0.7)
    zz = np.trace(rho @ np.kron(np.eye(4), np.kron(string_matrix("ZZ"), np.eye(4)))).real
    sx = np.trace(rho @ np.kron(string_matrix("X"), np.eye(32))).real
    assert float(table["szsz"].sel(N_ref=6, beta=0.7, bond=3)) == pytest.approx(zz, abs=1e-12)
    assert float(table["sx"].sel(N_ref=6, beta=0.7, site=1)) == pytest.approx(sx, abs=1e-12)
    energy = np.trace(rho @ chain.hamiltonian().toarray()).real
    edges = 0.5 * chain.hx * 2 * sx + 0.5 * chain.hz * 2 * float(
        table["sz"].sel(N_ref=6, beta=0.7, site=1))
    assert float(table["energy"].sel(N_ref=6, beta=0.7).sum()) + edges == \
        pytest.approx(energy, abs=1e-11)


def test_real_pauli_operator():
    """P = i^(number of Y) R with R real."""
    for ops, labels in (({0: "Y", 1: "Y"}, "YYI"), ({1: "X", 2: "Z"}, "IXZ"), ({2: "Y"}, "IIY")):
        n_y = labels.count("Y")
        np.testing.assert_allclose(1j**n_y * real_pauli_operator(3, ops).toarray(),
                                   string_matrix(labels), atol=1e-15)


def test_convergence_data_fig1():
    """delta_O = |O_N2 - O_N1| at the middle site (N+1)//2 / bond N//2 of consecutive lengths."""
    table = reference_table(XXZ_FIELDS, [7, 5, 6], [0.2, 1.0])
    assert list(table["N_ref"].values) == [5, 6, 7]
    assert list(table["N1"].values) == [5, 6] and list(table["N2"].values) == [6, 7]
    for pair, (n1, n2) in enumerate([(5, 6), (6, 7)]):
        small, large = (lb.thermal_state(lb.Chain(n, **XXZ_FIELDS), 1.0) for n in (n1, n2))
        expected_sz = abs(large.expect("sz")[(n2 + 1) // 2 - 1]
                          - small.expect("sz")[(n1 + 1) // 2 - 1])
        expected_zz = abs(large.expect("szsz")[n2 // 2 - 1] - small.expect("szsz")[n1 // 2 - 1])
        delta = table[["delta_sz", "delta_szsz"]].sel(pair=pair, beta=1.0)
        assert float(delta["delta_sz"]) == pytest.approx(expected_sz, abs=1e-12)
        assert float(delta["delta_szsz"]) == pytest.approx(expected_zz, abs=1e-12)
    standalone = convergence(table[list(OBSERVABLES)])
    xr.testing.assert_equal(standalone, table[list(standalone.data_vars)])


def test_mps_method_agrees_with_exact():
    """method="mps" (one purification run per N_ref, lindbath.tensor_networks) against the
    exact table; its truncation diagnostics are kept."""
    betas = [0.0, 0.2, 0.5]
    table = reference_table(XXZ_FIELDS, [4, 6], betas, method="mps", chi=64)
    exact = reference_table(XXZ_FIELDS, [4, 6], betas)
    for name in OBSERVABLES:
        np.testing.assert_allclose(table[name], exact[name], atol=1e-6, err_msg=name)
    assert table.attrs["method"] == "mps" and "diag_discarded_weight" in table


@pytest.mark.parametrize("kwargs, message", [
    (dict(lengths=[15]), "N_ref must be an integer >= 2 and <= 14"),
    (dict(lengths=[1]), "N_ref must be an integer >= 2"),
    (dict(betas=[-0.5]), "beta must be >= 0"),
    (dict(betas=[np.inf]), "beta must be finite"),
    (dict(method="dmrg"), "method must be one of 'exact', 'mps'"),
    (dict(chi=8), "apply to method='mps' or 'auto' only"),
    (dict(lengths=[]), "at least one value"),
])
def test_bad_input_raises_before_work(kwargs, message):
    args = dict(chain=XXZ_FIELDS, lengths=[4], betas=[0.5]) | kwargs
    with pytest.raises(ValueError, match=message):
        reference_table(**args)


def test_missing_parameter_is_named():
    with pytest.raises(ValueError, match="missing hz"):
        reference_table(dict(J=1, Delta=1, hx=0), [4], [0.5])


def test_parse_betas():
    np.testing.assert_allclose(parse_betas(["0:2:5"]), [0, 0.5, 1, 1.5, 2])
    np.testing.assert_allclose(parse_betas(["0.1", "0.7"]), [0.1, 0.7])
    with pytest.raises(ValueError, match="START:STOP:NUM"):
        parse_betas(["0:2"])


def test_cli_reference(tmp_path):
    out = tmp_path / "ref.nc"
    argv = ["reference", "--J", "0", "--Delta", "1", "--hx", "1.05", "--hz", "0.5",
            "--lengths", "4", "5", "--betas", "0:1:3", "--out", str(out)]
    assert main(argv) == 0
    ds = xr.open_dataset(out)
    assert ds["sx"].dims == ("N_ref", "beta", "site") and ds["energy"].dims[-1] == "bond"
    np.testing.assert_allclose(ds["sx"].sel(N_ref=5, beta=0.5),
                               lb.thermal_state(lb.Chain(5, **TILTED_ISING), 0.5).expect("sx"),
                               atol=1e-12)
    assert "lindbath_version" in ds.attrs and ds.attrs["J"] == 0.0


def test_cli_reference_bad_input_exits_2(tmp_path, capsys):
    out = tmp_path / "ref.nc"
    assert main(["reference", "--lengths", "16", "--betas", "0:1:3", "--out", str(out)]) == 2
    assert "N_ref must be an integer" in capsys.readouterr().err
    assert not out.exists()


def test_auto_table_combines_exact_and_purification_lengths(monkeypatch):
    """method='auto' with the exact limit lowered to 6: N_ref = 4, 6 exact, 8 by purification
    (chi 64 holds N = 8 at beta <= 1 to 1e-5 of exact), chi recorded per length; the check
    bond dimension gives <name>_chi_check and the truncation error per purification length."""
    import lindbath.analysis.tables as tables

    betas = np.linspace(0.0, 1.0, 11)
    exact = reference_table(XXZ_FIELDS, [4, 6, 8], betas)
    monkeypatch.setattr(tables, "EXACT_MAX_N", 6)
    mixed = tables.reference_table(XXZ_FIELDS, [4, 6, 8], betas, method="auto", chi=64,
                                   chi_check=4)
    assert list(mixed["reference_method"].values) == ["exact", "exact", "mps"]
    assert list(mixed["chi"].values) == [0, 0, 64] and mixed.attrs["chi_check"] == 4
    for name in ("sz", "sx", "szsz", "energy"):
        np.testing.assert_allclose(mixed[name], exact[name], atol=1e-5, err_msg=name)
    assert np.isnan(mixed["truncation_error"].sel(N_ref=[4, 6])).all()
    assert float(mixed["truncation_error"].sel(N_ref=8)) > 1e-3  # chi 4 is far from enough
    np.testing.assert_allclose(mixed["sz_chi_check"].sel(N_ref=8, beta=0.0), 0.0, atol=1e-12)


def test_a_truncated_check_flags_the_inversion(monkeypatch):
    """The same table: a thermal state of N = 8 at beta 0.8 inverted against N_ref = 8
    (chi 64) is fine, but its chi_check = 4 curve disagrees, so beta_eff gets flag 4."""
    import lindbath.analysis.tables as tables

    monkeypatch.setattr(tables, "EXACT_MAX_N", 6)
    table = tables.reference_table(XXZ_FIELDS, [8], np.linspace(0.0, 1.0, 51), method="auto",
                                   chi=64, chi_check=4)
    state = lb.thermal_state(lb.Chain(8, **XXZ_FIELDS), 0.8)
    loose = lb.effective_beta(state, table, "energy", reference_tol=10.0)
    assert int(loose["flag"].sel(bond=4)) == 0
    assert float(loose["beta_eff"].sel(bond=4)) == pytest.approx(0.8, abs=1e-5)
    strict = lb.effective_beta(state, table, "energy")
    assert int(strict["flag"].sel(bond=4)) == 4
    assert float(strict["beta_reference_error"].sel(bond=4)) > 0.02 * 0.8


def test_auto_options_are_checked_before_work():
    with pytest.raises(ValueError, match="chi_check must differ"):
        reference_table(XXZ_FIELDS, [16], [0.5], method="auto", chi=32, chi_check=32)
    with pytest.raises(ValueError, match="chi_check"):
        reference_table(XXZ_FIELDS, [8], [0.5], chi_check=64)
