"""The spin-chain Hamiltonian of seed 003, Eq. 1, and its bond decomposition (Eq. 11)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from lindbath import validation
from lindbath.pauli import PAULI, string_matrix

SX, SY, SZ = PAULI[1], PAULI[2], PAULI[3]


@dataclass(frozen=True)
class Chain:
    """Open chain  H = sum_l [J (sx sx + sy sy) + Delta sz sz]_{l,l+1} + sum_l (hx sx_l + hz sz_l)
    (seed 003, Eq. 1; physics.md Sec. 1).  Sites are 1..N in formulas, 0..N-1 in arrays."""

    N: int
    J: float = 1.0
    Delta: float = 0.5
    hx: float = 0.6
    hz: float = 0.4

    def __post_init__(self) -> None:
        object.__setattr__(self, "N", validation.integer("N", self.N, minimum=2))
        for name in ("J", "Delta", "hx", "hz"):
            object.__setattr__(self, name, validation.real(name, getattr(self, name)))

    @property
    def params(self) -> dict[str, float]:
        """The Hamiltonian parameters as a dict (for dataset attributes)."""
        return {"N": self.N, "J": self.J, "Delta": self.Delta, "hx": self.hx, "hz": self.hz}

    def bond_hamiltonian(self) -> np.ndarray:
        """h_b = J(sx sx + sy sy) + Delta sz sz + (hx/2)(sx_1 + sx_2) + (hz/2)(sz_1 + sz_2)
        (seed 003, Eq. 11), a real 4x4 matrix."""
        field = self.edge_field()
        h = self.J * (string_matrix("XX") + string_matrix("YY")) + self.Delta * string_matrix("ZZ")
        return (h + np.kron(field, np.eye(2)) + np.kron(np.eye(2), field)).real

    def edge_field(self) -> np.ndarray:
        """Half the on-site field, (hx sx + hz sz)/2: the part of each site's field that a
        bond term h_b carries; the edge sites get one such term outside all bonds."""
        return 0.5 * (self.hx * SX + self.hz * SZ)

    def hamiltonian(self) -> sp.csr_matrix:
        """Full H as a real symmetric scipy.sparse matrix of size 2^N."""
        h = sum(self.bond_operator(l) for l in range(1, self.N))
        edge = _site_operator(self.edge_field().real, 0, self.N)
        edge = edge + _site_operator(self.edge_field().real, self.N - 1, self.N)
        return sp.csr_matrix(h + edge)

    def bond_operator(self, l: int) -> sp.csr_matrix:
        """h_b on bond (l, l+1), l = 1..N-1, with half fields on both sites, as a 2^N matrix."""
        l = validation.integer("l", l, minimum=1, maximum=self.N - 1)
        left, right = sp.identity(2 ** (l - 1)), sp.identity(2 ** (self.N - l - 1))
        return sp.csr_matrix(sp.kron(sp.kron(left, self.bond_hamiltonian()), right))


def _site_operator(op: np.ndarray, site: int, N: int) -> sp.csr_matrix:
    """A 2x2 operator on ``site`` (0-based) of N sites as a sparse 2^N matrix."""
    left, right = sp.identity(2**site), sp.identity(2 ** (N - site - 1))
    return sp.csr_matrix(sp.kron(sp.kron(left, op), right))
