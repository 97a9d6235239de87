"""The most thermal two-site bath for xxz_fields to first order in beta_bath (issue
"linear-response thermality map", item 5).

Score of a bath choice: max over the middle observables O in {sx, sz, sxsx, szsz} of
|beta_O / beta_E - 1| to first order (lindbath.analysis.linear_response; beta_E the middle
bond energy's temperature). Searched: DB and FR on both edges, target_fields half / full /
edge, DB pairs all / nearest, and gamma on a log grid. The other conventions are gamma
rescalings at first order (docs/conventions.md, "Bath conventions": glauber = gamma/2,
gamma_per bath = gamma/3 (DB) or 4 gamma/3 (FR), FR reduced targets = full fields), so the
gamma grid covers them. Prints every choice at N = 8 sorted by score, then the best
--top choices again at N = 10.

Run (about 3 min at N = 8 and 1-2 min per choice at N = 10, one core):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/best_bath.py
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np

import lindbath as lb
from lindbath.analysis.linear_response import first_order_middle, first_order_ratios

CHAIN = dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)
OBSERVABLES = ("sx", "sz", "sxsx", "szsz")


def choices(gammas: list[float]) -> list[tuple[str, dict[str, str], float]]:
    """(kind, conventions, gamma) of every searched bath."""
    db = [{"target_fields": f, "pairs": p}
          for f, p in itertools.product(("half", "full", "edge"), ("all", "nearest"))]
    fr = [{"target_fields": f} for f in ("half", "full", "edge")]
    return [(kind, conv, g) for kind, convs in (("db", db), ("fr", fr)) for conv in convs
            for g in gammas]


def score(N: int, kind: str, conventions: dict[str, str], gamma: float) -> tuple[float, dict]:
    """The score and the middle ratios beta_O/beta_bath of one choice."""
    ds = first_order_ratios(lb.Chain(N, **CHAIN), kind, gamma, conventions=conventions)
    middle = first_order_middle(ds)
    ratios = {name: middle[f"ratio_{name}"] for name in (*OBSERVABLES, "energy")}
    worst = max(abs(ratios[o] / ratios["energy"] - 1) for o in OBSERVABLES)
    return worst, ratios


def line(N: int, kind: str, conventions: dict[str, str], gamma: float,
         result: tuple[float, dict]) -> str:
    """One row of the table."""
    worst, ratios = result
    label = ",".join(f"{k}={v}" for k, v in conventions.items())
    values = " ".join(f"{ratios[o]:7.4f}" for o in (*OBSERVABLES, "energy"))
    return f"{N:3d} {kind:>3} {label:>32} {gamma:7.3f} {values} {worst:7.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gammas", type=float, nargs="+",
                        default=list(np.round(np.logspace(-1.5, 1, 11), 4)))
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args()
    print("#  N bath                      conventions   gamma  beta_x  beta_z beta_xx beta_zz"
          "  beta_E   score   (ratios = beta_O/beta_bath, first order, middle)")
    results = [(choice, score(8, *choice)) for choice in choices(args.gammas)]
    results.sort(key=lambda item: item[1][0])
    for choice, result in results:
        print(line(8, *choice, result), flush=True)
    for choice, _ in results[:args.top]:
        print(line(10, *choice, score(10, *choice)), flush=True)


if __name__ == "__main__":
    main()
