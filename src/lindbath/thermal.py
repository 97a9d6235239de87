"""Thermal (Gibbs) states exp(-beta H)/Z of the chain (seed 003, Sec. IV.1)."""

from __future__ import annotations

import time

import numpy as np
import scipy.linalg as la

from lindbath import validation
from lindbath.hamiltonians import Chain
from lindbath.pauli import LABELS, PAULI, apply_site_op
from lindbath.states import State, local_observables

EXACT_MAX_N = 14
METHODS = ("exact", "mps")


def thermal_state(chain: Chain, beta: float, method: str = "exact", **options) -> State:
    """rho = exp(-beta H)/Z.  method="exact": full diagonalization, observables
    <O> = sum_n p_n <n|O|n> with p_n = exp(-beta E_n)/Z.  method="mps": purification,
    ``options`` go to lindbath.tensor_networks.mps_thermal_state (chi, ...)."""
    validation.choice("method", method, METHODS)
    beta = validation.real("beta", beta, 0.0)
    if method == "mps":
        from lindbath.tensor_networks import mps_thermal_state

        return mps_thermal_state(chain, beta, **options)
    if chain.N > EXACT_MAX_N:
        raise ValueError(f"N must be <= {EXACT_MAX_N} for method='exact'; got N={chain.N}")
    start = time.perf_counter()
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    weights = np.exp(-beta * (energies - energies[0]))
    weights /= weights.sum()
    values = local_observables(chain, lambda ops: eigen_expectation(vectors, weights, ops))
    diagnostics = {"wall_time_s": time.perf_counter() - start, "trace": float(weights.sum()),
                   "ground_energy": float(energies[0])}
    return State(chain, "thermal", method, values, 0.0, diagnostics, {"beta": beta})


def eigen_expectation(vectors: np.ndarray, weights: np.ndarray, ops: dict[int, str]) -> float:
    """sum_n p_n <n|P|n> for a Pauli string P = {site: label} and eigenvectors (columns)."""
    N = int(round(np.log2(vectors.shape[0])))
    image = vectors
    for site, label in ops.items():
        image = apply_site_op(image, PAULI[LABELS.index(label)], site, N)
    return float(np.real(np.einsum("in,in,n->", vectors.conj(), image, weights)))
