"""Inverting one thermal reference curve O(beta) for beta ([P] Sec. IV.2;
docs/conventions.md, "Thermometry").

The curve, known on a grid beta_0 < ... < beta_n, is interpolated by a cubic spline S.  Its
error is estimated by Richardson's rule from the spline C through every second grid point
(cubic splines converge as h^4, so the error of S is |S - C| / 15 asymptotically), with a
safety factor of 4 for grids that are not yet asymptotic: dO(beta) = |S - C| / 3.75, plus
round-off.

Roots: every beta in [beta_0, beta_n] with S(beta) = O.  At a turning point t (S'(t) = 0)
whose value S(t) is within dO(t) of O, the roots near t cannot be told apart from t: they
are replaced by t (a stationary root).

Branches are the monotone stretches of S between its turning points.  One root: that root.
Several (a non-monotone curve, e.g. the magnetization of an antiferromagnet in a field): the
root on the branch that holds the *hint*, the temperature of a monotone thermometer at the
same place (the bond energy, lindbath.analysis.temperatures), unless the hint's error bar
straddles a turning point or its branch holds no root (ambiguous).  The nearest other root
is kept.

A value error dO becomes a beta error by the local quadratic model of S: the smallest x > 0
with |S'(beta)| x + |S''(beta)| x^2 / 2 = dO, i.e.
x = 2 dO / (|S'| + sqrt(S'^2 + 2 |S''| dO)), which stays finite where S' = 0.

Flags (CF ``flag_values``/``flag_meanings``):

    0 ok                    beta found;
    1 out_of_range          no root in the table's beta range (or a NaN value or curve);
    2 ambiguous_branch      several roots and no hint that picks one;
    3 unresolved            the table does not resolve beta: the interpolation error bar
                            exceeds ``tol`` max(|beta|, BETA_FLOOR), because the curve is
                            (nearly) stationary at the root (a turning point, a constant
                            curve such as <sigma^y>) or the grid is too coarse; the error
                            bar is still reported;
    4 unconverged_reference the check curves (a shorter reference chain, a second bond
                            dimension) differ from the primary curve at the root by more
                            than ``reference_tol`` max(|beta|, BETA_FLOOR) in beta.

beta is NaN unless the flag is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.interpolate import CubicSpline

from lindbath.errors import InputError

__all__ = ["AMBIGUOUS_BRANCH", "FLAG_MEANINGS", "FLAG_VALUES", "OK", "OUT_OF_RANGE",
           "UNCONVERGED_REFERENCE", "UNRESOLVED", "Inversion", "ReferenceCurve", "invert"]

OK, OUT_OF_RANGE, AMBIGUOUS_BRANCH, UNRESOLVED, UNCONVERGED_REFERENCE = 0, 1, 2, 3, 4
FLAG_MEANINGS = "ok out_of_range ambiguous_branch unresolved unconverged_reference"
FLAG_VALUES = [OK, OUT_OF_RANGE, AMBIGUOUS_BRANCH, UNRESOLVED, UNCONVERGED_REFERENCE]
ROUND_OFF = 1e-12  # relative round-off of a reference value
BETA_FLOOR = 1e-2  # tolerances are relative to max(|beta|, BETA_FLOOR)
MIN_POINTS = 7     # the Richardson estimate needs a coarse spline of at least 4 points


@dataclass(frozen=True)
class Inversion:
    """One inverted value: beta (NaN unless flag == OK), its flag, the interpolation error
    bar, the reference error (check curves) and the nearest other root (NaN: none)."""

    beta: float
    flag: int
    error: float = np.nan
    reference_error: float = np.nan
    other_root: float = np.nan


class ReferenceCurve:
    """The spline S of one reference curve, its turning points and its error estimate."""

    def __init__(self, betas: np.ndarray, values: np.ndarray):
        """InputError unless ``betas`` increase strictly (sort the table first)."""
        self.betas = np.asarray(betas, dtype=float)
        if np.any(np.diff(self.betas) <= 0):
            raise InputError("a reference curve needs strictly increasing betas (sort the "
                             f"table by beta); got {self.betas.tolist()}")
        values = np.asarray(values, dtype=float)
        self.finite = bool(np.all(np.isfinite(values))) and self.betas.size >= 2
        scale = float(np.abs(values).max()) if self.finite else 0.0
        self.noise = ROUND_OFF * max(1.0, scale)
        self.flat = not self.finite or float(np.ptp(values)) <= self.noise
        if self.flat:
            self.mean = float(values.mean()) if self.finite else np.nan
            return
        self.spline = CubicSpline(self.betas, values)
        self.slope, self.curvature = self.spline.derivative(1), self.spline.derivative(2)
        coarse = np.unique(np.r_[np.arange(0, self.betas.size, 2), self.betas.size - 1])
        self.coarse = CubicSpline(self.betas[coarse], values[coarse]) \
            if self.betas.size >= MIN_POINTS else None
        turns = self.slope.roots(extrapolate=False)
        self.turns = np.sort(turns[np.isfinite(turns) & (turns > self.betas[0])
                                   & (turns < self.betas[-1])])

    def __call__(self, beta: float) -> float:
        return self.mean if self.flat else float(self.spline(beta))

    def value_error(self, beta: float) -> float:
        """dO(beta) = |S - C| / 3.75 + round-off (infinite on a grid too short to tell)."""
        if self.coarse is None:
            return np.inf
        return abs(float(self.spline(beta) - self.coarse(beta))) / 3.75 + self.noise

    def beta_error(self, beta: float, value_error: float) -> float:
        """The beta error of a value error by the quadratic model of the module docstring."""
        slope, curvature = abs(float(self.slope(beta))), abs(float(self.curvature(beta)))
        if not np.isfinite(value_error):
            return np.inf
        denominator = slope + np.sqrt(slope**2 + 2.0 * curvature * value_error)
        return 2.0 * value_error / denominator if denominator > 0 else np.inf

    def roots(self, value: float) -> np.ndarray:
        """Sorted roots of S(beta) = value in the grid's range, stationary roots merged."""
        roots = self.spline.solve(value, extrapolate=False)
        roots = roots[np.isfinite(roots)]
        for turn in self.turns:
            error = self.value_error(turn)
            if abs(self(turn) - value) <= error:
                width = 2.0 * self.beta_error(turn, error)
                roots = np.r_[roots[np.abs(roots - turn) > width], turn]
        roots = np.sort(roots)
        return roots[np.r_[True, np.diff(roots) > 1e-12 * max(1.0, self.betas[-1])]] \
            if roots.size else roots

    def branch(self, roots: np.ndarray, hint: float, hint_error: float) -> int | None:
        """Index of the one root on the hint's branch, or None (module docstring)."""
        if roots.size == 1:
            return 0
        if not np.isfinite(hint):
            return None
        error = hint_error if np.isfinite(hint_error) else 0.0
        if np.any(np.abs(self.turns - hint) <= error):
            return None
        k = int(np.searchsorted(self.turns, hint))
        low = self.turns[k - 1] if k > 0 else -np.inf
        high = self.turns[k] if k < self.turns.size else np.inf
        inside = np.flatnonzero((roots >= low) & (roots <= high))
        return int(inside[0]) if inside.size == 1 else None


