"""MPS two-time correlations beyond the exact limit ([P] Fig. 7 on longer chains): C(t) of
sigma^z_N with a DB bath on sites (1, 2), its verdict and the power-law fit of its envelope
before the reflection time.

    python benchmarks/correlation_mps.py --N 16 --chi 64

One row per (N, chi, gamma'): converged (steady state and evolution), the steady state's
truncation bias estimate, the evolution's sqrt(summed discarded weight), wall time, the
reflection time 2 (N - 1)/v and the exponent a of |C| ~ t^-a fitted on [0.5, t_refl]
(lindbath.analysis.correlations.fit_envelope_power_law; meaningful only where converged).
Chain: xxz_fields (J = 1, Delta = 0.5, hx = 0.6, hz = 0.4), gamma = 1.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import lindbath as lb
from lindbath.analysis.correlations import (
    fit_envelope_power_law,
    light_cone_reflection_time,
    max_group_velocity,
)

CHAIN = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}
FIT_START = 0.5


def row(n: int, chi: int, gamma_evolve: float, args: argparse.Namespace) -> str:
    """One correlation curve and its fit, as a table row."""
    chain = lb.Chain(n, **CHAIN)
    baths = [lb.DBBath("left", args.beta, 1.0)]
    times = np.linspace(0.0, args.t_max, int(round(args.t_max / 0.1)) + 1)
    start = time.perf_counter()
    ds = lb.correlation(chain, baths, times, "sz", -1, gamma_evolve, method="mps", chi=chi,
                        dt=args.dt, obs_tol=args.obs_tol)
    wall = time.perf_counter() - start
    t_refl = light_cone_reflection_time(n, max_group_velocity(CHAIN["J"], CHAIN["Delta"],
                                                              CHAIN["hx"]))
    fit = fit_envelope_power_law(ds, FIT_START, min(args.t_max, t_refl))
    a = ds.attrs
    return (f"| {n} | {chi} | {gamma_evolve:g} | {a['diag_converged']} | "
            f"{a['diag_steady_truncation_error']:.1e} | {a['diag_truncation_error']:.1e} | "
            f"{wall:.0f} | {t_refl:.1f} | {fit['exponent']:.2f} +- {fit['exponent_error']:.2f}"
            f" ({fit['points']} points) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[16])
    parser.add_argument("--chi", type=int, nargs="+", default=[64])
    parser.add_argument("--gamma-evolve", type=float, nargs="+", default=[1.0, 0.0])
    parser.add_argument("--beta", type=float, default=0.5)
    parser.add_argument("--dt", type=float, default=0.05)
    parser.add_argument("--obs-tol", type=float, default=1e-3)
    parser.add_argument("--t-max", type=float, default=20.0)
    args = parser.parse_args()
    print("| N | chi | gamma' | converged | steady truncation bias | evolution "
          "sqrt(discarded) | wall s | t_refl | a (fit on [0.5, t_refl]) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in args.N:
        for chi in args.chi:
            for gamma_evolve in args.gamma_evolve:
                print(row(n, chi, gamma_evolve, args), flush=True)


if __name__ == "__main__":
    main()
