"""The spin-chain Hamiltonian of [P] Eq. 1, its bond decomposition ([P] Eq. 11) and the
one set of default parameters (the XXZ chain with both fields)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from lindbath import validation
from lindbath.model.pauli import (
    PAULI,
    lindblad_superop,
    site_operator,
    string_matrix,
    superop_matrix,
)

__all__ = ["DEFAULTS", "PARAMETERS", "Chain", "chain_parameters", "check_chain",
           "edge_field_block", "hamiltonian_block"]

SX, SY, SZ = PAULI[1], PAULI[2], PAULI[3]
PARAMETERS = ("J", "Delta", "hx", "hz")
DEFAULTS = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}  # [P] Eq. 1 with both fields


@dataclass(frozen=True)
class Chain:
    """Open chain  H = sum_l [J (sx sx + sy sy) + Delta sz sz]_{l,l+1} + sum_l (hx sx_l + hz sz_l)
    ([P] Eq. 1).  Sites are 1..N in formulas, 0..N-1 in arrays; defaults: DEFAULTS.

    Parameters
    ----------
    N : int
        Number of sites, >= 2.
    J : float, default 1.0
        XX and YY coupling.
    Delta : float, default 0.5
        ZZ coupling (anisotropy).
    hx : float, default 0.6
        Transverse field.
    hz : float, default 0.4
        Longitudinal field.

    Raises
    ------
    InputError
        N not an integer >= 2, or a parameter not a finite real number.

    References
    ----------
    [P] Eq. 1 (H) and Eq. 11 (the bond terms h_b); docs/conventions.md, "Chain".
    """

    N: int
    J: float = DEFAULTS["J"]
    Delta: float = DEFAULTS["Delta"]
    hx: float = DEFAULTS["hx"]
    hz: float = DEFAULTS["hz"]

    def __post_init__(self) -> None:
        object.__setattr__(self, "N", validation.integer("N", self.N, minimum=2))
        for name in PARAMETERS:
            object.__setattr__(self, name, validation.real(name, getattr(self, name)))

    @property
    def params(self) -> dict[str, float]:
        """The Hamiltonian parameters as a dict (for dataset attributes)."""
        return {"N": self.N, "J": self.J, "Delta": self.Delta, "hx": self.hx, "hz": self.hz}

    def bond_hamiltonian(self) -> np.ndarray:
        """h_b = J(sx sx + sy sy) + Delta sz sz + (hx/2)(sx_1 + sx_2) + (hz/2)(sz_1 + sz_2)
        ([P] Eq. 11), a real 4x4 matrix."""
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
        edge = site_operator(self.edge_field().real, 0, self.N)
        edge = edge + site_operator(self.edge_field().real, self.N - 1, self.N)
        return sp.csr_matrix(h + edge)

    def bond_operator(self, l: int) -> sp.csr_matrix:
        """h_b on bond (l, l+1), l = 1..N-1, with half fields on both sites, as a 2^N matrix."""
        l = validation.integer("l", l, minimum=1, maximum=self.N - 1)
        left, right = sp.identity(2 ** (l - 1)), sp.identity(2 ** (self.N - l - 1))
        return sp.csr_matrix(sp.kron(sp.kron(left, self.bond_hamiltonian()), right))


def check_chain(chain: Any) -> Chain:
    """Return ``chain`` if it is a Chain, else raise ValueError naming the parameter."""
    if not isinstance(chain, Chain):
        raise ValueError(f"chain must be a lindbath.Chain, e.g. lindbath.Chain(8); got "
                         f"{chain!r}")
    return chain


def chain_parameters(chain: Mapping[str, Any] | Any) -> dict[str, float]:
    """J, Delta, hx, hz ([P] Eq. 1) from a dict or a Chain-like object, validated."""
    get = chain.get if isinstance(chain, Mapping) else lambda k: getattr(chain, k, None)
    missing = [k for k in PARAMETERS if get(k) is None]
    if missing:
        raise ValueError(f"chain parameters must include {', '.join(PARAMETERS)}; "
                         f"missing {', '.join(missing)}")
    params = Chain(2, **{k: get(k) for k in PARAMETERS}).params
    return {k: params[k] for k in PARAMETERS}


def hamiltonian_block(chain: Chain) -> np.ndarray:
    """Real 16x16 Pauli-basis matrix of X -> -i[h_b, X] for one bond ([P] Eq. 11)."""
    return superop_matrix(lindblad_superop(chain.bond_hamiltonian(), []), 2)


def edge_field_block(chain: Chain) -> np.ndarray:
    """Real 4x4 Pauli-basis matrix of X -> -i[(hx sx + hz sz)/2, X]: the half field that no
    bond carries on sites 1 and N."""
    return superop_matrix(lindblad_superop(chain.edge_field(), []), 1)
