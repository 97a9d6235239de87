"""Liouvillian and exact steady states against brute force, symmetry and analytic limits."""

import numpy as np
import pytest
from conftest import TILTED_ISING, XXZ_FIELDS, embedded_jumps, gibbs

import lindbath as lb
from lindbath.model.pauli import from_pauli, lindblad_superop, superop_matrix, to_pauli


def two_baths(kind="db", beta=0.5, gamma=1.0):
    return [lb.make_bath(kind, "left", beta, gamma), lb.make_bath(kind, "right", beta, gamma)]


@pytest.mark.parametrize("kinds", [("db", "fr"), ("fr", "local")])
def test_liouvillian_matches_brute_force(kinds):
    chain = lb.Chain(3, **XXZ_FIELDS)
    baths = [lb.make_bath(kinds[0], "left", 0.5, 1.0), lb.make_bath(kinds[1], "right", 1.2, 0.4)]
    dense = superop_matrix(lindblad_superop(chain.hamiltonian().toarray(),
                                            embedded_jumps(chain, baths)), 3)
    np.testing.assert_allclose(lb.liouvillian(chain, baths).toarray(), dense, atol=1e-12)


def test_hamiltonian_is_eq1():
    chain = lb.Chain(3, J=0.7, Delta=0.3, hx=0.2, hz=-0.5)
    from lindbath.model.pauli import string_matrix as s

    expected = (0.7 * (s("XXI") + s("YYI") + s("IXX") + s("IYY")) + 0.3 * (s("ZZI") + s("IZZ"))
                + 0.2 * (s("XII") + s("IXI") + s("IIX")) - 0.5 * (s("ZII") + s("IZI") + s("IIZ")))
    np.testing.assert_allclose(chain.hamiltonian().toarray(), expected.real, atol=1e-14)
    bonds = sum(chain.bond_operator(l) for l in (1, 2)).toarray()
    edges = 0.1 * (s("XII") + s("IIX")) - 0.25 * (s("ZII") + s("IIZ"))
    np.testing.assert_allclose(bonds + edges.real, expected.real, atol=1e-14)


def test_steady_state_is_physical_and_solvers_agree():
    chain = lb.Chain(6, **TILTED_ISING)
    direct = lb.steady_state(chain, two_baths("db", 0.4), solver="direct")
    krylov = lb.steady_state(chain, two_baths("db", 0.4), solver="krylov")
    assert direct.residual < 1e-12 and krylov.residual < 1e-10
    assert krylov.diagnostics["converged"] == 1
    np.testing.assert_allclose(direct.pauli, krylov.pauli, atol=1e-9)
    assert abs(direct.diagnostics["trace"] - 1) < 1e-14
    assert direct.diagnostics["min_eigenvalue"] > 0
    assert direct.diagnostics["hermiticity_error"] < 1e-14


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_identical_baths_give_mirror_symmetric_profiles(kind):
    state = lb.steady_state(lb.Chain(6, **XXZ_FIELDS), two_baths(kind, 0.8, 0.7))
    for name in ("sx", "sz", "szsz", "energy"):
        values = state.expect(name)
        np.testing.assert_allclose(values, values[::-1], atol=1e-10)
    assert np.ptp(state.expect("sz")) > 1e-3  # the profile is not trivially flat


def test_davies_steady_state_is_gibbs():
    chain = lb.Chain(4, **XXZ_FIELDS)
    energies = np.linalg.eigvalsh(chain.hamiltonian().toarray())
    assert np.diff(energies).min() > 1e-6  # non-degenerate
    baths = [lb.make_bath("davies", "left", 0.8, 0.5), lb.make_bath("davies", "right", 0.8, 0.5)]
    state = lb.steady_state(chain, baths)
    expected = gibbs(chain.hamiltonian().toarray(), 0.8)
    np.testing.assert_allclose(from_pauli(state.pauli), expected, atol=1e-10)
    assert state.residual < 1e-10


def test_davies_generator_matches_jump_operators():
    """Energy-basis Davies generator == brute-force Lindblad form of its jump operators."""
    chain = lb.Chain(3, **TILTED_ISING)
    bath = lb.make_bath("davies", "left", 0.6, 0.4)
    energies, vectors = np.linalg.eigh(chain.hamiltonian().toarray())
    h = chain.hamiltonian().toarray()
    brute = lindblad_superop(h, bath.jump_operators(chain))
    gen = lb.liouvillian(chain, [bath])
    rho = gibbs(h, 0.3) + 0.05 * np.diag(np.arange(8))
    rho_e = vectors.T @ rho @ vectors
    ours = vectors @ (gen @ rho_e.ravel()).reshape(8, 8) @ vectors.T
    np.testing.assert_allclose(ours, brute(rho), atol=1e-12)


def test_thermal_state_matches_dense_gibbs():
    chain = lb.Chain(5, **XXZ_FIELDS)
    state = lb.thermal_state(chain, 0.6)
    coeffs = to_pauli(gibbs(chain.hamiltonian().toarray(), 0.6)).real
    from lindbath.model.pauli import string_index

    for l in range(5):
        assert abs(state.expect("sx")[l] - coeffs[string_index(5, {l: "X"})]) < 1e-12
    for l in range(4):
        assert abs(state.expect("sysy")[l] - coeffs[string_index(5, {l: "Y", l + 1: "Y"})]) < 1e-12
        energy = np.trace(chain.bond_operator(l + 1).toarray() @ from_pauli(coeffs)).real
        assert abs(state.expect("energy")[l] - energy) < 1e-12


def test_gap_two_site_fr_equals_gamma():
    chain = lb.Chain(2, J=0.0, Delta=0.0, hx=0.0, hz=0.0)
    assert abs(lb.liouvillian_gap(chain, [lb.make_bath("fr", "left", 0.5, 0.8)]) - 0.8) < 1e-10


def test_gap_sparse_route_matches_dense():
    chain = lb.Chain(5, **XXZ_FIELDS)
    baths = two_baths("db")
    dense = np.linalg.eigvals(lb.liouvillian(chain, baths).toarray())
    expected = np.min(-dense.real[np.abs(dense) > 1e-9])
    assert abs(lb.liouvillian_gap(chain, baths, dense=False) - expected) < 1e-8
    assert abs(lb.liouvillian_gap(chain, baths) - expected) < 1e-10
