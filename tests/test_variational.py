"""The variational MPS steady-state solver (lindbath.mps.variational) against the exact
solver and the dense Liouvillian."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as la
from conftest import XXZ_FIELDS
from test_tensor_networks import dense_vector, random_state_mps

import lindbath as lb
from lindbath.mps.generators import liouvillian_blocks
from lindbath.mps.variational import (
    LOCAL_TOL,
    chi_ladder,
    eigenpair_nearest_zero,
    generator_residual,
    mpo_from_blocks,
)

NAMES = ("sx", "sy", "sz", "sxsx", "szsz", "energy")
TRANSPORT = [lb.make_bath("db", "left", 0.4, 1.0), lb.make_bath("db", "right", 0.6, 1.0)]


def dense_mpo(mpo):
    """The full 4^N x 4^N matrix of an MPO (tiny N only), site 1 most significant."""
    out = mpo[0][0]  # (out, in, w)
    for w in mpo[1:]:
        out = np.tensordot(out, w, axes=(2, 0))  # (O, I, o, i, v)
        rows, cols = out.shape[0] * 4, out.shape[1] * 4
        out = out.transpose(0, 2, 1, 3, 4).reshape(rows, cols, -1)
    return out[..., 0]


def test_mpo_equals_the_liouvillian():
    """The MPO of the bond blocks is the Pauli-basis Liouvillian of [P] Eq. 2 (N = 4, DB on
    the left, FR on the right)."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    baths = [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("fr", "right", 1.3, 0.4)]
    mpo = mpo_from_blocks(liouvillian_blocks(chain, baths))
    assert np.abs(dense_mpo(mpo) - lb.liouvillian(chain, baths).toarray()).max() < 1e-12
    assert max(w.shape[3] for w in mpo) <= 18  # operator-SVD ranks <= 16 plus two states


def test_generator_residual_is_the_norm_of_l_rho():
    """||L c|| / ||c|| from the two-layer contraction equals the dense value."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    blocks = liouvillian_blocks(chain, TRANSPORT)
    mps, c = random_state_mps(np.random.default_rng(2), 4)
    dense = np.linalg.norm(lb.liouvillian(chain, TRANSPORT) @ c) / np.linalg.norm(c)
    assert generator_residual(mps, mpo_from_blocks(blocks)) == pytest.approx(dense, rel=1e-10)
    assert np.allclose(dense_vector(mps), c)


def test_eigenpair_nearest_zero_by_restarted_arnoldi():
    """The Arnoldi route (size above the dense limit), started as in a sweep near the answer
    (the previous local tensor; here 30 % off), finds the eigenvalue closest to 0 (also the
    rightmost) of a non-normal matrix with eigenvalues -1e-3 and -0.01.. -1 +- i (0.5 .. 5), to the
    local residual LOCAL_TOL (the eigenvalue itself is ill-conditioned: within 1e-4)."""
    rng = np.random.default_rng(5)
    n = 600
    blocks = [np.array([[-0.01 - rng.random(), w], [-w, -0.01 - rng.random()]])
              for w in rng.uniform(0.5, 5.0, n // 2 - 1)]
    core = la.block_diag(np.array([[-1e-3]]), *blocks, np.array([[-0.5]]))
    core += 0.3 * np.triu(rng.normal(size=(n, n)), 2) / np.sqrt(n)  # non-normal
    q = la.qr(rng.normal(size=(n, n)))[0]
    matrix = q @ core @ q.T
    exact = la.eigvals(matrix)
    target = q[:, 0] / np.linalg.norm(q[:, 0])  # eigenvector of -1e-3 (core is triangular)
    start = target + 0.3 * rng.normal(size=n) / np.sqrt(n)
    value, vector, residual = eigenpair_nearest_zero(lambda x: matrix @ x, start)
    assert value.real == pytest.approx(exact.real.max(), abs=1e-4)  # ill-conditioned
    assert np.linalg.norm(matrix @ vector - value.real * vector) < 1e-5
    assert residual < LOCAL_TOL and abs(vector @ target) > 0.99


def test_chi_ladder():
    assert chi_ladder(16, 128) == [16, 32, 64, 128]
    assert chi_ladder(16, 100) == [16, 32, 64, 100]
    assert chi_ladder(16, 16) == [16]


def test_variational_steady_state_is_exact_without_truncation():
    """N = 6 at chi = 64 (the full bond dimension 4^3): the sweeps reach the exact steady
    state (every observable to 1e-6, the local eigen-residual LOCAL_TOL = 1e-7 being the
    only error; measured 5.6e-8), with no truncation in the last
    rung, ||L c|| / ||c|| ~ 0, converged = 1 and the same numbers on a second run."""
    chain = lb.Chain(6, **XXZ_FIELDS)
    exact = lb.steady_state(chain, TRANSPORT)
    runs = [lb.steady_state(chain, TRANSPORT, method="mps", chi=64, algorithm="variational",
                            obs_tol=1e-8) for _ in range(2)]
    for name in NAMES:
        assert np.abs(runs[0].expect(name) - exact.expect(name)).max() < 1e-6, name
        assert np.array_equal(runs[0].expect(name), runs[1].expect(name)), name
    diag = runs[0].diagnostics
    assert diag["converged"] == 1 and diag["chi_gap"] == 0.0
    assert diag["generator_residual"] < 1e-6
    assert diag["history_chi"].tolist()[-1] == 64


@pytest.mark.slow  # 8 s; the N = 6 exactness test is the fast tier's null test
def test_variational_steady_state_bond_dimension_check():
    """N = 7 at chi = 32 (exact bond dimension 256): truncated, so chi_gap (16 against 32)
    is positive, bounds the actual error, and with obs_tol below it converged = 0 with a
    warning."""
    chain = lb.Chain(7, **XXZ_FIELDS)
    exact = lb.steady_state(chain, TRANSPORT)
    with pytest.warns(RuntimeWarning, match="not converged"):
        state = lb.steady_state(chain, TRANSPORT, method="mps", chi=32, chi_start=16,
                                algorithm="variational", obs_tol=1e-6)
    error = max(np.abs(state.expect(n) - exact.expect(n)).max() for n in NAMES)
    diag = state.diagnostics
    assert 0 < error < diag["chi_gap"] < 1e-2 and diag["converged"] == 0


@pytest.mark.slow
def test_variational_steady_state_n8_within_1e5():
    """N = 8 at chi = 128 (the transport point): every local observable within 2e-5 of
    the exact solver (measured 9.4e-6) and the bond-dimension check (64 against 128) above
    the actual error."""
    chain = lb.Chain(8, **XXZ_FIELDS)
    exact = lb.steady_state(chain, TRANSPORT)
    state = lb.steady_state(chain, TRANSPORT, method="mps", chi=128, algorithm="variational",
                            obs_tol=1e-3)
    error = max(np.abs(state.expect(n) - exact.expect(n)).max() for n in NAMES)
    assert error < 2e-5 and state.diagnostics["chi_gap"] > error
    assert state.diagnostics["converged"] == 1


def test_bad_variational_options_raise():
    chain = lb.Chain(4, **XXZ_FIELDS)
    for options, key in (({"algorithm": "dmrg"}, "algorithm"), ({"chi_start": 0}, "chi_start"),
                         ({"max_sweeps": 0}, "max_sweeps")):
        with pytest.raises(ValueError, match=key):
            lb.steady_state(chain, TRANSPORT, method="mps", **options)
