"""Flexible GMRES (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., SIAM 2003,
Algorithm 9.6) for real vectors, right-preconditioned by z_j = P(v_j).

Each cycle builds the Arnoldi relation A Z_m = V_{m+1} H_m with the preconditioned vectors
z_j stored as they came out of P, and returns x = x_0 + Z_m y_m with y_m minimizing
||beta e_1 - H_m y||.  Because the stored z_j are the ones A was applied to, the relation
holds to double-precision rounding whatever precision P works in: a single-precision P
(stored in ``store`` = float32) slows convergence by its rounding at most, it does not
limit the attainable residual.  Orthogonalization is classical Gram-Schmidt applied twice
(matrix-vector products on the whole basis, as accurate as modified Gram-Schmidt).  A
cycle ends at ``restart`` vectors or when its residual estimate reaches the target; the
next one starts from the true residual b - A x.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["flexible_gmres"]

Map = Callable[[np.ndarray], np.ndarray]


def flexible_gmres(operator: Map, precondition: Map, rhs: np.ndarray, target: float,
                   restart: int, maxiter: int, store: type = np.float64,
                   report: Callable[[float], None] = lambda relative: None
                   ) -> tuple[np.ndarray, float, int]:
    """x with ||rhs - operator(x)||_2 <= target, starting from x = 0, after at most
    ``maxiter`` applications of ``operator`` (besides one per cycle for the true residual)
    inside cycles of at most ``restart``; ``report`` receives the estimate of
    ||rhs - operator(x)|| / ||rhs|| after each.  Returns (x, true residual norm, cycles)."""
    x = np.zeros_like(rhs)
    scale = float(np.linalg.norm(rhs))
    residual, norm = rhs, scale
    basis = np.empty((restart + 1, rhs.size))
    images = np.empty((restart, rhs.size), dtype=store)
    iterations = cycles = 0
    while norm > target and iterations < maxiter:
        cycles += 1
        ratio = norm / scale
        steps = _cycle(operator, precondition, residual / norm, basis, images,
                       min(restart, maxiter - iterations), target / norm,
                       lambda estimate, ratio=ratio: report(estimate * ratio))
        iterations += steps.size
        for weight, image in zip(steps, images, strict=False):
            x += np.float64(weight * norm) * image
        residual = rhs - operator(x)
        norm = float(np.linalg.norm(residual))
    return x, norm, cycles


def _cycle(operator: Map, precondition: Map, start: np.ndarray, basis: np.ndarray,
           images: np.ndarray, length: int, relative_target: float,
           report: Callable[[float], None]) -> np.ndarray:
    """One Arnoldi cycle from the unit vector ``start``; fills basis and images in place and
    returns the coefficients y of the z_j (as many as products were made)."""
    hessenberg = np.zeros((length + 1, length))
    basis[0] = start
    unit = np.zeros(length + 1)
    unit[0] = 1.0
    for j in range(length):
        images[j] = precondition(basis[j])
        w = operator(images[j])
        for _ in range(2):  # classical Gram-Schmidt, twice
            overlaps = basis[:j + 1] @ w
            w -= overlaps @ basis[:j + 1]
            hessenberg[:j + 1, j] += overlaps
        hessenberg[j + 1, j] = np.linalg.norm(w)
        y, *_ = np.linalg.lstsq(hessenberg[:j + 2, :j + 1], unit[:j + 2], rcond=None)
        estimate = float(np.linalg.norm(unit[:j + 2] - hessenberg[:j + 2, :j + 1] @ y))
        report(estimate)
        if estimate <= relative_target or hessenberg[j + 1, j] == 0.0:
            return y
        basis[j + 1] = w / hessenberg[j + 1, j]
    return y
