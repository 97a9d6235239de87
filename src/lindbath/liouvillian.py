"""Liouvillian of seed 003, Eq. 2, and exact steady states.

Two-site baths (db, fr, local): the real Pauli-basis matrix (physics.md Sec. 8), built from
16x16 bond blocks -i[h_b, .] and bath blocks tensored with identities.  Davies baths act on
the whole chain: their generator is built in the energy eigenbasis, row-major vectorized
(vec(rho)[n d + m] = rho[n, m]), and the Lamb shift is neglected.
"""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from lindbath import validation
from lindbath.baths import Bath, davies_transitions
from lindbath.hamiltonians import Chain
from lindbath.nojump import nojump_steady
from lindbath.pauli import embed, lindblad_superop, superop_matrix, to_pauli
from lindbath.states import State

log = logging.getLogger(__name__)
SOLVERS = ("auto", "direct", "krylov", "nojump")
METHODS = ("exact", "mps")
NOJUMP_OPTIONS = ("restart", "symmetry")
DIRECT_MAX_DIM = 4**6  # sparse LU up to here when the no-jump solver does not apply
RESIDUAL_OK = 1e-8  # ||L(rho)||_F above this marks the result unconverged


def check_baths(chain: Chain, baths: Sequence[Bath]) -> None:
    """Validate a bath list against a chain before any heavy work."""
    for bath in baths:
        if not isinstance(bath, Bath):
            raise ValueError(f"baths must be lindbath.Bath objects; got {type(bath).__name__}")
        bath.check(chain)
    kinds = {bath.kind == "davies" for bath in baths}
    if len(kinds) > 1:
        raise ValueError("kind='davies' cannot be combined with two-site baths "
                         "('db', 'fr', 'local') in one Liouvillian")


def is_davies(baths: Sequence[Bath]) -> bool:
    """True if the baths are global Davies baths (energy-basis generator)."""
    return any(bath.kind == "davies" for bath in baths)


def liouvillian(chain: Chain, baths: Sequence[Bath]) -> sp.csr_matrix:
    """The generator L of d rho/dt = L(rho) (seed 003, Eq. 2) as a sparse matrix.

    Two-site baths: real matrix acting on Pauli coefficients c_s = Tr(P_s rho).
    Davies baths: complex matrix on vec(rho) in the energy eigenbasis of H.
    """
    check_baths(chain, baths)
    if is_davies(baths):
        return _davies_liouvillian(chain, baths, *la.eigh(chain.hamiltonian().toarray()))
    blocks = [(hamiltonian_block(chain), site) for site in range(chain.N - 1)]
    field = superop_matrix(lindblad_superop(chain.edge_field(), []), 1)
    blocks += [(field, 0), (field, chain.N - 1)]
    blocks += [(bath.pauli_block(chain), bath.first_site(chain)) for bath in baths]
    parts = [embed(block, site, chain.N) for block, site in blocks]
    rows = np.concatenate([p.row for p in parts])
    cols = np.concatenate([p.col for p in parts])
    vals = np.concatenate([p.data for p in parts])
    size = 4**chain.N
    return sp.csr_matrix((vals, (rows, cols)), shape=(size, size))


def hamiltonian_block(chain: Chain) -> np.ndarray:
    """Real 16x16 Pauli-basis matrix of X -> -i[h_b, X] for one bond (seed 003, Eq. 11)."""
    return superop_matrix(lindblad_superop(chain.bond_hamiltonian(), []), 2)


