"""Steady states of [P] Eq. 2 as Pauli-basis MPS by variational sweeps (no time evolution).

The Liouvillian L = sum_b M_b (lindbath.mps.generators.liouvillian_blocks) is written as a
matrix product operator (MPO) and the steady state is found like a DMRG ground state: in
mixed-canonical form the MPS is an isometric embedding P of the two-site tensor theta of
bond (l, l+1), and theta is replaced by the eigenvector of the projected generator
P^T L P whose eigenvalue is closest to 0 (the Galerkin condition of L rho = 0: the steady
state is L's eigenvector with eigenvalue 0; the projected generator is not dissipative in
the Pauli 2-norm and can have spurious eigenvalues of positive real part, so "closest to 0"
and not "rightmost"), then split by an SVD that keeps at most chi singular values.  Sweeps
right and left repeat until the local observables stop changing.  Nothing evolves in time,
so there is no time step, no relaxation time ~ N^2 and no truncation noise: the same inputs
give the same numbers.

A ladder of bond dimensions chi_start, 2 chi_start, ..., chi gives the bond-dimension
check: the change of the observables between the last two rungs (chi_gap).
"""

from __future__ import annotations

import logging
import math
import time
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.linalg as la

from lindbath.model.baths import Bath
from lindbath.model.chain import Chain
from lindbath.model.state import State
from lindbath.mps.generators import steady_generator
from lindbath.mps.pauli_mps import PauliMPS, Truncation, svd_split
from lindbath.mps.purification import thermal_operator
from lindbath.mps.settings import SteadySettings
from lindbath.mps.strings import checked, from_flat, measure, measured_strings
from lindbath.progress import progress

__all__ = ["LOCAL_TOL", "chi_ladder", "eigenpair_nearest_zero", "generator_residual",
           "mpo_from_blocks", "variational_steady_state"]

log = logging.getLogger(__name__)
DENSE_LIMIT = 512  # local problems up to this size are solved densely (numpy eig)
KRYLOV_DIM = 40  # Arnoldi basis of the local eigenproblem between restarts
LOCAL_TOL = 1e-7  # local eigen-residual ||A x - theta x|| relative to ||H|| (Arnoldi estimate)
MAX_RESTARTS = 30


def mpo_from_blocks(blocks: Sequence[np.ndarray], tol: float = 1e-13) -> list[np.ndarray]:
    """MPO W_1 ... W_N of G = sum_b M_b, M_b a 16x16 Pauli-basis block on bond (b, b+1).

    Each block is split by an operator SVD, M_b = sum_k A_k (x) B_k (rank r_b <= 16;
    singular values below ``tol`` times the largest dropped), and the MPO is the finite
    automaton with states 0 (no term yet), 1..r (A_k placed on the left site) and last (term
    complete): W_l[0, 0] = W_l[last, last] = I, W_l[0, k] = A_k of bond l,
    W_l[k, last] = B_k of bond l-1.  Tensors have shape (w_left, 4 out, 4 in, w_right),
    w = 1 at both ends.
    """
    factors = [_operator_svd(block, tol) for block in blocks]
    n = len(blocks) + 1
    mpo = []
    for site in range(n):
        left = factors[site - 1][1] if site > 0 else []
        right = factors[site][0] if site < n - 1 else []
        w = np.zeros((len(left) + 2, 4, 4, len(right) + 2))
        w[0, :, :, 0] = w[-1, :, :, -1] = np.eye(4)
        for k, a in enumerate(right):
            w[0, :, :, 1 + k] = a
        for k, b in enumerate(left):
            w[1 + k, :, :, -1] = b
        mpo.append(w)
    mpo[0], mpo[-1] = mpo[0][:1], mpo[-1][..., -1:]
    return mpo


def _operator_svd(block: np.ndarray, tol: float) -> tuple[list, list]:
    """A_k, B_k (4x4, out x in) with block = sum_k kron(A_k, B_k)."""
    m = block.reshape(4, 4, 4, 4).transpose(0, 2, 1, 3).reshape(16, 16)
    u, s, vh = la.svd(m)
    rank = int(np.count_nonzero(s > tol * s[0])) if s[0] > 0 else 0
    root = np.sqrt(s[:rank])
    return ([(u[:, k] * root[k]).reshape(4, 4) for k in range(rank)],
            [(vh[k] * root[k]).reshape(4, 4) for k in range(rank)])


