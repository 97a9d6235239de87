"""The TEBD steady state's noise floor under each truncation (issue #22).

One stage at fixed dt (no Trotter extrapolation), evolved in chunks of ``--check-time``
until ``--t-max``; printed per truncation ("qr": the QR update of every full bond, "svd":
exact SVD truncation, "qr-svd": QR until its changes stall, then SVD; see
lindbath.mps.steady._relax): CPU time, the simulated time of the QR -> SVD switch, and the
chunk-to-chunk change of the local observables (largest over sx, sz, szsz on every site and
bond) at a few times and its median over the last ``--tail`` chunks, the noise floor.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/noise_floor.py --N 16 --chi 32
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/noise_floor.py --N 32 --chi 64 \\
        --t-max 240 --truncation qr qr-svd

Chain: xxz_fields (J = 1, Delta = 0.5, hx = 0.6, hz = 0.4), DB baths at beta 0.4 (left)
and 0.6 (right), gamma = 1: the transport point of issue #22.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

import lindbath as lb
from lindbath.mps.settings import TRUNCATIONS


def run(N: int, chi: int, truncation: str, args: argparse.Namespace) -> dict:
    """One single-stage evolution; its change history and timing."""
    chain = lb.Chain(N, J=1.0, Delta=0.5, hx=0.6, hz=0.4)
    baths = [lb.DBBath("left", 0.4, 1.0), lb.DBBath("right", 0.6, 1.0)]
    cpu = time.process_time()
    with warnings.catch_warnings():  # one stage: no Trotter estimate, never converged
        warnings.simplefilter("ignore", RuntimeWarning)
        state = lb.steady_state(chain, baths, method="mps", chi=chi, truncation=truncation,
                                dt=args.dt, min_dt=args.dt, check_time=args.check_time,
                                obs_tol=1e-12, t_max=args.t_max, average=10**6)
    d = state.diagnostics
    return {"cpu_s": time.process_time() - cpu, "times": d["history_time"],
            "changes": d["history_change"], "svd_from": d["svd_from_time"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, default=16)
    parser.add_argument("--chi", type=int, default=32)
    parser.add_argument("--dt", type=float, default=0.4)
    parser.add_argument("--check-time", type=float, default=4.0)
    parser.add_argument("--t-max", type=float, default=120.0)
    parser.add_argument("--tail", type=int, default=5)
    parser.add_argument("--truncation", nargs="+", default=list(TRUNCATIONS),
                        choices=TRUNCATIONS)
    args = parser.parse_args()
    marks = np.linspace(0, args.t_max, 7)[1:]
    print(f"# N = {args.N}, chi = {args.chi}, dt = {args.dt}, chunks of {args.check_time}, "
          f"t_max = {args.t_max}; change = largest chunk-to-chunk change of sx, sz, szsz")
    print(f"{'truncation':>10} {'cpu_s':>7} {'svd_from':>8} "
          + " ".join(f"{'t=' + format(t, '.0f'):>8}" for t in marks) + f" {'floor':>8}")
    for truncation in args.truncation:
        r = run(args.N, args.chi, truncation, args)
        at = [r["changes"][np.argmin(np.abs(r["times"] - t))] for t in marks]
        floor = float(np.median(r["changes"][-args.tail:]))
        print(f"{truncation:>10} {r['cpu_s']:>7.1f} {r['svd_from']:>8.0f} "
              + " ".join(f"{c:>8.1e}" for c in at) + f" {floor:>8.1e}", flush=True)


if __name__ == "__main__":
    main()
