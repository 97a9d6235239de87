"""The Liouvillian of [P] Eq. 2 as a sparse matrix (building only; the solvers are in
lindbath.exact.sparse, lindbath.exact.nojump and lindbath.exact.gap).

Two-site baths (db, fr, local): the real Pauli-basis matrix (docs/conventions.md, "Spins and
Pauli strings"), built from 16x16 bond blocks -i[h_b, .] and bath blocks tensored with
identities.  Davies baths act on the whole chain: lindbath.exact.davies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp

from lindbath.exact.davies import davies_liouvillian
from lindbath.model.baths import Bath, check_baths, is_global
from lindbath.model.chain import Chain, edge_field_block, hamiltonian_block
from lindbath.model.pauli import embed

__all__ = ["liouvillian"]


def liouvillian(chain: Chain, baths: Sequence[Bath]) -> sp.csr_matrix:
    """The generator L of d rho/dt = L(rho) ([P] Eq. 2) as a sparse matrix.

    Two-site baths: real matrix acting on Pauli coefficients c_s = Tr(P_s rho).
    Davies baths: complex matrix on vec(rho) in the energy eigenbasis of H.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        All two-site baths or all Davies baths.

    Returns
    -------
    scipy.sparse.csr_matrix
        4^N x 4^N: bond blocks of H ([P] Eq. 11), the edge fields and each bath's 16 x 16
        Pauli-basis block ([P] Appendix A) embedded on its sites; Davies baths: the
        energy-basis generator of lindbath.exact.davies.

    Raises
    ------
    ValueError
        Baths that cannot act on the chain (lindbath.model.baths.check_baths), e.g. Davies
        baths mixed with two-site baths.

    References
    ----------
    [P] Eqs. 1, 2, 11 and Appendix A; [L] Eqs. 6-50 (Davies baths); docs/conventions.md,
    "Master equation".
    """
    check_baths(chain, baths)
    if is_global(baths):
        return davies_liouvillian(chain, baths, *la.eigh(chain.hamiltonian().toarray()))
    blocks = [(hamiltonian_block(chain), site) for site in range(chain.N - 1)]
    field = edge_field_block(chain)
    blocks += [(field, 0), (field, chain.N - 1)]
    blocks += [(bath.pauli_block(chain), bath.first_site(chain)) for bath in baths]
    parts = [embed(block, site, chain.N) for block, site in blocks]
    rows = np.concatenate([p.row for p in parts])
    cols = np.concatenate([p.col for p in parts])
    vals = np.concatenate([p.data for p in parts])
    size = 4**chain.N
    return sp.csr_matrix((vals, (rows, cols)), shape=(size, size))
