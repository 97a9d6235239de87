"""Pauli strings, the real Pauli-basis representation of density matrices and superoperators.

Conventions (docs/conventions.md, "Spins and Pauli strings"):
Pauli index 0 = I, 1 = X, 2 = Y, 3 = Z.  A string on N sites is indexed by
s = sum_l p_l 4^(N-1-l) (site 1 is the most significant digit).  A density matrix
is stored as its Pauli coefficients c_s = Tr(P_s rho), so that

    rho = sum_s c_s P_s / 2^N,      <P_s> = c_s,      Tr rho = c_0.

All c_s are real for Hermitian rho, and a Hermiticity-preserving superoperator is a
real matrix in this basis ([P] Appendix A uses the same two-site Pauli basis).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

import numpy as np
import scipy.sparse as sp

__all__ = ["LABELS", "PAULI", "SIGMA_MINUS", "apply_site_op", "embed", "from_pauli",
           "left_multiply", "lindblad_superop", "site_operator", "string_index", "string_matrix",
           "superop_matrix", "to_pauli"]

PAULI = np.array(
    [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]],
    dtype=complex,
)
LABELS = "IXYZ"
SIGMA_MINUS = np.array([[0, 0], [1, 0]], dtype=complex)  # |down><up| = |g><e|, lowers sz


def string_matrix(labels: str) -> np.ndarray:
    """Dense matrix of a Pauli string such as "XZ" (first letter = leftmost factor)."""
    return reduce(np.kron, [PAULI[LABELS.index(c)] for c in labels])


def string_index(N: int, ops: dict[int, str]) -> int:
    """Index of the Pauli string with operators ``ops`` {site (0-based): "X"|"Y"|"Z"}."""
    return sum(LABELS.index(p) * 4 ** (N - 1 - site) for site, p in ops.items())


def to_pauli(rho: np.ndarray) -> np.ndarray:
    """Pauli coefficients c_s = Tr(P_s rho) of a 2^N x 2^N matrix (complex in general)."""
    N = int(round(np.log2(rho.shape[0])))
    t = np.asarray(rho).reshape((2,) * (2 * N))
    for step in range(N):
        n = N - step  # axes: i_l..i_N, j_l..j_N, a_1..a_{l-1}
        t = np.tensordot(t, PAULI, axes=([0, n], [2, 1]))
    return t.reshape(4**N)


def from_pauli(c: np.ndarray) -> np.ndarray:
    """Density matrix rho = sum_s c_s P_s / 2^N from Pauli coefficients."""
    N = int(round(np.log(c.size) / np.log(4)))
    t = np.asarray(c, dtype=complex).reshape((4,) * N)
    for _ in range(N):
        t = np.tensordot(t, PAULI, axes=([0], [0]))  # appends (row_l, col_l)
    t = t.transpose(list(range(0, 2 * N, 2)) + list(range(1, 2 * N, 2)))
    return t.reshape(2**N, 2**N) / 2**N


def superop_matrix(superop: Callable[[np.ndarray], np.ndarray], k: int) -> np.ndarray:
    """Real Pauli-basis matrix M[t, u] = Tr(P_t S(P_u)) / 2^k of a k-site superoperator S.

    S must preserve Hermiticity; the imaginary part (round-off) is checked and dropped.
    """
    basis = [string_matrix("".join(p)) for p in _labels(k)]
    m = np.array([[np.trace(pt @ superop(pu)) for pu in basis] for pt in basis]) / 2**k
    if np.abs(m.imag).max(initial=0.0) > 1e-10 * max(1.0, np.abs(m).max()):
        raise ValueError("superoperator does not preserve Hermiticity")
    return m.real


def _labels(k: int) -> list[str]:
    if k == 0:
        return [""]
    return [a + b for a in LABELS for b in _labels(k - 1)]


def embed(block: np.ndarray, first_site: int, N: int) -> sp.coo_matrix:
    """kron(I_{4^a}, block, I_{4^b}) in COO form: a k-site Pauli-basis block acting on
    sites first_site .. first_site + k - 1 (0-based) of an N-site chain."""
    size = block.shape[0]
    k = int(round(np.log(size) / np.log(4)))
    left, right = 4**first_site, 4 ** (N - first_site - k)
    b = sp.coo_matrix(block)
    x = np.arange(left, dtype=np.int64)[:, None, None] * (size * right)
    y = np.arange(right, dtype=np.int64)[None, None, :]
    rows = (x + b.row[None, :, None].astype(np.int64) * right + y).ravel()
    cols = (x + b.col[None, :, None].astype(np.int64) * right + y).ravel()
    vals = np.broadcast_to(b.data[None, :, None], (left, b.nnz, right)).ravel()
    return sp.coo_matrix((vals, (rows, cols)), shape=(4**N, 4**N))


def lindblad_superop(
    h: np.ndarray, jumps: list[np.ndarray]
) -> Callable[[np.ndarray], np.ndarray]:
    """X -> -i[h, X] + sum_a (L_a X L_a^+ - {L_a^+ L_a, X}/2)  ([P] Eq. 2)."""
    ldl = sum((jump.conj().T @ jump for jump in jumps), np.zeros_like(h, dtype=complex))

    def apply(x: np.ndarray) -> np.ndarray:
        out = -1j * (h @ x - x @ h) - 0.5 * (ldl @ x + x @ ldl)
        for jump in jumps:
            out = out + jump @ x @ jump.conj().T
        return out

    return apply


def apply_site_op(v: np.ndarray, op: np.ndarray, site: int, N: int) -> np.ndarray:
    """Apply a 2x2 operator on ``site`` (0-based) to state vectors v of shape (2^N, ...)."""
    rest = v.shape[1:]
    t = v.reshape((2**site, 2, 2 ** (N - site - 1)) + rest)
    t = np.tensordot(op, t, axes=([1], [1]))  # new axis 0
    return np.moveaxis(t, 0, 1).reshape(v.shape)


def site_operator(op: np.ndarray, site: int, N: int) -> sp.csr_matrix:
    """kron(I_{2^site}, op, I_{2^(N-site-1)}): a 2x2 operator on ``site`` (0-based) of N
    sites as a sparse 2^N matrix."""
    left, right = sp.identity(2**site), sp.identity(2 ** (N - site - 1))
    return sp.csr_matrix(sp.kron(sp.kron(left, op), right))


def _product_table() -> tuple[np.ndarray, np.ndarray]:
    """sigma^a sigma^p = phase[a, p] sigma^{index[a, p]} for Pauli indices 0..3 (I, X, Y, Z)."""
    index = np.bitwise_xor.outer(np.arange(4), np.arange(4))  # X=1, Y=2, Z=3: XY -> Z etc.
    phase = np.array([[np.trace(PAULI[index[a, p]].conj().T @ PAULI[a] @ PAULI[p]) / 2
                       for p in range(4)] for a in range(4)])
    return index, phase


PRODUCT_INDEX, PRODUCT_PHASE = _product_table()


def left_multiply(coeffs: np.ndarray, label: str, site: int, N: int) -> np.ndarray:
    """Pauli coefficients of sigma^label_site X from those of X (any N-site operator).

    With X = sum_s x_s P_s / 2^N and sigma^b P_s = phase(b, p) P_s' (p = the Pauli of P_s on
    ``site``, s' = s with that digit replaced by b xor p), the result is y_s' = phase x_s.
    """
    b = LABELS.index(label)
    digit = 4 ** (N - 1 - site)
    s = np.arange(4**N, dtype=np.int64)
    p = (s // digit) % 4
    out = np.zeros(4**N, dtype=complex)
    out[s + (PRODUCT_INDEX[b, p] - p) * digit] = PRODUCT_PHASE[b, p] * coeffs
    return out
