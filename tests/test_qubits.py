"""Qubits in a common bath: local ([L] Eqs. 4-5) vs global (Eqs. 49-50) master equations."""

import numpy as np
import pytest

from lindbath.open_qubits import qubits as q

GAMMA = 0.7


def _dense(L):
    return L.toarray() if hasattr(L, "toarray") else np.asarray(L)


def _apply(L, rho):
    d = rho.shape[0]
    return (_dense(L) @ rho.reshape(-1)).reshape(d, d)


def _population(rho):
    M = int(round(np.log2(rho.shape[-1])))
    return np.einsum("...ii,i->...", rho, q.excitation_number(M)).real


def _global_common(M=2, nbar=0.0):
    return q.global_liouvillian(np.ones(M), q.common_bath(M, GAMMA), nbar)


def test_symmetric_state_decays_at_2gamma_and_antisymmetric_is_dark():
    times = np.linspace(0.0, 4.0, 9)
    kets = q.single_excitation_kets(2)
    L = _global_common()
    sym = _population(q.evolve(L, np.outer(kets["symmetric"], kets["symmetric"].conj()), times))
    anti = _population(q.evolve(L, np.outer(kets["antisymmetric"], kets["antisymmetric"].conj()),
                                 times))
    np.testing.assert_allclose(sym, np.exp(-2 * GAMMA * times), rtol=0, atol=1e-10)
    np.testing.assert_allclose(anti, 1.0, rtol=0, atol=1e-10)


def test_single_excitation_decay_dataset_local_vs_global():
    times = np.linspace(0.0, 3.0, 7)
    ds = q.single_excitation_decay(q.common_bath(2, GAMMA), times=times)
    glob = ds.excited_population.sel(model="global")
    loc = ds.excited_population.sel(model="local")
    np.testing.assert_allclose(glob.sel(initial_state="localized"),
                               (1 + np.exp(-2 * GAMMA * times)) / 2, atol=1e-10)
    np.testing.assert_allclose(loc, np.broadcast_to(np.exp(-GAMMA * times), loc.shape), atol=1e-10)
    assert ds.excited_population.dims == ("model", "initial_state", "time")
    assert ds.time.attrs["units"] and ds.excited_population.attrs["long_name"]


def test_w_state_of_three_qubits_is_superradiant():
    times = np.linspace(0.0, 2.0, 5)
    ds = q.single_excitation_decay(q.common_bath(3, GAMMA), times=times)
    np.testing.assert_allclose(ds.excited_population.sel(model="global", initial_state="symmetric"),
                               np.exp(-3 * GAMMA * times), atol=1e-10)


def test_local_and_global_coincide_for_diagonal_gamma():
    omegas = np.array([1.0, 1.3, 0.8])
    rates = np.array([0.2, 0.5, 0.9])
    loc = q.local_liouvillian(omegas, rates, 0.3)
    glob = q.global_liouvillian(omegas, np.diag(rates), 0.3)
    assert np.abs(_dense(loc) - _dense(glob)).max() < 1e-12


def test_distance_bath_at_sinc_zero_removes_collective_effects():
    gam = q.distance_bath([0.0, 1.0], GAMMA, np.pi)
    np.testing.assert_allclose(gam, GAMMA * np.eye(2), atol=1e-15)
    np.testing.assert_allclose(q.distance_bath([[0, 0, 0], [0, 3, 4]], 2.0, 0.1)[0, 1],
                               2.0 * np.sin(0.5) / 0.5, rtol=1e-14)
    L_glob = _dense(q.global_liouvillian([1.0, 1.0], gam, 0.2))
    assert np.abs(L_glob - _dense(q.local_liouvillian([1.0, 1.0], GAMMA, 0.2))).max() < 1e-12


@pytest.mark.parametrize("nbar", [0.0, 0.4, 2.0])
def test_local_model_has_unique_thermal_steady_state(nbar):
    L = q.local_liouvillian([1.0, 1.7], GAMMA, nbar)
    assert q.steady_states(L).shape[0] == 1
    rho = q.unique_steady_state(L)
    np.testing.assert_allclose(rho, q.product_thermal_state(2, nbar), atol=1e-10)
    p_excited_qubit1 = rho[0, 0] + rho[1, 1]
    assert abs(p_excited_qubit1.real / (1 - p_excited_qubit1.real) - nbar / (nbar + 1)) < 1e-10


