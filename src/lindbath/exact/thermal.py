"""Exact thermal states exp(-beta H)/Z of the chain by full diagonalization ([P] Sec. IV.1)."""

from __future__ import annotations

import time

import numpy as np
import scipy.linalg as la

from lindbath.model.chain import Chain
from lindbath.model.gibbs import gibbs_weights
from lindbath.model.observables import local_observables
from lindbath.model.pauli import LABELS, PAULI, apply_site_op
from lindbath.model.state import State

__all__ = ["EXACT_MAX_N", "exact_thermal_state"]

EXACT_MAX_N = 14


def exact_thermal_state(chain: Chain, beta: float) -> State:
    """rho = exp(-beta H)/Z with <O> = sum_n p_n <n|O|n>, p_n = exp(-beta E_n)/Z
    (lindbath.model.gibbs), from one full diagonalization (N <= EXACT_MAX_N).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1), N <= EXACT_MAX_N (14).
    beta : float
        Inverse temperature, >= 0 (checked by the caller, lindbath.solve.thermal_state).

    Returns
    -------
    State
        kind "thermal", method "exact", residual 0; diagnostics wall_time_s, trace and
        ground_energy; attrs {"beta": beta}.

    Raises
    ------
    ValueError
        N > EXACT_MAX_N.

    References
    ----------
    [P] Sec. IV.1; docs/conventions.md, "Reference tables and effective temperatures".
    """
    if chain.N > EXACT_MAX_N:
        raise ValueError(f"N must be <= {EXACT_MAX_N} for method='exact'; got N={chain.N}")
    start = time.perf_counter()
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    weights = gibbs_weights(energies, beta)
    values = local_observables(chain, lambda ops: eigen_expectation(vectors, weights, ops))
    diagnostics = {"wall_time_s": time.perf_counter() - start, "trace": float(weights.sum()),
                   "ground_energy": float(energies[0])}
    return State(chain, "thermal", "exact", values, 0.0, diagnostics, {"beta": beta})


def eigen_expectation(vectors: np.ndarray, weights: np.ndarray, ops: dict[int, str]) -> float:
    """sum_n p_n <n|P|n> for a Pauli string P = {site: label} and eigenvectors (columns)."""
    N = int(round(np.log2(vectors.shape[0])))
    image = vectors
    for site, label in ops.items():
        image = apply_site_op(image, PAULI[LABELS.index(label)], site, N)
    return float(np.real(np.einsum("in,in,n->", vectors.conj(), image, weights)))
