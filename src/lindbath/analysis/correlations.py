"""Analysis of two-time correlations C(t) ([P] Sec. IV.3, Figs. 6-7): when the far boundary
is felt (reflection time) and the early power-law decay."""

from __future__ import annotations

import numpy as np
import xarray as xr

from lindbath import validation

COMPLEX_VARIABLES = ("connected", "full")


def reflection_time(c_short: xr.Dataset, c_long: xr.Dataset, tol: float,
                    variable: str = "connected") -> float:
    """First t with |C_N(t) - C_N'(t)| > tol, C_N' a longer chain on the same grid: when the
    boundary is felt at the observed site ([P] Fig. 6, vertical line); NaN if never."""
    tol = validation.real("tol", tol, 0.0, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t = c_short["t"].values
    if c_long["t"].size != t.size or not np.allclose(c_long["t"].values, t):
        raise ValueError("c_short and c_long must share the same time grid t")
    beyond = np.nonzero(np.abs(c_short[variable].values - c_long[variable].values) > tol)[0]
    return float(t[beyond[0]]) if beyond.size else float("nan")


def fit_power_law(ds: xr.Dataset, t_min: float, t_max: float,
                  variable: str = "connected") -> dict:
    """Least-squares fit log|C(t)| = log(prefactor) - exponent log(t) on t_min <= t <= t_max
    (the early power-law decay of [P] Fig. 7).

    Returns exponent, prefactor, window (t_min, t_max), points, and residual: the rms of
    the log residuals (0 for an exact power law).
    """
    t_min = validation.real("t_min", t_min, 0.0, strict=True)
    t_max = validation.real("t_max", t_max, t_min, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t = ds["t"].values
    inside = (t >= t_min) & (t <= t_max)
    magnitude = np.abs(ds[variable].values[inside])
    if inside.sum() < 2 or np.any(magnitude == 0):
        raise ValueError(f"fit window [{t_min}, {t_max}] must hold >= 2 times with C != 0")
    x, y = np.log(t[inside]), np.log(magnitude)
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    return {"exponent": float(-slope), "prefactor": float(np.exp(intercept)),
            "window": (t_min, t_max), "points": int(inside.sum()),
            "residual": float(np.sqrt(np.mean(residual**2)))}