def test_global_common_bath_has_two_steady_states_and_projection_matches_long_time():
    L = _global_common(nbar=0.5)
    basis = q.steady_states(L)
    assert basis.shape[0] == 2
    for x in basis:
        assert np.abs(_apply(L, x)).max() < 1e-12
        np.testing.assert_allclose(x, x.conj().T, atol=1e-14)
    np.testing.assert_allclose(np.einsum("aij,bji->ab", basis, basis), np.eye(2), atol=1e-12)
    rho0 = np.diag([0.0, 1.0, 0.0, 0.0]).astype(complex)  # |e g>
    late = q.evolve(L, rho0, [80.0])[0]
    np.testing.assert_allclose(q.stationary_state(L, rho0), late, atol=1e-9)
    with pytest.raises(ValueError, match="2 independent steady states"):
        q.unique_steady_state(L)


def test_dark_state_trapping_common_bath_three_qubits():
    ds = q.dark_state_trapping(q.common_bath(3, GAMMA))
    np.testing.assert_allclose(ds.trapped_population.sel(model="global"), [2 / 3, 0.0, 1.0],
                               atol=1e-10)
    np.testing.assert_allclose(ds.trapped_population.sel(model="local"), 0.0, atol=1e-10)
    assert int(ds.n_steady_states.sel(model="local")) == 1
    assert int(ds.n_steady_states.sel(model="global")) > 1


def test_dark_state_needs_a_perfectly_common_bath():
    ds = q.dark_state_trapping(q.distance_bath([0.0, 0.5], GAMMA, 1.0))
    np.testing.assert_allclose(ds.trapped_population, 0.0, atol=1e-10)


def test_initial_state_dependence_matches_singlet_triplet_analysis():
    nbar = 0.5
    ds = q.initial_state_dependence(q.common_bath(2, GAMMA), nbar=nbar)
    a = nbar * (nbar + 1) / (2 * nbar + 1) ** 2  # singlet weight of the Gibbs state
    expected = {"ground": a, "excited": a, "localized": 0.5 - a, "symmetric": a,
                "antisymmetric": 1 - a, "maximally_mixed": abs(0.25 - a)}
    glob = ds.trace_distance_to_gibbs.sel(model="global")
    for name, value in expected.items():
        assert abs(float(glob.sel(initial_state=name)) - value) < 1e-10, name
    np.testing.assert_allclose(ds.trace_distance_to_gibbs.sel(model="local"), 0.0, atol=1e-10)
    np.testing.assert_allclose(ds.pairwise_trace_distance.sel(model="local"), 0.0, atol=1e-10)
    assert float(ds.pairwise_trace_distance.sel(model="global").max()) > 0.6


def _qutip_global(qutip, omegas, gam, nbar, lam):
    M = len(omegas)
    sm = [qutip.tensor([qutip.sigmam() if k == i else qutip.qeye(2) for k in range(M)])
          for i in range(M)]
    sz = [qutip.tensor([qutip.sigmaz() if k == i else qutip.qeye(2) for k in range(M)])
          for i in range(M)]
    h = sum((omegas[i] - lam[i, i] * (2 * nbar + 1)) / 2 * sz[i] for i in range(M))
    h = h - sum(lam[i, j] * sm[i].dag() * sm[j] + np.conj(lam[i, j]) * sm[i] * sm[j].dag()
                for i in range(M) for j in range(i))  # [L] Eq. 50 as printed (i > j)
    evals, evecs = np.linalg.eigh(gam)
    jumps = []
    for lam_k, u in zip(evals, evecs.T, strict=True):
        emit = sum(np.conj(u[j]) * sm[j] for j in range(M))
        jumps += [np.sqrt(lam_k * (nbar + 1)) * emit, np.sqrt(lam_k * nbar) * emit.dag()]
    return h, jumps


