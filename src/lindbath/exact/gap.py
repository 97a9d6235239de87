"""The Liouvillian gap: the slowest nonzero decay rate of [P] Eq. 2's generator.

Sparse route (``liouvillian_gap(..., dense=False)``, and the default beyond dimension 4^5):
Arnoldi on the propagator exp(tau L) restricted to the traceless operators.

* Deflation of the steady state.  L preserves the trace: t L = 0 for the trace row t
  (Pauli basis: t = e_0, since c_0 = Tr rho; Davies energy basis: t = 1 on the populations
  vec(rho)[n d + n]).  So the traceless subspace ker t is invariant and, in the coordinates
  x_1.. x_{n-1} (x_0 = -t[1:] x / t_0), L acts on it as
      A = L[1:, 1:] - L[1:, 0] t[1:] / t_0      (= L[1:, 1:] in the Pauli basis).
  L is block triangular with respect to ker t and its one-dimensional quotient, on which it
  acts as 0, hence spec(A) = spec(L) with one eigenvalue 0 removed: the steady state's.
* Ordering by decay rate.  |exp(lambda tau)| = exp(Re(lambda) tau), so the eigenvalues of
  exp(tau A) of largest modulus are exactly the eigenvalues of A with the largest real part,
  i.e. the slowest decays, whatever their frequency (Im lambda).  Shift-invert at sigma ~ 0,
  the former sparse route, orders by |lambda| instead and can return a fast mode of small
  frequency before a slow mode of large frequency.
* ARPACK (``scipy.sparse.linalg.eigs``, which="LM") on v -> exp(tau A) v, the action computed
  by ``scipy.sparse.linalg.expm_multiply`` (Al-Mohy and Higham; truncated Taylor series with
  scaling, backward error at double-precision unit roundoff) on A - mu I, mu = Tr A / (n - 1),
  which shortens the series; the factor exp(mu tau) is restored analytically.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from lindbath.errors import SolverError
from lindbath.exact.liouvillian import liouvillian
from lindbath.model.baths import Bath, check_inputs, is_global
from lindbath.model.chain import Chain
from lindbath.model.uniqueness import check_unique_steady_state

__all__ = ["liouvillian_gap", "sparse_gap", "traceless_block"]

DENSE_MAX_DIM = 4**5  # full diagonalization up to here by default
ZERO = 1e-9  # |lambda| below this counts as a steady state (dense and sparse routes alike)
NORM_PER_CALL = 60.0  # ||tau B / q||_1 per expm_multiply call: its cheap exact-norm branch


def liouvillian_gap(chain: Chain, baths: Sequence[Bath], k: int = 8,
                    dense: bool | None = None, *, tau: float | None = None,
                    tol: float = 1e-9, maxiter: int = 1000, ncv: int | None = None,
                    seed: int = 0) -> float:
    """Slowest nonzero decay rate of L, the inverse relaxation time to the steady state
    ([P] Sec. IV.2):

        g = min{ -Re(lambda) : lambda in spec(L), |lambda| > 1e-9 }.

    ``dense`` (default: True up to dimension 4^5) diagonalizes L fully (LAPACK).  Otherwise
    (see the module docstring): ARPACK finds the ``k`` eigenvalues nu of largest modulus of
    the propagator exp(tau A), A = L on the traceless operators (the steady state's 0
    deflated exactly), and g = -log|nu|/tau for the largest |nu| whose eigenvalue of A is
    not ~0 (computed by the Rayleigh quotient of its eigenvector).  Largest |exp(tau
    lambda)| means largest Re(lambda), so this is the slowest mode by construction.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        The baths (two-site or Davies).
    k : int, default 8
        Sparse route: eigenvalues of exp(tau A) ARPACK finds.
    dense : bool or None, default None
        True: full diagonalization; False: the sparse route; None: dense up to dimension
        4^5 (DENSE_MAX_DIM).
    tau : float or None, default None
        Sparse route: the propagator's time step; None: max(30/||A - mu||_1, 5/|Re mu|),
        mu = mean eigenvalue of A (about one Hamiltonian time and five mean decay times),
        which sets how far the slow rates are spread apart against the cost of one exp.
    tol : float, default 1e-9
        ARPACK's relative tolerance on nu; gives g to about tol/tau (1e-9: agreement with
        the dense route to ~1e-13 in the tests).
    maxiter : int, default 1000
        ARPACK restarts.
    ncv : int or None, default None
        Arnoldi vectors (None: ARPACK's choice).
    seed : int, default 0
        Seed of the random start vector.

    Returns
    -------
    float
        The gap g.

    Raises
    ------
    ValueError
        Raised first, for baths that cannot act on the chain or leave the steady state
        non-unique (e.g. every gamma = 0: no decay at all, the gap is undefined;
        lindbath.model.uniqueness).
    ArithmeticError
        Sparse route: ARPACK does not converge, L is not trace preserving, or the accepted
        eigenvector of exp(tau A) fails the check against A itself: its Rayleigh quotient's
        real part must equal log|nu|/tau to max(1e-8, 100 tol) (relative to
        max(1, |lambda|)), which rules out an inaccurate or aliased (exp(tau lambda) =
        exp(tau lambda')) eigenpair.  Use :func:`sparse_gap` for the diagnostics.

    References
    ----------
    [P] Sec. IV.2 (relaxation time) and Eq. 2; docs/conventions.md, "Steady state and
    relaxation".
    """
    baths = check_inputs(chain, baths)
    check_unique_steady_state(chain, baths)
    gen = liouvillian(chain, baths)
    if dense or (dense is None and gen.shape[0] <= DENSE_MAX_DIM):
        values = la.eigvals(gen.toarray())
        rates = -values.real
        return float(np.min(rates[np.abs(values) > ZERO]))
    return sparse_gap(gen, _trace_row(chain, baths), k=k, tau=tau, tol=tol,
                      maxiter=maxiter, ncv=ncv, seed=seed)[0]


def _trace_row(chain: Chain, baths: Sequence[Bath]) -> np.ndarray:
    """t with t . vec(rho) = Tr rho in the basis of :func:`liouvillian`."""
    if is_global(baths):
        dim = 2**chain.N
        row = np.zeros(dim * dim)
        row[:: dim + 1] = 1.0
        return row
    row = np.zeros(4**chain.N)
    row[0] = 1.0  # c_0 = Tr(rho)
    return row


def traceless_block(gen: sp.spmatrix, trace_row: np.ndarray) -> sp.csr_matrix:
    """A = L[1:, 1:] - L[1:, 0] t[1:] / t_0: L on the traceless operators, spec(A) =
    spec(L) less the steady state's 0.  Raises ArithmeticError unless t L = 0."""
    gen = sp.csr_matrix(gen)
    scale = max(spla.norm(gen, 1), 1.0)
    leak = np.abs(gen.T @ trace_row).max()
    if leak > 1e-10 * scale or trace_row[0] == 0:
        raise ArithmeticError(f"the generator is not trace preserving (|t L| = {leak:.1e}); "
                              "the gap route needs t L = 0 with t_0 != 0")
    block = gen[1:, 1:]
    rest = sp.csr_matrix(trace_row[None, 1:] / trace_row[0])
    if rest.nnz:
        block = block - sp.csr_matrix(gen[1:, [0]]) @ rest
    return sp.csr_matrix(block)


def sparse_gap(gen: sp.spmatrix, trace_row: np.ndarray, k: int = 8, tau: float | None = None,
               tol: float = 1e-9, maxiter: int = 1000, ncv: int | None = None,
               seed: int = 0) -> tuple[float, dict]:
    """The gap of the generator ``gen`` (trace row ``trace_row``) by Arnoldi on exp(tau A)
    (see :func:`liouvillian_gap`).  Returns (gap, info); info: tau, the slowest eigenvalue
    ``eigenvalue`` (Re from log|nu|/tau, Im from the Rayleigh quotient), ``rates`` (all
    converged nonzero ones), ``residual`` ||A v - lambda v|| / ||v||, ``mismatch`` |Re of
    the Rayleigh quotient - log|nu|/tau|, ``applications`` (products with exp(tau A)),
    ``expm_calls`` per application (q)."""
    block = traceless_block(gen, trace_row)
    del gen
    size = block.shape[0]
    mean = block.diagonal().sum() / size
    mu = complex(mean) if np.iscomplexobj(block.data) else float(mean)
    shifted = sp.csr_matrix(block - mu * sp.identity(size, format="csr", dtype=block.dtype))
    del block
    norm = spla.norm(shifted, 1)
    if tau is None:
        tau = max(30.0 / norm if norm > 0 else 1.0, 5.0 / abs(mu.real) if mu.real else 0.0)
    if not tau > 0:
        raise ValueError(f"tau must be positive; got {tau}")
    calls = max(1, math.ceil(tau * norm / NORM_PER_CALL))
    shifted.data *= tau / calls  # now B = (tau / q)(A - mu)
    count = [0]

    def propagate(v: np.ndarray) -> np.ndarray:
        count[0] += 1
        for _ in range(calls):
            v = spla.expm_multiply(shifted, v, traceA=0.0)
        return v

    op = spla.LinearOperator((size, size), matvec=propagate, dtype=shifted.dtype)
    rng = np.random.default_rng(seed)
    start = rng.normal(size=size).astype(shifted.dtype)
    if np.iscomplexobj(start):
        start = start + 1j * rng.normal(size=size)
    k = max(1, min(k, size - 2))
    ncv = None if ncv is None else min(max(ncv, k + 2), size)
    try:
        nu, vectors = spla.eigs(op, k=k, which="LM", v0=start, tol=tol, maxiter=maxiter,
                                ncv=ncv)
    except spla.ArpackNoConvergence as error:
        raise SolverError(
            f"Liouvillian gap: ARPACK on exp(tau L) did not converge ({len(error.eigenvalues)}"
            f" of {k} eigenvalues after {maxiter} restarts, {count[0]} propagations, "
            f"tau={tau:.3g}); pass a larger tau, maxiter or ncv") from None
    log_modulus = np.log(np.abs(nu)) / tau + mu.real  # Re(lambda) of each eigenpair
    rayleigh = np.array([np.vdot(v, shifted @ v) / np.vdot(v, v) for v in vectors.T])
    rayleigh = mu + rayleigh * calls / tau  # lambda of A by the Rayleigh quotient
    keep = np.abs(rayleigh) > ZERO
    if not keep.any():
        raise SolverError(f"Liouvillian gap: all {k} eigenvalues found are ~0 (several "
                          "steady states); pass a larger k")
    best = np.flatnonzero(keep)[np.argmax(log_modulus[keep])]
    vec = vectors[:, best]
    residual = np.linalg.norm(shifted @ vec * (calls / tau) + (mu - rayleigh[best]) * vec)
    residual /= np.linalg.norm(vec)
    mismatch = abs(rayleigh[best].real - log_modulus[best])
    eigenvalue = complex(log_modulus[best], rayleigh[best].imag)
    info = {"tau": tau, "eigenvalue": eigenvalue, "rates": np.sort(-log_modulus[keep]),
            "residual": float(residual), "mismatch": float(mismatch),
            "applications": count[0], "expm_calls": calls, "dimension": size + 1}
    if mismatch > max(1e-8, 100 * tol) * max(1.0, abs(eigenvalue)):
        raise SolverError(
            f"Liouvillian gap: the slowest eigenpair of exp(tau L) fails the check against L "
            f"(Re of Rayleigh quotient {rayleigh[best].real:.12g} vs log|nu|/tau "
            f"{log_modulus[best]:.12g}, residual {residual:.1e}); try another tau")
    return float(-log_modulus[best]), info
