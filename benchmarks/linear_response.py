"""First-order thermality map: beta_O / beta_bath at beta_bath -> 0 in the chain's middle.

For xxz_fields (J=1, Delta=0.5, hx=0.6, hz=0.4) and tilted_ising (J=0, Delta=1, hx=1.05,
hz=0.5), DB and FR baths (gamma = 1) on both edges and each N, prints the first-order
ratios beta_x, beta_z (middle site (N+1)//2) and beta_zz, beta_E (middle bond N//2) over
beta_bath, the decomposition of X (rho = (I - beta_bath X)/2^N): c_H = <X, H>/<H, H>, c_M
and rest = |X - c_H_joint H - c_M M| / |X| of the joint fit on {H, M = sum sigma^z}, the
local rest on the middle bond, the solver and its wall time
(lindbath.analysis.linear_response; NaN: Tr(O H) = 0, e.g. sigma^x sigma^x at J = 0).

Run (about 20 s on one core):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response.py --N 4 6 8 10
"""

from __future__ import annotations

import argparse

import lindbath as lb
from lindbath.analysis.linear_response import first_order_ratios
from lindbath.model.observables import middle_position

CHAINS = {"xxz_fields": dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4),
          "tilted_ising": dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)}
COLUMNS = ("ratio_sx", "ratio_sz", "ratio_szsz", "ratio_energy", "c_H", "c_M", "rest",
           "rest_local")
HEADER = ("chain", "bath", "N", "beta_x", "beta_z", "beta_zz", "beta_E", "c_H", "c_M",
          "rest", "rest_b", "solver", "time s")


def row(name: str, kind: str, N: int) -> list[str]:
    """One line of the table: the middle values of first_order_ratios."""
    ds = first_order_ratios(lb.Chain(N, **CHAINS[name]), kind)
    middle = {"site": middle_position(N, "site"), "bond": middle_position(N, "bond")}
    values = [float(ds[c].sel({d: middle[d] for d in ds[c].dims})) for c in COLUMNS]
    return ([name, kind, str(N)] + [f"{v:.4f}" for v in values]
            + [ds.attrs["solver"], f"{ds.attrs['wall_time_s']:.2f}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[4, 6, 8])
    parser.add_argument("--chains", nargs="+", default=list(CHAINS), choices=list(CHAINS))
    args = parser.parse_args()
    widths = (13, 4, 3) + (8,) * 8 + (7, 7)
    print("# first order in beta_bath, baths on both edges, gamma = 1; ratios = beta_O/beta_bath")
    print(" ".join(h.rjust(w) for h, w in zip(HEADER, widths, strict=True)))
    for name in args.chains:
        for kind in ("db", "fr"):
            for N in args.N:
                print(" ".join(v.rjust(w) for v, w in zip(row(name, kind, N), widths,
                                                          strict=True)), flush=True)


if __name__ == "__main__":
    main()
