"""Zeno limit of the two-site edge baths: beta_eff of the bulk versus gamma.

At gamma >> J the bath pairs (1, 2) and (N-1, N) are frozen in their target rho_T and the bulk
(sites 3..N-2) follows the adiabatically eliminated generator

    L_eff(gamma) = P L_H P - (1/gamma) P L_H Q L_D^-1 Q L_H P,

P(rho) = rho_T (x) Tr_pairs(rho) (x) rho_T, Q = 1 - P, L_D the two dissipators at gamma = 1,
L_H = -i[H, .] (lindbath.analysis.zeno.zeno_generator, in the Pauli basis).

Prints, for tilted_ising and xxz_fields (N = 6, beta_bath = 0.5, DB and FR on both edges):
  1. per gamma: the full steady state's <sz>, <sx> at site 3, the prediction of L_eff(gamma),
     their difference, and beta_z, beta_x at site 3 (``lb.effective_beta``, exact N_ref 8, 10);
  2. the Zeno limit (null vector of L_eff at gamma -> infinity) and whether L_eff is unital;
  3. the Liouvillian gap (N = 5, dense) times gamma versus gamma, against the gap of L_eff;
and writes docs/figures/zeno_limit.png.

Run (about 1-2 minutes on one core):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/zeno_limit.py
"""

from __future__ import annotations

import pathlib
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import lindbath as lb  # noqa: E402
from lindbath.analysis.zeno import null_vector, zeno_generator  # noqa: E402

CHAINS = {"tilted_ising": dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5),
          "xxz_fields": dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)}
BETA = 0.5
N = 6
GAMMAS = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
GAP_GAMMAS = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0]
FIGURE = pathlib.Path(__file__).resolve().parents[1] / "docs" / "figures" / "zeno_limit.png"


def baths(kind: str, gamma: float) -> list[lb.Bath]:
    return [lb.make_bath(kind, "left", BETA, gamma), lb.make_bath(kind, "right", BETA, gamma)]


def slowest_rate(generator: np.ndarray) -> float:
    values = np.linalg.eigvals(generator)
    return float(np.min(-values.real[np.abs(values) > 1e-9]))


def scan(name: str, kind: str, table) -> dict:
    params = CHAINS[name]
    first, second, reduce = zeno_generator(lb.Chain(N, **params), kind, BETA)
    z_index, x_index = 3 * 4 ** (N - 5), 4 ** (N - 5)  # first bulk site (site 3) = Z, X
    zeno = null_vector(first + second * 1e-9)
    print(f"\n{name}, {kind.upper()}, N={N}, beta_bath={BETA}: L_eff unital: "
          f"|L1 e0|={np.abs(first[:, 0]).max():.1e}, |L2 e0|={np.abs(second[:, 0]).max():.1e}; "
          f"Zeno limit <sz_3>={zeno[z_index]:.6f}, <sx_3>={zeno[x_index]:.6f}")
    print(f"{'gamma':>7} {'<sz_3>':>11} {'L_eff':>11} {'<sx_3>':>11} {'L_eff':>11} "
          f"{'max|diff|':>9} {'beta_z3':>8} {'beta_x3':>8}")
    out = {"gamma": [], "beta_z": [], "beta_x": [], "sz": [], "zeno_sz": zeno[z_index]}
    chain = lb.Chain(N, **params)
    for gamma in GAMMAS:
        state = lb.steady_state(chain, baths(kind, gamma), tol=1e-15)  # default tol: too loose

        bulk = reduce @ state.pauli
        predicted = null_vector(first + second / gamma)
        beta_z = float(lb.effective_beta(state, table, "sz")["beta_eff"].sel(site=3))
        beta_x = float(lb.effective_beta(state, table, "sx")["beta_eff"].sel(site=3))
        print(f"{gamma:7g} {bulk[z_index]:11.3e} {predicted[z_index]:11.3e} {bulk[x_index]:11.3e} "
              f"{predicted[x_index]:11.3e} {np.abs(bulk - predicted).max():9.1e} "
              f"{beta_z:8.4f} {beta_x:8.4f}")
        for key, value in (("gamma", gamma), ("beta_z", beta_z), ("beta_x", beta_x),
                           ("sz", bulk[z_index])):
            out[key].append(value)
    return out


def gaps(name: str) -> dict:
    params = CHAINS[name]
    first, second, _ = zeno_generator(lb.Chain(5, **params), "db", BETA)
    chain = lb.Chain(5, **params)
    print(f"\n{name}, DB, N=5: gamma * gap (full, dense) and gamma * gap(L_eff)")
    out = {"gamma": [], "full": [], "effective": []}
    for gamma in GAP_GAMMAS:
        full = lb.liouvillian_gap(chain, baths("db", gamma), dense=True)
        effective = slowest_rate(first + second / gamma)
        print(f"  gamma={gamma:6g}: gamma*gap={gamma * full:.4f}, "
              f"gamma*gap_eff={gamma * effective:.4f}")
        out["gamma"].append(gamma)
        out["full"].append(gamma * full)
        out["effective"].append(gamma * effective)
    return out


def main() -> None:
    start = time.perf_counter()
    results, rates = {}, {}
    for name, params in CHAINS.items():
        table = lb.reference_table(params, [8, 10], np.round(np.arange(0.0, 1.001, 0.01), 4))
        for kind in ("db", "fr"):
            results[name, kind] = scan(name, kind, table)
        rates[name] = gaps(name)
    figure(results, rates)
    print(f"\nwrote {FIGURE} ({time.perf_counter() - start:.0f} s)")


def figure(results: dict, rates: dict) -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    colors = {"tilted_ising": "C0", "xxz_fields": "C3"}
    for (name, kind), data in results.items():
        style = "-o" if kind == "db" else "--s"
        left.semilogx(data["gamma"], data["beta_z"], style, color=colors[name], ms=4,
                      label=f"{name.replace('_', ' ')}, {kind.upper()}")
    left.axhline(BETA, color="gray", lw=0.8, ls=":", label=r"$\beta_{\rm bath}$")
    left.set_xlabel(r"$\gamma$")
    left.set_ylabel(r"$\beta_z$ at site 3 ($N=6$)")
    left.set_title(r"(a) bulk effective temperature vs $\gamma$")
    left.legend(fontsize=8)
    for name, data in rates.items():
        right.semilogx(data["gamma"], data["full"], "-o", color=colors[name], ms=4,
                       label=f"{name.replace('_', ' ')}: full $L$")
        right.semilogx(data["gamma"], data["effective"], ":", color=colors[name],
                       label=f"{name.replace('_', ' ')}: $L_{{\\rm eff}}$")
    right.set_xlabel(r"$\gamma$")
    right.set_ylabel(r"$\gamma\,\Delta_L$ (Liouvillian gap $\times\,\gamma$, $N=5$)")
    right.set_title(r"(b) bulk relaxation rate $\propto 1/\gamma$")
    right.legend(fontsize=8)
    fig.tight_layout()
    FIGURE.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(FIGURE, dpi=130)


if __name__ == "__main__":
    main()
