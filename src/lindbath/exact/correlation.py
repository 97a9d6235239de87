"""Two-time correlations in the steady state, exactly ([P] Sec. IV.3, Eq. 12):

    full(t) = Tr[ A e^{L' t}( B rho ) ],   C(t) = full(t) - <A><B>.

In the Pauli basis (rho = sum_s c_s P_s / 2^N), B rho has complex coefficients d
(lindbath.model.pauli.left_multiply), and since Tr(P_A X) = x_A for X = sum_s x_s P_s / 2^N,

    full(t) = [e^{L' t} d]_A = (e^{L'^T t} e_A) . d,

so the real vector e_A is propagated with the real matrix L'^T (Heisenberg picture) by the
Krylov propagator of lindbath.exact.propagator.  N <= EXACT_MAX_N.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import numpy as np

from lindbath import validation
from lindbath.errors import InputError
from lindbath.exact.liouvillian import liouvillian
from lindbath.exact.propagator import krylov_observe
from lindbath.exact.settings import ExactSettings
from lindbath.exact.sparse import exact_steady_state
from lindbath.model.baths import Bath, hamiltonian_scale, with_gamma
from lindbath.model.chain import Chain
from lindbath.model.pauli import left_multiply, string_index
from lindbath.model.state import State

__all__ = ["EXACT_MAX_N", "EXACT_OPTIONS", "GAMMA_EVOLVE_MAX_RATIO", "T_MAX", "exact_correlation"]

log = logging.getLogger(__name__)
EXACT_MAX_N = 10
EXACT_OPTIONS = ("krylov_dim", "krylov_tol", "solver", "tol", "maxiter")
STEADY_OPTIONS = ("solver", "tol", "maxiter")
TRACE_TOL = 1e-8
# largest gamma' / hamiltonian_scale: at 1e16 the O(1) Hamiltonian drowns in the rounding of
# gamma' (N = 4: C(0.5) = 0.033 instead of the Zeno value 0.110; at 1e20 the Arnoldi basis
# collapses and C = 0 with error estimate 0); 1e12 is right to 1e-6 in 0.5 s
GAMMA_EVOLVE_MAX_RATIO = 1e12
# latest time: the propagated vector's rounding drift grows ~ t (N = 4: C off by 4e-13 at
# t = 1e6, 4e-10 at 1e9); every correlation has long decayed by 1e6
T_MAX = 1e6


def exact_correlation(chain: Chain, baths: Sequence[Bath], times: np.ndarray,
                      op_a: tuple[str, int], op_b: tuple[str, int], gamma: float | None,
                      state: State | np.ndarray | None, options: dict) -> dict:
    """full(t) = (e^{L'^T t} e_A) . d with d the Pauli coefficients of B rho (module doc);
    ``op_a``, ``op_b``: (Pauli label, 0-based site); ``gamma``: gamma' of L' (None: as L).
    Returns {"full", "expect_A", "expect_B", "diagnostics"}.  Refused before any work
    (InputError): gamma > GAMMA_EVOLVE_MAX_RATIO hamiltonian_scale, times beyond T_MAX."""
    for key in options:
        validation.choice("option", key, EXACT_OPTIONS)
    if chain.N > EXACT_MAX_N:
        raise ValueError(f"N must be <= {EXACT_MAX_N} for method='exact'; got N={chain.N}")
    _check_limits(chain, times, gamma)
    krylov_dim = validation.integer("krylov_dim", options.get("krylov_dim", 30), minimum=2)
    krylov_tol = validation.real("krylov_tol", options.get("krylov_tol", 1e-10), 0.0, True)
    settings = ExactSettings.from_options({k: options[k] for k in STEADY_OPTIONS if k in options})
    rho, diagnostics = _initial_state(chain, baths, state, settings)
    index_a = string_index(chain.N, {op_a[1]: op_a[0]})
    index_b = string_index(chain.N, {op_b[1]: op_b[0]})
    d = left_multiply(rho, op_b[0], op_b[1], chain.N)
    start = time.perf_counter()
    generator = liouvillian(chain, with_gamma(baths, gamma)).T.tocsr()
    log.info("L'^T built: dimension %d, %d nonzeros in %.1f s", generator.shape[0],
             generator.nnz, time.perf_counter() - start)
    e_a = np.zeros(4**chain.N)
    e_a[index_a] = 1.0
    full, propagation = krylov_observe(generator, e_a, times, d, krylov_dim, krylov_tol)
    diagnostics.update({f"propagation_{k}": v for k, v in propagation.items()})
    return {"full": full, "expect_A": float(rho[index_a]), "expect_B": float(rho[index_b]),
            "diagnostics": diagnostics}


def _check_limits(chain: Chain, times: np.ndarray, gamma: float | None) -> None:
    """InputError naming gamma_evolve above GAMMA_EVOLVE_MAX_RATIO x the Hamiltonian's scale
    (none when H = 0), or times above T_MAX: beyond them the result is wrong."""
    limit = GAMMA_EVOLVE_MAX_RATIO * hamiltonian_scale(chain)
    if gamma is not None and 0 < limit < gamma:
        raise InputError(f"gamma_evolve must be <= {limit:g} ({GAMMA_EVOLVE_MAX_RATIO:g} x the "
                         "Hamiltonian's scale max(|J|, |Delta|, |hx|, |hz|); beyond, the "
                         f"Hamiltonian is lost in rounding) for method='exact'; got {gamma:g}")
    if times[-1] > T_MAX:
        raise InputError(f"times must be <= {T_MAX:g} for method='exact' (rounding drift grows "
                         f"with t); got t = {times[-1]:g}")


def _initial_state(chain: Chain, baths: Sequence[Bath], state: State | np.ndarray | None,
                   settings: ExactSettings) -> tuple[np.ndarray, dict]:
    """Pauli coefficients of rho (given, or the steady state) and their diagnostics."""
    if state is None:
        steady = exact_steady_state(chain, baths, settings)
        details = {f"steady_{k}": v for k, v in steady.diagnostics.items()}
        return steady.pauli, {"state": "steady", "steady_residual": steady.residual, **details}
    coeffs = state.pauli if isinstance(state, State) else state
    if coeffs is None:
        raise ValueError("state has no Pauli coefficients (method='exact' states only)")
    coeffs = np.asarray(coeffs)
    if coeffs.shape != (4**chain.N,) or np.iscomplexobj(coeffs):
        raise ValueError(f"state must hold 4^N = {4**chain.N} real Pauli coefficients; "
                         f"got shape {coeffs.shape}, dtype {coeffs.dtype}")
    if abs(coeffs[0] - 1.0) > TRACE_TOL:
        raise ValueError(f"state must have trace c_0 = 1; got {coeffs[0]}")
    details = {"state": "given"}
    if isinstance(state, State):
        details.update(state_kind=state.kind, state_method=state.method,
                       state_residual=state.residual)
    return coeffs.astype(float), details
