"""Krylov (Arnoldi) propagation of a vector under a real sparse generator, with dense
output on a time grid and a posteriori error control (Saad 1992; Hochbruck and Lubich 1997);
no matrix exponential of the generator is ever formed."""

from __future__ import annotations

import logging
import time

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp

from lindbath.errors import SolverError
from lindbath.progress import progress

__all__ = ["krylov_observe"]

log = logging.getLogger(__name__)


def krylov_observe(op: sp.csr_matrix, v: np.ndarray, times: np.ndarray,
                   weights: np.ndarray | sp.spmatrix, krylov_dim: int = 30,
                   tol: float = 1e-10) -> tuple[np.ndarray, dict]:
    """weights . e^{op t} v for every t in ``times`` (sorted, >= 0), op real sparse, v real.

    ``weights``: one row (n,), giving out[t], or k rows (k, n) (dense, or sparse as a
    selection of entries of e^{op t} v), giving out[t, k].

    Arnoldi steps (Saad 1992; Hochbruck and Lubich 1997): with op V_m = V_m H_m +
    h v_{m+1} e_m^T, e^{op tau} v ~ |v| V_m e^{tau H_m} e_1, and the error estimate
    |v| |F[m, 0]|, F = expm(tau [[H_m, 0], [h e_m^T, 0]]) (= |v| h int_0^tau e_m^T e^{s H_m}
    e_1 ds).  Each step takes a tau whose estimate is <= tol |v0| tau / t_end (so the
    estimates add up to <= tol |v0|) and reports every grid time inside it from the same
    basis (dense output).
    """
    start, t_end = time.perf_counter(), times[-1]
    out = np.zeros((times.size, *weights.shape[:-1]), dtype=complex)
    target = tol * np.linalg.norm(v) / max(t_end, 1e-300)
    now, tau, done = 0.0, t_end, int(np.count_nonzero(times == 0))
    out[:done] = weights @ v
    stats = {"steps": 0, "matvecs": 0, "error_estimate": 0.0, "min_step": t_end, "max_step": 0.0}
    bar = progress(total=t_end, desc="Krylov propagation", unit="t")
    while done < times.size:
        norm = np.linalg.norm(v)
        basis, hessenberg = _arnoldi(op, v / norm, min(krylov_dim, v.size))
        m = hessenberg.shape[1]
        tau, error, step_exp = _step(hessenberg, norm, min(2 * tau, t_end - now), target)
        stop = times.size if now + tau >= t_end else np.searchsorted(times, now + tau, "right")
        projected = _project(basis[:m], weights)
        out[done:stop] = norm * _dense_output(hessenberg[:m], times[done:stop] - now) @ projected
        v = norm * basis[:m].T @ step_exp[:m, 0]
        now, done = now + tau, int(stop)
        bar.update(min(now, t_end) - bar.n)
        stats.update(steps=stats["steps"] + 1, matvecs=stats["matvecs"] + m,
                     error_estimate=stats["error_estimate"] + error,
                     min_step=min(stats["min_step"], tau), max_step=max(stats["max_step"], tau))
        log.info("Krylov step %d: t = %.4g (tau = %.3g, m = %d, error estimate %.1e), %.1f s",
                 stats["steps"], now, tau, m, error, time.perf_counter() - start)
    bar.close()
    stats.update(krylov_dim=krylov_dim, tol=tol, wall_time_s=time.perf_counter() - start)
    return out, stats


def _project(basis: np.ndarray, weights: np.ndarray | sp.spmatrix) -> np.ndarray:
    """basis . weights^T: (m,) for one row of weights, (m, k) for k rows; real products
    only (a complex row is split into its real and imaginary parts)."""
    if sp.issparse(weights):
        return np.asarray(weights @ basis.T).T
    return (weights.real @ basis.T).T + 1j * (weights.imag @ basis.T).T


def _dense_output(h: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Rows e^{s h} e_1 for increasing offsets s, chained as e^{(s_j - s_j-1) h} e^{s_j-1 h} e_1
    so that a uniform grid needs only two small matrix exponentials."""
    rows = np.zeros((offsets.size, h.shape[0]))
    y, previous, spacing, step = np.eye(h.shape[0])[0], 0.0, np.nan, None
    for j, s in enumerate(offsets):
        if not abs(s - previous - spacing) <= 1e-13 * max(s, 1.0):
            spacing = s - previous
            step = la.expm(spacing * h)
        y = step @ y
        rows[j], previous = y, s
    return rows


def _arnoldi(op: sp.csr_matrix, v: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal rows V (m+1, n) and Hessenberg H (m+1, m) with op V[:m].T = V.T H,
    classical Gram-Schmidt applied twice; stops early on an invariant subspace (then
    H has k+1 rows with a zero last row)."""
    basis = np.zeros((m + 1, v.size))
    hessenberg = np.zeros((m + 1, m))
    basis[0] = v
    for j in range(m):
        w = op @ basis[j]
        scale = np.linalg.norm(w)
        for _ in range(2):
            coeff = basis[: j + 1] @ w
            w -= basis[: j + 1].T @ coeff
            hessenberg[: j + 1, j] += coeff
        hessenberg[j + 1, j] = np.linalg.norm(w)
        if hessenberg[j + 1, j] <= 1e-13 * max(scale, 1e-300):
            hessenberg[j + 1, j] = 0.0
            return basis[: j + 2], hessenberg[: j + 2, : j + 1]
        basis[j + 1] = w / hessenberg[j + 1, j]
    return basis, hessenberg


def _step(hessenberg: np.ndarray, norm: float, tau_max: float,
          target: float) -> tuple[float, float, np.ndarray]:
    """Nearly the longest tau <= tau_max with error estimate <= target tau: starting at
    tau_max, tau is rescaled by the estimate's ~tau^m growth relative to target tau
    (shrinking by 0.1 to 0.5, growing by 1.1 to 4 per try).  Returns (tau, estimate, F) with
    F = expm(tau augmented H), whose top-left block is expm(tau H_m)."""
    m = hessenberg.shape[1]
    augmented = np.zeros((m + 1, m + 1))
    augmented[:, :m] = hessenberg
    tau, accepted = tau_max, None
    while True:
        exp = la.expm(tau * augmented)
        error = norm * abs(exp[m, 0]) if np.all(np.isfinite(exp)) else np.inf
        scale = 0.9 * (target * tau / error) ** (1.0 / m) if error > 0 else np.inf
        if error <= target * tau:
            accepted = (tau, error, exp)
            if tau >= tau_max or scale < 1.1:
                return accepted
            tau = min(tau_max, tau * min(scale, 4.0))
        elif accepted is not None:
            return accepted
        elif tau < 1e-12:
            raise SolverError("Krylov propagation cannot meet its tolerance")
        else:
            tau *= max(0.1, min(0.5, scale))
