"""Jaynes-Cummings model with cavity loss: phenomenological ([L] Eq. 1) versus
microscopic dressed-state master equation ([L] Ref. [1])."""

import numpy as np
import pytest

from lindbath.open_qubits import jaynes_cummings as jc
from lindbath.open_qubits import qubits as q

KAPPA = 0.05


def _dense(L):
    return L.toarray() if hasattr(L, "toarray") else np.asarray(L)


def _cavity_thermal(nbar, n_max):
    p = (nbar / (nbar + 1)) ** np.arange(n_max + 1)
    return np.diag(p / p.sum())


@pytest.mark.parametrize(
    ("omega_a", "g", "nbar"),
    [(1.0, 0.3, 0.5), (1.3, 0.2, 0.8), (0.8, 0.6, 0.2), (1.0, 0.3, 0.0)],
)
def test_microscopic_steady_state_is_gibbs_state_of_h_jc(omega_a, g, nbar):
    n_max = 10
    L = jc.microscopic_liouvillian(1.0, omega_a, g, KAPPA, nbar, n_max)
    rho = q.unique_steady_state(L)
    assert q.trace_distance(rho, jc.jc_gibbs_state(1.0, omega_a, g, nbar, n_max)) < 1e-8


@pytest.mark.parametrize("omega_a", [1.0, 1.3])
def test_microscopic_equals_phenomenological_at_zero_coupling(omega_a):
    """At g = 0 every x-transition has w = +-omega_c, where the Ohmic KMS rates are
    kappa (nbar + 1) and kappa nbar: the two generators must coincide."""
    args = (1.0, omega_a, 0.0, KAPPA, 0.7, 6)
    micro = _dense(jc.microscopic_liouvillian(*args))
    assert np.abs(micro - _dense(jc.phenomenological_liouvillian(*args))).max() < 1e-12


def test_phenomenological_steady_state_at_zero_coupling_is_thermal_cavity_times_atom_populations():
    n_max, nbar = 10, 0.6
    L = jc.phenomenological_liouvillian(1.0, 1.2, 0.0, KAPPA, nbar, n_max)
    atom = np.array([[0.3, 0.2 - 0.1j], [0.2 + 0.1j, 0.7]])
    rho0 = np.kron(np.diag(np.eye(n_max + 1)[2]), atom)  # |2><2| (x) atom
    expected = np.kron(_cavity_thermal(nbar, n_max), np.diag(np.diag(atom)))
    np.testing.assert_allclose(q.stationary_state(L, rho0), expected, atol=1e-10)
    assert q.steady_states(L).shape[0] == 2  # the decoupled atom keeps its populations


def test_phenomenological_differs_from_gibbs_at_finite_temperature():
    """On resonance the phenomenological steady state is the bare thermal state
    exp(-beta (omega a^+ a + omega sigma^z / 2))/Z (it commutes with H_JC and is annihilated
    by the bare-cavity dissipator), at trace distance 0.1069 from the H_JC Gibbs state for
    g = 0.3, nbar = 0.5; the microscopic one is that Gibbs state."""
    n_max, g, nbar = 12, 0.3, 0.5
    rho = q.unique_steady_state(jc.phenomenological_liouvillian(1.0, 1.0, g, KAPPA, nbar, n_max))
    bare = jc.jc_gibbs_state(1.0, 1.0, 0.0, nbar, n_max)
    gibbs = jc.jc_gibbs_state(1.0, 1.0, g, nbar, n_max)
    assert q.trace_distance(rho, bare) < 1e-10
    assert q.trace_distance(rho, gibbs) > 0.1
    cold = q.unique_steady_state(jc.phenomenological_liouvillian(1.0, 1.0, g, KAPPA, 0.0, n_max))
    assert q.trace_distance(cold, jc.jc_gibbs_state(1.0, 1.0, g, 0.0, n_max)) < 1e-10


