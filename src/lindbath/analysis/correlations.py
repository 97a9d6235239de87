"""Analysis of two-time correlations C(t) ([P] Sec. IV.3, Figs. 6-7): the reflection time
(light cone: a signal from the observed site N reaches the bath edge and comes back), when a
chain first departs from a longer one, and the power-law decay of the envelope of |C(t)|
with its uncertainty."""

from __future__ import annotations

import numpy as np
import xarray as xr

from lindbath import validation

__all__ = ["fit_envelope_power_law", "light_cone_reflection_time", "max_group_velocity",
           "reflection_time"]

COMPLEX_VARIABLES = ("connected", "full")


def max_group_velocity(J: float, Delta: float, hx: float) -> float:
    """Largest group velocity of the free quasiparticles of the chain's integrable part
    ([P] Eq. 1 with Pauli matrices, docs/conventions.md), the speed of the light cone:

    - J != 0: one magnon on a polarized background hops with amplitude 2J
      (J (sx sx + sy sy) = 2J (s+ s- + s- s+)), so eps(k) = 4J cos k and v = 4|J|
      (Delta and hz shift eps by constants; hx mixes magnon numbers and is neglected);
    - J = 0 (Ising chain Delta sz sz in a transverse field hx): Jordan-Wigner fermions with
      eps(k) = 2 sqrt(Delta^2 + hx^2 - 2 Delta hx cos k), so v = 2 min(|Delta|, |hx|).
    """
    if J != 0:
        return 4.0 * abs(float(J))
    velocity = 2.0 * min(abs(float(Delta)), abs(float(hx)))
    if velocity == 0:
        raise ValueError("J, Delta and hx give no propagation (velocity 0): need J != 0 or "
                         "both Delta and hx != 0")
    return velocity


def light_cone_reflection_time(N: int, velocity: float) -> float:
    """2 (N - 1) / v: the time a signal leaving the observed site N at velocity ``velocity``
    takes to reach the bath edge (site 1) and come back; before it, C(t) of sigma^z_N cannot
    depend on the bath or on N ([P] Fig. 6, vertical line)."""
    N = validation.integer("N", N, 2)
    velocity = validation.real("velocity", velocity, 0.0, strict=True)
    return 2.0 * (N - 1) / velocity


def reflection_time(c_short: xr.Dataset, c_long: xr.Dataset, tol: float,
                    variable: str = "connected") -> float:
    """First t with |C_N(t) - C_N'(t)| > tol, C_N' a longer chain on the same grid; NaN if
    never. For short chains this is not the reflection time: the two steady states differ
    near the observed site already, so C_N and C_N' part at O(t) (N = 4 against 6 at
    t = 0.2, beta_bath = 0.5); light_cone_reflection_time gives the reflection."""
    tol = validation.real("tol", tol, 0.0, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t = c_short["t"].values
    if c_long["t"].size != t.size or not np.allclose(c_long["t"].values, t):
        raise ValueError("c_short and c_long must share the same time grid t")
    beyond = np.nonzero(np.abs(c_short[variable].values - c_long[variable].values) > tol)[0]
    return float(t[beyond[0]]) if beyond.size else float("nan")


def fit_envelope_power_law(ds: xr.Dataset, t_min: float, t_max: float,
                           variable: str = "connected") -> dict:
    """Power-law fit |C(t)| ~ prefactor t^-exponent of the upper envelope of |C| on
    t_min <= t <= t_max (the early decay of [P] Fig. 7, before finite-size effects).

    |C| oscillates, so the fit uses its envelope points: the local maxima of |C| in the
    window (|C_i| > |C_i-1| and |C_i| >= |C_i+1|, neighbours on the full grid) plus the
    largest |C| in the window, which is on the envelope wherever it lies: at the window's
    start when the window opens on a descent from above every later value (the monotone
    initial decay of C(t)). Other end points are not added: a window cut on a flank lies
    below the envelope. log|C| = log(prefactor) - exponent log t is fitted to these points
    by least squares.

    Returns exponent, exponent_error (standard error of the slope,
    s / sqrt(sum (x - mean x)^2), s^2 the residual variance over points - 2 degrees of
    freedom; NaN for 2 points), prefactor, window (t_min, t_max), points (envelope points),
    t and envelope (their times and |C|) and residual (rms of the log residuals, 0 when the
    envelope is an exact power law). With fewer than 3 envelope points the fit values are
    NaN.
    """
    t_min = validation.real("t_min", t_min, 0.0, strict=True)
    t_max = validation.real("t_max", t_max, t_min, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t, magnitude = ds["t"].values, np.abs(ds[variable].values)
    inside = np.flatnonzero((t >= t_min) & (t <= t_max))
    if inside.size < 2:
        raise ValueError(f"fit window [{t_min}, {t_max}] must hold >= 2 times of the grid")
    peaks = {i for i in inside[(inside > 0) & (inside < t.size - 1)]
             if magnitude[i] > magnitude[i - 1] and magnitude[i] >= magnitude[i + 1]}
    peaks.add(inside[np.argmax(magnitude[inside])])
    points = np.array(sorted(i for i in peaks if magnitude[i] > 0), dtype=int)
    fit = {"exponent": np.nan, "exponent_error": np.nan, "prefactor": np.nan,
           "residual": np.nan, "window": (t_min, t_max), "points": int(points.size),
           "t": t[points], "envelope": magnitude[points]}
    if points.size < 3:
        return fit
    x, y = np.log(t[points]), np.log(magnitude[points])
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    error = np.sqrt(np.sum(residual**2) / (x.size - 2) / np.sum((x - x.mean())**2))
    fit.update(exponent=float(-slope), exponent_error=float(error),
               prefactor=float(np.exp(intercept)),
               residual=float(np.sqrt(np.mean(residual**2))))
    return fit
