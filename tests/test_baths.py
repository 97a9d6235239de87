"""Bath constructions: targets, detailed balance, Gamma matrix, relaxation rates."""

import numpy as np
import pytest
from conftest import XXZ_FIELDS, random_density_matrix

import lindbath as lb
from lindbath.model.pauli import LABELS, lindblad_superop, string_matrix

CHAIN2 = lb.Chain(2, **XXZ_FIELDS)


def transition_rates(bath, chain):
    """W[b, a] = sum_L |<e_b|L|e_a>|^2: rate from level a to level b."""
    _, vectors = bath.target_eigen(chain)
    rates = np.zeros((4, 4))
    for jump in bath.jump_operators(chain):
        rates += np.abs(vectors.conj().T @ jump @ vectors) ** 2
    return rates


@pytest.mark.parametrize("beta", [0.0, 0.3, 2.0])
def test_db_detailed_balance_every_pair(beta):
    bath = lb.make_bath("db", "left", beta, 0.7)
    p, _ = bath.target_eigen(CHAIN2)
    w = transition_rates(bath, CHAIN2)
    for j in range(4):
        for k in range(j):
            assert abs(w[k, j] - 0.7) < 1e-12  # every lowering rate is gamma
            assert abs(w[j, k] * p[k] - w[k, j] * p[j]) < 1e-12


def test_db_rates_are_boltzmann_factors():
    bath = lb.make_bath("db", "left", 0.8, 1.0)
    energies = np.linalg.eigvalsh(CHAIN2.bond_hamiltonian())
    w = transition_rates(bath, CHAIN2)
    assert abs(w[3, 0] - np.exp(-0.8 * (energies[3] - energies[0]))) < 1e-12


@pytest.mark.parametrize("kind", ["db", "fr", "local"])
def test_gamma_matrix_reproduces_jump_dissipator(kind, rng):
    bath = lb.make_bath(kind, "left", 0.6, 0.9)
    gamma = bath.gamma_matrix(CHAIN2)
    assert np.abs(gamma - gamma.conj().T).max() < 1e-13
    assert np.linalg.eigvalsh(gamma).min() > -1e-12
    paulis = [string_matrix(a + b) for a in LABELS for b in LABELS]
    jump_form = lindblad_superop(np.zeros((4, 4)), bath.jump_operators(CHAIN2))
    for _ in range(3):
        rho = random_density_matrix(rng, 4)
        pauli_form = sum(gamma[i, j] * (paulis[i] @ rho @ paulis[j]
                                         - 0.5 * (paulis[j] @ paulis[i] @ rho
                                                  + rho @ paulis[j] @ paulis[i]))
                         for i in range(16) for j in range(16))
        np.testing.assert_allclose(pauli_form, jump_form(rho), atol=1e-12)


def test_fr_without_hamiltonian_relaxes_every_mode_at_gamma():
    values = np.linalg.eigvals(lb.make_bath("fr", "left", 0.5, 1.7).pauli_block(CHAIN2))
    nonzero = values[np.abs(values) > 1e-10]
    assert nonzero.size == 15
    np.testing.assert_allclose(nonzero, -1.7, atol=1e-12)


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_two_sites_relax_to_target(kind):
    """H = h_T (no fields, so the chain of two sites is one bond): rho_ss = rho_T."""
    chain = lb.Chain(2, J=1.0, Delta=0.5, hx=0.0, hz=0.0)
    bath = lb.make_bath(kind, "left", 0.9, 1.3)
    state = lb.steady_state(chain, [bath])
    target = bath.target_state(chain)
    from lindbath.model.pauli import from_pauli

    np.testing.assert_allclose(from_pauli(state.pauli), target, atol=1e-10)


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_bath_alone_fixes_target_with_fields(kind):
    """The bath block alone (no H) has rho_T as its null vector, fields included."""
    bath = lb.make_bath(kind, "right", 1.1, 1.0)
    block = bath.pauli_block(CHAIN2)
    target = bath.target_state(CHAIN2)
    coeffs = np.array([np.trace(string_matrix(a + b) @ target).real
                       for a in LABELS for b in LABELS])
    assert np.abs(block @ coeffs).max() < 1e-12


def test_reduced_targets_are_states():
    for target in ("reduced_edge", "reduced_bulk"):
        bath = lb.make_bath("db", "left", 0.7, 1.0, target=target, target_length=6)
        rho = bath.target_state(CHAIN2)
        assert abs(np.trace(rho) - 1) < 1e-12
        assert np.linalg.eigvalsh(rho).min() > 0


def test_reduced_edge_target_matches_brute_force():
    from conftest import gibbs

    chain6 = lb.Chain(6, **XXZ_FIELDS)
    rho = gibbs(chain6.hamiltonian().toarray(), 0.7).reshape(4, 16, 4, 16)
    expected = np.einsum("aibi->ab", rho)
    bath = lb.make_bath("fr", "left", 0.7, 1.0, target="reduced_edge", target_length=6)
    np.testing.assert_allclose(bath.target_state(CHAIN2), expected, atol=1e-12)


def test_local_bath_thermalizes_free_spins():
    """J = Delta = hx = 0: H = hz (sz_1 + sz_2); local baths give <sz> = -tanh(beta hz)."""
    chain = lb.Chain(2, J=0.0, Delta=0.0, hx=0.0, hz=0.35)
    state = lb.steady_state(chain, [lb.make_bath("local", "left", 1.3, 0.5)])
    np.testing.assert_allclose(state.expect("sz"), -np.tanh(1.3 * 0.35), atol=1e-12)
    np.testing.assert_allclose(state.expect("szsz"), np.tanh(1.3 * 0.35) ** 2, atol=1e-12)


def test_davies_rates_obey_kms():
    bath = lb.DaviesBath("left", 0.7, 0.3)
    w = np.array([0.4, 1.5])
    np.testing.assert_allclose(bath.rate(-w), np.exp(-0.7 * w) * bath.rate(w))
    np.testing.assert_allclose(bath.rate(0.0), 0.3 / 0.7)
    np.testing.assert_allclose(bath.rate(1.5), 0.3 * 1.5 / -np.expm1(-0.7 * 1.5))
