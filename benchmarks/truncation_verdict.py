"""Calibration of the MPS truncation verdict (lindbath.mps.steady.TRUNCATION_BIAS): the
final stage's discard rate r (weight discarded per unit time) against the observables'
actual error, for DB baths on both edges (beta 0.5, gamma 1) of the default chain.

    python benchmarks/truncation_verdict.py N CHI OBS_TOL [N CHI OBS_TOL ...]

One line per run: converged, residual, r, truncation_error = TRUNCATION_BIAS sqrt(r),
and err = the largest deviation of sx, sz, sxsx, szsz, energy from the exact solver
(N <= 8; N <= 8 runs use dt = 0.2, min_dt = 0.05 as tests/test_tensor_networks.py) or,
for longer chains, from the run with the largest chi of the same N.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

import lindbath as lb
from lindbath.mps.steady import mps_steady_state

NAMES = ("sx", "sz", "sxsx", "szsz", "energy")


def run(N: int, chi: int, obs_tol: float) -> lb.State:
    chain = lb.Chain(N)
    baths = [lb.make_bath("db", edge, 0.5, 1.0) for edge in ("left", "right")]
    steps = {"dt": 0.2, "min_dt": 0.05} if N <= 8 else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return mps_steady_state(chain, baths, chi=chi, obs_tol=obs_tol, **steps)


def deviation(a, b) -> float:
    return max(float(np.abs(a.expect(n) - b.expect(n)).max()) for n in NAMES)


def main(args: list[str]) -> None:
    runs = [(int(n), int(c), float(t)) for n, c, t in zip(args[::3], args[1::3], args[2::3],
                                                          strict=True)]
    states = {key: run(*key) for key in runs}
    for (N, chi, obs_tol), state in states.items():
        if N <= 8:
            baths = [lb.make_bath("db", edge, 0.5, 1.0) for edge in ("left", "right")]
            ref, label = lb.steady_state(lb.Chain(N), baths), "exact"
        else:
            best = max(c for n, c, _ in states if n == N)
            ref, label = states[next(k for k in states if k[:2] == (N, best))], f"chi={best}"
        d = state.diagnostics
        print(f"N={N} chi={chi} obs_tol={obs_tol:g}: converged {d['converged']}, residual "
              f"{state.residual:.2e}, discard rate {d['discard_rate']:.2e}, truncation_error "
              f"{d['truncation_error']:.2e}, err vs {label} {deviation(state, ref):.2e}, "
              f"{d['wall_time_s']:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
