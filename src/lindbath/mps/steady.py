"""Steady states of [P] Eq. 2 as Pauli-basis MPS, by real-time TEBD.

The evolution starts from the thermal state at the baths' mean beta and runs in stages of
halving time step dt; each stage runs until the local observables (CONVERGED_NAMES) stop
changing (or, at the truncation noise floor, are averaged), and the stage fixed points are
extrapolated to dt -> 0 (Richardson/Neville in powers of dt^2).  What is averaged and
extrapolated are the expectations of every Pauli string behind the State's observables
(local observables, energy and spin currents, bath heat flows), so every observable,
currents included, comes from the extrapolated values.  The truncation
bias grows with N (the steady state's operator entanglement exceeds the thermal state's),
so every long-chain result needs a second run at larger chi (benchmarks/validate_mps.py;
accuracy measured in benchmarks/README.md).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
import warnings
from collections.abc import Sequence

import numpy as np

from lindbath.model.baths import Bath
from lindbath.model.chain import Chain
from lindbath.model.state import State
from lindbath.mps.generators import steady_generator
from lindbath.mps.pauli_mps import PauliMPS, Propagator, Truncation
from lindbath.mps.purification import thermal_operator
from lindbath.mps.settings import SteadySettings, settings_from
from lindbath.mps.strings import Strings, checked, from_flat, measure, measured_strings
from lindbath.mps.variational import variational_steady_state
from lindbath.progress import progress

__all__ = ["mps_steady_state", "steady_run"]

log = logging.getLogger(__name__)
STALLS = 3  # non-shrinking changes in a stage that mark the truncation noise floor
# Observable bias over sqrt(discard rate per bond) in the final stage (weight per unit time
# and bond, J = 1): measured 0.14 to 2.8 where the bias is below 0.03 (N = 6, 8 against the
# exact solver, N = 12 against chi = 128; chi = 8 .. 64), 2.7 to 4.5 for chi <= 4, where
# any estimate is far above a tolerance.  1.5 gives the right verdict in all the measured
# runs but one (a false alarm at N = 12, chi = 64): benchmarks/README.md, "MPS truncation
# verdict".
TRUNCATION_BIAS = 1.5


@dataclasses.dataclass
class _Run:
    """Counters and convergence history of one steady-state evolution."""

    settings: SteadySettings
    start: float = dataclasses.field(default_factory=time.perf_counter)
    time: float = 0.0
    steps: int = 0
    history: dict = dataclasses.field(default_factory=lambda: {
        key: [] for key in ("time", "dt", "change", "estimate", "max_bond", "wall")})
    bar: object = None  # progress bar over simulated time (lindbath.progress)
    svd_from: float = math.nan  # simulated time of the switch from QR to SVD truncation

    def wall(self) -> float:
        return time.perf_counter() - self.start

    def out_of_budget(self) -> bool:
        return self.time >= self.settings.t_max or self.wall() >= self.settings.max_wall_s

    def record(self, dt: float, change: float, estimate: float, bond: int) -> None:
        for key, value in zip(self.history, (self.time, dt, change, estimate, bond,
                                             self.wall()), strict=True):
            self.history[key].append(value)

    def arrays(self) -> dict[str, np.ndarray]:
        return {f"history_{k}": np.asarray(v, dtype=float) for k, v in self.history.items()}


def _remaining(changes: list[float]) -> float:
    """Distance to the fixed point estimated from the last two changes d_{k-1}, d_k of the
    observables over equal time chunks, as a geometric tail: d_k q / (1 - q),
    q = d_k / d_{k-1} (infinite while the changes do not shrink)."""
    if len(changes) < 2:
        return math.inf
    if changes[-1] == 0.0:
        return 0.0
    q = changes[-1] / changes[-2] if changes[-2] > 0 else math.inf
    return changes[-1] * q / (1.0 - q) if q < 1.0 else math.inf


def _relax(chain: Chain, mps: PauliMPS, propagator: Propagator, dt: float,
           trunc: Truncation, run: _Run, strings: Strings) -> tuple[np.ndarray, float, bool]:
    """Evolve at fixed dt in chunks of check_time until the local observables (_checked)
    reach the fixed point of the Trotter map.  Returns (the string expectations (_measure),
    error estimate, finished):

    * relaxed: the geometric-tail distance estimate falls below obs_tol / 10;
    * QR floor: with the QR update each gate's isometry comes from one subspace-iteration
      step started from the previous one, so the truncated map depends on its history and
      the observables stall (about 3e-3 at N = 16, chi = 32, where SVD truncation converges
      geometrically to 1e-6: benchmarks/README.md); with truncation "qr-svd", after STALLS
      chunks whose change did not shrink, the run switches to SVD truncation for the rest
      of the run (svd_from);
    * noise floor: with SVD truncation too the map need not have an attracting fixed point
      (at N = 32, chi = 64 the observables keep changing by about 1e-4 per chunk); after
      STALLS further non-shrinking chunks the last ``average`` chunks are averaged once the
      drift between the means of their two halves is within their standard deviation (a
      slow mode still relaxing under the noise keeps the window sliding); the error
      estimate of the mean is the larger of that drift and the standard error
      std / sqrt(average / 2) (half the chunks counted as independent: neighbouring chunks
      are correlated);
    * budget (t_max, max_wall_s) exhausted: finished = False.
    """
    settings = run.settings
    steps = max(1, round(settings.check_time / dt))
    previous, changes, stalls, window = measure(mps, strings), [], 0, []

    def check(flat: np.ndarray) -> np.ndarray:
        return checked(chain, strings, flat)

    while not run.out_of_budget():
        propagator.evolve(mps, steps, dt, trunc)
        run.time += steps * dt
        run.steps += steps
        current = measure(mps, strings)
        changes.append(float(np.abs(check(current) - check(previous)).max()))
        previous, estimate = current, _remaining(changes)
        if stalls >= STALLS:
            window.append(current)
        stalls += len(changes) > 1 and changes[-1] >= changes[-2]
        if stalls >= STALLS and trunc.method == "qr" and settings.truncation == "qr-svd":
            # the QR update's noise floor: SVD truncation from here on
            trunc.method, stalls, changes = "svd", 0, changes[-1:]
            run.svd_from = run.time
        bond = max(mps.bond_dimensions(), default=1)
        run.record(dt, changes[-1], estimate, bond)
        run.bar.update(steps * dt)
        run.bar.set_postfix_str(f"dt {dt:.3g} change {changes[-1]:.1e} bond {bond}",
                                refresh=False)
        log.info("mps steady N=%d: t=%.1f dt=%.4g change %.2e est. distance %.2e bond %d%s "
                 "(%.0f s)", chain.N, run.time, dt, changes[-1], estimate, bond,
                 " averaging" if window else "", run.wall())
        if not window and estimate < settings.obs_tol / 10:  # at the noise floor: window only
            return current, estimate, True
        if len(window) >= settings.average:
            window = window[-settings.average:]
            noise, drift = _window_spread([check(flat) for flat in window])
            if drift <= noise:
                error = max(drift, noise / math.sqrt(len(window) / 2))
                return np.mean(window, axis=0), error, True
    return previous, math.inf, False


def _window_spread(window: list[np.ndarray]) -> tuple[float, float]:
    """(max standard deviation, max drift between the means of the two halves)."""
    half = len(window) // 2
    drift = np.abs(np.mean(window[half:], axis=0) - np.mean(window[:half], axis=0)).max()
    return float(np.std(window, axis=0).max()), float(drift)


def _neville(stages: list[np.ndarray]) -> tuple[np.ndarray, float]:
    """Extrapolate fixed points at dt, dt/2, dt/4, ... to dt -> 0 in powers of dt^2 (the
    Strang map of a time-independent generator has an even error expansion): Neville's
    tableau T[i][j] = T[i][j-1] + (T[i][j-1] - T[i-1][j-1]) / (4^j - 1).  Returns the top
    entry and its error estimate max |T[k][k] - T[k][k-1]| (nan for one stage)."""
    row = list(stages[:1])
    for i in range(1, len(stages)):
        new = [stages[i]]
        for j in range(1, i + 1):
            new.append(new[j - 1] + (new[j - 1] - row[j - 1]) / (4**j - 1))
        row = new
    error = float(np.abs(row[-1] - row[-2]).max()) if len(row) > 1 else math.nan
    return row[-1], error


def steady_run(chain: Chain, baths: Sequence[Bath], chi: int, cutoff: float,
            settings: SteadySettings, stop_early: bool = True) -> tuple[State, PauliMPS]:
    """mps_steady_state, also returning the last stage's MPS; ``stop_early=False`` runs
    every stage down to min_dt (the correlation evolution needs rho_ss at its own dt)."""
    blocks = steady_generator(chain, baths)
    run = _Run(settings.checked(chain, baths))
    trunc = Truncation(chi, cutoff, run.settings.gate_truncation)  # validates chi, cutoff
    propagator = Propagator(blocks, 2)
    mps = thermal_operator(chain, run.settings.init_beta, chi, cutoff)
    strings = measured_strings(chain, baths)
    with progress(desc=f"mps steady N={chain.N} chi={chi}", unit="t") as run.bar:
        flat, details = _stages(chain, mps, propagator, trunc, run, strings, stop_early)
    residual = _residual(details["trotter_error"], details["stage_errors"])
    details.update(_truncation_verdict(chain, chi, details["discard_rate"],
                                       run.settings.obs_tol))
    diagnostics = {
        "chi": chi, "cutoff": cutoff, "truncation": run.settings.truncation,
        "max_bond": trunc.max_bond, "discarded_weight": trunc.discarded,
        "max_discarded": trunc.max_discarded, "trace": mps.trace(),
        "init_beta": run.settings.init_beta, "dt": run.settings.dt,
        "obs_tol": run.settings.obs_tol, "steps": run.steps, "simulated_time": run.time,
        "wall_time_s": run.wall(), "svd_from_time": run.svd_from, **details,
        "converged": int(details["finished"] and residual < run.settings.obs_tol
                         and details["truncation_ok"]),
        **run.arrays()}
    log.info("mps steady N=%d chi=%d: t=%.1f, %d steps, %.0f s, error est. %.1e, converged %d",
             chain.N, chi, run.time, run.steps, run.wall(), residual,
             diagnostics["converged"])
    attrs = {f"bath_{i}": bath.describe() for i, bath in enumerate(baths)}
    values = from_flat(chain, baths, strings, flat)
    return State(chain, "steady", "mps", values, residual, diagnostics, attrs), mps


def _stages(chain: Chain, mps: PauliMPS, propagator: Propagator, trunc: Truncation,
            run: _Run, strings: Strings, stop_early: bool) -> tuple[np.ndarray, dict]:
    """Relax at dt, dt/2, ... (see mps_steady_state); returns the extrapolated string
    expectations and the stage diagnostics."""
    stages, errors, finished, step = [], [], 1, run.settings.dt
    while True:
        before = (trunc.discarded, run.time)
        values, error, ok = _relax(chain, mps, propagator, step, trunc, run, strings)
        rate = (trunc.discarded - before[0]) / max(run.time - before[1], 1e-300)
        finished &= ok
        stages.append(values)
        errors.append(error)
        flat, trotter_error = _neville(stages)
        if not ok or (stop_early and trotter_error < run.settings.obs_tol) \
                or step / 2 < run.settings.min_dt * (1 - 1e-9):
            return flat, {"final_dt": step, "stages": len(stages), "finished": int(finished),
                          "trotter_error": trotter_error, "stage_errors": np.asarray(errors),
                          "discard_rate": rate}
        step /= 2


def _truncation_verdict(chain: Chain, chi: int, rate: float, obs_tol: float) -> dict:
    """Truncation part of the convergence verdict.  Each truncation in the final stage drops
    a relative weight w = 1 - ||kept||^2 / ||theta||^2 of the Pauli vector (a perturbation
    of relative norm sqrt(w)); at the fixed point the state keeps losing weight at the rate
    r = sum w / (stage time), and the local observables sit about
    TRUNCATION_BIAS sqrt(r / (N - 1)) (measured; r / (N - 1) the rate per bond, in units
    of J / hbar) away from the untruncated fixed point.
    truncation_ok = 1 if that estimate is below obs_tol; otherwise a RuntimeWarning names
    chi and the measure."""
    error = TRUNCATION_BIAS * math.sqrt(rate / (chain.N - 1))
    ok = int(error < obs_tol)
    if not ok:
        warnings.warn(f"mps steady state N={chain.N}: bond dimension chi={chi} is too small: "
                      f"the final stage discards weight {rate:.2e} per unit time, an "
                      f"estimated observable bias {error:.1e} > obs_tol={obs_tol:g}; "
                      "converged = 0 (increase chi)", RuntimeWarning, stacklevel=4)
    return {"truncation_error": error, "truncation_ok": ok}


def _residual(trotter_error: float, stage_errors: np.ndarray) -> float:
    """Error estimate of the extrapolated values: the Trotter estimate plus the largest
    stage error times the noise amplification sum_i |w_i| of the extrapolation weights.
    A single stage has no Trotter estimate (NaN): infinite, so it never counts as converged."""
    weights, _ = _neville(list(np.eye(stage_errors.size)))  # stage i -> unit vector e_i
    trotter = math.inf if np.isnan(trotter_error) else trotter_error
    return float(trotter + np.sum(np.abs(weights)) * stage_errors.max())


def mps_steady_state(chain: Chain, baths: Sequence[Bath], chi: int = 64,
                     cutoff: float = 1e-12, **settings) -> State:
    """Steady state of [P] Eq. 2 as a Pauli-basis MPS.

    algorithm="variational": sweeps of the Galerkin eigenvector (eigenvalue closest to 0) at
    the bond dimensions chi_start (32), 2 chi_start, ..., chi, at most max_sweeps (20) sweeps
    each (lindbath.mps.variational.variational_steady_state; uses obs_tol, max_wall_s,
    init_beta).  algorithm="tebd" (default) is described below.

    TEBD with the second-order (Strang) Trotter map of L = sum_b M_b (liouvillian_blocks),
    bond dimension <= ``chi``, SVD ``cutoff``.  Starts from the thermal MPS at init_beta (it
    is close to the answer).  Stage k evolves with dt_k = dt / 2^k in chunks of check_time
    until the local observables stop changing (_relax: geometric-tail estimate below
    obs_tol/10, or an average over ``average`` chunks at the truncation noise floor); the
    stage fixed points are extrapolated to dt -> 0 (Neville, powers of dt^2), and stages stop
    once that extrapolation's error estimate is below obs_tol or dt_k would drop below
    min_dt.  Values are the extrapolated ones, for every observable (currents and bath heat
    flows included: the expectations of all their Pauli strings, measured_strings, are
    averaged and extrapolated together).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        Two-site baths.
    chi : int, default 64
        Largest bond dimension.
    cutoff : float, default 1e-12
        SVD cutoff of the discarded weight.
    **settings
        Fields of lindbath.mps.settings.SteadySettings: dt (0.4), min_dt (0.1), obs_tol
        (1e-3), check_time (None: N/4, at least 2), average (10), t_max (1e5), max_wall_s
        (inf), init_beta (None: mean bath beta), truncation ("qr": QR update only, its
        noise floor averaged; "qr-svd": the QR update while relaxing, SVD from its noise
        floor on (_relax), 2-5x the CPU time, for long chains; "svd": SVD throughout; see
        lindbath.mps.pauli_mps.Truncation), algorithm
        ("tebd" or "variational"), chi_start (32), max_sweeps (20).

    Returns
    -------
    State
        method "mps"; ``residual`` = Trotter estimate + amplified relaxation/noise estimate;
        diagnostics hold the convergence history, discard_rate (weight discarded per unit
        time in the final stage), truncation_error (the bias it implies, TRUNCATION_BIAS
        sqrt(discard_rate / (N - 1))), truncation_ok and svd_from_time (simulated time
        of the switch from QR to SVD truncation, nan if none); converged = 1 if residual < obs_tol
        within the budget and truncation_error < obs_tol (otherwise a RuntimeWarning names
        chi).

    Raises
    ------
    InputError
        An unknown setting, or a bad value (SteadySettings.checked names it).

    References
    ----------
    [P] Eq. 2 and Secs. III-IV; docs/conventions.md, "Tensor networks".
    """
    options = settings_from(settings)
    if options.algorithm == "variational":
        return variational_steady_state(chain, baths, chi, cutoff,
                                        options.checked(chain, baths))
    state, _ = steady_run(chain, baths, chi, cutoff, options)
    return state
