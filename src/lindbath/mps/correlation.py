"""Two-time correlations Tr[A e^{L't}(B rho_ss)] ([P] Eq. 12) by TEBD on a complex Pauli MPS
of B rho_ss, for chains beyond exact reach."""

from __future__ import annotations

import logging
import math
import time
import warnings
from collections.abc import Sequence

import numpy as np

from lindbath import validation
from lindbath.model.baths import Bath, with_gamma
from lindbath.model.chain import Chain
from lindbath.mps.generators import liouvillian_blocks
from lindbath.mps.pauli_mps import Propagator, Truncation, left_multiplication
from lindbath.mps.settings import settings_from
from lindbath.mps.steady import steady_run
from lindbath.progress import progress

__all__ = ["mps_correlation"]

log = logging.getLogger(__name__)
SITE_LABELS = {"sx": "X", "sy": "Y", "sz": "Z"}
CHUNK_STEPS = 10  # time steps between two looks at the wall clock


def mps_correlation(chain: Chain, baths: Sequence[Bath], times: Sequence[float],
                    observable: str = "sz", site: int = -1, gamma_evolve: float | None = None,
                    chi: int = 64, dt: float = 0.05, cutoff: float = 1e-12,
                    **options) -> dict:
    """Two-time correlation Tr[A e^{L' t}(B rho_ss)] with A = B = ``observable`` on ``site``
    ([P] Sec. IV.3, Eq. 12).

    rho_ss: mps steady state of (chain, baths), stages 4 dt, 2 dt, dt, so that the MPS used
    is the fixed point of the same Trotter map as the evolution.  max_wall_s bounds the
    steady state and the evolution together: once it is spent the evolution stops, the
    later times are NaN and finished = 0.
    B rho_ss is not Hermitian: its Pauli MPS is complex, B acting on one site through the
    4x4 matrix of left multiplication (lindbath.mps.pauli_mps.left_multiplication).
    L' has every bath's gamma replaced by ``gamma_evolve``; TEBD with step <= dt, bond
    dimension <= chi.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        Two-site baths.
    times : sequence of float
        Non-empty, finite, >= 0 and strictly increasing.
    observable : {"sx", "sy", "sz"}, default "sz"
        A = B = sigma^observable.
    site : int, default -1
        0-based site (negative counts from the end).
    gamma_evolve : float or None, default None
        gamma of every bath in L', >= 0; None: unchanged.
    chi : int, default 64
        Largest bond dimension of the steady state and the evolution.
    dt : float, default 0.05
        Trotter step of the evolution (the steady state's last stage).
    cutoff : float, default 1e-12
        SVD cutoff of the discarded weight.
    **options
        Override the other mps_steady_state settings (lindbath.mps.settings.SteadySettings):
        obs_tol (default here 1e-5), check_time, average, init_beta, t_max, max_wall_s,
        truncation; min_dt is fixed to dt and refused.

    Returns
    -------
    dict
        {"full": complex array on ``times``, "expect_A", "expect_B" (floats, from the same
        rho_ss MPS, so full - expect_A expect_B -> 0 when L' = L), "diagnostics": dict};
        diagnostics["converged"] = 1 only if the steady state converged, the evolution
        finished and its truncation_error = sqrt(summed discarded weight) is <= obs_tol
        (else 0 with a RuntimeWarning).

    Raises
    ------
    InputError
        An unknown observable, a bad site, times or gamma_evolve, or an unknown or bad
        setting.
    ValueError
        min_dt among the options.

    References
    ----------
    [P] Eq. 12 and Sec. IV.3; docs/conventions.md, "Two-time correlations" and "Tensor
    networks".
    """
    label = SITE_LABELS[validation.choice("observable", observable, tuple(SITE_LABELS))]
    site = validation.integer("site", site, minimum=-chain.N, maximum=chain.N - 1) % chain.N
    times = validation.times("times", times)
    if gamma_evolve is not None:
        gamma_evolve = validation.real("gamma_evolve", gamma_evolve, 0.0)
    if "min_dt" in options:
        raise ValueError("min_dt is fixed to dt in mps_correlation (rho_ss must be the fixed "
                         "point of the evolution's Trotter map); set dt instead")
    settings = settings_from({"dt": 4 * dt, "min_dt": dt, "obs_tol": 1e-5, **options})
    deadline = time.perf_counter() + settings.max_wall_s
    state, mps = steady_run(chain, baths, chi, cutoff, settings, stop_early=False)
    start = time.perf_counter()
    mps.log_scale -= np.log(mps.trace())  # Tr rho_ss = 1 (truncation does not keep it)
    expect = mps.string_value({site: label}).real
    mps.apply_site(site, left_multiplication(label))
    propagator = Propagator(liouvillian_blocks(chain, with_gamma(baths, gamma_evolve)), 2)
    trunc = Truncation(chi, cutoff, settings.gate_truncation)
    full, now, finished = np.full(times.size, np.nan, dtype=complex), 0.0, True
    for k, target in enumerate(progress(times, desc=f"mps correlation N={chain.N}",
                                        unit="time")):
        if target > now:
            finished = _evolve(propagator, mps, target - now, dt, trunc, deadline)
            if not finished:
                break
            now = target
        full[k] = mps.string_value({site: label})
    wall = time.perf_counter() - start
    log.info("mps correlation N=%d to t=%g: %.1f s, max bond %d", chain.N, now, wall,
             trunc.max_bond)
    diagnostics = {"chi": chi, "dt": dt, "cutoff": cutoff, "max_bond": trunc.max_bond,
                   "discarded_weight": trunc.discarded, "evolution_wall_time_s": wall,
                   **_verdict(chain, trunc, finished, now, state.diagnostics["converged"],
                              settings.obs_tol),
                   **{f"steady_{k}": v for k, v in state.diagnostics.items()
                      if not k.startswith("history")}}
    return {"full": full, "expect_A": expect, "expect_B": expect, "diagnostics": diagnostics}


def _evolve(propagator: Propagator, mps, span: float, dt: float, trunc: Truncation,
            deadline: float) -> bool:
    """Evolve ``mps`` by ``span`` in ceil(span / dt) equal steps, CHUNK_STEPS at a time;
    False (stopped part way) once the clock (time.perf_counter) is past ``deadline``."""
    steps = math.ceil(span / dt - 1e-9)
    for done in range(0, steps, CHUNK_STEPS):
        if time.perf_counter() > deadline:
            return False
        propagator.evolve(mps, min(CHUNK_STEPS, steps - done), span / steps, trunc)
    return True


def _verdict(chain: Chain, trunc: Truncation, finished: bool, reached: float,
             steady_converged: int, obs_tol: float) -> dict:
    """finished, t_reached, truncation_error = sqrt(summed discarded weight of the
    evolution) and converged = steady converged, finished and truncation_error <= obs_tol;
    a RuntimeWarning when the evolution itself fails (budget or truncation)."""
    error = trunc.error()
    reasons = [] if finished else [f"the wall-clock budget (max_wall_s) ran out at t={reached:g}"]
    if error > obs_tol:
        reasons.append(f"truncation error {error:.1e} (sqrt of the discarded weight "
                       f"{trunc.discarded:.2e}) > obs_tol={obs_tol:g}: increase chi")
    if reasons:
        warnings.warn(f"mps correlation N={chain.N}: {'; '.join(reasons)}; converged = 0",
                      RuntimeWarning, stacklevel=4)
    return {"finished": int(finished), "t_reached": reached, "truncation_error": error,
            "converged": int(steady_converged == 1 and not reasons)}
