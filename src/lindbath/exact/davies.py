"""The global (Davies) bath on the whole chain ([L] Eqs. 6-50): its generator in the energy
eigenbasis, row-major vectorized (vec(rho)[n d + m] = rho[n, m]), Lamb shift neglected, and
its steady state by a direct sparse solve."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from lindbath.errors import SolverError
from lindbath.model.baths import DaviesBath
from lindbath.model.chain import Chain
from lindbath.model.pauli import to_pauli

__all__ = ["davies_liouvillian", "davies_steady"]

COND_MAX = 1e12  # condition number of the bordered generator above which L is singular


def davies_liouvillian(chain: Chain, baths: Sequence[DaviesBath], energies: np.ndarray,
                        vectors: np.ndarray) -> sp.csr_matrix:
    """-i[H, .] + sum_w G(w) D[A(w)] in the energy basis ([L] Eqs. 6-50; the Lamb
    shift is neglected):
    A(w) rho A(w)^+ couples every pair of transitions (n,m), (n',m') of the same w."""
    dim = energies.size
    rows, cols, vals = [np.arange(dim * dim)], [np.arange(dim * dim)], [
        -1j * np.subtract.outer(energies, energies).ravel()]
    kernel = np.zeros((dim, dim), dtype=complex)  # K = sum_w G(w) A(w)^+ A(w)
    for bath in baths:
        t = bath.bohr_transitions(chain, energies, vectors)
        i, j = _pairs_within_groups(t["group"])
        weight = t["rate"][i] * t["amplitude"][i] * t["amplitude"][j].conj()
        rows.append(t["n"][i] * dim + t["n"][j])
        cols.append(t["m"][i] * dim + t["m"][j])
        vals.append(weight)
        same = t["n"][i] == t["n"][j]
        np.add.at(kernel, (t["m"][i][same], t["m"][j][same]), weight[same].conj())
    eye = sp.identity(dim, format="csr")
    anti = -0.5 * (sp.kron(sp.csr_matrix(kernel), eye) + sp.kron(eye, sp.csr_matrix(kernel.T)))
    jump = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(dim * dim, dim * dim))
    return sp.csr_matrix(jump + anti)


def _pairs_within_groups(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All index pairs (i, j) with group[i] == group[j], for a sorted ``group`` array."""
    sizes = np.bincount(group)[group]
    starts = np.concatenate([[0], np.cumsum(np.bincount(group))[:-1]])[group]
    i = np.repeat(np.arange(group.size), sizes)
    offset = np.arange(i.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return i, starts[i] + offset


def davies_steady(chain: Chain, baths: Sequence[DaviesBath]) -> tuple[np.ndarray, dict]:
    """Steady state with the trace row Tr rho = 1 replacing the first equation, by sparse
    LU.  The bordered matrix is singular exactly when L has more than one steady state
    (e.g. degenerate levels of H with a symmetry that the coupling A shares; the conserved
    parities are refused before, by lindbath.model.uniqueness): an exactly singular
    factorization, or a 1-norm condition number, estimated from the LU factors (Higham and
    Tisseur 2000), above COND_MAX, raises SolverError."""
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    gen = davies_liouvillian(chain, baths, energies, vectors).tolil()
    dim = energies.size
    trace_row = np.zeros(dim * dim, dtype=complex)
    trace_row[:: dim + 1] = 1.0
    residual_gen = gen.tocsr()
    gen[0, :] = trace_row
    rhs = np.zeros(dim * dim, dtype=complex)
    rhs[0] = 1.0
    bordered = gen.tocsc()
    try:
        lu = spla.splu(bordered)
    except RuntimeError as error:  # SuperLU: "Factor is exactly singular"
        raise SolverError(_not_unique(chain, str(error))) from None
    cond = _condition(bordered, lu)
    if not cond < COND_MAX:
        raise SolverError(_not_unique(chain, f"condition number {cond:.1e}"))
    x = lu.solve(rhs)
    residual = float(np.linalg.norm(residual_gen @ x))
    rho = vectors @ x.reshape(dim, dim) @ vectors.conj().T
    return to_pauli(rho).real, {"solver": "davies-direct", "residual": residual,
                                "condition_number": cond}


def _not_unique(chain: Chain, why: str) -> str:
    return (f"the steady state is not unique for these Davies baths and H (J, Delta, hx, "
            f"hz = {chain.J:g}, {chain.Delta:g}, {chain.hx:g}, {chain.hz:g}): the bordered "
            f"generator is singular ({why}), as when degenerate levels of H carry a symmetry "
            "of the coupling; lift it with the fields hx, hz")


def _condition(matrix: sp.csc_matrix, lu: spla.SuperLU) -> float:
    """1-norm condition number ||A||_1 ||A^-1||_1, the second factor by onenormest on the
    LU solves."""
    inverse = spla.LinearOperator(matrix.shape, matvec=lu.solve, rmatvec=lambda y: lu.solve(
        y.conj(), trans="H").conj(), dtype=matrix.dtype)
    return float(spla.norm(matrix, 1) * spla.onenormest(inverse))
