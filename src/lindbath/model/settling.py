"""When a time series of local observables has settled: the distance to the steady values
and the first time after which it stays within a tolerance ([P] Sec. IV.2, "the time to
reach the steady state"), shared by the exact and the MPS relaxation times."""

from __future__ import annotations

import math

import numpy as np

from lindbath.model.observables import OBSERVABLES

__all__ = ["largest_deviation", "settling_time"]


def largest_deviation(deviations: dict[str, np.ndarray]) -> np.ndarray:
    """d(t) = max over OBSERVABLES, over sites or bonds, of |<O>(t) - <O>_ss|, from
    ``deviations[name]`` of shape (positions, times), as lindbath.model.observables.
    local_observables gives them from per-time arrays of Pauli expectations."""
    return np.max([np.abs(deviations[name]).max(axis=0) for name in OBSERVABLES], axis=0)


def settling_time(times: np.ndarray, distance: np.ndarray, tol: float) -> float:
    """First time after which distance < tol on the grid: 0 if it never reaches tol;
    otherwise, with j the last grid point where d(t_j) >= tol, the crossing interpolated
    linearly in log d between t_j and t_j+1,

        t = t_j + (t_j+1 - t_j) (log tol - log d_j) / (log d_j+1 - log d_j);

    NaN if d(t_max) >= tol."""
    above = np.flatnonzero(distance >= tol)
    if above.size == 0:
        return 0.0
    j = int(above[-1])
    if j == times.size - 1:
        return math.nan
    d0, d1 = math.log(distance[j]), math.log(distance[j + 1])
    return float(times[j] + (times[j + 1] - times[j]) * (math.log(tol) - d0) / (d1 - d0))
