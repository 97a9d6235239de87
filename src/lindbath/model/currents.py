"""Heat and spin transport observables (docs/conventions.md, "Heat transport").

Every quantity is a short Pauli expansion sum_s k_s <P_s> on a few neighbouring sites,
evaluated with any function giving <P> of a Pauli string {site: label} (exact Pauli
coefficients or a Pauli MPS), the same interface as lindbath.model.observables:

* energy current through site l (2 <= l <= N-1):  j_l = i <[h_{l-1,l}, h_{l,l+1}]>, h_b the
  bond term of [P] Eq. 11 (half fields).  d<h_{l,l+1}>/dt = j_l - j_{l+1} away from the
  baths, so j_l > 0 is energy flowing left to right;
* spin current on bond (l, l+1):  j^z_l = 2J <sx_l sy_{l+1} - sy_l sx_{l+1}>  (the current
  of the conserved magnetization when hx = 0: d<sz_l>/dt = j^z_{l-1} - j^z_l in the bulk);
* heat a two-site bath injects:  Q = Tr[H D(rho)] = <D^+(H)>, D^+ the adjoint dissipator.
  D^+(identity on the bath sites) = 0, so only the terms of H on the bath sites and their
  neighbour count: Q = h^T M c on the window of min(3, N) sites (the bath pair and the next
  site inward), h the Pauli coefficients of the window's chain Hamiltonian, M the bath's
  Pauli-basis block ([P] Appendix A) on its two sites, c = <P_s> on the window.

The expansions are derived once from dense matrices with the package's Pauli algebra
(to_pauli), so they hold for any J, Delta, hx, hz; tests/test_transport.py checks them
against commutators built with numpy from H.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lindbath.model.baths import Bath
from lindbath.model.chain import Chain
from lindbath.model.pauli import LABELS, embed, to_pauli
from lindbath.outputs import POWER as POWER  # re-exported: units of the heat currents

__all__ = ["POWER", "TRANSPORT_NAMES", "PauliExpect", "dense_heat_flow", "energy_current",
           "local_heat_flow", "spin_current", "transport_values"]

PauliExpect = Callable[[dict[int, str]], float]
Expansion = list[tuple[float, dict[int, str]]]  # (k_s, {offset: label}) with k_s != 0
TRANSPORT_NAMES = ("current", "spin_current", "heat_left", "heat_right")
ZERO = 1e-14  # coefficients below this (relative) are round-off of the dense derivation


def expansion(operator: np.ndarray) -> Expansion:
    """Pauli expansion O = sum_s k_s P_s of a Hermitian k-site operator, k_s = Tr(P_s O)/2^k
    (real), as (k_s, {offset: label}) pairs without the zero terms."""
    coeffs = to_pauli(operator) / operator.shape[0]
    if np.abs(coeffs.imag).max() > 1e-12 * max(1.0, np.abs(coeffs).max()):
        raise ValueError("operator must be Hermitian")
    return terms_of(coeffs.real)


def terms_of(coeffs: np.ndarray) -> Expansion:
    """(k_s, {offset: label}) pairs of the nonzero entries of a real k-site Pauli coefficient
    vector (string index s = sum_i p_i 4^(k-1-i); the identity is {})."""
    k = int(round(np.log(coeffs.size) / np.log(4)))
    scale = max(1.0, float(np.abs(coeffs).max()))
    out = []
    for s in np.flatnonzero(np.abs(coeffs) > ZERO * scale):
        digits = [(s // 4 ** (k - 1 - i)) % 4 for i in range(k)]
        out.append((float(coeffs[s]), {i: LABELS[p] for i, p in enumerate(digits) if p}))
    return out


def evaluate(terms: Expansion, expect: PauliExpect, first: int) -> float:
    """sum_s k_s <P_s> with the expansion's sites shifted by ``first`` (0-based); the
    identity {} has <I> = Tr rho = 1."""
    return float(sum(k * expect({first + i: p for i, p in ops.items()}) for k, ops in terms))


def current_expansion(chain: Chain) -> Expansion:
    """i[h_b (x) 1, 1 (x) h_b] on three sites: the energy current through the middle one."""
    h, one = chain.bond_hamiltonian(), np.eye(2)
    left, right = np.kron(h, one), np.kron(one, h)
    return expansion(1j * (left @ right - right @ left))


def spin_current_expansion(chain: Chain) -> Expansion:
    """2J (sx sy - sy sx) on two sites."""
    return [(2 * chain.J, {0: "X", 1: "Y"}), (-2 * chain.J, {0: "Y", 1: "X"})]


def energy_current(chain: Chain, expect: PauliExpect) -> np.ndarray:
    """j_l for l = 2..N-1 (array of N-2 values, site l at index l-2)."""
    terms = current_expansion(chain)
    return np.array([evaluate(terms, expect, first) for first in range(chain.N - 2)])


def spin_current(chain: Chain, expect: PauliExpect) -> np.ndarray:
    """j^z_l for the N-1 bonds (l, l+1)."""
    terms = spin_current_expansion(chain)
    return np.array([evaluate(terms, expect, first) for first in range(chain.N - 1)])


def heat_window(chain: Chain, bath: Bath) -> tuple[int, Expansion]:
    """(first site, expansion of D^+(H) on the window): the bath pair and the next site
    inward; h^T M as the coefficients of D^+(H) (module docstring)."""
    if bath.acts_globally:
        raise ValueError("kind='davies' is global: its heat flow needs the dense state "
                         "(lindbath.analysis.transport.bath_heat_flow); allowed here: "
                         "'db', 'fr', 'local'")
    size = min(3, chain.N)
    window = Chain(size, chain.J, chain.Delta, chain.hx, chain.hz)
    h = to_pauli(window.hamiltonian().toarray()).real / 2**size
    offset = 0 if bath.edge == "left" else size - 2
    adjoint = embed(bath.pauli_block(chain), offset, size).T @ h  # (h^T M)^T
    first = 0 if bath.edge == "left" else chain.N - size
    return first, terms_of(adjoint)


def local_heat_flow(chain: Chain, bath: Bath, expect: PauliExpect) -> float:
    """Q = Tr[H D_bath(rho)] of one two-site bath from the window's Pauli expectations."""
    first, terms = heat_window(chain, bath)
    return evaluate(terms, expect, first)


def dense_heat_flow(chain: Chain, bath: Bath, rho: np.ndarray) -> float:
    """Q = Tr[H D(rho)] = sum_a Tr[L_a^+ H L_a rho] - Re Tr[L_a^+ L_a H rho] with the bath's
    jump operators on the whole chain (any kind; Davies: global operators, N <= 8)."""
    h = chain.hamiltonian().toarray()
    total = 0.0
    for jump in bath.chain_jump_operators(chain):
        dag = jump.conj().T
        total += np.trace(dag @ h @ jump @ rho) - np.trace(dag @ jump @ h @ rho).real
    return float(np.real(total))


def transport_values(chain: Chain, baths: list[Bath], expect: PauliExpect,
                     rho: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """current (over sites, NaN at sites 1 and N), spin_current (over bonds) and the heat of
    the left and right baths (0-d, summed over the baths of each edge; Davies baths need
    the dense ``rho``)."""
    current = np.full(chain.N, np.nan)
    current[1:-1] = energy_current(chain, expect)
    out = {"current": current, "spin_current": spin_current(chain, expect)}
    for edge in ("left", "right"):
        flows = [dense_heat_flow(chain, b, rho) if b.acts_globally and rho is not None
                 else local_heat_flow(chain, b, expect) for b in baths if b.edge == edge]
        out[f"heat_{edge}"] = np.array(sum(flows, 0.0))
    return out
