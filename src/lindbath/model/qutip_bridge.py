"""Density matrices to and from QuTiP (https://qutip.org), for users who continue a
calculation there.  QuTiP is optional (a test dependency of lindbath): it is imported only
when a conversion is asked for.

Ordering: site 1 is the first tensor factor, as in qutip.tensor(op_1, ..., op_N) and in
lindbath's Pauli strings (docs/conventions.md, "Spins and Pauli strings"); the basis state
|0> = qutip.basis(2, 0) has sigma^z = +1.  A Qobj of N spins has dims [[2]*N, [2]*N].
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lindbath.errors import InputError
from lindbath.model.chain import Chain
from lindbath.model.gibbs import gibbs_state
from lindbath.model.pauli import from_pauli

__all__ = ["density_from_qutip", "to_qutip"]

HERMITIAN_TOL = 1e-10  # max |rho - rho^dagger| accepted from QuTiP
TRACE_TOL = 1e-8  # |Tr rho - 1| accepted from QuTiP
POSITIVITY_TOL = 1e-8  # most negative eigenvalue of rho accepted from QuTiP: -this


def qutip_module() -> Any:
    """The qutip module, or ImportError saying how to get it."""
    try:
        import qutip
    except ImportError as error:
        raise ImportError("the QuTiP conversions need qutip (pip install qutip, or "
                          "pip install 'lindbath[test]')") from error
    return qutip


def spin_dims(N: int) -> list[list[int]]:
    """QuTiP dims of a density matrix of N spins 1/2: [[2]*N, [2]*N]."""
    return [[2] * N, [2] * N]


def density_matrix(state: Any) -> np.ndarray:
    """rho of a lindbath.State as a dense 2^N matrix: from its Pauli coefficients (exact
    steady states, states from QuTiP) or, for exact thermal states, exp(-beta H)/Z
    (lindbath.model.gibbs).  ValueError for states that hold local observables only (MPS)."""
    if state.pauli is not None:
        return from_pauli(state.pauli)
    if state.kind == "thermal" and state.method == "exact":
        return gibbs_state(state.chain, state.attrs["beta"])
    raise ValueError(f"to_qutip needs an exact state (method='exact'); got method="
                     f"{state.method!r}, which keeps only local observables")


def to_qutip(state: Any) -> Any:
    """The density matrix of ``state`` (a lindbath.State, exact only) as a qutip.Qobj with
    dims [[2]*N, [2]*N], site 1 the first tensor factor."""
    qutip = qutip_module()
    return qutip.Qobj(density_matrix(state), dims=spin_dims(state.chain.N))


def density_from_qutip(rho: Any, chain: Chain) -> np.ndarray:
    """The dense matrix of a qutip.Qobj density matrix of ``chain``'s N spins, checked: an
    operator with dims [[2]*N, [2]*N], Hermitian (HERMITIAN_TOL), of trace 1 (TRACE_TOL) and
    positive (smallest eigenvalue >= -POSITIVITY_TOL; else InputError)."""
    qutip = qutip_module()
    if not isinstance(rho, qutip.Qobj) or not rho.isoper:
        what = f"a {rho.type}" if isinstance(rho, qutip.Qobj) else type(rho).__name__
        raise ValueError(f"rho must be a qutip.Qobj density matrix (an operator); got {what}")
    if rho.dims != spin_dims(chain.N):
        raise ValueError(f"rho must have dims {spin_dims(chain.N)} for N={chain.N} spins 1/2; "
                         f"got {rho.dims}")
    matrix = rho.full()
    asymmetry = float(np.abs(matrix - matrix.conj().T).max())
    if asymmetry > HERMITIAN_TOL:
        raise ValueError(f"rho must be Hermitian; max |rho - rho^dagger| = {asymmetry:.3g}")
    trace = np.trace(matrix).real
    if abs(trace - 1.0) > TRACE_TOL:
        raise ValueError(f"rho must have trace 1; got {trace:.12g}")
    lowest = float(np.linalg.eigvalsh(matrix).min())
    if lowest < -POSITIVITY_TOL:
        raise InputError(f"rho must be positive semidefinite; its smallest eigenvalue is "
                         f"{lowest:.3g} < -{POSITIVITY_TOL:g}")
    return matrix