def _davies_liouvillian(chain: Chain, baths: Sequence[Bath], energies: np.ndarray,
                        vectors: np.ndarray) -> sp.csr_matrix:
    """-i[H, .] + sum_w G(w) D[A(w)] in the energy basis (physics.md Sec. 2, Davies):
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


def steady_state(chain: Chain, baths: Sequence[Bath], method: str = "exact",
                 solver: str = "auto", tol: float = 1e-12, maxiter: int = 5000,
                 **options) -> State:
    """Steady state L(rho) = 0, Tr rho = 1 (physics.md Sec. 3).

    method="exact", two-site baths, ``solver``:
    "nojump": matrix-free GMRES on rho preconditioned by the inverse of the no-jump generator
    (lindbath.nojump; relative tolerance ``tol``, about ``maxiter`` products; ``options``
    restart=150 and symmetry=True, the site reflection when the baths are mirror images).
    N = 10: 55 iterations, about 20 s of CPU and 0.6 GB, residual ~1e-13.
    "direct": sparse LU of the real Pauli-basis L with c_0 = Tr rho = 1 fixed,
    L[1:, 1:] c' = -L[1:, 0] (the identity row of L is zero; physics.md Sec. 8).
    "krylov": GCROT(m,k) on the same Pauli-basis system (relative tolerance ``tol``,
    ``maxiter`` outer iterations).
    "auto": "nojump"; if the no-jump generator is singular (some eigenstate of H - iK/2 does
    not decay), "direct" up to dimension 4^6 and "krylov" beyond.
    Davies baths solve in the energy basis with a trace row replacing one equation.
    method="mps": matrix-product-state evolution to the steady state, ``options`` go to
    lindbath.tensor_networks.mps_steady_state (chi, ...).
    """
    validation.choice("method", method, METHODS)
    if method == "mps":
        from lindbath.tensor_networks import mps_steady_state

        return mps_steady_state(chain, baths, **options)
    validation.choice("solver", solver, SOLVERS)
    validation.real("tol", tol, 0.0, strict=True)
    validation.integer("maxiter", maxiter, minimum=1)
    _check_nojump_options(solver, options)
    check_baths(chain, baths)
    start = time.perf_counter()
    if is_davies(baths):
        pauli, details = _davies_steady(chain, baths)
    else:
        pauli, details = _pauli_steady(chain, baths, solver, tol, maxiter, options)
    details["wall_time_s"] = time.perf_counter() - start
    details["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    details["converged"] = int(details.get("converged", 1) == 1
                               and details["residual"] < RESIDUAL_OK)
    log.info("steady state N=%d (%s): residual %.2e in %.1f s", chain.N, details["solver"],
             details["residual"], details["wall_time_s"])
    attrs = {f"bath_{i}": bath.describe() for i, bath in enumerate(baths)}
    return State.from_pauli(chain, pauli, "exact", details, attrs)


def _check_nojump_options(solver: str, options: dict) -> None:
    """Options of method='exact' are those of the no-jump solver (restart, symmetry)."""
    for key in options:
        validation.choice("option", key, NOJUMP_OPTIONS)
    if options and solver not in ("auto", "nojump"):
        raise ValueError(f"options {sorted(options)} apply to solver='nojump' or 'auto' only; "
                         f"got solver={solver!r}")
    if "restart" in options:
        validation.integer("restart", options["restart"], minimum=1)
    if "symmetry" in options:
        validation.choice("symmetry", options["symmetry"], (True, False))


def _pauli_steady(chain: Chain, baths: Sequence[Bath], solver: str, tol: float,
                  maxiter: int, options: dict) -> tuple[np.ndarray, dict]:
    if solver in ("auto", "nojump"):
        try:
            rho, details = nojump_steady(chain, baths, tol, maxiter, **options)
            return to_pauli(rho).real, details
        except ArithmeticError as error:
            if solver == "nojump":
                raise
            log.warning("%s; falling back to the Pauli-basis solvers", error)
        solver = "direct" if 4**chain.N <= DIRECT_MAX_DIM else "krylov"
    gen = liouvillian(chain, baths)
    reduced, rhs = gen[1:, 1:].tocsc(), -gen[1:, 0].toarray().ravel()
    details: dict = {"solver": solver}
    if solver == "direct":
        x = spla.spsolve(reduced, rhs)
    else:
        iterations = []
        x, info = spla.gcrotmk(reduced.tocsr(), rhs, rtol=tol, atol=0.0, maxiter=maxiter,
                               callback=iterations.append)
        details.update(iterations=len(iterations), converged=int(info == 0))
    pauli = np.concatenate([[1.0], x])
    details["residual"] = float(np.linalg.norm(gen @ pauli) / np.sqrt(2**chain.N))
    return pauli, details


def _davies_steady(chain: Chain, baths: Sequence[Bath]) -> tuple[np.ndarray, dict]:
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    gen = _davies_liouvillian(chain, baths, energies, vectors).tolil()
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


def liouvillian_gap(chain: Chain, baths: Sequence[Bath], k: int = 8,
                    dense: bool | None = None) -> float:
    """Slowest nonzero decay rate  min{-Re(lambda) : lambda != 0}  of L: the inverse
    relaxation time to the steady state (seed 003, Sec. IV.2; physics.md Sec. 3).
    ``dense`` (default: dimension <= 4^5) diagonalizes fully; otherwise shift-invert
    Arnoldi finds the ``k`` eigenvalues nearest zero."""
    gen = liouvillian(chain, baths)
    if dense or (dense is None and gen.shape[0] <= 4**5):
        values = la.eigvals(gen.toarray())
    else:
        values = spla.eigs(gen.tocsc(), k=k, sigma=1e-6, return_eigenvectors=False)
    rates = -values.real
    return float(np.min(rates[np.abs(values) > 1e-9]))
