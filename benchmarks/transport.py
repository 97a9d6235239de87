"""Heat-transport benchmark: exact and MPS steady states with baths at beta -+ delta_beta/2.

    python benchmarks/transport.py --exact-N 8 10 --N 8 12 16 --chi 32 64
    python benchmarks/transport.py --exact-N 11 --N                   (N = 11: minutes)
    python benchmarks/transport.py --exact-N --N 32 48 64 --chi 64 128 --min-dt 0.05
    python benchmarks/transport.py --exact-N 10 --N 10 --chi 128 --algorithm tebd variational

One row per (N, method): wall and CPU time (the CPU time is what a loaded machine does not
inflate) and peak memory of that steady state (each runs in its
own child process), the transported current J = (Q_left - Q_right)/2, J N, and the error
estimate: for exact states the continuity error max(|j_l - J| over sites 3..N-2,
|Q_left + Q_right|); for MPS states the same spread (Trotter error of the last stage plus
truncation), the solver's residual, and |J - J_exact| and the largest distance of a local
observable (obs_err: sx, sy, sz, sxsx, sysy, szsz, energy on every site) where an exact N is
also run; --algorithm runs each MPS point with each listed algorithm (tebd: real-time
evolution; variational: sweeps, its residual the chi gap of its own ladder). The
chi convergence is the difference between the rows of one N at two chi. Chain: xxz_fields
(J=1, Delta=0.5, hx=0.6, hz=0.4) unless --hx etc. are given; DB baths, gamma = 1.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import logging
import resource
import time

import lindbath as lb
from lindbath.analysis.transport import summary, transport_baths
from lindbath.exact.settings import PRECISIONS
from lindbath.model.observables import BOND_OBSERVABLES, SITE_OBSERVABLES
from lindbath.mps.settings import TRUNCATIONS

LOCAL = SITE_OBSERVABLES + BOND_OBSERVABLES


def point(N: int, chi: int, algorithm: str, args: argparse.Namespace) -> dict:
    """One steady state (chi = 0: exact) in this (child) process: timing and transport."""
    chain = lb.Chain(N, J=args.J, Delta=args.Delta, hx=args.hx, hz=args.hz)
    baths = transport_baths(args.bath, args.beta, args.delta_beta, args.gamma)
    options = {"tol": args.tol, "precision": args.precision} if chi == 0 else {
        "method": "mps", "chi": chi, "obs_tol": args.obs_tol, "min_dt": args.min_dt,
        "max_wall_s": args.max_wall, "algorithm": algorithm, "truncation": args.truncation}
    start, cpu = time.perf_counter(), time.process_time()
    state = lb.steady_state(chain, baths, **options)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    values = summary(state, args.beta - args.delta_beta / 2, args.beta + args.delta_beta / 2)
    return {"N": N, "chi": chi, "time_s": wall, "cpu_s": cpu,
            "memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "J": values["heat_current"], "JN": values["scaled_current"],
            "continuity": values["continuity_error"], "residual": state.residual,
            "final_dt": state.diagnostics.get("final_dt", 0.0),
            "iterations": state.diagnostics.get("iterations", 0),  # exact: GMRES products
            "converged": int(state.diagnostics.get("converged", 1)),
            "local": {name: state.expect(name) for name in LOCAL}}


def run(N: int, chi: int, algorithm: str, args: argparse.Namespace) -> dict:
    with cf.ProcessPoolExecutor(max_workers=1) as pool:  # fresh process: its own peak memory
        return pool.submit(point, N, chi, algorithm, args).result()


def local_error(row: dict, exact: dict) -> float:
    """Largest |<O>_mps - <O>_exact| over the LOCAL observables on every site."""
    return max(float(abs(row["local"][n] - exact["local"][n]).max()) for n in LOCAL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exact-N", type=int, nargs="*", default=[8, 10])
    parser.add_argument("--N", type=int, nargs="*", default=[8, 12, 16])
    parser.add_argument("--chi", type=int, nargs="*", default=[32, 64])
    parser.add_argument("--bath", default="db", choices=["db", "fr", "local"])
    parser.add_argument("--beta", type=float, default=0.5)
    parser.add_argument("--delta-beta", type=float, default=0.2)
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--tol", type=float, default=1e-12,
                        help="relative residual tolerance of the exact solver")
    parser.add_argument("--precision", default="auto", choices=PRECISIONS,
                        help="precision of the exact solver's preconditioner")
    parser.add_argument("--obs-tol", type=float, default=1e-4)
    parser.add_argument("--min-dt", type=float, default=0.05)
    parser.add_argument("--max-wall", type=float, default=float("inf"),
                        help="wall-time budget per MPS state in seconds (then unconverged)")
    parser.add_argument("--truncation", default="qr", choices=TRUNCATIONS,
                        help="TEBD truncation (qr-svd: switch to SVD at the QR noise floor)")
    parser.add_argument("--algorithm", nargs="+", default=["tebd"],
                        choices=["tebd", "variational"], help="MPS algorithm(s), each run")
    parser.add_argument("--verbose", action="store_true",
                        help="log the solvers' progress (convergence history) to stderr")
    for name, value in (("J", 1.0), ("Delta", 0.5), ("hx", 0.6), ("hz", 0.4)):
        parser.add_argument(f"--{name}", type=float, default=value)
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(f"# {args.bath} baths, beta = {args.beta} -+ {args.delta_beta / 2}, gamma = "
          f"{args.gamma}, J={args.J} Delta={args.Delta} hx={args.hx} hz={args.hz}; MPS "
          f"obs_tol={args.obs_tol} min_dt={args.min_dt} truncation={args.truncation}")
    print(f"{'N':>4} {'chi':>5} {'algorithm':>11} {'time_s':>8} {'cpu_s':>8} {'mem_MB':>7} "
          f"{'J':>12} {'J*N':>10} {'continuity':>10} {'residual':>9} {'|J-J_ex|':>9} "
          f"{'obs_err':>8} {'conv':>4} {'iter':>5}")
    exact = {}
    jobs = [(n, 0, "exact") for n in args.exact_N] + [
        (n, c, a) for n in args.N for c in args.chi for a in args.algorithm]
    for n, chi, algorithm in jobs:
        row = run(n, chi, algorithm, args)
        if chi == 0:
            exact[n] = row
        deviation, error = (abs(row["J"] - exact[n]["J"]), local_error(row, exact[n])) \
            if chi and n in exact else (float("nan"), float("nan"))
        print(f"{n:>4} {chi or '-':>5} {algorithm:>11} {row['time_s']:>8.1f} "
              f"{row['cpu_s']:>8.1f} {row['memory_mb']:>7.0f} "
              f"{row['J']:>12.8f} {row['JN']:>10.6f} {row['continuity']:>10.2e} "
              f"{row['residual']:>9.1e} {deviation:>9.1e} {error:>8.1e} {row['converged']:>4} "
              f"{row['iterations'] or '-':>5}", flush=True)


if __name__ == "__main__":
    main()
