"""How large a bond dimension do steady states need? The best MPS of the exact state.

For the exact steady state (lindbath.steady_state, method "exact") and, as the control, the
Gibbs state exp(-beta H)/Z at the same chain length, the Pauli coefficients c_s = Tr(P_s rho)
are compressed to a matrix product state of bond dimension chi by successive truncated SVDs
(left to right, each keeping the chi largest singular values). Its 2-norm error is within a
factor sqrt(N - 1) of the best chi-MPS (Oseledets, SIAM J. Sci. Comput. 33, 2295 (2011)),
so no Pauli-basis MPS solver at that chi (TEBD, variational sweeps) can be much closer to
the exact state. Printed per state and chi:

- ``middle``: the discarded norm at the middle cut, sqrt(sum_{k > chi} s_k^2 / sum_k s_k^2),
  of the operator Schmidt values s_k of rho (basis independent);
- ``obs_err``: the largest change of a local observable (sx, sy, sz on every site; sxsx,
  sysy, szsz, energy on every bond: the obs_err of benchmarks/transport.py) from the exact
  state to its chi-MPS;
- ``J_err``: the change of the bulk energy current J (mean over bonds; steady states only;
  J = 0 at equal temperatures, J ~ 0.13 at the transport point);
- ``sqrt_err``: obs_err when sigma = rho^(1/2) is compressed instead (same truncation) and
  rho' = sigma' sigma'^dagger / Tr: the purification form, rho = sigma sigma^dagger, in which
  the reference tables hold Gibbs states (sigma = exp(-beta H/2)).

States: xxz_fields (J = 1, Delta = 0.5, hx = 0.6, hz = 0.4) or xxz_integrable (hx = 0),
gamma = 1 (--gamma), baths of one kind (two-site "db" or "fr", or single-site "local"):
"eq" has both edges' baths at beta, "drive" the left at beta - 0.1 and the right at
beta + 0.1 (the transport study's point at beta = 0.5), "one" a single bath at beta on
sites (1, 2) (the correlation study's steady state).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/operator_entanglement.py --N 6 8 10
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import scipy.linalg as la

import lindbath as lb
from lindbath.model.observables import BOND_OBSERVABLES, SITE_OBSERVABLES
from lindbath.model.pauli import from_pauli, to_pauli
from lindbath.model.state import State

CHAINS = {"xxz_fields": {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4},
          "xxz_integrable": {"J": 1.0, "Delta": 0.5, "hx": 0.0, "hz": 0.4}}
DRIVE = 0.1  # half the temperature difference of the "drive" states
LOCAL = SITE_OBSERVABLES + BOND_OBSERVABLES  # as in transport.py


def best_mps(c: np.ndarray, chi: int) -> np.ndarray:
    """The Pauli vector c (length 4^N) after left-to-right truncated SVDs at bond chi."""
    n = round(np.log(c.size) / np.log(4))
    rest, kept = c.reshape(1, -1), []
    for _ in range(n - 1):
        u, s, vh = np.linalg.svd(rest.reshape(rest.shape[0] * 4, -1), full_matrices=False)
        k = min(chi, s.size)
        kept.append(u[:, :k])
        rest = s[:k, None] * vh[:k]
    out = rest
    for u in reversed(kept):
        out = (u @ out.reshape(u.shape[1], -1)).reshape(-1)
    return out.reshape(-1)


def middle_discarded(c: np.ndarray, chi: int) -> float:
    """sqrt(sum_{k > chi} s_k^2 / sum_k s_k^2) at the middle cut."""
    n = round(np.log(c.size) / np.log(4))
    s = np.linalg.svd(c.reshape(4 ** (n // 2), -1), compute_uv=False)
    return float(np.sqrt(np.sum(s[chi:] ** 2) / np.sum(s ** 2)))


def states(n: int, hamiltonian: str, beta: float, gamma: float, kinds: list[str],
           labels: list[str]):
    """(label, chain, baths or None, exact Pauli vector) of the Gibbs and steady states."""
    chain = lb.Chain(N=n, **CHAINS[hamiltonian])
    if "gibbs" in labels:
        rho = la.expm(-beta * chain.hamiltonian().toarray())
        yield "gibbs", chain, None, to_pauli(rho / np.trace(rho)).real
    pairs = {"eq": (beta, beta), "drive": (beta - DRIVE, beta + DRIVE), "one": (beta, None)}
    for kind in kinds:
        for label, edges in ((k, v) for k, v in pairs.items() if k in labels):
            baths = [lb.make_bath(kind, edge, b, gamma)
                     for edge, b in zip(("left", "right"), edges, strict=True)
                     if b is not None]
            yield f"{kind} {label}", chain, baths, lb.steady_state(chain, baths).pauli


def local_error(chain: lb.Chain, exact: np.ndarray, approx: np.ndarray) -> float:
    """The largest change of a LOCAL observable between two Pauli vectors (normalized)."""
    details = {"residual": np.nan}
    pair = [State.from_pauli(chain, c / c[0], "exact", details, {}) for c in (exact, approx)]
    return max(float(np.max(np.abs(pair[0].values[k] - pair[1].values[k]))) for k in LOCAL)


def current_error(chain: lb.Chain, baths, exact: np.ndarray, approx: np.ndarray) -> float:
    """|J(approx) - J(exact)|, J the bulk energy current (mean over bonds)."""
    j = []
    for c in (exact, approx):
        state = State.from_pauli(chain, c / c[0], "exact", {"residual": np.nan}, {})
        state.add_transport(baths)
        j.append(float(np.mean(state.expect("current"))))
    return abs(j[1] - j[0])


def square_root(exact: np.ndarray) -> np.ndarray:
    """Pauli vector of sigma = rho^(1/2), rho the normalized state of ``exact`` (the form of
    a purification, rho = sigma sigma^dagger; for a Gibbs state sigma = exp(-beta H/2)/Z^(1/2))."""
    weights, vectors = la.eigh(from_pauli(exact / exact[0]))
    sigma = (vectors * np.sqrt(np.clip(weights, 0.0, None))) @ vectors.conj().T
    return to_pauli(sigma).real


def square_root_error(chain: lb.Chain, exact: np.ndarray, root: np.ndarray, chi: int) -> float:
    """obs_err when ``root`` = square_root(exact) is compressed instead and
    rho' = sigma' sigma'^dagger."""
    kept = from_pauli(best_mps(root, chi))
    return local_error(chain, exact, to_pauli(kept @ kept.conj().T).real)


