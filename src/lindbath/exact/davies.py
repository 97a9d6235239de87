"""The global (Davies) bath on the whole chain ([L] Eqs. 6-50): its generator in the energy
eigenbasis, row-major vectorized (vec(rho)[n d + m] = rho[n, m]), Lamb shift neglected, and
its steady state by a direct sparse solve."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from lindbath.model.baths import Bath, davies_transitions
from lindbath.model.chain import Chain
from lindbath.model.pauli import to_pauli


def davies_liouvillian(chain: Chain, baths: Sequence[Bath], energies: np.ndarray,
                        vectors: np.ndarray) -> sp.csr_matrix:
    """-i[H, .] + sum_w G(w) D[A(w)] in the energy basis ([L] Eqs. 6-50; the Lamb
    shift is neglected):
    A(w) rho A(w)^+ couples every pair of transitions (n,m), (n',m') of the same w."""
    dim = energies.size
    rows, cols, vals = [np.arange(dim * dim)], [np.arange(dim * dim)], [
        -1j * np.subtract.outer(energies, energies).ravel()]
    kernel = np.zeros((dim, dim), dtype=complex)  # K = sum_w G(w) A(w)^+ A(w)
    for bath in baths:
        t = davies_transitions(bath, chain, energies, vectors)
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


def davies_steady(chain: Chain, baths: Sequence[Bath]) -> tuple[np.ndarray, dict]:
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    gen = davies_liouvillian(chain, baths, energies, vectors).tolil()
    dim = energies.size
    trace_row = np.zeros(dim * dim, dtype=complex)
    trace_row[:: dim + 1] = 1.0
    residual_gen = gen.tocsr()
    gen[0, :] = trace_row
    rhs = np.zeros(dim * dim, dtype=complex)
    rhs[0] = 1.0
    x = spla.spsolve(gen.tocsc(), rhs)
    residual = float(np.linalg.norm(residual_gen @ x))
    rho = vectors @ x.reshape(dim, dim) @ vectors.conj().T
    return to_pauli(rho).real, {"solver": "davies-direct", "residual": residual}
