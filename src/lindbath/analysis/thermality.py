"""How far a steady state is from thermal, summarized over thermometers and bond dimensions
(docs/conventions.md, "Thermometry" and "Thermality versus N").

- ``worst_ratio``: of several ratios beta_O/beta_O' (1 for a thermal state), the one
  farthest from 1 in |log ratio|, the figure of merit of the summary and thermality figures;
- ``across_bond_dimensions``: one value per point from results at several bond dimensions
  chi (chi = 0 the exact solver): the exact value where there is one, else the value at the
  largest chi, with the gap to the next-largest chi as its truncation error bar.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

__all__ = ["EXACT_CHI", "across_bond_dimensions", "worst_ratio", "worst_ratio_index"]

EXACT_CHI = 0  # the chi coordinate of results from the exact solver


def worst_ratio(ratios: xr.DataArray, dim: str = "ratio") -> xr.DataArray:
    """The entry of ``ratios`` along ``dim`` farthest from 1, by |log|r||, per point.

    Parameters
    ----------
    ratios : xarray.DataArray
        Ratios of effective inverse temperatures (e.g. beta_x/beta_z, beta_zz/beta_z,
        beta_E/beta_z), NaN where a ratio does not exist (a flagged beta).
    dim : str, default "ratio"
        The dimension that runs over the ratios.

    Returns
    -------
    xarray.DataArray
        ``ratios`` without ``dim``: the worst existing ratio, NaN where none exists.

    References
    ----------
    [P] Sec. IV.2 (agreement of beta_O across observables); docs/conventions.md,
    "Thermometry".
    """
    return ratios.isel({dim: worst_ratio_index(ratios, dim)}).drop_vars(dim, errors="ignore")


def worst_ratio_index(ratios: xr.DataArray, dim: str = "ratio") -> xr.DataArray:
    """The position along ``dim`` of worst_ratio (0 where no ratio exists)."""
    return np.abs(np.log(np.abs(ratios))).fillna(-1.0).argmax(dim)


def across_bond_dimensions(values: xr.DataArray, converged: xr.DataArray,
                           dim: str = "chi") -> xr.Dataset:
    """One estimate per point from results at several bond dimensions.

    Where the exact result (``dim`` = EXACT_CHI) exists it is the estimate, with error 0;
    otherwise the result at the largest bond dimension that has one, with error
    |v(chi_1) - v(chi_2)| against the next-largest that has one (NaN if there is none).

    Parameters
    ----------
    values : xarray.DataArray
        The quantity over ``dim`` (and any other dimensions), NaN where it does not exist.
    converged : xarray.DataArray
        The steady states' verdicts (1 converged, 0 not), broadcastable to ``values``.
    dim : str, default "chi"
        The bond-dimension dimension; EXACT_CHI marks exact results.

    Returns
    -------
    xarray.Dataset
        Over the other dimensions: ``value``, ``error`` (the truncation error bar), ``chi``
        (the bond dimension used, EXACT_CHI for exact, -1 where no value exists) and
        ``converged`` (the verdict of the state used; 0 where no value exists).
    """
    converged = converged.broadcast_like(values)
    order = sorted((int(c) for c in values[dim].values if int(c) != EXACT_CHI), reverse=True)
    if EXACT_CHI in values[dim].values:
        order = [EXACT_CHI, *order]
    blank = xr.full_like(values.isel({dim: 0}, drop=True), np.nan, dtype=float)
    best, second = blank.copy(), blank.copy()
    chi = xr.full_like(blank, -1, dtype=int)
    verdict = xr.full_like(blank, 0, dtype=int)
    for c in order:
        v = values.sel({dim: c}, drop=True)
        fills_second = best.notnull() & second.isnull() & v.notnull() & (chi != EXACT_CHI)
        second = second.where(~fills_second, v)
        fills_best = best.isnull() & v.notnull()
        best = best.where(~fills_best, v)
        chi = chi.where(~fills_best, c)
        verdict = verdict.where(~fills_best, converged.sel({dim: c}, drop=True).fillna(0))
    error = xr.where(chi == EXACT_CHI, 0.0, np.abs(best - second))
    return xr.Dataset({"value": best, "error": error.where(best.notnull()), "chi": chi,
                       "converged": verdict.astype(int)})