def compare(chain: lb.Chain, baths, exact: np.ndarray, root: np.ndarray,
            chi: int) -> tuple[float, float, float]:
    """obs_err, J_err (NaN without baths) and sqrt_err of the chi-MPS of ``exact``, ``root``
    its square_root (computed once per state, not once per chi)."""
    approx = best_mps(exact, chi)
    j_err = np.nan if baths is None else current_error(chain, baths, exact, approx)
    return (local_error(chain, exact, approx), j_err,
            square_root_error(chain, exact, root, chi))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, nargs="+", default=[6, 8, 10])
    parser.add_argument("--chi", type=int, nargs="+", default=[16, 32, 64, 128, 256])
    parser.add_argument("--beta", type=float, default=0.5)
    parser.add_argument("--hamiltonian", nargs="+", default=["xxz_fields"], choices=CHAINS)
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--baths", nargs="+", default=["db", "fr"],
                        choices=["db", "fr", "local"])
    parser.add_argument("--states", nargs="+", default=["gibbs", "eq", "drive"],
                        choices=["gibbs", "eq", "drive", "one"])
    args = parser.parse_args()
    print("| H | N | state | chi | middle | obs_err | J_err | sqrt_err | cpu s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for hamiltonian in args.hamiltonian:
        for n in args.N:
            start = time.process_time()
            found = states(n, hamiltonian, args.beta, args.gamma, args.baths, args.states)
            for label, chain, baths, exact in found:
                root = square_root(exact)
                for chi in args.chi:
                    if chi >= 4 ** (n // 2):
                        continue
                    err, j_err, sqrt_err = compare(chain, baths, exact, root, chi)
                    print(f"| {hamiltonian} | {n} | {label} | {chi} | "
                          f"{middle_discarded(exact, chi):.1e} | {err:.1e} | {j_err:.1e} | "
                          f"{sqrt_err:.1e} | {time.process_time() - start:.0f} |", flush=True)


if __name__ == "__main__":
    main()
