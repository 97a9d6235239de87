"""The Zeno limit of the two-site edge baths (docs/conventions.md, "Zeno limit").

At gamma >> J the bath pairs (sites 1, 2 and N-1, N) are frozen in their target rho_T and
the bulk (sites 3..N-2) follows the adiabatically eliminated generator

    L_eff(gamma) = P L_H P - (1/gamma) P L_H Q L_D^{-1} Q L_H P,

P(rho) = rho_T (x) Tr_pairs(rho) (x) rho_T, Q = 1 - P, L_H = -i[H, .], L_D the two
dissipators at gamma = 1 (L_D^{-1} acts on the range of Q, where L_D is invertible).  Here
it is written on Pauli coefficients: L_eff = first + second / gamma.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from lindbath import validation
from lindbath.exact.liouvillian import liouvillian
from lindbath.model.baths import make_bath
from lindbath.model.chain import Chain

__all__ = ["null_vector", "zeno_generator"]


def pair_target(chain: Chain, kind: str, beta: float) -> np.ndarray:
    """Pauli coefficients Tr(P_s rho_T) (16, c_0 = 1) of the stationary state of one edge
    bath's dissipator alone (the target rho_T of [P] Eqs. 3-4 for DB and FR)."""
    pair = Chain(2, chain.J, chain.Delta, chain.hx, chain.hz)
    dissipator = (liouvillian(pair, [make_bath(kind, "left", beta, 1.0)])
                  - liouvillian(pair, [])).toarray()
    values, vectors = np.linalg.eig(dissipator)
    return null_vector_of(values, vectors)


def zeno_generator(chain: Chain, kind: str, beta: float
                   ) -> tuple[np.ndarray, np.ndarray, sp.csr_matrix]:
    """(first, second, reduce): L_eff(gamma) = first + second/gamma on the bulk Pauli
    coefficients (module docstring), and ``reduce``, the map from the chain's Pauli
    coefficients to the bulk ones (partial trace over both pairs).  Baths of ``kind`` at
    ``beta`` on both edges; N >= 5 (a bulk of at least one site)."""
    validation.integer("N", chain.N, minimum=5)
    bulk = 4 ** (chain.N - 4)
    baths = [make_bath(kind, edge, beta, 1.0) for edge in ("left", "right")]
    hamiltonian = liouvillian(chain, []).tocsc()
    dissipator = (liouvillian(chain, baths) - hamiltonian).tocsc()
    target = sp.csc_matrix(pair_target(chain, kind, beta)[:, None])
    embed = sp.kron(sp.kron(target, sp.identity(bulk)), target).tocsc()  # b -> t (x) b (x) t
    reduce = sp.csr_matrix((np.ones(bulk), (np.arange(bulk), 16 * np.arange(bulk))),
                           shape=(bulk, 4**chain.N))
    excited = (hamiltonian @ embed).toarray()
    excited -= embed @ (reduce @ excited)  # Q L_H P
    inverse = spla.splu((dissipator + embed @ reduce).tocsc()).solve(excited)
    return (reduce @ hamiltonian @ embed).toarray(), -(reduce @ hamiltonian) @ inverse, reduce


def null_vector(generator: np.ndarray) -> np.ndarray:
    """Stationary Pauli coefficients (c_0 = 1) of a small dense generator: the eigenvector of
    the eigenvalue nearest zero."""
    return null_vector_of(*np.linalg.eig(generator))


def null_vector_of(values: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """The eigenvector of the eigenvalue nearest zero, real, normalized to c_0 = 1."""
    state = vectors[:, np.argmin(np.abs(values))].real
    return state / state[0]