def _grow_left(env: np.ndarray, a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """E'[b, v, b'] = sum A[a, o, b] E[a, w, a'] W[w, o, i, v] A[a', i, b']."""
    t = np.tensordot(env, a, axes=(2, 0))  # (a, w, i, b')
    t = np.tensordot(t, w, axes=([1, 2], [0, 2]))  # (a, b', o, v)
    return np.tensordot(a, t, axes=([0, 1], [0, 2])).transpose(0, 2, 1)


def _grow_right(env: np.ndarray, a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """F'[a, w, a'] = sum A[a, o, b] F[b, v, b'] W[w, o, i, v] A[a', i, b']."""
    t = np.tensordot(a, env, axes=(2, 2))  # (a', i, b, v)
    t = np.tensordot(t, w, axes=([1, 3], [2, 3]))  # (a', b, w, o)
    return np.tensordot(a, t, axes=([1, 2], [3, 1])).transpose(0, 2, 1)


def _apply(left: np.ndarray, w1: np.ndarray, w2: np.ndarray, right: np.ndarray,
           theta: np.ndarray) -> np.ndarray:
    """Projected generator P^T L P on a two-site tensor theta (a', i, j, b')."""
    t = np.tensordot(left, theta, axes=(2, 0))  # (a, w, i, j, b')
    t = np.tensordot(t, w1, axes=([1, 2], [0, 2]))  # (a, j, b', o, v)
    t = np.tensordot(t, w2, axes=([4, 1], [0, 2]))  # (a, b', o, p, u)
    return np.tensordot(t, right, axes=([1, 4], [2, 1]))  # (a, o, p, b)


def eigenpair_nearest_zero(matvec, start: np.ndarray) -> tuple[complex, np.ndarray, float]:
    """Eigenpair (theta, x) of the linear map ``matvec`` with theta closest to 0, and the
    relative residual ||A x - theta x|| / ||H||, by explicitly restarted Arnoldi from
    ``start`` (KRYLOV_DIM vectors, restarted from the chosen Ritz vector until the residual
    is below LOCAL_TOL or after MAX_RESTARTS); dense for sizes <= DENSE_LIMIT.  x is real
    (the phase of its largest entry removed).  Deterministic: no random start vector."""
    n = start.size
    if n <= DENSE_LIMIT:
        values, vectors = la.eig(np.column_stack([matvec(e) for e in np.eye(n)]))
        k = _nearest_zero(values)
        return values[k], _real_phase(vectors[:, k]), 0.0
    x, residual = start / np.linalg.norm(start), math.inf
    for _ in range(MAX_RESTARTS):
        value, x, residual = _arnoldi_cycle(matvec, x, min(KRYLOV_DIM, n - 1))
        if residual < LOCAL_TOL:
            break
    return value, x, residual


def _arnoldi_cycle(matvec, x: np.ndarray, m: int) -> tuple[complex, np.ndarray, float]:
    """One Arnoldi cycle of length m from unit vector x (two Gram-Schmidt passes): the Ritz
    pair closest to 0 and its residual |h_{m+1,m} y_m| / ||H||."""
    q, h = np.zeros((x.size, m + 1)), np.zeros((m + 1, m))
    q[:, 0] = x
    for j in range(m):
        w = matvec(q[:, j])
        for _ in range(2):
            c = q[:, :j + 1].T @ w
            w -= q[:, :j + 1] @ c
            h[:j + 1, j] += c
        h[j + 1, j] = np.linalg.norm(w)
        if h[j + 1, j] <= 1e-14 * np.abs(h[:j + 1, :j + 1]).max():
            m = j + 1  # invariant subspace: the Ritz pairs are exact
            break
        q[:, j + 1] = w / h[j + 1, j]
    values, vectors = la.eig(h[:m, :m])
    k = _nearest_zero(values)
    y = vectors[:, k] / np.linalg.norm(vectors[:, k])
    residual = abs(h[m, m - 1] * y[-1]) / max(np.abs(h[:m, :m]).max(), 1e-300)
    return values[k], _real_phase(q[:, :m] @ y), float(residual)


def _nearest_zero(values: np.ndarray) -> int:
    """Index of the eigenvalue closest to 0."""
    return int(np.argmin(np.abs(values)))


def _real_phase(vector: np.ndarray) -> np.ndarray:
    """The real unit vector of an eigenvector defined up to a phase: the largest component
    rotated onto the positive real axis, the (round-off) imaginary part dropped."""
    k = int(np.argmax(np.abs(vector)))
    real = np.real(vector * np.exp(-1j * np.angle(vector[k])))
    return real / np.linalg.norm(real)


class Sweeper:
    """Environments and two-site updates of the variational steady-state search."""

    def __init__(self, mps: PauliMPS, mpo: list[np.ndarray]):
        self.mps, self.mpo = mps, mpo
        n = mps.N
        mps.move_center(0)
        self.left: list = [np.ones((1, 1, 1))] + [None] * n
        self.right: list = [None] * n + [np.ones((1, 1, 1))]
        for site in reversed(range(1, n)):
            self.right[site] = _grow_right(self.right[site + 1], mps.tensors[site],
                                           mpo[site])
        self.residuals: list[float] = []

    def update(self, bond: int, trunc: Truncation, to_right: bool) -> None:
        """Replace the tensors of (bond, bond+1) by the Galerkin eigenvector (eigenvalue
        closest to 0), truncated to trunc.chi; the centre moves on in the sweep direction."""
        mps = self.mps
        mps.move_center(bond)
        theta = np.tensordot(mps.tensors[bond], mps.tensors[bond + 1], axes=(2, 0))
        shape = theta.shape
        left, right = self.left[bond], self.right[bond + 2]
        w1, w2 = self.mpo[bond], self.mpo[bond + 1]
        _, vector, residual = eigenpair_nearest_zero(
            lambda x: _apply(left, w1, w2, right, x.reshape(shape)).ravel(), theta.ravel())
        self.residuals.append(residual)
        mps.set_bond(bond, *svd_split(vector.reshape(shape[0] * 4, 4 * shape[3]), trunc,
                                      to_right), to_right)
        if to_right:
            self.left[bond + 1] = _grow_left(left, mps.tensors[bond], w1)
        else:
            self.right[bond + 1] = _grow_right(right, mps.tensors[bond + 1], w2)

    def sweep(self, trunc: Truncation) -> None:
        """One sweep right, then left, over every bond."""
        self.residuals = []
        bonds = range(self.mps.N - 1)
        for bond in bonds:
            self.update(bond, trunc, True)
        for bond in reversed(bonds):
            self.update(bond, trunc, False)


def generator_residual(mps: PauliMPS, mpo: list[np.ndarray]) -> float:
    """||L c|| / ||c|| in the Pauli 2-norm (c the MPS's coefficient vector): the distance of
    the MPS from being stationary, from the two-layer transfer matrices of <c|L^T L|c>."""
    env = np.ones((1, 1, 1, 1))
    norm = np.ones((1, 1))
    for a, w in zip(mps.tensors, mpo, strict=True):
        t = np.tensordot(env, a, axes=(3, 0))  # (a, w, v, j, b')
        t = np.tensordot(t, w, axes=([2, 3], [0, 2]))  # (a, w, b', p, v')
        t = np.tensordot(t, w, axes=([1, 3], [0, 1]))  # (a, b', v', i, w')
        env = np.tensordot(a, t, axes=([0, 1], [0, 3])).transpose(0, 3, 2, 1)
        norm = np.tensordot(np.tensordot(norm, a, axes=(1, 0)), a, axes=([0, 1], [0, 1]))
        scale = np.abs(norm).max()
        env, norm = env / scale, norm / scale
    return float(np.sqrt(max(env.ravel()[0], 0.0) / norm.ravel()[0]))


def chi_ladder(chi_start: int, chi: int) -> list[int]:
    """Bond dimensions chi_start, 2 chi_start, ... below chi, then chi."""
    ladder = [chi_start]
    while 2 * ladder[-1] < chi:
        ladder.append(2 * ladder[-1])
    return ladder + [chi] if ladder[-1] < chi else ladder


def _chi_gap(rungs: list[np.ndarray], last_discarded: float) -> float:
    """Largest change of the observables between the last two rungs; 0 if the last rung
    discarded nothing (the MPS then holds the Galerkin fixed point without truncation, at
    N <= 2 log4(chi) + 1 for example); inf with a single truncated rung."""
    if last_discarded == 0.0:
        return 0.0
    return float(np.abs(rungs[-1] - rungs[-2]).max()) if len(rungs) > 1 else math.inf


def variational_steady_state(chain: Chain, baths: Sequence[Bath], chi: int, cutoff: float,
                             settings: SteadySettings) -> State:
    """Steady state by variational sweeps (module docstring) at the bond dimensions
    chi_ladder(settings.chi_start, chi), each rung swept (at most settings.max_sweeps
    times) until the CONVERGED_NAMES observables change by less than obs_tol / 10 from
    one sweep to the next; starts from the thermal MPS at settings.init_beta.

    residual = the larger of chi_gap (_chi_gap: the observables' change between the last
    two rungs) and the last sweep's change; converged = 1 if every rung was reached within
    the budget, the last one's sweeps converged and residual < obs_tol (otherwise a
    RuntimeWarning).
    Diagnostics: chi_gap, sweeps, generator_residual (||L c|| / ||c||), max_local_residual,
    discarded weights, wall time and the per-sweep history."""
    mpo = mpo_from_blocks(steady_generator(chain, baths))
    start, strings = time.perf_counter(), measured_strings(chain, baths)
    ladder = chi_ladder(min(settings.chi_start, chi), chi)
    mps = thermal_operator(chain, settings.init_beta, ladder[0], cutoff)
    sweeper, trunc = Sweeper(mps, mpo), Truncation(chi, cutoff, "svd")
    history: dict[str, list] = {"chi": [], "change": [], "wall": []}

    def out_of_time() -> bool:
        return time.perf_counter() - start >= settings.max_wall_s

    flat = measure(mps, strings)
    values, rungs = checked(chain, strings, flat), []
    with progress(desc=f"mps variational N={chain.N} chi={chi}", unit="sweep") as bar:
        for rung_chi in ladder:
            trunc.chi, trunc.max_discarded = rung_chi, 0.0
            change, sweeps = math.inf, 0
            while change >= settings.obs_tol / 10 and sweeps < settings.max_sweeps \
                    and not out_of_time():
                sweeper.sweep(trunc)
                flat = measure(mps, strings)
                current = checked(chain, strings, flat)
                change, values, sweeps = float(np.abs(current - values).max()), current, \
                    sweeps + 1
                for key, value in zip(history, (rung_chi, change,
                                                time.perf_counter() - start), strict=True):
                    history[key].append(value)
                bar.update(1)
                bar.set_postfix_str(f"chi {rung_chi} change {change:.1e}", refresh=False)
                log.info("mps variational N=%d chi=%d sweep %d: change %.2e (%.0f s)",
                         chain.N, rung_chi, sweeps, change, time.perf_counter() - start)
            rungs.append(values)
            if out_of_time():
                break
    finished = change < settings.obs_tol / 10 and len(rungs) == len(ladder)
    chi_gap = _chi_gap(rungs, trunc.max_discarded)
    residual = max(chi_gap, change)
    converged = int(finished and residual < settings.obs_tol)
    if not converged:
        warnings.warn(f"mps variational steady state N={chain.N}: not converged (chi_gap "
                      f"{chi_gap:.1e}, last sweep change {change:.1e}, obs_tol "
                      f"{settings.obs_tol:g}); converged = 0 (increase chi or max_sweeps)",
                      RuntimeWarning, stacklevel=3)
    diagnostics = {
        "algorithm": "variational", "chi": chi, "chi_start": ladder[0], "cutoff": cutoff,
        "max_bond": trunc.max_bond, "discarded_weight": trunc.discarded,
        "max_discarded": trunc.max_discarded,  # of the last rung
        "init_beta": settings.init_beta, "obs_tol": settings.obs_tol,
        "chi_gap": chi_gap, "sweeps": len(history["change"]), "last_change": change,
        "generator_residual": generator_residual(mps, mpo),
        "max_local_residual": max(sweeper.residuals, default=0.0),
        "finished": int(finished), "converged": converged,
        "wall_time_s": time.perf_counter() - start,
        **{f"history_{k}": np.asarray(v, dtype=float) for k, v in history.items()}}
    attrs = {f"bath_{i}": bath.describe() for i, bath in enumerate(baths)}
    return State(chain, "steady", "mps", from_flat(chain, baths, strings, flat), residual,
                 diagnostics, attrs)