def test_sweep_dataset():
    ds = jc.steady_state_sweep([0.1, 0.4], nbars=[0.0, 0.5], n_max=10, truncation_tol=1e-4)
    assert ds.trace_distance_to_gibbs.dims == ("nbar", "g", "model")
    assert ds.g.attrs["units"] and ds.trace_distance_to_gibbs.attrs["long_name"]
    dist = ds.trace_distance_to_gibbs
    assert float(dist.sel(model="microscopic").max()) < 1e-8
    assert float(dist.sel(nbar=0.0).max()) < 1e-8
    hot = dist.sel(nbar=0.5, model="phenomenological").values
    assert hot[0] > 0.02 and hot[1] > hot[0]
    np.testing.assert_allclose(
        ds.atom_excited_population.sel(nbar=0.5, model="phenomenological"), 0.25, atol=1e-10)
    np.testing.assert_allclose(ds.photon_number.sel(model="microscopic"), ds.gibbs_photon_number,
                               atol=1e-8)
    assert 1e-6 < float(ds.top_fock_population.max()) < 1e-4


def test_truncation_check_triggers_when_n_max_is_too_small():
    with pytest.raises(jc.FockTruncationError, match="n_max = 4"):
        jc.steady_state_sweep([0.2], nbars=[2.0], n_max=4)
    rho = jc.jc_gibbs_state(1.0, 1.0, 0.2, 0.3, 20)
    assert jc.check_truncation(rho, 20) < 1e-9


def test_ohmic_rates_obey_kms_and_match_cavity_rates():
    beta = jc.inverse_temperature(0.5, 1.0)
    w = np.array([0.3, 1.0, 2.5])
    np.testing.assert_allclose(jc.ohmic_rate(-w, KAPPA, beta, 1.0),
                               np.exp(-beta * w) * jc.ohmic_rate(w, KAPPA, beta, 1.0), rtol=1e-13)
    np.testing.assert_allclose(jc.ohmic_rate([1.0, -1.0, 0.0], KAPPA, beta, 1.0),
                               [KAPPA * 1.5, KAPPA * 0.5, KAPPA / beta], rtol=1e-13)
    np.testing.assert_allclose(jc.ohmic_rate([1.0, -1.0], KAPPA, np.inf, 1.0), [KAPPA, 0.0])


def test_phenomenological_liouvillian_matches_qutip():
    qutip = pytest.importorskip("qutip")
    n_max, g, nbar = 5, 0.4, 0.3
    a = qutip.tensor(qutip.destroy(n_max + 1), qutip.qeye(2))
    sm = qutip.tensor(qutip.qeye(n_max + 1), qutip.sigmam())
    sz = qutip.tensor(qutip.qeye(n_max + 1), qutip.sigmaz())
    h = 1.0 * a.dag() * a + 1.2 / 2 * sz + g * (a.dag() * sm + a * sm.dag())
    L_q = qutip.liouvillian(h, [np.sqrt(KAPPA * (nbar + 1)) * a, np.sqrt(KAPPA * nbar) * a.dag()])
    d = 2 * (n_max + 1)
    perm = np.arange(d * d).reshape(d, d).T.ravel()  # column-stacked -> row-major vec
    expected = L_q.full()[np.ix_(perm, perm)]
    got = _dense(jc.phenomenological_liouvillian(1.0, 1.2, g, KAPPA, nbar, n_max))
    assert np.abs(got - expected).max() < 1e-8


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: jc.phenomenological_liouvillian(1, 1, 0.1, -1.0, 0, 5), "kappa"),
        (lambda: jc.microscopic_liouvillian(1, 1, 0.1, 0.1, -0.2, 5), "nbar"),
        (lambda: jc.jc_hamiltonian(-1, 1, 0.1, 5), "omega_c"),
        (lambda: jc.jc_hamiltonian(1, 1, 0.1, 0), "n_max"),
        (lambda: jc.steady_state_sweep([0.0, 0.1]), "gs"),
        (lambda: jc.steady_state_sweep([0.1], nbars=[-1.0]), "nbars"),
        (lambda: jc.top_fock_population(np.eye(4), 5), "rho"),
    ],
)
def test_invalid_inputs_raise_value_error_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()
