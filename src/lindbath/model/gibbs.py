"""Gibbs (thermal) weights and states exp(-beta H)/Z ([P] Sec. IV.1): the one place they
are computed, for the chain, its two-site targets and the Jaynes-Cummings model alike."""

from __future__ import annotations

import numpy as np
import scipy.linalg as la

from lindbath.model.chain import Chain

__all__ = ["gibbs_from_eigen", "gibbs_state", "gibbs_weights"]

DEGENERATE_TOL = 1e-12  # relative spacing below which levels share the ground state at beta = inf


def gibbs_weights(energies: np.ndarray, beta: float | np.ndarray) -> np.ndarray:
    """p_n = exp(-beta (E_n - E_0)) / Z with E_0 = min E, for one beta (shape (levels,)) or
    a grid (shape (levels, betas)); beta = inf gives the normalized ground-space projector."""
    gaps = np.asarray(energies) - np.min(energies)
    if np.ndim(beta) == 0 and np.isinf(beta):
        weights = (gaps <= DEGENERATE_TOL * max(1.0, np.abs(energies).max())).astype(float)
    else:
        weights = np.exp(-np.multiply.outer(gaps, beta))
    return weights / weights.sum(axis=0)


def gibbs_from_eigen(energies: np.ndarray, vectors: np.ndarray, beta: float) -> np.ndarray:
    """sum_n p_n |n><n| from energies E_n and eigenvectors (columns of ``vectors``)."""
    return (vectors * gibbs_weights(energies, beta)) @ vectors.conj().T


def gibbs_state(chain: Chain, beta: float) -> np.ndarray:
    """exp(-beta H)/Z of the chain as a dense matrix (small N)."""
    return gibbs_from_eigen(*la.eigh(chain.hamiltonian().toarray()), beta)
