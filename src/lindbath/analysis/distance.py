"""The trace-distance thermometer of Mendoza-Arenas, Clark and Jaksch, PRE 91, 042129 (2015)
(also Zanoci and Swingle, PRB 103, 115148 (2021)): unlike an effective temperature from one
observable (lindbath.analysis.temperatures) it always answers, with how far the state is
from any thermal state.

Two-site reduced density matrix of bond b (sites b, b+1, site b the first tensor factor):

    rho_b = (1/4) sum_{a,c in I,X,Y,Z} <sigma^a_b sigma^c_b+1> sigma^a (x) sigma^c,

its 16 Pauli components being 1, <sigma^a_b>, <sigma^c_b+1> and the nine "s{a}s{c}" bond
observables (lindbath.model.observables).  Trace distance D(a, b) = (1/2) sum |eig(a - b)|
(lindbath.model.density).

Local thermometer: beta_rho(b) = argmin_beta D(rho_b, rho_b^th(beta)) and d_min(b) the
minimum, rho_b^th(beta) the same bond of exp(-beta H)/Z of a chain of the SAME length N, from
a reference table (lindbath.analysis.tables).  Each Pauli component of the reference is
interpolated in beta by a cubic spline over the table's grid; D is evaluated on the grid and
refined around its best grid point by a bounded scalar minimization.  flag_rho = 1
(at_grid_edge) when the minimum sits on the grid's first or last beta: the true minimum may
lie beyond the table; d_min is defined either way.  The spline's error is a floor on d_min:
an exact Gibbs state of N = 6 gets d_min ~ 2e-6 (beta ~ 0.07) on a grid of step 0.05 and
< 1e-8 on step 0.01 (tests/test_distance.py).  For a purification table with a check
bond dimension, d_min_reference_error = D(rho_b^th(beta_rho) at chi, the same at chi_check).

Global thermometer (N <= GLOBAL_MAX_N): (beta*, D_min) minimizing D(rho, exp(-beta H)/Z) for
the full density matrix, from one dense diagonalization H = V diag(E) V^T; D is evaluated in
the eigenbasis, D(V^T rho V, diag(p)), p = gibbs_weights(E, beta) (lindbath.model.gibbs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.linalg as la
import xarray as xr
from scipy.interpolate import CubicSpline
from scipy.optimize import minimize_scalar

from lindbath import validation
from lindbath.analysis.temperatures import INVERSE_ENERGY, check_parameters, result_values
from lindbath.model.chain import Chain
from lindbath.model.density import trace_distance
from lindbath.model.gibbs import gibbs_weights
from lindbath.model.pauli import PAULI
from lindbath.model.state import State

__all__ = ["AT_GRID_EDGE", "GLOBAL_MAX_N", "OK", "bond_density_matrices",
           "global_thermal_distance", "thermal_distance"]

PAIR_OBSERVABLES = tuple(f"s{a}s{c}" for a in "xyz" for c in "xyz")
NEEDED = ("sx", "sy", "sz") + PAIR_OBSERVABLES
OK, AT_GRID_EDGE = 0, 1
FLAG_MEANINGS = "ok at_grid_edge"
XATOL = 1e-10
EDGE_TOL = 1e-6  # |beta_rho - grid end| below EDGE_TOL * (beta_max - beta_min): at the edge
GLOBAL_MAX_N = 12


def pauli_components(values: Mapping[str, np.ndarray]) -> np.ndarray:
    """<sigma^a_b sigma^c_b+1>, a, c in I, X, Y, Z, shape (..., N-1, 4, 4), from site arrays
    (..., N) and bond arrays (..., N-1); leading axes (e.g. beta) broadcast."""
    site = [np.asarray(values[f"s{p}"], dtype=float) for p in "xyz"]
    c = np.empty(site[0][..., 1:].shape + (4, 4))
    c[..., 0, 0] = 1.0
    for i, s in enumerate(site, start=1):
        c[..., i, 0], c[..., 0, i] = s[..., :-1], s[..., 1:]
    for name in PAIR_OBSERVABLES:
        c[..., "xyz".index(name[1]) + 1, "xyz".index(name[3]) + 1] = values[name]
    return c


def density_from_components(c: np.ndarray) -> np.ndarray:
    """rho = (1/4) sum_ac c_ac sigma^a (x) sigma^c, shape (..., 4, 4)."""
    rho = np.einsum("...ac,aij,ckl->...ikjl", c, PAULI, PAULI)
    return rho.reshape(c.shape[:-2] + (4, 4)) / 4


def bond_density_matrices(values: Mapping[str, np.ndarray]) -> np.ndarray:
    """rho_b of every bond b = 1..N-1, shape (N-1, 4, 4), from sx, sy, sz and the nine
    s{a}s{c} (a State's ``values`` or a State.to_dataset())."""
    return density_from_components(pauli_components(values))


def _minimize(distance, betas: np.ndarray, grid: np.ndarray) -> tuple[float, float, int]:
    """(beta, D, flag): the best of ``grid`` = distance(betas), refined by a bounded
    minimization between its grid neighbours; the grid point wins where refinement does not
    improve it.  Flag AT_GRID_EDGE when beta is at the grid's first or last point."""
    i = int(np.argmin(grid))
    beta, best = float(betas[i]), float(grid[i])
    if betas.size > 1:
        bounds = (betas[max(i - 1, 0)], betas[min(i + 1, betas.size - 1)])
        found = minimize_scalar(distance, bounds=bounds, method="bounded",
                                options={"xatol": XATOL})
        if found.fun < best:
            beta, best = float(found.x), float(found.fun)
    edge = EDGE_TOL * max(float(betas[-1] - betas[0]), 1.0)
    flag = AT_GRID_EDGE if min(abs(beta - betas[0]), abs(beta - betas[-1])) <= edge else OK
    return beta, best, flag


def _reference_spline(table: xr.Dataset, N: int, suffix: str = "") -> CubicSpline | None:
    """Cubic spline in beta of the Pauli components (beta, N-1, 4, 4) of the length-N row of
    the table (variables <name><suffix>); None where the table lacks them or they are NaN."""
    if any(f"{name}{suffix}" not in table for name in NEEDED):
        if suffix:
            return None
        missing = [name for name in NEEDED if name not in table]
        raise ValueError(f"the table lacks {', '.join(missing)}: rebuild it with "
                         "reference_table (every bond needs the nine s{a}s{c})")
    row = table.sel(N_ref=N)
    values = {name: row[f"{name}{suffix}"].values[:, :N - (name not in ("sx", "sy", "sz"))]
              for name in NEEDED}
    components = pauli_components(values)
    if not np.all(np.isfinite(components)):
        if suffix:
            return None
        raise ValueError(f"the table's row N_ref={N} has NaN values")
    return CubicSpline(row["beta"].values, components, axis=0)


def thermal_distance(result: State | xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """beta_rho(b), d_min(b), flag_rho(b) and d_min_reference_error(b) over ``bond`` (module
    docstring): the trace distance of each bond's two-site reduced state to the same bond of
    the same-length Gibbs state, minimized over beta.

    Parameters
    ----------
    result : State or xarray.Dataset
        A state or its State.to_dataset(), with the one- and two-site Pauli expectations.
    table : xarray.Dataset
        A reference table (lindbath.analysis.tables.reference_table) of the same Hamiltonian
        whose N_ref holds the result's N and whose beta grid has at least 2 values.

    Returns
    -------
    xarray.Dataset
        Over ``bond``: beta_rho (the minimizing beta), d_min (the minimum distance), flag_rho
        (OK = 0, AT_GRID_EDGE = 1: the minimum lies at the grid's edge) and
        d_min_reference_error (the distance between the table's chi and chi_check
        references; NaN without a check).

    Raises
    ------
    ValueError
        The table belongs to another chain, lacks the result's length N in N_ref, or has
        fewer than 2 betas.

    References
    ----------
    [P] Sec. IV.1 (the reference Gibbs states); docs/conventions.md, "Thermometry"
    (distance thermometer).
    """
    values = {name: result_values(result, name)[0] for name in NEEDED}
    check_parameters(result_values(result, "sx")[1], table)
    N = values["sx"].size
    lengths = [int(n) for n in table["N_ref"].values]
    if N not in lengths:
        raise ValueError(f"the result's length N={N} is not in the table's N_ref {lengths}: "
                         "the thermometer compares chains of the same length")
    betas = np.asarray(table["beta"].values, dtype=float)
    if betas.size < 2:
        raise ValueError(f"the table needs at least 2 betas; got {betas.tolist()}")
    spline, check = _reference_spline(table, N), _reference_spline(table, N, "_chi_check")
    rho = bond_density_matrices(values)
    grid = trace_distance(rho, density_from_components(spline(betas)))  # (beta, bond)
    out = np.empty((N - 1, 4))
    for b in range(N - 1):
        def distance(beta, b=b):
            return trace_distance(rho[b], density_from_components(spline(beta)[b]))
        beta, d_min, flag = _minimize(distance, betas, grid[:, b])
        error = np.nan if check is None else trace_distance(
            density_from_components(spline(beta)[b]), density_from_components(check(beta)[b]))
        out[b] = beta, d_min, flag, error
    data = {
        "beta_rho": ("bond", out[:, 0], {
            "long_name": "argmin_beta D(rho_b, rho_b^th(beta)): inverse temperature of the "
                         "closest thermal two-site state", "units": INVERSE_ENERGY}),
        "d_min": ("bond", out[:, 1], {
            "long_name": "min_beta trace distance D(rho_b, rho_b^th(beta))", "units": "1"}),
        "flag_rho": ("bond", out[:, 2].astype(int), {
            "long_name": "thermometer flag (0 = ok, 1 = minimum at the table's beta edge)",
            "units": "1", "flag_values": [OK, AT_GRID_EDGE], "flag_meanings": FLAG_MEANINGS}),
        "d_min_reference_error": ("bond", out[:, 3], {
            "long_name": "D(rho_b^th(beta_rho) at chi, at chi_check): truncation error of "
                         "the reference (NaN: exact or no check)", "units": "1"}),
    }
    attrs = {"n_ref": N, "beta_min": betas[0], "beta_max": betas[-1], "xatol": XATOL,
             "thermometer": "two-site trace distance (Mendoza-Arenas et al., PRE 91, 042129)"}
    return xr.Dataset(data, coords={"bond": np.arange(1, N)}, attrs=attrs)


def global_thermal_distance(rho: np.ndarray, chain: Chain,
                            betas: Sequence[float]) -> tuple[float, float]:
    """(beta*, D_min): min over beta of D(rho, exp(-beta H)/Z) for the full 2^N density
    matrix ``rho`` of ``chain`` (N <= GLOBAL_MAX_N): grid search over ``betas`` (>= 0), then
    a bounded refinement between the best point's neighbours.

    Parameters
    ----------
    rho : numpy.ndarray
        The 2^N x 2^N density matrix.
    chain : Chain
        Its chain, N <= GLOBAL_MAX_N (12).
    betas : sequence of float
        The search grid, >= 0 (sorted, duplicates dropped), at least one value.

    Returns
    -------
    beta : float
        The minimizing inverse temperature beta*.
    distance : float
        D_min, the trace distance at beta*.

    Raises
    ------
    InputError
        A beta < 0 or not finite.
    ValueError
        N > GLOBAL_MAX_N, ``rho`` of the wrong shape, or an empty grid.

    References
    ----------
    [P] Sec. IV.1 (Gibbs state exp(-beta H)/Z of [P] Eq. 1); docs/conventions.md,
    "Thermometry" (distance thermometer).
    """
    if chain.N > GLOBAL_MAX_N:
        raise ValueError(f"global_thermal_distance diagonalizes H densely: N must be <= "
                         f"{GLOBAL_MAX_N}; got N={chain.N}")
    rho = np.asarray(rho)
    if rho.shape != (2**chain.N,) * 2:
        raise ValueError(f"rho must have shape {(2**chain.N,) * 2} for N={chain.N}; "
                         f"got {rho.shape}")
    betas = np.unique([validation.real("beta", b, 0.0) for b in np.atleast_1d(betas)])
    if not betas.size:
        raise ValueError("betas must hold at least one value")
    energies, vectors = la.eigh(chain.hamiltonian().toarray())
    rotated = vectors.conj().T @ rho @ vectors

    def distance(beta: float) -> float:
        return trace_distance(rotated, np.diag(gibbs_weights(energies, beta)))

    beta, d_min, _ = _minimize(distance, betas, np.array([distance(b) for b in betas]))
    return beta, d_min
