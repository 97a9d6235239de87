"""First-order thermality map: beta_O / beta_bath at beta_bath -> 0 in the chain's middle.

For xxz_fields (J=1, Delta=0.5, hx=0.6, hz=0.4) and tilted_ising (J=0, Delta=1, hx=1.05,
hz=0.5), DB and FR baths (gamma = 1, or each of --gamma) on both edges and each N, prints
the first-order ratios beta_x, beta_z (middle site (N+1)//2) and beta_zz, beta_E, beta_xx
(middle bond N//2) over beta_bath, the decomposition of X (rho = (I - beta_bath X)/2^N):
c_H = <X, H>/<H, H>, c_M and rest = |X - c_H_joint H - c_M M| / |X| of the joint fit on
{H, M = sum sigma^z}, the local rest on the middle bond, the spread (max - min)/mean of
beta_x, beta_z, beta_zz and beta_E, the solver and its wall time
(lindbath.analysis.linear_response; NaN: Tr(O H) = 0, e.g. sigma^x sigma^x at J = 0).
With --conventions, one row per bath convention that applies to the kind
(docs/conventions.md, "Bath conventions"; "sqrt" rates are left out: to first order they
equal the default, tests/test_bath_conventions.py).

Run (about 10 s on one core; --conventions about 1 min):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py --N 4 6 8 10
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py --conventions
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py --chains xxz_fields \
        --N 6 8 --gamma 0.03 0.1 0.3 1 3 10
"""

from __future__ import annotations

import argparse

import numpy as np

import lindbath as lb
from lindbath.analysis.linear_response import (
    CONVENTION_SETS,
    first_order_middle,
    first_order_ratios,
    has_first_order,
)
from lindbath.model.baths import applies_to

CHAINS = {"xxz_fields": dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4),
          "tilted_ising": dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)}
COLUMNS = ("ratio_sx", "ratio_sz", "ratio_szsz", "ratio_energy", "ratio_sxsx", "c_H", "c_M",
           "rest", "rest_local")
HEADER = ("chain", "bath", "convention", "gamma", "N", "beta_x", "beta_z", "beta_zz",
          "beta_E", "beta_xx", "c_H", "c_M", "rest", "rest_b", "spread", "solver", "time s")
def in_map(kind: str, conventions: dict[str, str]) -> bool:
    """Whether the first-order map has a row for ``kind`` with ``conventions``."""
    return applies_to(kind, conventions) and has_first_order(kind, conventions)


def row(name: str, kind: str, label: str, gamma: float, N: int) -> list[str]:
    """One line of the table: the middle values of first_order_ratios."""
    ds = first_order_ratios(lb.Chain(N, **CHAINS[name]), kind, gamma,
                            conventions=CONVENTION_SETS[label])
    middle = first_order_middle(ds)
    values = [middle[c] for c in COLUMNS]
    ratios = np.array([v for v in values[:4] if np.isfinite(v)])
    spread = np.ptp(ratios) / ratios.mean()
    return ([name, kind, label, f"{gamma:g}", str(N)] + [f"{v:.4f}" for v in values]
            + [f"{spread:.3f}", ds.attrs["solver"], f"{ds.attrs['wall_time_s']:.2f}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[4, 6, 8])
    parser.add_argument("--chains", nargs="+", default=list(CHAINS), choices=list(CHAINS))
    parser.add_argument("--conventions", action="store_true",
                        help="one row per bath convention (default: the default only)")
    parser.add_argument("--gamma", type=float, nargs="+", default=[1.0])
    args = parser.parse_args()
    labels = list(CONVENTION_SETS) if args.conventions else ["default"]
    widths = (13, 4, 14, 5, 3) + (8,) * 10 + (7, 7)
    print("# first order in beta_bath, baths on both edges; ratios = beta_O/beta_bath")
    print(" ".join(h.rjust(w) for h, w in zip(HEADER, widths, strict=True)))
    for name in args.chains:
        for kind in ("db", "fr"):
            for label in (x for x in labels if in_map(kind, CONVENTION_SETS[x])):
                for gamma in args.gamma:
                    for N in args.N:
                        line = row(name, kind, label, gamma, N)
                        print(" ".join(v.rjust(w) for v, w in zip(line, widths, strict=True)),
                              flush=True)


if __name__ == "__main__":
    main()
