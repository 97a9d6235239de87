"""Why xxz_fields is not thermal to first order: X in the energy basis of H (issue item 4).

rho = (I - beta_bath X)/2^N + O(beta_bath^2) (lindbath.analysis.linear_response), X split
in H's eigenbasis into X_diag (dephased: the part the dynamics of H keeps) and X_off = X -
X_diag (the edge-driven coherences, (X_off)_mn = (edge terms)_mn / (-i(E_m - E_n))).
For xxz_fields (J=1, Delta=0.5, hx=0.6, hz=0.4) and tilted_ising (J=0, Delta=1, hx=1.05,
hz=0.5), the bath kinds of --kinds (default DB) on both edges, gamma = 1, each N:

Table 1, per part (full, diag, off): beta_x, beta_z (middle site (N+1)//2), beta_xx,
beta_zz, beta_E (middle bond N//2) over beta_bath = Tr(O X_part)/Tr(O H) (they add up:
full = diag + off), spread = (max - min)/mean of the defined ratios of beta_x, beta_z,
beta_zz, beta_E, and |X_part|/|X| (Hilbert-Schmidt).

Table 2, fits of the diagonal X_nn = <n|X|n> (diagonal_fit; rest = |X_nn - fit| /
|X_nn - mean|): on E_n; on E_n and E_n^2; on E_n and the global charges-to-be <n|H_XY|n>,
<n|H_zz|n>, <n|S^z|n> (H_fields = H - H_XY - H_zz is then included); on the energy profile
<n|h_b + h_b'|n> (h_b the bond energy of [P] Eq. 11, b' = N - b its mirror: the spectrum
splits into reflection sectors where <n|h_b|n> = <n|h_b'|n>); on every term per site/bond
(mirror pairs summed). Then the eigenstate-thermalization scatter of the parts of H, the
rest of <n|H_part|n> fitted by (1, E_n, E_n^2), and the middle ratios of the dephased
energy-profile fit (its part of X_diag: what a spatial temperature profile with equal
temperatures of all terms on each bond leaves after dephasing).

Table 3, at the largest N: the ratios of each part along the chain (every bond) for
beta_zz and beta_E, to see the edge contribution decay (or not) with the distance from
the baths.

Table 4, at the largest N: the middle ratios of the part of X_off on the level pairs with
0 < |E_m - E_n| < w, for growing w (slow coherences first; the last row is all of X_off).

Run (about 5 min on one core, most of it the N = 10 solves):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response_cause.py
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/linear_response_cause.py --N 6 8 \
        --kinds db fr
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import lindbath as lb
from lindbath.analysis.linear_response import (
    diagonal_fit,
    energy_basis_split,
    energy_diagonals,
    first_order_analysis,
    first_order_middle,
    first_order_state,
    hamiltonian_pauli,
    magnetization_pauli,
)
from lindbath.model.pauli import from_pauli, string_index, to_pauli

CHAINS = {"xxz_fields": dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4),
          "tilted_ising": dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)}
BANDS = (0.1, 0.3, 1.0, 2.0, 4.0, np.inf)
RATIOS = ("ratio_sx", "ratio_sz", "ratio_sxsx", "ratio_szsz", "ratio_energy")
SPREAD = ("ratio_sx", "ratio_sz", "ratio_szsz", "ratio_energy")


def pauli(N: int, terms: dict[tuple[tuple[int, str], ...], float]) -> np.ndarray:
    """Pauli coefficients Tr(P_s A) of A = sum value * (Pauli string {site: label})."""
    a = np.zeros(4**N)
    for ops, value in terms.items():
        a[string_index(N, dict(ops))] += value * 2.0**N
    return a


def term_operators(chain: lb.Chain) -> dict[str, list[np.ndarray]]:
    """Per-bond XY and Ising terms and per-site x and z fields (Pauli coefficients), each
    mirror pair l <-> N-1-l summed; the bond energies h_b ([P] Eq. 11) the same way."""
    N = chain.N

    def mirror(make, count):
        return [make(k) + make(count - 1 - k) if k != count - 1 - k else make(k)
                for k in range((count + 1) // 2)]

    xy = mirror(lambda b: pauli(N, {((b, "X"), (b + 1, "X")): chain.J,
                                    ((b, "Y"), (b + 1, "Y")): chain.J}), N - 1)
    zz = mirror(lambda b: pauli(N, {((b, "Z"), (b + 1, "Z")): chain.Delta}), N - 1)
    fx = mirror(lambda l: pauli(N, {((l, "X"),): chain.hx}), N)
    fz = mirror(lambda l: pauli(N, {((l, "Z"),): chain.hz}), N)

    def bond_energy(b):
        fields = {((l, p),): h * 0.5 for l in (b, b + 1)
                  for p, h in (("X", chain.hx), ("Z", chain.hz))}
        return pauli(N, {((b, "X"), (b + 1, "X")): chain.J, ((b, "Y"), (b + 1, "Y")): chain.J,
                         ((b, "Z"), (b + 1, "Z")): chain.Delta, **fields})

    profile = mirror(bond_energy, N - 1)
    terms = [a for a in xy + zz + fx + fz if np.any(a)]
    return {"xy": xy, "zz": zz, "fx": fx, "fz": fz, "profile": profile, "terms": terms}


def middle(chain: lb.Chain, x: np.ndarray) -> dict[str, float]:
    """Middle ratios of an X given by its Pauli coefficients."""
    return first_order_middle(first_order_analysis(chain, x))


def spread(values: dict[str, float]) -> float:
    """(max - min)/mean of the defined ratios of SPREAD."""
    r = np.array([values[k] for k in SPREAD if np.isfinite(values[k])])
    return float(np.ptp(r) / r.mean())


def analyse(name: str, kind: str, N: int) -> tuple[list[str], list[str], dict]:
    """Rows of tables 1 and 2 for one chain, kind and N, and the parts for table 3."""
    chain = lb.Chain(N, **CHAINS[name])
    start = time.perf_counter()
    x = first_order_state(chain, kind)
    solve = time.perf_counter() - start
    x_diag, x_off = energy_basis_split(chain, x)
    parts = {"full": x, "diag": x_diag, "off": x_off}
    norm = np.linalg.norm(x[1:])
    rows1 = []
    for label, part in parts.items():
        m = middle(chain, part)
        cells = [f"{m[k]:8.4f}" for k in RATIOS]
        tail = f"{spread(m):7.3f}" if label != "off" else "      -"
        rows1.append(f"{name:>13} {kind:>4} {N:3d} {label:>5} " + " ".join(cells)
                     + f" {tail} {np.linalg.norm(part[1:]) / norm:7.3f}")
    ops = term_operators(chain)
    h = hamiltonian_pauli(chain)
    h_xy, h_zz = sum(ops["xy"]), sum(ops["zz"])
    h_fields = h - h_xy - h_zz
    operators = [x, h_xy, h_zz, h_fields, magnetization_pauli(N)] + ops["profile"] + ops["terms"]
    energies, d = energy_diagonals(chain, operators)
    xn, (d_xy, d_zz, d_f, d_m) = d[0], d[1:5]
    n_profile = len(ops["profile"])
    d_profile, d_terms = d[5:5 + n_profile], d[5 + n_profile:]
    fits = [diagonal_fit(xn, [energies])[1],
            diagonal_fit(xn, [energies, energies**2])[1],
            diagonal_fit(xn, [energies, d_xy, d_zz, d_m])[1],
            diagonal_fit(xn, list(d_profile))[1],
            diagonal_fit(xn, list(d_terms))[1]]
    eth = [diagonal_fit(f, [energies, energies**2])[1] if np.ptp(f) > 1e-12 else np.nan
           for f in (d_xy, d_zz, d_f, d_m)]
    coefficients, _ = diagonal_fit(xn, list(d_profile))
    dephased = sum(c * energy_basis_split(chain, a)[0]
                   for c, a in zip(coefficients[1:], ops["profile"], strict=True))
    m = middle(chain, dephased)
    rows2 = (f"{name:>13} {kind:>4} {N:3d} " + " ".join(f"{v:7.4f}" for v in fits + eth)
             + " " + " ".join(f"{m[k]:7.4f}" for k in RATIOS) + f" {solve:6.1f}")
    return rows1, [rows2], {"chain": chain, "parts": parts}


def band_rows(name: str, kind: str, chain: lb.Chain, x: np.ndarray) -> list[str]:
    """Table 4: middle ratios of X_off restricted to 0 < |E_m - E_n| < w for w in BANDS."""
    energies, vectors = np.linalg.eigh(from_pauli(hamiltonian_pauli(chain)).real)
    xe = vectors.T @ from_pauli(x) @ vectors
    gap = np.abs(energies[:, None] - energies[None, :])
    rows = []
    for w in BANDS:
        band = np.where((gap > 1e-9) & (gap < w), xe, 0.0)
        m = middle(chain, to_pauli(vectors @ band @ vectors.T).real)
        rows.append(f"{name:>13} {kind:>4} {w:6g} " + " ".join(f"{m[k]:8.4f}" for k in RATIOS)
                    + f" {np.linalg.norm(band) / np.linalg.norm(xe):7.3f}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[6, 8, 10])
    parser.add_argument("--chains", nargs="+", default=list(CHAINS), choices=list(CHAINS))
    parser.add_argument("--kinds", nargs="+", default=["db"], choices=["db", "fr"])
    args = parser.parse_args()
    table1, table2, last = [], [], {}
    for name in args.chains:
        for kind in args.kinds:
            for N in args.N:
                rows1, rows2, parts = analyse(name, kind, N)
                table1 += rows1
                table2 += rows2
                if N == max(args.N):
                    last[(name, kind)] = parts
    print("# Table 1: first-order ratios beta_O/beta_bath in the middle, X = X_diag + X_off")
    print(f"{'chain':>13} {'bath':>4} {'N':>3} {'part':>5} " + " ".join(
        f"{h:>8}" for h in ("beta_x", "beta_z", "beta_xx", "beta_zz", "beta_E", "spread",
                            "|part|")))
    print("\n".join(table1))
    print("\n# Table 2: rest of the fits of X_nn (E | E,E^2 | E,XY,zz,Sz | profile | terms), "
          "ETH rest of <n|H_XY|n>, <n|H_zz|n>, <n|H_fields|n>, <n|S^z|n> on (1,E,E^2), "
          "middle ratios of the dephased energy-profile fit (x z xx zz E), solve time s")
    print(f"{'chain':>13} {'bath':>4} {'N':>3} " + " ".join(f"{h:>7}" for h in (
        "E", "E,E^2", "+global", "profile", "terms", "eth_XY", "eth_zz", "eth_f", "eth_Sz",
        "pf_x", "pf_z", "pf_xx", "pf_zz", "pf_E", "time")))
    print("\n".join(table2))
    print(f"\n# Table 3: ratios along the chain at N = {max(args.N)} (bond 1 .. N-1)")
    for (name, kind), item in last.items():
        for label, part in item["parts"].items():
            ds = first_order_analysis(item["chain"], part)
            for k in ("ratio_szsz", "ratio_energy"):
                print(f"{name:>13} {kind:>4} {label:>5} {k[6:]:>6} "
                      + " ".join(f"{v:7.3f}" for v in ds[k].values))
    print(f"\n# Table 4: middle ratios of X_off on 0 < |E_m - E_n| < w at N = {max(args.N)}, "
          "and |part|/|X|")
    print(f"{'chain':>13} {'bath':>4} {'w':>6} " + " ".join(
        f"{h:>8}" for h in ("beta_x", "beta_z", "beta_xx", "beta_zz", "beta_E", "|part|")))
    for (name, kind), item in last.items():
        print("\n".join(band_rows(name, kind, item["chain"], item["parts"]["full"])))


if __name__ == "__main__":
    main()
