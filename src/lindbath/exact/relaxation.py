"""The time to reach the steady state, measured as [P] Sec. IV.2 measures it: evolve [P]
Eq. 2 from one initial state and watch the local observables approach their steady values.

The Pauli-basis master equation dc/dt = L c (lindbath.exact.liouvillian, c_s = Tr(P_s rho))
is propagated from c(0) by the Krylov propagator (lindbath.exact.propagator), which reports
only the Pauli coefficients the local observables need (a sparse selection; the 4^N vector
is never stored per time).  The distance to the steady state c_ss (lindbath.exact.sparse) is

    d(t) = max over O in OBSERVABLES, over sites or bonds, of |<O>(t) - <O>_ss|

(sigma^a_l, sigma^a_l sigma^b_l+1 and the bond energy, lindbath.model.observables), and the
relaxation time is the first grid time after which d stays below ``tol`` up to ``t_max``.
At late times d(t) ~ exp(-g t), g the Liouvillian gap (lindbath.exact.gap), with
oscillations of frequency Im(lambda) when the slowest mode is complex.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from lindbath import validation
from lindbath.errors import InputError
from lindbath.exact.correlation import EXACT_MAX_N, T_MAX
from lindbath.exact.liouvillian import liouvillian
from lindbath.exact.propagator import krylov_observe
from lindbath.exact.settings import ExactSettings
from lindbath.exact.sparse import exact_steady_state
from lindbath.model.baths import Bath, check_inputs, check_pauli_baths
from lindbath.model.chain import Chain
from lindbath.model.observables import local_observables
from lindbath.model.pauli import string_index
from lindbath.model.settling import largest_deviation, settling_time

__all__ = ["relaxation_time"]

log = logging.getLogger(__name__)


def relaxation_time(chain: Chain, baths: Sequence[Bath], tol: float, t_max: float,
                    num: int = 401, initial: np.ndarray | None = None, krylov_dim: int = 30,
                    krylov_tol: float = 1e-10,
                    settings: ExactSettings | None = None) -> dict:
    """Time t_relax after which the local observables stay within ``tol`` of the steady
    state, from a fixed initial state ([P] Sec. IV.2: "the time to reach the steady state").

    The initial state is the infinite-temperature state rho(0) = 1/2^N (c(0) = e_0) unless
    ``initial`` is given.  It is the one state that favours neither bath kind: it does not
    depend on the bath, the Hamiltonian or beta_bath, and its distance from the steady state
    at beta_bath > 0 is the bath's whole work (every <O>(0) = 0, while <O>_ss = O(beta_bath));
    as a product state it is also the natural start of an MPS evolution of long chains.

    On the uniform grid t_j = j t_max / (num - 1), with d(t) the largest deviation of a
    local observable from its steady value (module docstring): if d(t_j) < tol for every j,
    t_relax = 0; otherwise t_relax is the crossing interpolated linearly in log d between
    the last grid point with d(t_j) >= tol and the next (lindbath.model.settling).

    "Stays below" is checked on the grid only, so the grid must resolve the oscillations of
    d (spacing well below 2 pi / the Hamiltonian's scale).  If d(t_max) >= tol: t_relax =
    NaN, converged = False and a RuntimeWarning.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1), N <= EXACT_MAX_N (10).
    baths : sequence of Bath
        Two-site or local baths (Pauli-basis generator); Davies baths are refused.
    tol : float
        Tolerance on d, > 0.
    t_max : float
        Last time of the grid, > 0 and <= T_MAX (10^6).
    num : int, default 401
        Grid points, >= 2.
    initial : numpy.ndarray or None, default None
        Real Pauli coefficients c(0) (4^N, c_0 = 1); None: the infinite-temperature state.
    krylov_dim : int, default 30
        Krylov propagator's basis size (lindbath.exact.propagator.krylov_observe).
    krylov_tol : float, default 1e-10
        Krylov propagator's error bound over the whole grid, relative to |c(0)|.
    settings : ExactSettings or None, default None
        Options of the exact steady state (lindbath.exact.sparse.exact_steady_state).

    Returns
    -------
    dict
        "t_relax" (float, NaN if not converged), "converged" (bool), "times" and
        "distance" (d on the grid), "final_distance" (d(t_max)), "initial_distance" (d(0))
        and "diagnostics" (the propagator's and the steady state's, wall time).

    Raises
    ------
    InputError
        tol, t_max or num out of range, N > EXACT_MAX_N, Davies baths, or ``initial`` of the
        wrong shape or trace.

    References
    ----------
    [P] Sec. IV.2 (relaxation of DB and FR baths); Krylov propagation: Saad (1992),
    Hochbruck and Lubich (1997); docs/conventions.md, "Steady state and relaxation".
    """
    start = time.perf_counter()
    baths = check_inputs(chain, baths)
    tol = validation.real("tol", tol, 0.0, strict=True)
    t_max = validation.real("t_max", t_max, 0.0, strict=True, maximum=T_MAX)
    num = validation.integer("num", num, 2)
    if chain.N > EXACT_MAX_N:
        raise InputError(f"N must be <= {EXACT_MAX_N} for the exact relaxation time; "
                         f"got N={chain.N}")
    check_pauli_baths(baths, "relaxation_time")
    c0 = _initial(chain.N, initial)
    steady = exact_steady_state(chain, baths, settings)
    indices = _observed_indices(chain)
    selection = sp.csr_matrix((np.ones(indices.size), (np.arange(indices.size), indices)),
                              shape=(indices.size, 4**chain.N))
    times = np.linspace(0.0, t_max, num)
    observed, stats = krylov_observe(liouvillian(chain, baths), c0, times, selection,
                                     krylov_dim, krylov_tol)
    deviation = observed.real - steady.pauli[indices] / steady.pauli[0]
    distance = _distance(chain, indices, deviation)
    t_relax = settling_time(times, distance, tol)
    converged = bool(np.isfinite(t_relax))
    if not converged:
        warnings.warn(f"relaxation_time: N={chain.N}: the distance to the steady state is "
                      f"{distance[-1]:.3g} >= tol={tol:g} at t_max={t_max:g}; pass a larger "
                      "t_max", RuntimeWarning, stacklevel=2)
    diagnostics = {**{f"propagation_{k}": v for k, v in stats.items()},
                   "steady_residual": steady.residual,
                   "wall_time_s": time.perf_counter() - start}
    log.info("N=%d: t_relax %.4g (d(0) %.3g, d(t_max) %.3g), %.1f s", chain.N, t_relax,
             distance[0], distance[-1], diagnostics["wall_time_s"])
    return {"t_relax": t_relax, "converged": converged, "times": times, "distance": distance,
            "initial_distance": float(distance[0]), "final_distance": float(distance[-1]),
            "diagnostics": diagnostics}


def _initial(n: int, initial: np.ndarray | None) -> np.ndarray:
    """c(0): e_0 (infinite temperature) or the given real coefficients, checked."""
    if initial is None:
        c0 = np.zeros(4**n)
        c0[0] = 1.0
        return c0
    c0 = np.asarray(initial)
    if c0.shape != (4**n,) or np.iscomplexobj(c0) or not abs(c0[0] - 1.0) <= 1e-8:
        raise InputError(f"initial must be 4^N = {4**n} real Pauli coefficients with c_0 = 1 "
                         f"(or None: the infinite-temperature state); got shape {c0.shape}")
    return c0.astype(float)


def _observed_indices(chain: Chain) -> np.ndarray:
    """Sorted Pauli-string indices that local_observables reads."""
    seen: set[int] = set()

    def record(ops: dict[int, str]) -> float:
        seen.add(string_index(chain.N, ops))
        return 0.0

    local_observables(chain, record)
    return np.array(sorted(seen))


def _distance(chain: Chain, indices: np.ndarray, deviation: np.ndarray) -> np.ndarray:
    """d(t) = max |<O>(t) - <O>_ss| over OBSERVABLES and positions; ``deviation`` holds
    c_s(t) - c_s,ss of the strings ``indices`` per time (rows).  The observables are linear
    in the c_s (the bond energy too), so they are evaluated on the deviation directly."""
    column = {int(s): k for k, s in enumerate(indices)}
    return largest_deviation(local_observables(
        chain, lambda ops: deviation[:, column[string_index(chain.N, ops)]]))
