"""Distances and reduced states of density matrices (dense, small systems)."""

from __future__ import annotations

import numpy as np

__all__ = ["reduced_pair", "trace_distance"]


def trace_distance(a: np.ndarray, b: np.ndarray) -> float | np.ndarray:
    """D(a, b) = ||a - b||_1 / 2 = sum |eigenvalues of (a - b)| / 2 for Hermitian a, b, over
    any leading (broadcast) axes; a float for two matrices (the difference is symmetrized
    against round-off)."""
    diff = np.asarray(a) - np.asarray(b)
    diff = (diff + np.swapaxes(diff, -1, -2).conj()) / 2
    d = 0.5 * np.abs(np.linalg.eigvalsh(diff)).sum(axis=-1)
    return float(d) if d.ndim == 0 else d


def reduced_pair(rho: np.ndarray, first: int) -> np.ndarray:
    """Two-site reduced density matrix of sites (first, first + 1), 0-based."""
    N = int(round(np.log2(rho.shape[0])))
    t = rho.reshape(2**first, 4, 2 ** (N - first - 2), 2**first, 4, 2 ** (N - first - 2))
    return np.einsum("aibajb->ij", t)
