"""The Liouvillian gap's sparse route (Arnoldi on exp(tau L), lindbath.exact.gap) against
full diagonalization, an analytic case, and the shift-invert defect it replaces."""

import numpy as np
import pytest
from conftest import TILTED_ISING, XXZ_FIELDS

import lindbath as lb
from lindbath.exact.gap import _trace_row, sparse_gap, traceless_block
from lindbath.exact.liouvillian import liouvillian


def both(kind, beta=0.5, gamma=1.0):
    return [lb.make_bath(kind, "left", beta, gamma), lb.make_bath(kind, "right", beta, gamma)]


def dense_gap(chain, baths):
    """min{-Re(lambda) : |lambda| > 1e-9} by numpy's full eigenvalue solver."""
    values = np.linalg.eigvals(liouvillian(chain, baths).toarray())
    return np.min(-values.real[np.abs(values) > 1e-9])


CASES = {
    "db-both": (XXZ_FIELDS, both("db")),
    "fr-both": (XXZ_FIELDS, both("fr")),
    "db-left": (TILTED_ISING, [lb.make_bath("db", "left", 1.0, 1.0)]),
    "fr-right": (XXZ_FIELDS, [lb.make_bath("fr", "right", 1.0, 0.7)]),
    "db-fr-mixed": (TILTED_ISING, [lb.make_bath("db", "left", 0.5, 1.0),
                                   lb.make_bath("fr", "right", 1.0, 0.5)]),
}


@pytest.mark.parametrize("N", [3, 4, pytest.param(5, marks=pytest.mark.slow)])
@pytest.mark.parametrize("case", sorted(CASES))
def test_sparse_gap_matches_dense(N, case):
    params, baths = CASES[case]
    chain = lb.Chain(N, **params)
    expected = dense_gap(chain, baths)
    assert abs(lb.liouvillian_gap(chain, baths, dense=False) - expected) < 1e-8
    assert abs(lb.liouvillian_gap(chain, baths, dense=True) - expected) < 1e-10


@pytest.mark.parametrize("baths", [
    [lb.make_bath("davies", "left", 0.5, 1.0), lb.make_bath("davies", "right", 1.0, 1.0)],
    [lb.make_bath("davies", "left", 0.7, 0.5, coupling="Z")],
], ids=["both", "left-Z"])
def test_sparse_gap_matches_dense_davies(baths):
    chain = lb.Chain(4, **XXZ_FIELDS)
    expected = dense_gap(chain, baths)
    gap, info = sparse_gap(liouvillian(chain, baths), _trace_row(chain, baths))
    assert info["mismatch"] < 1e-10 and info["residual"] < 1e-8
    assert abs(gap - expected) < 1e-8
    assert abs(lb.liouvillian_gap(chain, baths, dense=False) - expected) < 1e-8


def test_old_shift_invert_defect_is_gone():
    """N = 4, DB on both edges: shift-invert at sigma ~ 0 returned 1.886 (a faster mode of
    smaller |lambda|) against the true 1.839, and at N = 3 it did not converge."""
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both("db")
    gap = lb.liouvillian_gap(chain, baths, dense=False)
    assert abs(gap - 1.8389069790631) < 1e-9
    assert abs(gap - dense_gap(chain, baths)) < 1e-8
    values = np.linalg.eigvals(liouvillian(chain, baths).toarray())
    values = values[np.abs(values) > 1e-9]
    nearest_zero = values[np.argsort(np.abs(values))[:8]]
    assert np.min(-nearest_zero.real) > gap + 0.04  # what the old route saw: 1.886
    small = lb.Chain(3, **XXZ_FIELDS)
    assert abs(lb.liouvillian_gap(small, baths, dense=False) - dense_gap(small, baths)) < 1e-8


@pytest.mark.parametrize("N", [2, 4])
def test_fr_without_hamiltonian_relaxes_at_gamma(N):
    """H = 0: D_FR(rho) = gamma (rho_T (x) Tr_bath rho - rho) is gamma (projection - 1), and
    the two edges' projections commute, so the rates are gamma_l, gamma_r, gamma_l +
    gamma_r: the gap is min(gamma_l, gamma_r)."""
    chain = lb.Chain(N, J=0.0, Delta=0.0, hx=0.0, hz=0.0)
    baths = [lb.make_bath("fr", "left", 0.5, 0.8)]
    if N == 4:
        baths.append(lb.make_bath("fr", "right", 1.5, 1.3))
    assert abs(lb.liouvillian_gap(chain, baths, dense=False) - 0.8) < 1e-10


def test_sparse_gap_diagnostics_and_tau_independence():
    chain, baths = lb.Chain(4, **TILTED_ISING), both("fr", 1.0)
    gen, row = liouvillian(chain, baths), _trace_row(chain, baths)
    gap, info = sparse_gap(gen, row)
    assert info["tau"] > 0 and info["applications"] > 0 and info["dimension"] == 4**4
    assert info["mismatch"] < 1e-10 and info["residual"] < 1e-8
    assert abs(info["eigenvalue"].real + gap) < 1e-14 and info["rates"][0] == gap
    assert abs(sparse_gap(gen, row, tau=0.4)[0] - gap) < 1e-9  # default tau here: 2.7


def test_sparse_gap_failures_are_errors():
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both("db")
    gen, row = liouvillian(chain, baths), _trace_row(chain, baths)
    with pytest.raises(ArithmeticError, match="did not converge"):
        sparse_gap(gen, row, maxiter=1, tol=1e-14)
    broken = gen.tolil()
    broken[0, 5] = 0.3  # the identity row of a trace-preserving L vanishes
    with pytest.raises(ArithmeticError, match="not trace preserving"):
        traceless_block(broken.tocsr(), row)


def test_traceless_block_removes_only_the_steady_state():
    chain, baths = lb.Chain(3, **XXZ_FIELDS), [lb.make_bath("davies", "left", 0.5, 1.0)]
    gen = liouvillian(chain, baths)
    full = np.sort_complex(np.linalg.eigvals(gen.toarray()))
    block = np.sort_complex(np.linalg.eigvals(traceless_block(gen, _trace_row(chain, baths))
                                              .toarray()))
    assert np.min(np.abs(block)) > 1e-6  # unique steady state: no 0 left
    zero = np.argmin(np.abs(full))
    np.testing.assert_allclose(np.sort_complex(np.delete(full, zero)), block, atol=1e-9)
