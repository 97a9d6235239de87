"""Exact steady states of [P] Eq. 2: the no-jump preconditioned solver, sparse LU and
GCROT on the Pauli-basis Liouvillian, and the Davies direct solve, behind one function."""

from __future__ import annotations

import logging
import resource
import time
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse.linalg as spla

from lindbath.exact.davies import davies_steady
from lindbath.exact.liouvillian import liouvillian
from lindbath.exact.nojump import nojump_steady
from lindbath.exact.settings import ExactSettings
from lindbath.model.baths import Bath, check_baths, is_global
from lindbath.model.chain import Chain
from lindbath.model.pauli import to_pauli
from lindbath.model.state import State
from lindbath.model.uniqueness import check_unique_steady_state
from lindbath.outputs import RESIDUAL_OK
from lindbath.progress import progress

__all__ = ["DIRECT_MAX_DIM", "POSITIVITY_TOL", "exact_steady_state"]

log = logging.getLogger(__name__)
DIRECT_MAX_DIM = 4**6  # sparse LU up to here when the no-jump solver does not apply
POSITIVITY_TOL = 1e-8  # a smallest eigenvalue of rho below -this marks it unconverged


def exact_steady_state(chain: Chain, baths: Sequence[Bath],
                       settings: ExactSettings | None = None) -> State:
    """Steady state L(rho) = 0, Tr rho = 1 of [P] Eq. 2, exactly.

    Two-site baths follow ``settings.solver``:
    "nojump": matrix-free flexible GMRES on rho preconditioned by the inverse of the no-jump
    generator (lindbath.exact.nojump; relative tolerance ``tol``, at most ``maxiter``
    products, restart length ``restart`` fitted into ``memory_bytes``, the site reflection
    when ``symmetry`` and the baths are mirror images, single-precision preconditioner per
    ``precision``).
    "direct": sparse LU of the real Pauli-basis L with c_0 = Tr rho = 1 fixed,
    L[1:, 1:] c' = -L[1:, 0] (the identity row of L is zero: L preserves the trace).
    "krylov": GCROT(m,k) on the same Pauli-basis system (relative tolerance ``tol``,
    ``maxiter`` outer iterations).
    "auto": "nojump"; if the no-jump generator is singular (some eigenstate of H - iK/2 does
    not decay), "direct" up to dimension 4^6 (DIRECT_MAX_DIM) and "krylov" beyond.
    Davies baths solve in the energy basis with a trace row replacing one equation
    (lindbath.exact.davies) whatever the settings.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        The boundary baths, all two-site baths or all Davies baths.
    settings : ExactSettings or None, default None
        Solver options (lindbath.exact.settings.ExactSettings, validated when built); None:
        ExactSettings() (solver "auto", tol 1e-12, maxiter 5000, restart 150, symmetry
        True, precision "auto", memory_bytes None).

    Returns
    -------
    State
        The steady state with its Pauli coefficients and diagnostics: solver, residual
        ||L(rho)||_F, converged (solver success and residual < RESIDUAL_OK, 0 as well with a
        RuntimeWarning when rho has an eigenvalue below -POSITIVITY_TOL), wall_time_s,
        peak_rss_mb and the route's own (iterations, cycles, precision, symmetry, ...).

    Raises
    ------
    ValueError
        Baths that do not fit the chain (lindbath.model.baths.check_baths), or a steady
        state that is not unique (no bath with gamma > 0, sites the baths cannot reach:
        lindbath.model.uniqueness; a Davies bath whose coupling leaves a conserved
        parity).
    ArithmeticError
        lindbath.errors.SolverError: solver="nojump" with a singular no-jump generator, or a
        singular Davies system found by the solve.

    References
    ----------
    [P] Eq. 2 (the master equation) and Appendix A (its Pauli-basis form);
    docs/conventions.md, "Master equation".
    """
    settings = ExactSettings() if settings is None else settings
    check_baths(chain, baths)
    check_unique_steady_state(chain, baths)
    start = time.perf_counter()
    if is_global(baths):
        pauli, details = davies_steady(chain, baths)
    else:
        pauli, details = _pauli_steady(chain, baths, settings)
    details["wall_time_s"] = time.perf_counter() - start
    details["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    details["converged"] = int(details.get("converged", 1) == 1
                               and details["residual"] < RESIDUAL_OK)
    log.info("steady state N=%d (%s): residual %.2e in %.1f s", chain.N, details["solver"],
             details["residual"], details["wall_time_s"])
    attrs = {f"bath_{i}": bath.describe() for i, bath in enumerate(baths)}
    return _positivity_verdict(State.from_pauli(chain, pauli, "exact", details, attrs))


def _positivity_verdict(state: State) -> State:
    """converged = 0, with a RuntimeWarning, when rho's smallest eigenvalue (computed up
    to lindbath.model.state.DENSE_MAX_N sites) is below -POSITIVITY_TOL: not a state."""
    lowest = state.diagnostics.get("min_eigenvalue", 0.0)
    if lowest < -POSITIVITY_TOL:
        warnings.warn(f"exact steady state N={state.chain.N}: rho is not positive (smallest "
                      f"eigenvalue {lowest:.2e} < -{POSITIVITY_TOL:g}); converged = 0",
                      RuntimeWarning, stacklevel=3)
        state.diagnostics["converged"] = 0
    return state


def _pauli_steady(chain: Chain, baths: Sequence[Bath],
                  settings: ExactSettings) -> tuple[np.ndarray, dict]:
    solver, tol, maxiter = settings.solver, settings.tol, settings.maxiter
    if solver in ("auto", "nojump"):
        try:
            rho, details = nojump_steady(chain, baths, settings)
            return to_pauli(rho).real, details
        except ArithmeticError as error:
            if solver == "nojump":
                raise
            log.warning("%s; falling back to the Pauli-basis solvers", error)
        solver = "direct" if 4**chain.N <= DIRECT_MAX_DIM else "krylov"
    gen = liouvillian(chain, baths)
    reduced, rhs = gen[1:, 1:].tocsc(), -gen[1:, 0].toarray().ravel()
    details: dict = {"solver": solver}
    if solver == "direct":
        x = spla.spsolve(reduced, rhs)
    else:
        iterations = []
        with progress(total=maxiter, desc=f"GCROT N={chain.N}", unit="it") as bar:
            x, info = spla.gcrotmk(reduced.tocsr(), rhs, rtol=tol, atol=0.0, maxiter=maxiter,
                                   callback=lambda xk: (iterations.append(xk), bar.update()))
        details.update(iterations=len(iterations), converged=int(info == 0))
    pauli = np.concatenate([[1.0], x])
    details["residual"] = float(np.linalg.norm(gen @ pauli) / np.sqrt(2**chain.N))
    return pauli, details
