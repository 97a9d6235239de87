"""Flexible GMRES (lindbath.exact.fgmres) against a dense solve."""

import numpy as np
import pytest

from lindbath.exact.fgmres import flexible_gmres


@pytest.fixture(scope="module")
def system():
    """A nonsymmetric, diagonally dominated system and its exact solution."""
    rng = np.random.default_rng(7)
    n = 300
    a = np.diag(rng.uniform(1.0, 10.0, n)) + rng.standard_normal((n, n)) / np.sqrt(n)
    b = rng.standard_normal(n)
    return a, b, np.linalg.solve(a, b)


def jacobi(a, store):
    """Diagonal preconditioner rounded to ``store``: a different rounding for each input."""
    return lambda v: (v / np.diag(a)).astype(store)


@pytest.mark.parametrize("store", [np.float64, np.float32])
@pytest.mark.parametrize("restart", [100, 6])
def test_solution_matches_dense_solve(system, store, restart):
    """Single-precision preconditioned vectors do not limit the accuracy (flexible Arnoldi
    relation), and restarts (several cycles) reach the same solution."""
    a, b, exact = system
    iterations = []
    x, residual, cycles = flexible_gmres(lambda v: a @ v, jacobi(a, store), b,
                                         1e-12 * np.linalg.norm(b), restart, 500, store,
                                         iterations.append)
    assert residual <= 1e-12 * np.linalg.norm(b)
    assert np.isclose(residual, np.linalg.norm(b - a @ x), rtol=1e-6, atol=0.0)
    np.testing.assert_allclose(x, exact, rtol=0, atol=1e-10 * np.abs(exact).max())
    assert (cycles == 1) == (restart == 100) and 5 < len(iterations) < 100
    assert iterations[-1] <= 1e-12 * 1.01


def test_iteration_cap_stops_unconverged(system):
    a, b, _ = system
    iterations = []
    x, residual, cycles = flexible_gmres(lambda v: a @ v, jacobi(a, np.float64), b,
                                         1e-14, 50, 3, report=iterations.append)
    assert len(iterations) == 3 and cycles == 1
    assert residual > 1e-3 and np.isclose(residual, np.linalg.norm(b - a @ x))


def test_without_preconditioner_the_first_step_is_the_minimal_residual(system):
    """One step from x = 0 minimizes ||b - t A b|| over t: t = (Ab . b) / |Ab|^2."""
    a, b, _ = system
    x, _, _ = flexible_gmres(lambda v: a @ v, lambda v: v, b, 0.0, 1, 1)
    ab = a @ b
    np.testing.assert_allclose(x, (ab @ b) / (ab @ ab) * b, rtol=1e-12)
