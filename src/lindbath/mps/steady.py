"""Steady states of [P] Eq. 2 as Pauli-basis MPS, by real-time TEBD.

The evolution starts from the thermal state at the baths' mean beta and runs in stages of
halving time step dt; each stage runs until the local observables stop changing (or, at the
truncation noise floor, are averaged), and the stage fixed points are extrapolated to
dt -> 0 (Richardson/Neville in powers of dt^2).  The truncation bias grows with N (the
steady state's operator entanglement exceeds the thermal state's), so every long-chain
result needs a second run at larger chi (benchmarks/validate_mps.py; accuracy measured in
benchmarks/README.md).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Sequence

import numpy as np

from lindbath import validation
from lindbath.model.baths import Bath, check_baths, is_davies
from lindbath.model.chain import Chain
from lindbath.model.observables import local_observables
from lindbath.model.state import State
from lindbath.mps.generators import liouvillian_blocks
from lindbath.mps.pauli_mps import PauliMPS, Propagator, Truncation, observables
from lindbath.mps.purification import purify

log = logging.getLogger(__name__)
CONVERGED_NAMES = ("sx", "sy", "sz", "sxsx", "sysy", "szsz", "energy")  # convergence checks
STALLS = 3  # non-shrinking changes in a stage that mark the truncation noise floor


def _flat(values: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([values[name] for name in CONVERGED_NAMES])


@dataclasses.dataclass
class SteadySettings:
    """Settings of the steady-state evolution (see mps_steady_state)."""

    dt: float = 0.4
    min_dt: float = 0.1
    obs_tol: float = 1e-3
    check_time: float | None = None
    average: int = 10
    t_max: float = 1e5
    max_wall_s: float = math.inf
    init_beta: float | None = None
    truncation: str = "qr"

    def checked(self, chain: Chain, baths: Sequence[Bath]) -> SteadySettings:
        """Validated copy with check_time (default N/4, at least 2) and init_beta (default:
        mean bath beta) filled in; raises ValueError naming the bad key."""
        for name in ("dt", "min_dt", "obs_tol", "t_max"):
            validation.real(name, getattr(self, name), 0.0, strict=True)
        if not float(self.max_wall_s) > 0:  # may be inf
            raise ValueError(f"max_wall_s must be > 0; got {self.max_wall_s}")
        validation.integer("average", self.average, minimum=2)
        check_time = max(2.0, chain.N / 4) if self.check_time is None else self.check_time
        beta = np.mean([b.beta for b in baths]) if self.init_beta is None else self.init_beta
        return dataclasses.replace(
            self, check_time=validation.real("check_time", check_time, 0.0, strict=True),
            init_beta=validation.real("init_beta", beta, 0.0))


@dataclasses.dataclass
class _Run:
    """Counters and convergence history of one steady-state evolution."""

    settings: SteadySettings
    start: float = dataclasses.field(default_factory=time.perf_counter)
    time: float = 0.0
    steps: int = 0
    history: dict = dataclasses.field(default_factory=lambda: {
        key: [] for key in ("time", "dt", "change", "estimate", "max_bond", "wall")})

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
           trunc: Truncation, run: _Run) -> tuple[np.ndarray, float, bool]:
    """Evolve at fixed dt in chunks of check_time until the local observables reach the
    fixed point of the Trotter map.  Returns (observables, error estimate, finished):

    * relaxed: the geometric-tail distance estimate falls below obs_tol / 10;
    * noise floor: with truncation the map need not have an attracting fixed point and the
      observables fluctuate at the truncation level; after STALLS chunks whose change did
      not shrink, the last ``average`` chunks are averaged once the drift between the
      means of their two halves is within their standard deviation (a slow mode still
      relaxing under the noise keeps the window sliding); the error estimate of the mean
      is the larger of that drift and the standard error std / sqrt(average / 2) (half
      the chunks counted as independent: neighbouring chunks are correlated);
    * budget (t_max, max_wall_s) exhausted: finished = False.
    """
    settings = run.settings
    steps = max(1, round(settings.check_time / dt))
    previous, changes, stalls, window = _flat(observables(chain, mps)), [], 0, []
    while not run.out_of_budget():
        propagator.evolve(mps, steps, dt, trunc)
        run.time += steps * dt
        run.steps += steps
        current = _flat(observables(chain, mps))
        changes.append(float(np.abs(current - previous).max()))
        previous, estimate = current, _remaining(changes)
        if stalls >= STALLS:
            window.append(current)
        stalls += len(changes) > 1 and changes[-1] >= changes[-2]
        bond = max(mps.bond_dimensions(), default=1)
        run.record(dt, changes[-1], estimate, bond)
        log.info("mps steady N=%d: t=%.1f dt=%.4g change %.2e est. distance %.2e bond %d%s "
                 "(%.0f s)", chain.N, run.time, dt, changes[-1], estimate, bond,
                 " averaging" if window else "", run.wall())
        if not window and estimate < settings.obs_tol / 10:  # at the noise floor: window only
            return current, estimate, True
        if len(window) >= settings.average:
            window = window[-settings.average:]
            noise, drift = _window_spread(window)
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


def _initial_state(chain: Chain, beta: float, chi: int, cutoff: float) -> PauliMPS:
    """Thermal MPS exp(-beta H)/Z (purification, dtau = 0.025, fourth order), trace 1."""
    _, mps, _ = purify(chain, np.array([beta]), chi, 0.025, cutoff, 4)
    mps.log_scale -= np.log(mps.trace())
    return mps


def steady_run(chain: Chain, baths: Sequence[Bath], chi: int, cutoff: float,
            settings: SteadySettings, stop_early: bool = True) -> tuple[State, PauliMPS]:
    """mps_steady_state, also returning the last stage's MPS; ``stop_early=False`` runs
    every stage down to min_dt (the correlation evolution needs rho_ss at its own dt)."""
    check_baths(chain, baths)
    if not baths or is_davies(baths):
        raise ValueError("method='mps' needs at least one two-site bath ('db', 'fr', 'local')")
    run = _Run(settings.checked(chain, baths))
    trunc = Truncation(chi, cutoff, run.settings.truncation)  # validates chi, cutoff, truncation
    propagator = Propagator(liouvillian_blocks(chain, baths), 2)
    mps = _initial_state(chain, run.settings.init_beta, chi, cutoff)
    flat, details = _stages(chain, mps, propagator, trunc, run, stop_early)
    residual = _residual(details["trotter_error"], details["stage_errors"])
    diagnostics = {
        "chi": chi, "cutoff": cutoff, "truncation": run.settings.truncation,
        "max_bond": trunc.max_bond, "discarded_weight": trunc.discarded,
        "max_discarded": trunc.max_discarded, "trace": mps.trace(),
        "init_beta": run.settings.init_beta, "dt": run.settings.dt,
        "obs_tol": run.settings.obs_tol, "steps": run.steps, "simulated_time": run.time,
        "wall_time_s": run.wall(), **details,
        "converged": int(details["finished"] and residual < run.settings.obs_tol),
        **run.arrays()}
    log.info("mps steady N=%d chi=%d: t=%.1f, %d steps, %.0f s, error est. %.1e, converged %d",
             chain.N, chi, run.time, run.steps, run.wall(), residual,
             diagnostics["converged"])
    attrs = {f"bath_{i}": bath.describe() for i, bath in enumerate(baths)}
    return State(chain, "steady", "mps", _from_flat(chain, flat), residual, diagnostics,
                 attrs), mps


def _stages(chain: Chain, mps: PauliMPS, propagator: Propagator, trunc: Truncation,
            run: _Run, stop_early: bool) -> tuple[np.ndarray, dict]:
    """Relax at dt, dt/2, ... (see mps_steady_state); returns the extrapolated flat
    observables and the stage diagnostics."""
    stages, errors, finished, step = [], [], 1, run.settings.dt
    while True:
        values, error, ok = _relax(chain, mps, propagator, step, trunc, run)
        finished &= ok
        stages.append(values)
        errors.append(error)
        flat, trotter_error = _neville(stages)
        if not ok or (stop_early and trotter_error < run.settings.obs_tol) \
                or step / 2 < run.settings.min_dt * (1 - 1e-9):
            return flat, {"final_dt": step, "stages": len(stages), "finished": int(finished),
                          "trotter_error": trotter_error, "stage_errors": np.asarray(errors)}
        step /= 2


def _residual(trotter_error: float, stage_errors: np.ndarray) -> float:
    """Error estimate of the extrapolated values: the Trotter estimate plus the largest
    stage error times the noise amplification sum_i |w_i| of the extrapolation weights.
    A single stage has no Trotter estimate (NaN): infinite, so it never counts as converged."""
    weights, _ = _neville(list(np.eye(stage_errors.size)))  # stage i -> unit vector e_i
    trotter = math.inf if np.isnan(trotter_error) else trotter_error
    return float(trotter + np.sum(np.abs(weights)) * stage_errors.max())


def _from_flat(chain: Chain, flat: np.ndarray) -> dict[str, np.ndarray]:
    """Observables dict from a flat CONVERGED_NAMES vector (energy, linear in the others,
    is recomputed by local_observables)."""
    sizes = np.cumsum([chain.N] * 3 + [chain.N - 1] * 3)
    parts = dict(zip(CONVERGED_NAMES, np.split(flat, sizes), strict=True))
    names = {"X": "sx", "Y": "sy", "Z": "sz"}
    return local_observables(
        chain, lambda ops: float(parts[names[ops[min(ops)]] * len(ops)][min(ops)]))


def mps_steady_state(chain: Chain, baths: Sequence[Bath], chi: int = 64,
                     cutoff: float = 1e-12, **settings) -> State:
    """Steady state of [P] Eq. 2 as a Pauli-basis MPS.

    TEBD with the second-order (Strang) Trotter map of L = sum_b M_b
    (liouvillian_blocks), bond dimension <= ``chi``, SVD ``cutoff``.  ``settings`` (see
    SteadySettings): dt (0.4), min_dt (0.1), obs_tol (1e-3), check_time (N/4, >= 2),
    average (10), t_max (1e5), max_wall_s (inf), init_beta (mean bath beta), truncation
    ("qr" or "svd", see lindbath.mps.pauli_mps.Truncation).

    Starts from the thermal MPS at init_beta (it is close to the answer).  Stage k evolves
    with dt_k = dt / 2^k in chunks of check_time until the observables stop changing
    (_relax: geometric-tail estimate below obs_tol/10, or an average over ``average`` chunks at
    the truncation noise floor); the stage fixed points are extrapolated to dt -> 0
    (Neville, powers of dt^2), and stages stop once that extrapolation's error estimate is
    below obs_tol or dt_k would drop below min_dt.  Values are the extrapolated ones;
    ``residual`` = Trotter estimate + amplified relaxation/noise estimate; diagnostics
    hold the convergence history; converged = 1 if residual < obs_tol within the budget.
    """
    state, _ = steady_run(chain, baths, chi, cutoff, settings_from(settings))
    return state


def settings_from(options: dict) -> SteadySettings:
    names = {f.name for f in dataclasses.fields(SteadySettings)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise ValueError(f"unknown mps option(s) {unknown}; allowed: chi, cutoff, "
                         f"{', '.join(sorted(names))}")
    return SteadySettings(**options)
