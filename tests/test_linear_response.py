"""First-order thermality map (lindbath.analysis.linear_response): X of rho = (I - b X)/2^N
against finite differences of full steady states, the bath derivative against the closed
forms of DB and FR, the ratios against the issue's first look and against steady and Gibbs
states at small beta, the exact ratio c for an artificial X = c H, the energy-basis split and
the fits of X_nn, and the input checks."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as la
from conftest import TILTED_ISING, XXZ_FIELDS

import lindbath as lb
from lindbath.analysis.linear_response import (
    RATIO_OBSERVABLES,
    bath_derivative,
    diagonal_fit,
    energy_basis_split,
    energy_diagonals,
    first_order_analysis,
    first_order_middle,
    first_order_ratios,
    first_order_state,
    hamiltonian_pauli,
    magnetization_pauli,
)
from lindbath.model.pauli import from_pauli, lindblad_superop, superop_matrix, to_pauli


def closed_form_derivative(chain: lb.Chain, kind: str, gamma: float) -> np.ndarray:
    """dB/dbeta at 0 from the rates: DB raising |e_j><e_k| (j > k) at gamma exp(-beta w_jk),
    d/dbeta = -gamma w_jk; FR |e_j><e_k| at gamma p_j, dp_j/dbeta = -(E_j - mean E)/4."""
    energies, vectors = la.eigh(chain.bond_hamiltonian())
    ket = [vectors[:, [k]] for k in range(4)]

    def dissipator(j: int, k: int) -> np.ndarray:
        return superop_matrix(lindblad_superop(np.zeros((4, 4)), [ket[j] @ ket[k].T]), 2)

    if kind == "db":
        return sum(-gamma * (energies[j] - energies[k]) * dissipator(j, k)
                   for j in range(4) for k in range(j))
    return sum(-gamma * (energies[j] - energies.mean()) / 4 * dissipator(j, k)
               for j in range(4) for k in range(4))


@pytest.mark.parametrize("params", [XXZ_FIELDS, TILTED_ISING], ids=["xxz", "ising"])
@pytest.mark.parametrize("kind", ["db", "fr"])
def test_bath_derivative_matches_the_closed_form(params, kind):
    chain = lb.Chain(4, **params)
    block, estimate = bath_derivative(chain, lb.make_bath(kind, "right", 0.0, 0.7))
    error = np.abs(block - closed_form_derivative(chain, kind, 0.7)).max()
    assert error < 1e-8
    assert estimate < 1e-7 and error <= estimate


@pytest.mark.parametrize("N", [4, 6])
@pytest.mark.parametrize("kind", ["db", "fr"])
def test_first_order_state_matches_finite_differences_of_steady_states(N, kind):
    """c_s(b) = -b x_s / 2^N + O(b^2); Richardson 2 D(b/2) - D(b) of D(b) = (c(b) - c(0))/b
    removes the O(b) term of D."""
    chain = lb.Chain(N, **XXZ_FIELDS)
    x = first_order_state(chain, kind, gamma=1.0)
    c0 = np.zeros(4**N)
    c0[0] = 1.0

    def difference(b: float) -> np.ndarray:
        baths = [lb.make_bath(kind, edge, b, 1.0) for edge in ("left", "right")]
        return (lb.steady_state(chain, baths).pauli - c0) / b

    estimate = -(2.0**N) * (2 * difference(1e-3) - difference(2e-3))
    assert x[0] == 0.0
    assert np.linalg.norm(estimate - x) < 1e-4 * np.linalg.norm(x)


def test_ratios_match_steady_and_gibbs_states_at_small_beta():
    """beta_O/b = (<O>_ss(b)/b) / (<O>_Gibbs(b)/b) + O(b), same length N = 6."""
    b, chain = 1e-3, lb.Chain(6, **XXZ_FIELDS)
    ds = first_order_ratios(chain, "fr")
    steady = lb.steady_state(chain, [lb.make_bath("fr", e, b, 1.0) for e in ("left", "right")])
    gibbs = lb.thermal_state(chain, b)
    for name in RATIO_OBSERVABLES:
        measured = steady.expect(name) / gibbs.expect(name)
        np.testing.assert_allclose(ds[f"ratio_{name}"], measured, atol=5e-3, err_msg=name)


def test_ratios_agree_with_the_issues_first_look():
    """xxz_fields N = 8, DB, middle site/bond: 0.45 (sx), 0.47 (sz), 0.29 (szsz), 0.37 (energy)
    from effective temperatures at beta_bath = 1e-3 (to ~0.01); tilted_ising DB ~0.19 for all
    (to 1 %)."""
    ds = first_order_ratios(lb.Chain(8, **XXZ_FIELDS), "db")
    assert ds.attrs["solver"] == "nojump" and ds.attrs["residual"] < 1e-10
    middle = first_order_middle(ds)
    assert middle["ratio_sx"] == float(ds["ratio_sx"].sel(site=4))  # (N+1)//2
    assert middle["ratio_szsz"] == float(ds["ratio_szsz"].sel(bond=4))  # N//2
    for name, value in {"sx": 0.45, "sz": 0.47, "szsz": 0.29, "energy": 0.37}.items():
        assert abs(middle[f"ratio_{name}"] - value) < 0.01, name
    ising = first_order_ratios(lb.Chain(8, **TILTED_ISING), "db")
    for name in ("sx", "sz", "szsz", "energy"):
        assert first_order_middle(ising)[f"ratio_{name}"] == pytest.approx(0.19, rel=0.01), name
    assert np.isnan(ising["ratio_sxsx"]).all()  # Tr(sigma^x sigma^x H) = 0 at J = 0


@pytest.mark.parametrize("edges", [("left", "right"), ("left",)])
def test_direct_and_nojump_solvers_agree(edges):
    chain = lb.Chain(5, **XXZ_FIELDS)
    direct = first_order_state(chain, "db", 0.8, edges, solver="direct")
    nojump = first_order_state(chain, "db", 0.8, edges, solver="nojump")
    assert np.linalg.norm(direct - nojump) < 1e-10 * np.linalg.norm(direct)


def test_hamiltonian_coefficients_match_the_dense_hamiltonian():
    chain = lb.Chain(4, **XXZ_FIELDS)
    np.testing.assert_allclose(hamiltonian_pauli(chain),
                               to_pauli(chain.hamiltonian().toarray()).real, atol=1e-12)


@pytest.mark.parametrize("params", [XXZ_FIELDS, TILTED_ISING], ids=["xxz", "ising"])
def test_gibbs_like_x_gives_exactly_its_ratio(params):
    """X = c H: every defined ratio is c, c_H = c_H_joint = c_H_local = c, c_M = 0 and the
    rests vanish; X = c H + m M is fitted exactly by the joint fit."""
    chain, c, m = lb.Chain(6, **params), 0.37, -0.11
    ds = first_order_analysis(chain, c * hamiltonian_pauli(chain))
    for name in RATIO_OBSERVABLES:
        values = ds[f"ratio_{name}"].values
        np.testing.assert_allclose(values[~np.isnan(values)], c, rtol=1e-12, err_msg=name)
    for name in ("c_H", "c_H_joint", "c_H_local"):
        np.testing.assert_allclose(ds[name], c, rtol=1e-12)
    np.testing.assert_allclose([ds["c_M"], ds["rest"], ds["rest_H"]], 0.0, atol=1e-12)
    np.testing.assert_allclose(ds["rest_local"], 0.0, atol=1e-12)
    mixed = first_order_analysis(chain, c * hamiltonian_pauli(chain)
                                 + m * magnetization_pauli(chain.N))
    assert float(mixed["c_H_joint"]) == pytest.approx(c, rel=1e-10)
    assert float(mixed["c_M"]) == pytest.approx(m, rel=1e-10)
    assert float(mixed["rest"]) < 1e-12


def test_every_variable_is_described():
    ds = first_order_ratios(lb.Chain(4, **XXZ_FIELDS), "fr")
    for name in list(ds.data_vars) + list(ds.coords):
        assert ds[name].attrs.get("long_name") and ds[name].attrs.get("units"), name
    assert ds.attrs["kind"] == "fr" and ds.attrs["solver"] == "direct"


@pytest.mark.parametrize("chain, kwargs, parameter", [
    (lb.Chain(11), {"kind": "db"}, "N"),
    (lb.Chain(4), {"kind": "local"}, "kind"),
    (lb.Chain(4), {"kind": "DB"}, "kind"),
    (lb.Chain(4), {"kind": "db", "gamma": 0.0}, "gamma"),
    (lb.Chain(4), {"kind": "db", "edges": ("middle",)}, "edges"),
    (lb.Chain(4), {"kind": "db", "edges": ()}, "edges"),
    (lb.Chain(4), {"kind": "db", "solver": "qr"}, "solver"),
    ("chain", {"kind": "db"}, "chain"),
])
def test_bad_input_names_the_parameter(chain, kwargs, parameter):
    with pytest.raises(ValueError, match=parameter):
        first_order_state(chain, **kwargs)


SINGULAR = lb.Chain(5, J=0.0, Delta=1.0, hx=0.0, hz=0.5)  # sigma^z_3 is conserved


def test_singular_l0_is_refused():
    with pytest.raises(ValueError, match="not unique"):
        first_order_state(SINGULAR, "db")


def test_singular_l0_is_refused_by_the_lu_too(monkeypatch):
    """Without the structural check (lindbath.model.uniqueness) the LU refuses (GMRES does
    not: the right-hand side is in the range of L0, it converges to one of the solutions)."""
    monkeypatch.setattr("lindbath.analysis.linear_response.check_unique_steady_state",
                        lambda chain, baths: None)
    with pytest.raises(ValueError, match="singular"):
        first_order_state(SINGULAR, "db", solver="direct")


def test_x_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="x must hold"):
        first_order_analysis(lb.Chain(4), np.zeros(4**3))


@pytest.mark.parametrize("chain", [lb.Chain(5, **XXZ_FIELDS), lb.Chain(4, J=1.0, Delta=0.5,
                                                                        hx=0.0, hz=0.0)],
                         ids=["xxz_fields", "degenerate"])
def test_energy_basis_split_adds_up_and_dephases(chain, rng):
    """X_diag + X_off = X; [H, X_diag] = 0 also within degenerate eigenspaces (the XXZ chain
    without fields); X_diag has no off part; the off part has no diagonal."""
    a = rng.normal(size=(2**chain.N, 2**chain.N))
    x = to_pauli(a + a.T).real
    x_diag, x_off = energy_basis_split(chain, x)
    np.testing.assert_allclose(x_diag + x_off, x, atol=1e-12)
    h, d = from_pauli(hamiltonian_pauli(chain)), from_pauli(x_diag)
    assert np.linalg.norm(h @ d - d @ h) < 1e-10 * np.linalg.norm(h) * np.linalg.norm(d)
    assert np.linalg.norm(energy_basis_split(chain, x_diag)[1]) < 1e-10 * np.linalg.norm(x)
    _, (diagonal,) = energy_diagonals(chain, [x_off])
    np.testing.assert_allclose(diagonal, 0.0, atol=1e-10 * np.linalg.norm(x))


@pytest.mark.parametrize("params", [XXZ_FIELDS, TILTED_ISING], ids=["xxz", "ising"])
def test_gibbs_like_x_is_all_diagonal(params):
    """X = c H: X_off = 0 and every defined ratio of X_diag is c."""
    chain, c = lb.Chain(6, **params), 0.37
    x_diag, x_off = energy_basis_split(chain, c * hamiltonian_pauli(chain))
    assert np.linalg.norm(x_off) < 1e-10 * np.linalg.norm(x_diag)
    ds = first_order_analysis(chain, x_diag)
    for name in RATIO_OBSERVABLES:
        values = ds[f"ratio_{name}"].values
        np.testing.assert_allclose(values[~np.isnan(values)], c, rtol=1e-10, err_msg=name)


def test_diagonal_fit_recovers_a_function_of_the_charges():
    """<n|H|n> = E_n; X = c H + m M has X_nn = c E_n + m <n|M|n> exactly (rest 0), while E_n
    alone leaves a rest; constant values have no rest (NaN)."""
    chain, c, m = lb.Chain(5, **XXZ_FIELDS), 0.4, -0.2
    h, mag = hamiltonian_pauli(chain), magnetization_pauli(chain.N)
    energies, (d_h, d_m, d_x) = energy_diagonals(chain, [h, mag, c * h + m * mag])
    np.testing.assert_allclose(d_h, energies, atol=1e-10)
    coefficients, rest = diagonal_fit(d_x, [d_h, d_m])
    np.testing.assert_allclose(coefficients, [0.0, c, m], atol=1e-10)
    assert rest < 1e-10
    assert diagonal_fit(d_x, [energies])[1] > 0.01
    assert np.isnan(diagonal_fit(np.ones(4), [np.arange(4.0)])[1])


def test_the_dephased_part_of_xxz_fields_is_not_thermal():
    """benchmarks/linear_response_cause.py at N = 6, DB: X_diag alone gives 0.493, 0.505,
    0.423 for beta_x, beta_z, beta_zz (spread 0.17), and X_nn scatters around its linear fit
    in E_n by 0.286 of its spread; tilted_ising's X_diag is thermal within 1 %."""
    chain = lb.Chain(6, **XXZ_FIELDS)
    x = first_order_state(chain, "db")
    x_diag, x_off = energy_basis_split(chain, x)
    diag, off = first_order_middle(first_order_analysis(chain, x_diag)), \
        first_order_middle(first_order_analysis(chain, x_off))
    full = first_order_middle(first_order_analysis(chain, x))
    for name, value in {"sx": 0.4928, "sz": 0.5051, "szsz": 0.4234}.items():
        assert diag[f"ratio_{name}"] == pytest.approx(value, abs=1e-3), name
        assert diag[f"ratio_{name}"] + off[f"ratio_{name}"] == pytest.approx(
            full[f"ratio_{name}"], abs=1e-10)
    energies, (x_nn,) = energy_diagonals(chain, [x])
    assert diagonal_fit(x_nn, [energies])[1] == pytest.approx(0.286, abs=2e-3)
    ising = lb.Chain(6, **TILTED_ISING)
    diag = first_order_middle(first_order_analysis(
        ising, energy_basis_split(ising, first_order_state(ising, "db"))[0]))
    values = [diag[f"ratio_{name}"] for name in ("sx", "sz", "szsz", "energy")]
    assert np.ptp(values) / np.mean(values) < 0.01


@pytest.mark.parametrize("call", [lambda: energy_basis_split(lb.Chain(4), np.zeros(4**3)),
                                  lambda: energy_diagonals(lb.Chain(4), [np.zeros(5)]),
                                  lambda: energy_basis_split(lb.Chain(11), np.zeros(4))])
def test_energy_basis_input_is_checked(call):
    with pytest.raises(ValueError, match="Pauli coefficients|N"):
        call()