def _row_major(L_qutip, d):
    perm = np.arange(d * d).reshape(d, d).T.ravel()
    return L_qutip.full()[np.ix_(perm, perm)]


_LAMB = np.array([[0.05, -0.02, 0.03], [-0.02, 0.04, 0.01], [0.03, 0.01, 0.06]])
_PHASES = np.exp(1j * np.array([0.0, 0.8, -1.9]))


@pytest.mark.parametrize(
    ("gam", "lam"),
    [
        (q.distance_bath([[0, 0, 0], [0.7, 0, 0], [0.2, 0.9, 0]], GAMMA, 2.0), _LAMB),
        # complex Hermitian couplings: phases e^{i phi_i} on g_ik (absorption uses gamma^*)
        (np.outer(_PHASES.conj(), _PHASES) * q.distance_bath([0, 0.4, 1.1], GAMMA, 2.0),
         np.outer(_PHASES.conj(), _PHASES) * _LAMB),
    ],
)
def test_global_liouvillian_matches_qutip(gam, lam):
    qutip = pytest.importorskip("qutip")
    omegas = np.array([1.0, 1.1, 0.95])
    nbar = 0.3
    h, jumps = _qutip_global(qutip, omegas, gam, nbar, lam)
    expected = _row_major(qutip.liouvillian(h, jumps), 8)
    got = _dense(q.global_liouvillian(omegas, gam, nbar, lamb_shift=lam))
    assert np.abs(got - expected).max() < 1e-8


def test_evolve_matches_qutip_mesolve():
    qutip = pytest.importorskip("qutip")
    omegas, gam, nbar = np.array([1.0, 1.2]), q.common_bath(2, GAMMA), 0.4
    h, jumps = _qutip_global(qutip, omegas, gam, nbar, np.zeros((2, 2)))
    rho0 = np.diag([0.0, 1.0, 0.0, 0.0]).astype(complex)
    times = np.linspace(0.0, 3.0, 4)
    result = qutip.mesolve(h, qutip.Qobj(rho0, dims=[[2, 2], [2, 2]]), times, jumps,
                           options={"atol": 1e-13, "rtol": 1e-11})
    ours = q.evolve(q.global_liouvillian(omegas, gam, nbar), rho0, times)
    assert max(np.abs(s.full() - r).max() for s, r in zip(result.states, ours, strict=True)) < 1e-8


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: q.global_liouvillian([1, 1], [[1, 0.5j], [0.5j, 1]], 0),
         "gamma_matrix.*Hermitian"),
        (lambda: q.global_liouvillian([1, 1], [[1, 2], [2, 1]], 0), "positive semidefinite"),
        (lambda: q.global_liouvillian([1, 1], np.ones((3, 3)), 0), "gamma_matrix.*2 x 2"),
        (lambda: q.global_liouvillian([1, 1], np.ones((2, 2)), 0, [[0, 1], [2, 0]]),
         "lamb_shift"),
        (lambda: q.local_liouvillian([1, 1], -0.1, 0), "gamma"),
        (lambda: q.local_liouvillian([1, 1], 1.0, -0.5), "nbar"),
        (lambda: q.local_liouvillian([], 1.0, 0), "omegas"),
        (lambda: q.local_liouvillian([1, -1], 1.0, 0), "omegas"),
        (lambda: q.common_bath(0, 1.0), "M"),
        (lambda: q.common_bath(2, -1.0), "gamma"),
        (lambda: q.distance_bath(np.zeros((2, 4)), 1.0, 1.0), "positions"),
        (lambda: q.distance_bath([0, 1], 1.0, -1.0), "k0"),
        (lambda: q.evolve(np.eye(16), np.eye(4), [1.0, 0.5]), "times"),
        (lambda: q.evolve(np.eye(16), np.eye(2), [1.0]), "rho0"),
        (lambda: q.steady_states(np.eye(15)), "L must be"),
        (lambda: q.single_excitation_decay(q.common_bath(1, 1.0)), "M >= 2"),
    ],
)
def test_invalid_inputs_raise_value_error_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()