def invert(curve: ReferenceCurve, value: float, checks: Sequence[ReferenceCurve] = (),
           hint: float = np.nan, hint_error: float = np.nan, tol: float = 1e-3,
           reference_tol: float = 0.02) -> Inversion:
    """beta with S(beta) = ``value`` on ``curve``, flagged and with its error bars (module
    docstring); ``checks`` are the same reference at a shorter length or another bond
    dimension, ``hint`` (with ``hint_error``) the monotone thermometer choosing the branch."""
    if not np.isfinite(value) or not curve.finite:
        return Inversion(np.nan, OUT_OF_RANGE)
    if curve.flat:
        flag = UNRESOLVED if abs(value - curve.mean) <= curve.noise else OUT_OF_RANGE
        return Inversion(np.nan, flag, np.inf)
    roots = curve.roots(value)
    if roots.size == 0:
        return Inversion(np.nan, OUT_OF_RANGE)
    index = curve.branch(roots, hint, hint_error)
    if index is None:
        return Inversion(np.nan, AMBIGUOUS_BRANCH)
    beta = float(roots[index])
    others = np.delete(roots, index)
    other = float(others[np.argmin(np.abs(others - beta))]) if others.size else np.nan
    error = curve.beta_error(beta, curve.value_error(beta))
    differences = [abs(check(beta) - curve(beta)) for check in checks]
    reference_error = curve.beta_error(beta, max(differences)) if differences else np.nan
    scale = max(abs(beta), BETA_FLOOR)
    if error > tol * scale:
        return Inversion(np.nan, UNRESOLVED, error, reference_error, other)
    if reference_error > reference_tol * scale:
        return Inversion(np.nan, UNCONVERGED_REFERENCE, error, reference_error, other)
    return Inversion(beta, OK, error, reference_error, other)
