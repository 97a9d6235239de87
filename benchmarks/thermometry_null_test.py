"""The thermometer's null test: a Gibbs state of the chain reads back its own beta.

For each chain (xxz_fields, tilted_ising and a generic chain that is in no config), each
length (exact diagonalization for --lengths, purification for --mps-lengths with its chi
check) and each beta on an off-grid set in [0.05, 2], the Gibbs state exp(-beta H)/Z is
inverted by ``lb.effective_beta`` at every site and bond for every observable the study
inverts (sx, sz, sxsx, szsz, energy), against a reference table on the study's grid
(beta 0..3, 151 points, config/config.yaml).  A point passes with flag 0 and
|beta_eff - beta| <= 1e-3 beta; a point flagged 3 (stationary: the curve's slope is below
what the table resolves, with an error bar from the slope) is allowed.  The Gibbs states
are the rows of a second table at the test betas (exact diagonalization per symmetry block,
or one purification run at the same chi).

Prints the failures per method, chain and observable for the default (match="site": none
expected; for failures, how many were flag 0 but off by more than 1e-3 beta ("ok*"), how many
had which flag, and the smallest failing beta), and, for [P]'s match="edge_bulk" against the
longest exact length, the fraction of failing betas and the median relative bias per site.

Run (about 2 min for the exact part; --mps-lengths 24 adds about 10 min):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/thermometry_null_test.py
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/thermometry_null_test.py --mps-lengths 24
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import xarray as xr
from machine import load

import lindbath as lb
from lindbath.analysis.inversion import OK, UNRESOLVED

CHAINS = {"xxz_fields": dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4),
          "tilted_ising": dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5),
          "generic": dict(J=0.7, Delta=1.3, hx=0.3, hz=0.9)}
OBSERVABLES = ("sx", "sz", "sxsx", "szsz", "energy")
GRID = np.linspace(0.0, 3.0, 151)
TEST_BETAS = np.round(np.linspace(0.05, 2.0, 40) + 0.0037, 6)[:-1]  # off the grid
RELATIVE = 1e-3


def gibbs_states(params: dict, N: int, method: str, options: dict) -> xr.Dataset:
    """Thermal values of the N-site chain at TEST_BETAS (one table), positions trimmed to N."""
    table = lb.reference_table(params, [N], TEST_BETAS, method, **options)
    return table.sel(N_ref=N).isel(site=slice(0, N), bond=slice(0, N - 1))


def inversions(states: xr.Dataset, table: xr.Dataset, observable: str, match: str
               ) -> tuple[np.ndarray, np.ndarray]:
    """Flags and relative deviations (beta_eff - beta)/beta, each shape (beta, position)."""
    flags, deviations = [], []
    for beta in TEST_BETAS:
        state = states.sel(beta=beta).drop_vars(["N_ref", "beta"]).assign_attrs(table.attrs)
        result = lb.effective_beta(state, table, observable, match=match)
        flags.append(result["flag"].values)
        deviations.append((result["beta_eff"].values - beta) / beta)
    return np.array(flags), np.array(deviations)


def failures(states: xr.Dataset, table: xr.Dataset, observable: str, match: str
             ) -> np.ndarray:
    """Boolean (beta, position): the null test fails there (module docstring)."""
    flags, deviations = inversions(states, table, observable, match)
    ok = (flags == OK) & (np.abs(deviations) <= RELATIVE)
    return ~(ok | (flags == UNRESOLVED))


def describe(states: xr.Dataset, table: xr.Dataset, observable: str) -> tuple[int, str]:
    """Failures of match='site' and a cell: 'count/points', and for failures the flags
    (ok*: flag 0 but off by more than 1e-3 beta) and the smallest failing beta."""
    flags, deviations = inversions(states, table, observable, "site")
    off = (flags == OK) & ~(np.abs(deviations) <= RELATIVE)
    failed = off | ((flags != OK) & (flags != UNRESOLVED))
    cell = f"{observable} {int(failed.sum())}/{failed.size}"
    if failed.any():
        kinds = {f"flag{int(f)}": int(((flags == f) & failed & ~off).sum())
                 for f in np.unique(flags[failed & ~off])}
        kinds = {"ok*": int(off.sum()), **kinds}
        first = TEST_BETAS[np.flatnonzero(failed.any(axis=1))[0]]
        cell += " (" + ", ".join(f"{k} {v}" for k, v in kinds.items() if v) + \
            f"; from beta {first:.2f})"
    return int(failed.sum()), cell


def biases(states: xr.Dataset, table: xr.Dataset, observable: str) -> np.ndarray:
    """Relative bias (beta_eff - beta)/beta of match='edge_bulk', shape (beta, position)."""
    rows = []
    for beta in TEST_BETAS:
        state = states.sel(beta=beta).drop_vars(["N_ref", "beta"]).assign_attrs(table.attrs)
        found = lb.effective_beta(state, table, observable, match="edge_bulk")["beta_eff"]
        rows.append((found.values - beta) / beta)
    return np.array(rows)


def default_test(lengths: list[int], method: str, options: dict) -> int:
    """Print the failures of match='site' per chain, length and observable; return them."""
    total = 0
    for name, params in CHAINS.items():
        for N in lengths:
            start = time.perf_counter()
            table = lb.reference_table(params, [N], GRID, method, **options)
            states = gibbs_states(params, N, method, {k: v for k, v in options.items()
                                                       if k != "chi_check"})
            counts, cells = zip(*(describe(states, table, o) for o in OBSERVABLES),
                                strict=True)
            total += sum(counts)
            cells = "  ".join(cells)
            wall = time.perf_counter() - start
            print(f"{method:6s} {name:13s} N={N:2d}  {cells}  ({wall:.0f} s)", flush=True)
    return total


def edge_bulk_table(N: int, n_ref: int) -> None:
    """Per site of an N-site Gibbs state against edge_bulk references up to n_ref: the
    fraction of test betas failing and the median relative bias of beta_eff."""
    print(f"\nmatch='edge_bulk' (reference lengths {N - 2}..{n_ref}, longest {n_ref}) on "
          f"Gibbs states of N = {N}: failing fraction / median (beta_eff - beta)/beta")
    for name, params in CHAINS.items():
        table = lb.reference_table(params, list(range(N - 2, n_ref + 1, 2)), GRID)
        states = gibbs_states(params, N, "exact", {})
        for observable in OBSERVABLES:
            failed = failures(states, table, observable, "edge_bulk").mean(axis=0)
            with np.errstate(all="ignore"):
                bias = np.nanmedian(biases(states, table, observable), axis=0)
            cells = " ".join(f"{f:4.2f}/{b:+.3f}" for f, b in zip(failed, bias, strict=True))
            print(f"  {name:13s} {observable:7s} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="*", default=[6, 8, 10])
    parser.add_argument("--mps-lengths", type=int, nargs="*", default=[])
    parser.add_argument("--chi", type=int, default=64)
    parser.add_argument("--chi-check", type=int, default=96)
    parser.add_argument("--edge-bulk", type=int, nargs=2, default=[8, 12],
                        metavar=("N", "N_REF"), help="edge_bulk table: state length, longest "
                        "reference (0 0: skip)")
    args = parser.parse_args()
    print(f"load {load()}; {TEST_BETAS.size} betas in [{TEST_BETAS[0]}, {TEST_BETAS[-1]}], "
          f"grid {GRID[0]}..{GRID[-1]} ({GRID.size} points); pass: flag 0 and "
          f"|beta_eff - beta| <= {RELATIVE} beta\nfailures/points per observable:")
    total = default_test(args.lengths, "exact", {})
    if args.mps_lengths:
        total += default_test(args.mps_lengths, "mps",
                              {"chi": args.chi, "chi_check": args.chi_check})
    print(f"\ndefault (match='site'): {total} failure(s)")
    if args.edge_bulk[0]:
        edge_bulk_table(*args.edge_bulk)


if __name__ == "__main__":
    main()
