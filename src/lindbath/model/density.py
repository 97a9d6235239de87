"""Distances and reduced states of density matrices (dense, small systems)."""

from __future__ import annotations

import numpy as np
import scipy.linalg as la


def trace_distance(a: np.ndarray, b: np.ndarray) -> float:
    """D(a, b) = ||a - b||_1 / 2 = sum |eigenvalues of (a - b)| / 2 for Hermitian a, b
    (the difference is symmetrized against round-off)."""
    diff = np.asarray(a, dtype=complex) - np.asarray(b, dtype=complex)
    return float(0.5 * np.abs(la.eigvalsh((diff + diff.conj().T) / 2)).sum())


def reduced_pair(rho: np.ndarray, first: int) -> np.ndarray:
    """Two-site reduced density matrix of sites (first, first + 1), 0-based."""
    N = int(round(np.log2(rho.shape[0])))
    t = rho.reshape(2**first, 4, 2 ** (N - first - 2), 2**first, 4, 2 ** (N - first - 2))
    return np.einsum("aibajb->ij", t)
