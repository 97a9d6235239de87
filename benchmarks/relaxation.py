"""Relaxation rate to the steady state, DB vs FR baths: the Liouvillian gap against N.

The gap g = min{-Re(lambda) : lambda != 0} of L ([P] Sec. IV.2) is computed by
``lb.liouvillian_gap``: full diagonalization up to N = 5, Arnoldi on exp(tau L) on the
traceless operators beyond (lindbath.exact.gap; agrees with the dense route to ~1e-13 where
both run, tests/test_gap.py).  Baths on both edges, the same beta and gamma on each.

Rate normalization.  [P] gives DB and FR "the same gamma", which means different things:
* DB ([P] Eqs. 5-10): every lowering jump |e_k><e_j| (j > k) of the bond's eigenbasis at
  rate gamma, every raising jump at gamma p_j/p_k <= gamma.
* FR (Prosen and Znidaric): jumps sqrt(gamma p_j)|e_j><e_k| for all 16 pairs, i.e.
  D_FR(rho) = gamma (rho_T (x) Tr_bath rho - rho): the edge pair is reset to rho_T at rate
  gamma, and on its own (no Hamiltonian) every mode decays at exactly gamma.
So with the same gamma the two dissipators do not relax the isolated edge pair equally fast:
the DB dissipator's own gap g_D (16x16 Pauli block, H = 0) depends on beta and on the bond
spectrum: a coherence between levels j, k decays at half their total outgoing rate, which is
above gamma/2 (the level above the ground state loses at least gamma) and, for the top
levels, several gamma; g_D = 1.344 gamma at beta_bath = 0.5 and 0.882 gamma at 1 on the
default XXZ bond.  A fair comparison
matches that two-site rate: the column "DB fair" uses gamma_DB = gamma^2 / g_D, so that
D_DB alone, like D_FR, relaxes the edge pair at rate gamma; the Hamiltonian is unchanged.
Both normalizations are printed: "same gamma" ([P]'s convention) and "fair".

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/relaxation.py --sizes 3-7
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/relaxation.py --sizes 8 --chains xxz \
        --betas 0.5 --no-fair
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from dataclasses import replace

import numpy as np
import scipy.linalg as la

import lindbath as lb
from lindbath.model.baths import with_gamma

CHAINS = {"xxz": {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4},  # lb.Chain(N) defaults
          "tilted_ising": {"J": 0.0, "Delta": 1.0, "hx": 1.05, "hz": 0.5}}


def sizes(text: str) -> list[int]:
    """'3-7' -> [3, 4, 5, 6, 7]; '3,5,8' -> [3, 5, 8]."""
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def dissipator_gap(bath: lb.Bath, chain: lb.Chain) -> float:
    """Gap of the bath's dissipator alone on its two sites (H = 0)."""
    values = la.eigvals(bath.pauli_block(chain))
    return float(np.min(-values.real[np.abs(values) > 1e-9]))


def timed_gap(chain: lb.Chain, baths: list[lb.Bath]) -> tuple[float, float]:
    start = time.perf_counter()
    gap = lb.liouvillian_gap(chain, baths)
    return gap, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3-8", help="chain lengths, e.g. 3-8 or 3,5,9")
    parser.add_argument("--chains", default="xxz,tilted_ising")
    parser.add_argument("--betas", default="0.5,1")
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--no-fair", action="store_true", help="skip the DB fair column")
    args = parser.parse_args()
    gamma = args.gamma
    print(f"# Liouvillian gap, baths on both edges, gamma = {gamma:g}; dense up to N = 5, "
          "exp-Arnoldi beyond")
    print(f"# {platform.machine()}, {os.cpu_count()} cores, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = (f"{'chain':>12} {'beta':>4} {'N':>3} {'g_DB':>10} {'g_FR':>10} {'FR/DB':>6} "
              f"{'g_DBfair':>10} {'FR/fair':>7} {'t_DB s':>7} {'t_FR s':>7} {'t_fair s':>8}")
    for name in args.chains.split(","):
        for beta in (float(b) for b in args.betas.split(",")):
            probe = lb.Chain(2, **CHAINS[name])
            g_d = dissipator_gap(lb.make_bath("db", "left", beta, gamma), probe)
            print(f"\n# {name} {CHAINS[name]}, beta_bath = {beta:g}: DB dissipator alone "
                  f"relaxes the edge pair at {g_d:.4f} (FR: {gamma:g}); fair gamma_DB = "
                  f"{gamma**2 / g_d:.4f}")
            print(header)
            for N in sizes(args.sizes):
                chain = lb.Chain(N, **CHAINS[name])
                db = [lb.make_bath("db", edge, beta, gamma) for edge in ("left", "right")]
                fr = [replace(bath, kind="fr") for bath in db]
                g_db, t_db = timed_gap(chain, db)
                g_fr, t_fr = timed_gap(chain, fr)
                fair = "-", "-", "-"
                if not args.no_fair:
                    g_fair, t_fair = timed_gap(chain, with_gamma(db, gamma**2 / g_d))
                    fair = f"{g_fair:10.6f}", f"{g_fr / g_fair:7.3f}", f"{t_fair:8.1f}"
                print(f"{name:>12} {beta:4g} {N:3d} {g_db:10.6f} {g_fr:10.6f} "
                      f"{g_fr / g_db:6.3f} {fair[0]:>10} {fair[1]:>7} {t_db:7.1f} {t_fr:7.1f} "
                      f"{fair[2]:>8}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n# peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
