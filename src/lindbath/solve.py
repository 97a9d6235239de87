"""The public solvers, one dispatcher per quantity (like qutip's steadystate): ``method``
chooses the route ("exact": lindbath.exact, "mps": lindbath.mps), the keyword options go to
that route's private solver.

* steady_state:  L(rho) = 0, Tr rho = 1 for [P] Eq. 2;
* thermal_state: exp(-beta H)/Z ([P] Sec. IV.1);
* correlation:   C(t) = Tr[A e^{L' t}(B rho)] - <A><B> ([P] Eq. 12), rho the steady state
  of L (by default) or a given state, L' = L with every bath's gamma replaced by gamma'.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.errors import InputError
from lindbath.exact.correlation import exact_correlation
from lindbath.exact.settings import ExactSettings
from lindbath.exact.sparse import exact_steady_state
from lindbath.exact.thermal import exact_thermal_state
from lindbath.model.baths import Bath, check_inputs, is_global, with_gamma
from lindbath.model.chain import Chain, check_chain
from lindbath.model.observables import SITE_OBSERVABLES
from lindbath.model.state import State
from lindbath.mps.correlation import mps_correlation
from lindbath.mps.purification import mps_thermal_state
from lindbath.mps.steady import mps_steady_state
from lindbath.outputs import attrs as output_attrs

__all__ = ["METHODS", "correlation", "steady_state", "thermal_state"]

METHODS = ("exact", "mps")


def steady_state(chain: Chain, baths: Sequence[Bath], method: str = "exact",
                 memory_bytes: int | None = None, **options) -> State:
    """Steady state of [P] Eq. 2: L(rho) = 0, Tr rho = 1.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        The boundary baths: a non-empty list of two-site baths ("db", "fr", "local") or of
        Davies baths ("davies", method="exact" only).
    method : {"exact", "mps"}, default "exact"
        "exact": lindbath.exact.sparse.exact_steady_state; "mps": the Pauli-basis MPS of
        lindbath.mps.steady.mps_steady_state.
    memory_bytes : int or None, default None
        method="exact": the run's memory budget in bytes (e.g. a scheduler's allocation),
        into which the no-jump solver fits its GMRES basis; None: a share of this machine's
        memory.  Ignored by method="mps", whose few N chi^2 numbers need no budget.
    **options
        method="exact": the fields of lindbath.exact.settings.ExactSettings, validated
        there: solver ("auto", default; "nojump", "direct", "krylov"), tol (1e-12), maxiter
        (5000), restart (150), symmetry (True), precision ("auto"; "double", "single").
        method="mps": chi (64), cutoff (1e-12) and the fields of
        lindbath.mps.settings.SteadySettings (dt, min_dt, obs_tol, check_time, average,
        t_max, max_wall_s, init_beta, truncation, algorithm, chi_start, max_sweeps).

    Returns
    -------
    State
        rho_ss with its expectation values, transport (energy and spin currents, bath heat
        flows), residual and solver diagnostics (``diagnostics["converged"]``).

    Raises
    ------
    InputError
        An unknown method or option, or a bad option value (naming it and its allowed
        values).
    ValueError
        Baths that cannot act on the chain, or a steady state that is not unique.
    ArithmeticError
        solver="nojump" with a singular no-jump generator (lindbath.errors.SolverError).

    References
    ----------
    [P] Eq. 2 and Appendix A; docs/conventions.md, "Master equation" and "Tensor networks".
    """
    validation.choice("method", method, METHODS)
    baths = check_inputs(chain, baths)
    if method == "mps":
        state = mps_steady_state(chain, baths, **options)
    else:
        settings = ExactSettings.from_options({**options, "memory_bytes": memory_bytes})
        state = exact_steady_state(chain, baths, settings)
    if state.pauli is not None:  # exact; MPS states get theirs from the MPS (mps.steady)
        state.add_transport(baths)
    return state


def thermal_state(chain: Chain, beta: float, method: str = "exact", **options) -> State:
    """rho = exp(-beta H)/Z ([P] Sec. IV.1).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    beta : float
        Inverse temperature, >= 0.
    method : {"exact", "mps"}, default "exact"
        "exact": full diagonalization (lindbath.exact.thermal.exact_thermal_state,
        N <= 14); "mps": purification in the Pauli basis
        (lindbath.mps.purification.mps_thermal_state).
    **options
        method="mps" only: chi (128), dtau (0.02), cutoff (1e-18), order (4), truncation
        ("qr") of mps_thermal_state.

    Returns
    -------
    State
        kind "thermal" with the local observables, residual 0 and diagnostics (exact: wall
        time, trace, ground energy; mps: chi, max bond, discarded weight, truncation_error,
        converged).

    Raises
    ------
    InputError
        An unknown method, beta < 0 or not finite, or (mps) a grid beyond the purification
        limits (lindbath.mps.purification.check_run).
    ValueError
        ``chain`` not a Chain, options with method="exact", or N > 14 with method="exact".

    References
    ----------
    [P] Sec. IV.1; docs/conventions.md, "Reference tables and effective temperatures" and
    "Tensor networks".
    """
    validation.choice("method", method, METHODS)
    check_chain(chain)
    beta = validation.real("beta", beta, 0.0)
    if method == "mps":
        return mps_thermal_state(chain, beta, **options)
    if options:
        raise ValueError(f"options {sorted(options)} apply to method='mps' only")
    return exact_thermal_state(chain, beta)


def correlation(chain: Chain, baths: Sequence[Bath], times: Sequence[float] | np.ndarray,
                observable: str | tuple[str, str] = "sz", site: int | tuple[int, int] = -1,
                gamma_evolve: float | None = None, method: str = "exact",
                state: State | np.ndarray | None = None, **options) -> xr.Dataset:
    """Two-time correlation C(t) = Tr[A e^{L' t}(B rho)] - <A><B> ([P] Eq. 12).

    rho is the steady state of L (by default) or a given state, and L' is L with every
    bath's gamma replaced by ``gamma_evolve``.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        Two-site baths ("db", "fr", "local"); Davies baths are refused.
    times : sequence of float or numpy.ndarray
        Non-empty, finite, >= 0 and strictly increasing.
    observable : str or (str, str), default "sz"
        A = B = sigma^observable ("sx", "sy", "sz"), or a pair (A, B).
    site : int or (int, int), default -1
        0-based array index of the site of A = B (negative counts from the end; default the
        last site N), or a pair (site_A, site_B).
    gamma_evolve : float or None, default None
        None keeps every bath's gamma in L'; a number >= 0 replaces it (0: baths off).
    method : {"exact", "mps"}, default "exact"
        "exact" (N <= 10): Krylov propagation of the Pauli-basis L'
        (lindbath.exact.correlation); "mps": lindbath.mps.correlation.mps_correlation
        (A = B only, its own steady state).
    state : State, numpy.ndarray or None, default None
        rho (method="exact" only): a State with .pauli, or its Pauli coefficients
        c_s = Tr(P_s rho); None: the steady state of (chain, baths).
    **options
        method="exact": krylov_dim (30), krylov_tol (1e-10, bound on the propagated vector's
        error), and solver, tol, maxiter of the exact steady state
        (lindbath.exact.settings.ExactSettings).  method="mps": the options of
        mps_correlation.

    Returns
    -------
    xarray.Dataset
        Over dim ``t``: complex variables ``connected`` and ``full``; attributes: chain,
        baths (bath_<i>, bath_evolve_<i>), observables and 1-based sites, gamma_evolve,
        method, expect_a = <A>, expect_b = <B>, and the steady-state residual and
        propagation diagnostics (diag_<name>).

    Raises
    ------
    InputError
        An unknown method, observable or option, a bad site, times, gamma_evolve or option
        value, a state of another chain, or (exact) gamma_evolve or times beyond the limits
        of lindbath.exact.correlation (GAMMA_EVOLVE_MAX_RATIO, T_MAX).
    ValueError
        Davies baths, N > 10 with method="exact", a state array of the wrong shape or trace,
        or method="mps" with A != B or a given state.

    References
    ----------
    [P] Eq. 12 and Sec. IV.3; docs/conventions.md, "Two-time correlations".
    """
    validation.choice("method", method, METHODS)
    baths = check_inputs(chain, baths)
    times = validation.times("times", times)
    (label_a, site_a), (label_b, site_b) = _operators(chain, observable, site)
    gamma = None if gamma_evolve is None else validation.real("gamma_evolve", gamma_evolve, 0.0)
    if is_global(baths):
        raise ValueError("baths must be two-site baths ('db', 'fr', 'local') for correlation; "
                         "got kind='davies'")
    if isinstance(state, State) and state.chain != chain:
        raise InputError(f"state must be a state of chain {chain}; got one of {state.chain}")
    if method == "mps":
        result = _mps(chain, baths, times, (label_a, site_a), (label_b, site_b), gamma, state,
                      options)
    else:
        result = exact_correlation(chain, baths, times, (label_a, site_a), (label_b, site_b),
                                   gamma, state, options)
    attrs = {**chain.params, "method": method, "gamma_evolve": "none" if gamma is None else gamma,
             "observable_a": f"s{label_a.lower()}", "site_a": site_a + 1,
             "observable_b": f"s{label_b.lower()}", "site_b": site_b + 1,
             "expect_a": result["expect_A"], "expect_b": result["expect_B"],
             **{f"bath_{i}": bath.describe() for i, bath in enumerate(baths)},
             **{f"bath_evolve_{i}": bath.describe()
                for i, bath in enumerate(with_gamma(baths, gamma))},
             **{f"diag_{k}": v for k, v in result["diagnostics"].items()}}
    return _dataset(times, result["full"], result["expect_A"] * result["expect_B"], attrs)


def _operators(chain: Chain, observable: str | tuple[str, str],
               site: int | tuple[int, int]) -> tuple[tuple[str, int], tuple[str, int]]:
    """((label_A, site_A), (label_B, site_B)) with labels in X, Y, Z and 0-based sites."""
    pair = isinstance(observable, tuple | list)
    names = tuple(observable) if pair else (observable, observable)
    sites = (site, site) if np.ndim(site) == 0 else tuple(site)
    if len(names) != 2 or len(sites) != 2:
        raise ValueError("observable and site must be single values or pairs (A, B)")
    out = []
    for name, where in zip(names, sites, strict=True):
        validation.choice("observable", name, SITE_OBSERVABLES)
        index = validation.integer("site", where, minimum=-chain.N, maximum=chain.N - 1)
        out.append((name[1].upper(), index % chain.N))
    return out[0], out[1]


def _mps(chain: Chain, baths: Sequence[Bath], times: np.ndarray, op_a: tuple[str, int],
         op_b: tuple[str, int], gamma: float | None, state: State | np.ndarray | None,
         options: dict) -> dict:
    """Dispatch to lindbath.mps.correlation.mps_correlation (A = B only, own steady state)."""
    if op_a != op_b:
        raise ValueError("method='mps' needs A = B (one observable and one site); got "
                         f"A = {op_a}, B = {op_b} (label, 0-based site)")
    if state is not None:
        raise ValueError("state must be None for method='mps' (it uses its own steady state)")
    result = mps_correlation(chain, baths, times, f"s{op_a[0].lower()}", op_a[1], gamma,
                             **options)
    return {"full": np.asarray(result["full"], dtype=complex),
            "expect_A": float(result["expect_A"]), "expect_B": float(result["expect_B"]),
            "diagnostics": dict(result["diagnostics"])}


def _dataset(times: np.ndarray, full: np.ndarray, product: float, attrs: dict) -> xr.Dataset:
    connected = full - product
    data = {"full": ("t", full, output_attrs("full")),
            "connected": ("t", connected, output_attrs("connected"))}
    return xr.Dataset(data, coords={"t": ("t", times, output_attrs("t"))}, attrs=attrs)
