"""First-order thermality map (lindbath.analysis.linear_response): X of rho = (I - b X)/2^N
against finite differences of full steady states, the bath derivative against the closed
forms of DB and FR, the ratios against the issue's first look and against steady and Gibbs
states at small beta, the exact ratio c for an artificial X = c H, and the input checks."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as la
from conftest import TILTED_ISING, XXZ_FIELDS

import lindbath as lb
from lindbath.analysis.linear_response import (
    RATIO_OBSERVABLES,
    bath_derivative,
    first_order_analysis,
    first_order_middle,
    first_order_ratios,
    first_order_state,
    hamiltonian_pauli,
    magnetization_pauli,
)
from lindbath.model.pauli import lindblad_superop, superop_matrix, to_pauli


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
