"""Validation of the Pauli-basis MPS solvers (lindbath.tensor_networks) beyond the unit tests.

    python benchmarks/validate_mps.py steady  [--N 8] [--chi 256]
        MPS steady state vs the exact solver (DB baths both edges, beta 0.5, gamma 1,
        J=1, Delta=0.5, hx=0.6, hz=0.4): max deviation of sz, sx, szsz (issue bar: 1e-5).
    python benchmarks/validate_mps.py thermal [--N 12] [--chi 256]
        Purification vs exact diagonalization on beta = 0, 0.1, ..., 2 (bar: 1e-6).
    python benchmarks/validate_mps.py table   [--N 32] [--chi 128 256]
        Reference table on 21 betas in [0, 2] for each chi: wall time and the largest
        difference from the largest chi (bond-dimension convergence).

Each prints one line per result; logging at INFO shows the progress.
"""

from __future__ import annotations

import argparse
import logging
import time

import numpy as np
import scipy.linalg as la

import lindbath as lb
from lindbath.model.observables import local_observables
from lindbath.model.pauli import LABELS, PAULI, apply_site_op
from lindbath.mps.purification import mps_thermal_table
from lindbath.mps.steady import mps_steady_state

XXZ_FIELDS = dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)
BETAS = np.round(np.linspace(0.0, 2.0, 21), 12)
NAMES = ("sx", "sz", "sxsx", "szsz", "energy")


def steady(N: int, chi: int) -> None:
    chain = lb.Chain(N, **XXZ_FIELDS)
    baths = [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("db", "right", 0.5, 1.0)]
    exact = lb.steady_state(chain, baths)
    start = time.perf_counter()
    state = mps_steady_state(chain, baths, chi=chi, dt=0.2, min_dt=0.05, obs_tol=1e-6)
    wall = time.perf_counter() - start
    for name in ("sz", "sx", "szsz"):
        print(f"steady N={N} chi={chi} {name}: max |mps - exact| = "
              f"{np.abs(state.expect(name) - exact.expect(name)).max():.2e}")
    diag = state.diagnostics
    print(f"steady N={N} chi={chi}: wall {wall:.0f} s, simulated t={diag['simulated_time']:.0f}, "
          f"stages {diag['stages']}, residual {state.residual:.1e}, "
          f"converged {diag['converged']}")


def thermal(N: int, chi: int) -> None:
    chain = lb.Chain(N, **XXZ_FIELDS)
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    diagonals: dict = {}  # <n|P|n> per Pauli string, computed once for all betas

    def diagonal(ops: dict[int, str]) -> np.ndarray:
        key = tuple(sorted(ops.items()))
        if key not in diagonals:
            image = vectors
            for site, label in ops.items():
                image = apply_site_op(image, PAULI[LABELS.index(label)], site, N)
            diagonals[key] = np.einsum("in,in->n", vectors.conj(), image).real
        return diagonals[key]

    table = mps_thermal_table(chain, BETAS, chi=chi)
    worst = 0.0
    for i, beta in enumerate(BETAS):
        weights = np.exp(-beta * (energies - energies[0]))
        weights /= weights.sum()
        exact = local_observables(chain, lambda ops, w=weights: float(w @ diagonal(ops)))
        error = max(np.abs(table[n].values[i] - exact[n]).max() for n in NAMES)
        worst = max(worst, error)
        print(f"thermal N={N} chi={chi} beta={beta:.2f}: max |mps - exact| = {error:.2e}")
    print(f"thermal N={N} chi={chi}: worst {worst:.2e}, wall {table.attrs['wall_time_s']:.0f} s")


def reference_table(N: int, chis: list[int]) -> None:
    chain = lb.Chain(N, **XXZ_FIELDS)
    tables = {chi: mps_thermal_table(chain, BETAS, chi=chi) for chi in chis}
    best = tables[max(chis)]
    for chi, table in tables.items():
        diff = [max(np.abs(table[n].values[i] - best[n].values[i]).max() for n in NAMES)
                for i in range(BETAS.size)]
        print(f"table N={N} chi={chi}: wall {table.attrs['wall_time_s']:.0f} s, max bond "
              f"{table.attrs['max_bond']}, discarded {table.attrs['discarded_weight']:.1e}, "
              f"max |chi - chi_max| at beta=1: {diff[10]:.1e}, beta=2: {diff[-1]:.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=("steady", "thermal", "table"))
    parser.add_argument("--N", type=int)
    parser.add_argument("--chi", type=int, nargs="+")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.part == "steady":
        steady(args.N or 8, (args.chi or [256])[0])
    elif args.part == "thermal":
        thermal(args.N or 12, (args.chi or [256])[0])
    else:
        reference_table(args.N or 32, args.chi or [128, 256])


if __name__ == "__main__":
    main()
