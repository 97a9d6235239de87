"""Measured time to the steady state of long chains by TEBD, DB versus FR ([P] Sec. IV.2):
lindbath.mps.relaxation.mps_relaxation_time from the infinite-temperature state, both edges
with the same bath kind, xxz_fields chain (J = 1, Delta = 0.5, hx = 0.6, hz = 0.4),
gamma = 1.  Prints one row per (N, beta_bath, bath, chi, truncation): t_relax at tol, the
tail spread (how well the fixed point is known; converged needs it below tol / 2), the
ratio t_FR / t_DB and the CPU seconds of the run; with --exact also the exact time
(lindbath.exact.relaxation_time, N <= 10, steady values from the exact steady state) as
the row with chi "exact".

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/relaxation_mps.py --N 16 24 32 \
        --chi 32 64 --t-max 150
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/relaxation_mps.py --N 9 \
        --chi 8 16 32 64 --t-max 40 --exact
"""

from __future__ import annotations

import argparse
import time
import warnings

import lindbath as lb
from lindbath.exact import relaxation_time
from lindbath.mps import mps_relaxation_time

CHAIN = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[16, 24, 32])
    parser.add_argument("--chi", type=int, nargs="+", default=[32, 64])
    parser.add_argument("--beta", type=float, nargs="+", default=[0.5])
    parser.add_argument("--truncation", nargs="+", default=["svd"], choices=["qr", "svd"])
    parser.add_argument("--tol", type=float, default=1e-2)
    parser.add_argument("--t-max", type=float, default=150.0)
    parser.add_argument("--dt", type=float, default=0.1)
    parser.add_argument("--exact", action="store_true", help="also the exact time (N <= 10)")
    args = parser.parse_args()
    num = round(args.t_max) + 1  # grid spacing 1
    print(f"tol {args.tol:g}, dt {args.dt:g}, t_max {args.t_max:g} (grid spacing "
          f"{args.t_max / (num - 1):g}), gamma 1, xxz_fields", flush=True)
    print("| N | beta_bath | chi | truncation | t_DB | t_FR | t_FR/t_DB | spread DB | "
          "spread FR | CPU s (both) |\n|---|---|---|---|---|---|---|---|---|---|", flush=True)
    for n in args.N:
        for beta in args.beta:
            if args.exact:
                row(lb.Chain(n, **CHAIN), beta, 0, "exact", args, num)
            for chi in args.chi:
                for truncation in args.truncation:
                    row(lb.Chain(n, **CHAIN), beta, chi, truncation, args, num)


def row(chain: lb.Chain, beta: float, chi: int, truncation: str, args, num: int) -> None:
    """One table row: DB and FR at one point (chi = 0: exact)."""
    start, results = time.process_time(), {}
    for kind in ("db", "fr"):
        baths = [lb.make_bath(kind, edge, beta, 1.0) for edge in ("left", "right")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # unconverged: NaN in the table
            results[kind] = relaxation_time(chain, baths, args.tol, args.t_max, num) \
                if chi == 0 else mps_relaxation_time(chain, baths, args.tol, args.t_max, num,
                                                     chi=chi, dt=args.dt, truncation=truncation)
    t_db, t_fr = results["db"]["t_relax"], results["fr"]["t_relax"]
    spreads = " | ".join(f"{results[kind]['reference_spread']:.1e}"
                         if "reference_spread" in results[kind] else "-" for kind in ("db", "fr"))
    print(f"| {chain.N} | {beta:g} | {chi or 'exact'} | {truncation} | {t_db:.2f} | "
          f"{t_fr:.2f} | {t_fr / t_db:.3f} | {spreads} | {time.process_time() - start:.0f} |",
          flush=True)


if __name__ == "__main__":
    main()
