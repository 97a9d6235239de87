"""The time to reach the steady state of long chains, measured as [P] Sec. IV.2 measures it:
evolve [P] Eq. 2 from the infinite-temperature state by TEBD on a Pauli MPS and watch the
local observables approach their steady values (lindbath.exact.relaxation is the exact
counterpart, N <= 10).

The steady values are those of the evolution's own fixed point: the mean of the local
observables over the last TAIL of the time grid.  The truncated Trotter map relaxes to that
fixed point, not to the exact steady state (which differs by the truncation bias and by
O(dt^2)); measuring the approach to the map's own fixed point keeps those biases out of the
time.  How well that fixed point is known is the spread of the observables around their
mean over the tail (the truncation noise floor: about 2e-3 at N = 32, chi = 64,
benchmarks/README.md), so the tolerance must lie well above it.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Sequence

import numpy as np

from lindbath import validation
from lindbath.errors import InputError
from lindbath.model.baths import Bath, check_inputs, check_pauli_baths
from lindbath.model.chain import Chain
from lindbath.model.observables import OBSERVABLES
from lindbath.model.settling import largest_deviation, settling_time
from lindbath.mps.generators import liouvillian_blocks
from lindbath.mps.pauli_mps import PauliMPS, Propagator, Truncation, observables
from lindbath.progress import progress

__all__ = ["TAIL", "grid_steps", "mps_relaxation_time"]

log = logging.getLogger(__name__)
TAIL = 0.25  # fraction of the time grid, at its end, whose mean is the steady value


def mps_relaxation_time(chain: Chain, baths: Sequence[Bath], tol: float, t_max: float,
                        num: int = 401, chi: int = 64, dt: float = 0.1,
                        cutoff: float = 1e-12, truncation: str = "svd",
                        initial: PauliMPS | None = None) -> dict:
    """Time t_relax after which the local observables stay within ``tol`` of their steady
    values, from a fixed initial state ([P] Sec. IV.2), by TEBD on a Pauli MPS.

    The MPS starts from the infinite-temperature state (the identity, bond dimension 1; the
    start of lindbath.exact.relaxation.relaxation_time) unless ``initial`` is given, and is
    evolved by the second-order Trotter map of [P] Eq. 2 with step dt and bond dimension
    <= chi (lindbath.mps.pauli_mps.Propagator).  On the grid t_j = j t_max / (num - 1):

        d(t) = max over O in OBSERVABLES, over sites or bonds, of |<O>(t) - <O>_ss|,

    with <O>_ss the mean of <O>(t_j) over the tail t_j >= (1 - TAIL) t_max (module
    docstring), and t_relax the first time after which d stays below tol
    (lindbath.model.settling.settling_time).  The tail spread s = max_{O, t_j in tail}
    |<O>(t_j) - <O>_ss| says how well the steady values are known.  converged = True if
    s < tol / 2 and t_relax lies before the tail; otherwise t_relax is NaN and a
    RuntimeWarning names the cause (increase t_max, chi or tol).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        Two-site or local baths (Pauli-basis generator); Davies baths are refused.
    tol : float
        Tolerance on d, > 0.
    t_max : float
        Last time of the grid, > 0.
    num : int, default 401
        Grid points, >= 5; the grid spacing t_max / (num - 1) must be a multiple of dt.
    chi : int, default 64
        Largest bond dimension.
    dt : float, default 0.1
        Trotter step, > 0.
    cutoff : float, default 1e-12
        SVD cutoff of the discarded weight.
    truncation : str, default "svd"
        "svd" or "qr" (lindbath.mps.pauli_mps.Truncation).  The QR update's noise floor
        is several times higher (N = 16, chi = 32, beta_bath = 1: tail spread 1.2e-2
        against 3.3e-3 with SVD; benchmarks/relaxation_mps.py), for 2-5x less CPU time.
    initial : PauliMPS or None, default None
        Start (copied; normalized to trace 1 by the observables); None: the identity.

    Returns
    -------
    dict
        "t_relax" (float, NaN if not converged), "converged" (bool), "times" and
        "distance" (d on the grid), "initial_distance" (d(0)), "final_distance" (d(t_max)),
        "reference_spread" (s) and "diagnostics" (chi, dt, max_bond, discarded_weight,
        wall time).

    Raises
    ------
    InputError
        tol, t_max, num, chi, dt or truncation out of range, a grid spacing that is not a
        multiple of dt, an ``initial`` MPS of another length, or Davies baths.

    References
    ----------
    [P] Sec. IV.2 (relaxation of DB and FR baths); docs/conventions.md, "Steady state and
    relaxation".
    """
    start = time.perf_counter()
    steps, times = _grid(tol, t_max, num, dt)
    baths = check_inputs(chain, baths)
    check_pauli_baths(baths, "mps_relaxation_time")
    trunc = Truncation(chi, cutoff, truncation)  # validates chi, cutoff and truncation
    mps = _start(chain, initial)
    propagator = Propagator(liouvillian_blocks(chain, baths), 2)
    series = [observables(chain, mps)]
    with progress(total=t_max, desc=f"mps relaxation N={chain.N} chi={chi}", unit="t") as bar:
        for _ in times[1:]:
            propagator.evolve(mps, steps, dt, trunc)
            series.append(observables(chain, mps))
            bar.update(steps * dt)
    values = {name: np.stack([s[name] for s in series], axis=1) for name in OBSERVABLES}
    tail = times >= (1.0 - TAIL) * t_max * (1 - 1e-12)
    steady = {name: v[:, tail].mean(axis=1, keepdims=True) for name, v in values.items()}
    distance = largest_deviation({name: values[name] - steady[name] for name in values})
    spread = float(distance[tail].max())
    t_relax = settling_time(times, distance, tol)
    t_relax, converged = _verdict(chain, t_relax, spread, tol, float(times[tail][0]), chi)
    diagnostics = {"chi": chi, "dt": dt, "cutoff": cutoff, "truncation": truncation,
                   "max_bond": trunc.max_bond, "discarded_weight": trunc.discarded,
                   "wall_time_s": time.perf_counter() - start}
    log.info("mps relaxation N=%d chi=%d: t_relax %.4g (d(0) %.3g, tail spread %.2e), %.1f s",
             chain.N, chi, t_relax, distance[0], spread, diagnostics["wall_time_s"])
    return {"t_relax": t_relax, "converged": converged, "times": times, "distance": distance,
            "initial_distance": float(distance[0]), "final_distance": float(distance[-1]),
            "reference_spread": spread, "diagnostics": diagnostics}


def _grid(tol: float, t_max: float, num: int, dt: float) -> tuple[int, np.ndarray]:
    """(Trotter steps per grid spacing, the grid), validated."""
    validation.real("tol", tol, 0.0, strict=True)
    t_max = validation.real("t_max", t_max, 0.0, strict=True)
    num = validation.integer("num", num, 5)
    return grid_steps(t_max, num, dt), np.linspace(0.0, t_max, num)


def grid_steps(t_max: float, num: int, dt: float) -> int:
    """Trotter steps of size dt per spacing t_max / (num - 1) of the time grid; InputError
    unless the spacing is a whole number of steps (also the workflow's config check)."""
    dt = validation.real("dt", dt, 0.0, strict=True)
    spacing = t_max / (num - 1)
    steps = round(spacing / dt)
    if steps < 1 or abs(steps * dt - spacing) > 1e-9 * spacing:
        raise InputError(f"the grid spacing t_max / (num - 1) = {spacing:g} must be a "
                         f"multiple of dt = {dt:g}")
    return steps


def _start(chain: Chain, initial: PauliMPS | None) -> PauliMPS:
    """A copy of ``initial`` (checked against the chain's length), or the identity."""
    if initial is None:
        return PauliMPS.identity(chain.N)
    if not isinstance(initial, PauliMPS) or initial.N != chain.N:
        raise InputError(f"initial must be a PauliMPS on N = {chain.N} sites (or None: the "
                         f"infinite-temperature state); got {initial!r:.60}")
    return initial.copy()


def _verdict(chain: Chain, t_relax: float, spread: float, tol: float, tail_start: float,
             chi: int) -> tuple[float, bool]:
    """(t_relax, converged): NaN and a RuntimeWarning if the steady values are known to
    worse than tol / 2 or the crossing is not before the tail."""
    if spread >= tol / 2:
        cause = (f"over the last {TAIL:.0%} of the run the observables spread by "
                 f"{spread:.2e} >= tol / 2 about their mean (still relaxing: increase t_max; "
                 f"or the truncation noise floor of chi={chi}: increase chi or tol)")
    elif not t_relax < tail_start:
        cause = (f"the distance is not below tol={tol:g} before t={tail_start:g}, where the "
                 "steady values are taken (increase t_max)")
    else:
        return t_relax, True
    warnings.warn(f"mps_relaxation_time N={chain.N}: {cause}; converged = False",
                  RuntimeWarning, stacklevel=3)
    return float("nan"), False
