"""Steady states, thermal states and two-time correlations as matrix product states.

The density matrix is a Pauli-coefficient MPS (lindbath.mps_core; local dimension 4, the
real basis of physics.md Sec. 8), so every generator below is a sum of real 16x16 bond
blocks and TEBD needs no complex arithmetic for Hermitian states:

* Lindblad evolution (seed 003, Eq. 2): M_b = -i[h_b, .] (Eq. 11) on every bond, plus the
  two-site bath dissipators on their bonds and the edge half fields (hx sx + hz sz)/2 on
  sites 1 and N, folded into the first and last bond.
* Purification (imaginary time): d rho / d tau = -{H, rho}/2 from rho(0) = I gives
  rho(beta) = exp(-beta H/2) I exp(-beta H/2) = exp(-beta H): the thermal state of seed 003,
  Sec. IV.1, with bond blocks X -> -{h_b, X}/2 (the Pauli-basis form of purification).

Steady states (physics.md Sec. 3) are reached by real-time evolution from the thermal
state at the baths' mean beta, in stages of halving time step dt; each stage runs until
the local observables stop changing (or, at the truncation noise floor, are averaged), and
the stage fixed points are extrapolated to dt -> 0 (Richardson/Neville in powers of dt^2).
Correlations (physics.md Sec. 6): Tr[A e^{L't}(B rho_ss)] from a complex MPS of B rho_ss.

Accuracy, measured on the XXZ chain with both fields (J=1, Delta=0.5, hx=0.6, hz=0.4), DB
baths at beta 0.5, gamma 1: N = 8 without truncation (chi = 256) agrees with the exact
solver to 6e-7 (sz, sx, szsz); at chi = 64 the truncation bias at N = 8 is 7e-5 in sz
(default stages) to 2e-4 over sz, sx, szsz (stages 0.2 -> 0.05), and it grows with N (chi
64 and 128 differ by 1e-3 at N = 16: the steady state's operator entanglement exceeds the
thermal state's), so every long-chain result needs a second run at larger chi
(benchmarks/validate_mps.py).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.baths import Bath
from lindbath.hamiltonians import Chain
from lindbath.liouvillian import check_baths, hamiltonian_block, is_davies
from lindbath.mps_core import (
    ORDERS,
    TRUNCATIONS,
    Expectations,
    PauliMPS,
    Propagator,
    Truncation,
    left_multiplication,
)
from lindbath.pauli import lindblad_superop, superop_matrix
from lindbath.states import (
    BOND_OBSERVABLES,
    LONG_NAMES,
    SITE_OBSERVABLES,
    State,
    local_observables,
)

log = logging.getLogger(__name__)
IDENTITY = np.array([1.0, 0.0, 0.0, 0.0])
CONVERGED_NAMES = ("sx", "sy", "sz", "sxsx", "sysy", "szsz", "energy")  # convergence checks
SITE_LABELS = {"sx": "X", "sy": "Y", "sz": "Z"}
STALLS = 3  # non-shrinking changes in a stage that mark the truncation noise floor


# ---------------------------------------------------------------- generators (bond blocks)

def _with_edges(chain: Chain, bulk: np.ndarray, edge: np.ndarray) -> list[np.ndarray]:
    """Bond blocks bulk + the one-site ``edge`` block (4x4) on site 1 (folded into bond 1)
    and on site N (folded into bond N-1).  Interior bonds share one array (gate cache)."""
    blocks = [bulk] * (chain.N - 1)
    eye = np.eye(4)
    blocks[0] = blocks[0] + np.kron(edge, eye)
    blocks[-1] = blocks[-1] + np.kron(eye, edge)
    return blocks


def liouvillian_blocks(chain: Chain, baths: Sequence[Bath]) -> list[np.ndarray]:
    """Real 16x16 Pauli-basis blocks M_b with L = sum_b M_b (seed 003, Eqs. 2 and 11):
    -i[h_b, .] on each bond, edge half fields on sites 1 and N, bath dissipators on their
    bonds.  Their sum equals lindbath.liouvillian(chain, baths)."""
    field = superop_matrix(lindblad_superop(chain.edge_field(), []), 1)
    blocks = _with_edges(chain, hamiltonian_block(chain), field)
    for bath in baths:
        first = bath.first_site(chain)
        blocks[first] = blocks[first] + bath.pauli_block(chain)
    return blocks


def purification_blocks(chain: Chain) -> list[np.ndarray]:
    """Real 16x16 Pauli-basis blocks of X -> -{H, X}/2 = sum_b -{h_b, X}/2 (+ edge fields),
    the imaginary-time generator of purification (seed 003, Sec. IV.1)."""
    h_b, field = chain.bond_hamiltonian(), chain.edge_field()
    bulk = superop_matrix(lambda x: -0.5 * (h_b @ x + x @ h_b), 2)
    edge = superop_matrix(lambda x: -0.5 * (field @ x + x @ field), 1)
    return _with_edges(chain, bulk, edge)


# ---------------------------------------------------------------- checks and observables

def _check_tebd(chi: int, cutoff: float, step: float, order: int, step_name: str) -> None:
    validation.integer("chi", chi, minimum=1)
    validation.real("cutoff", cutoff, 0.0)
    validation.real(step_name, step, 0.0, strict=True)
    validation.choice("order", order, ORDERS)


def observables(chain: Chain, mps: PauliMPS) -> dict[str, np.ndarray]:
    """All local observables (states.OBSERVABLES) of a density-matrix MPS, normalized by
    its trace: <P_s> = c_s / c_0."""
    return local_observables(chain, Expectations(mps))


def _flat(values: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([values[name] for name in CONVERGED_NAMES])


# ---------------------------------------------------------------- thermal states

def _purify(chain: Chain, betas: np.ndarray, chi: int, dtau: float, cutoff: float,
            order: int, truncation: str = "qr"
            ) -> tuple[list[dict[str, np.ndarray]], PauliMPS, Truncation]:
    """Purification by imaginary-time TEBD from rho(0) = I through the sorted grid
    ``betas``; returns the observables at each beta, the final MPS and truncation stats."""
    mps = PauliMPS.product([IDENTITY] * chain.N)
    propagator = Propagator(purification_blocks(chain), order)
    trunc = Truncation(chi, cutoff, truncation)
    results, tau, start = [], 0.0, time.perf_counter()
    for beta in betas:
        span = beta - tau
        if span > 0:
            steps = math.ceil(span / dtau - 1e-9)
            propagator.evolve(mps, steps, span / steps, trunc)
            tau = beta
        results.append(observables(chain, mps))
        log.info("purification N=%d chi=%d: beta=%.4g bond %d discarded %.1e (%.0f s)",
                 chain.N, chi, beta, max(mps.bond_dimensions(), default=1), trunc.discarded,
                 time.perf_counter() - start)
    return results, mps, trunc


def _check_betas(betas: Sequence[float]) -> np.ndarray:
    betas = np.asarray([validation.real("beta", b, 0.0) for b in np.atleast_1d(betas)])
    if betas.size == 0 or np.any(np.diff(betas) <= 0):
        raise ValueError(f"betas must be a non-empty increasing grid; got {betas.tolist()}")
    return betas


def mps_thermal_table(chain: Chain, betas: Sequence[float], chi: int = 128,
                      dtau: float = 0.02, cutoff: float = 1e-14, order: int = 4,
                      truncation: str = "qr") -> xr.Dataset:
    """Reference table of thermal observables over a beta grid in ONE purification run
    (seed 003, Sec. IV.1, Fig. 1; physics.md Sec. 4).

    Purification in the Pauli basis: rho(tau) = exp(-tau H) by TEBD of
    d rho/d tau = -{H, rho}/2 from rho(0) = I, step <= ``dtau`` (fourth order by default),
    bond dimension <= ``chi``, SVD ``cutoff``, ``truncation`` "qr" or "svd"
    (mps_core.Truncation).  Returns sx, sy, sz (beta, site) and sxsx, sysy, szsz, energy
    (beta, bond), with the truncation diagnostics as attributes.  Accuracy (XXZ chain with
    both fields, N = 10, beta <= 2): chi = 64 -> 2e-4, 128 -> 1e-5, 256 -> 6e-7; the
    fourth-order Trotter error is 5e-7 at dtau = 0.025 and 2e-7 at 0.02 (default).
    """
    _check_tebd(chi, cutoff, dtau, order, "dtau")
    validation.choice("truncation", truncation, TRUNCATIONS)
    betas = _check_betas(betas)
    start = time.perf_counter()
    results, mps, trunc = _purify(chain, betas, chi, dtau, cutoff, order, truncation)
    wall = time.perf_counter() - start
    log.info("purification N=%d chi=%d to beta=%g: %.1f s, max bond %d, discarded %.2e",
             chain.N, chi, betas[-1], wall, trunc.max_bond, trunc.discarded)
    data = {}
    for name in SITE_OBSERVABLES + BOND_OBSERVABLES:
        dim = "site" if name in SITE_OBSERVABLES else "bond"
        data[name] = xr.Variable(("beta", dim), np.array([r[name] for r in results]),
                                 {"long_name": LONG_NAMES[name]})
    coords = {"beta": betas, "site": np.arange(1, chain.N + 1), "bond": np.arange(1, chain.N)}
    attrs = {"state": "thermal", "method": "mps-purification", **chain.params, "chi": chi,
             "dtau": dtau, "cutoff": cutoff, "order": order, "truncation": truncation,
             "max_bond": trunc.max_bond,
             "discarded_weight": trunc.discarded, "wall_time_s": wall}
    return xr.Dataset(data, coords=coords, attrs=attrs)


def mps_thermal_state(chain: Chain, beta: float, chi: int = 128, dtau: float = 0.02,
                      cutoff: float = 1e-14, order: int = 4, truncation: str = "qr") -> State:
    """Thermal state exp(-beta H)/Z by purification in the Pauli basis (see
    mps_thermal_table); diagnostics: chi, max bond, discarded weight, wall time."""
    table = mps_thermal_table(chain, [beta], chi, dtau, cutoff, order, truncation)
    values = {name: table[name].values[0] for name in table.data_vars}
    keys = ("chi", "dtau", "cutoff", "order", "truncation", "max_bond", "discarded_weight",
            "wall_time_s")
    diagnostics = {key: table.attrs[key] for key in keys}
    return State(chain, "thermal", "mps", values, 0.0, diagnostics, {"beta": float(beta)})


# ---------------------------------------------------------------- steady states

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
        validation.choice("truncation", self.truncation, TRUNCATIONS)
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
    _, mps, _ = _purify(chain, np.array([beta]), chi, 0.025, cutoff, 4)
    mps.log_scale -= np.log(mps.trace())
    return mps


def _steady(chain: Chain, baths: Sequence[Bath], chi: int, cutoff: float,
            settings: SteadySettings, stop_early: bool = True) -> tuple[State, PauliMPS]:
    """mps_steady_state, also returning the last stage's MPS; ``stop_early=False`` runs
    every stage down to min_dt (the correlation evolution needs rho_ss at its own dt)."""
    _check_tebd(chi, cutoff, settings.dt, 2, "dt")
    check_baths(chain, baths)
    if not baths or is_davies(baths):
        raise ValueError("method='mps' needs at least one two-site bath ('db', 'fr', 'local')")
    run = _Run(settings.checked(chain, baths))
    mps = _initial_state(chain, run.settings.init_beta, chi, cutoff)
    propagator = Propagator(liouvillian_blocks(chain, baths), 2)
    trunc = Truncation(chi, cutoff, run.settings.truncation)
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
    """Steady state of seed 003, Eq. 2 (physics.md Sec. 3) as a Pauli-basis MPS.

    TEBD with the second-order (Strang) Trotter map of L = sum_b M_b
    (liouvillian_blocks), bond dimension <= ``chi``, SVD ``cutoff``.  ``settings`` (see
    SteadySettings): dt (0.4), min_dt (0.1), obs_tol (1e-3), check_time (N/4, >= 2),
    average (10), t_max (1e5), max_wall_s (inf), init_beta (mean bath beta), truncation
    ("qr" or "svd", see mps_core.Truncation).

    Starts from the thermal MPS at init_beta (it is close to the answer).  Stage k evolves
    with dt_k = dt / 2^k in chunks of check_time until the observables stop changing
    (_relax: geometric-tail estimate below obs_tol/10, or an average over ``average`` chunks at
    the truncation noise floor); the stage fixed points are extrapolated to dt -> 0
    (Neville, powers of dt^2), and stages stop once that extrapolation's error estimate is
    below obs_tol or dt_k would drop below min_dt.  Values are the extrapolated ones;
    ``residual`` = Trotter estimate + amplified relaxation/noise estimate; diagnostics
    hold the convergence history; converged = 1 if residual < obs_tol within the budget.
    """
    state, _ = _steady(chain, baths, chi, cutoff, _settings(settings))
    return state


def _settings(options: dict) -> SteadySettings:
    names = {f.name for f in dataclasses.fields(SteadySettings)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise ValueError(f"unknown mps option(s) {unknown}; allowed: chi, cutoff, "
                         f"{', '.join(sorted(names))}")
    return SteadySettings(**options)


# ---------------------------------------------------------------- two-time correlations

def _check_times(times: Sequence[float]) -> np.ndarray:
    times = np.asarray(times, dtype=float)
    if times.ndim != 1 or times.size == 0 or not np.all(np.isfinite(times)) \
            or times[0] < 0 or np.any(np.diff(times) < 0):
        raise ValueError("times must be a non-empty, non-decreasing array of finite values "
                         f">= 0; got {times!r}")
    return times


def mps_correlation(chain: Chain, baths: Sequence[Bath], times: Sequence[float],
                    observable: str = "sz", site: int = -1, gamma_evolve: float | None = None,
                    chi: int = 64, dt: float = 0.05, cutoff: float = 1e-12,
                    **options) -> dict:
    """Two-time correlation Tr[A e^{L' t}(B rho_ss)] with A = B = ``observable`` on ``site``
    (seed 003, Sec. IV.3, Eq. 12; physics.md Sec. 6).

    rho_ss: mps steady state of (chain, baths), stages 4 dt, 2 dt, dt, so that the MPS used
    is the fixed point of the same Trotter map as the evolution (``options`` override the
    other mps_steady_state settings: obs_tol (default 1e-5), check_time, average, init_beta,
    t_max, max_wall_s, truncation).
    B rho_ss is not Hermitian: its Pauli MPS is complex, B acting on one site through the
    4x4 matrix of left multiplication (mps_core.left_multiplication).  L' has every bath's
    gamma replaced by ``gamma_evolve`` (None: unchanged); TEBD with step <= dt, bond
    dimension <= chi.  Returns {"full": complex array on ``times``, "expect_A", "expect_B"
    (floats, from the same rho_ss MPS, so full - expect_A expect_B -> 0 when L' = L),
    "diagnostics": dict}.
    """
    label = SITE_LABELS[validation.choice("observable", observable, tuple(SITE_LABELS))]
    site = validation.integer("site", site, minimum=-chain.N, maximum=chain.N - 1) % chain.N
    times = _check_times(times)
    if gamma_evolve is not None:
        gamma_evolve = validation.real("gamma_evolve", gamma_evolve, 0.0)
    if "min_dt" in options:
        raise ValueError("min_dt is fixed to dt in mps_correlation (rho_ss must be the fixed "
                         "point of the evolution's Trotter map); set dt instead")
    settings = _settings({"dt": 4 * dt, "min_dt": dt, "obs_tol": 1e-5, **options})
    state, mps = _steady(chain, baths, chi, cutoff, settings, stop_early=False)
    start = time.perf_counter()
    mps.log_scale -= np.log(mps.trace())  # Tr rho_ss = 1 (truncation does not keep it)
    expect = mps.string_value({site: label}).real
    mps.apply_site(site, left_multiplication(label))
    evolve_baths = baths if gamma_evolve is None else [
        dataclasses.replace(bath, gamma=gamma_evolve) for bath in baths]
    propagator = Propagator(liouvillian_blocks(chain, evolve_baths), 2)
    trunc = Truncation(chi, cutoff, settings.truncation)
    full, now = np.empty(times.size, dtype=complex), 0.0
    for k, target in enumerate(times):
        if target > now:
            steps = math.ceil((target - now) / dt - 1e-9)
            propagator.evolve(mps, steps, (target - now) / steps, trunc)
            now = target
        full[k] = mps.string_value({site: label})
    wall = time.perf_counter() - start
    log.info("mps correlation N=%d to t=%g: %.1f s, max bond %d", chain.N, now, wall,
             trunc.max_bond)
    diagnostics = {"chi": chi, "dt": dt, "cutoff": cutoff, "max_bond": trunc.max_bond,
                   "discarded_weight": trunc.discarded, "evolution_wall_time_s": wall,
                   **{f"steady_{k}": v for k, v in state.diagnostics.items()
                      if not k.startswith("history")}}
    return {"full": full, "expect_A": expect, "expect_B": expect, "diagnostics": diagnostics}
