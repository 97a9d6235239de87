"""Score of a parameter search for the best-thermalized chain ([P] Sec. V suggests
optimizing the Hamiltonian and dissipator parameters; docs/conventions.md, "Parameter
search").

``steady_state_merits`` measures one steady state rho_ss of N sites against the Gibbs states
exp(-beta H)/Z of the same chain and length (a reference table; match="site"): the effective
inverse temperatures beta_o in the middle of the chain, solving <o>_rho_ss = <o>_beta for
o = sx, sz (middle site), szsz, energy (middle bond) (lindbath.analysis.temperatures
.figures_of_merit: beta_x, beta_z, beta_zz, beta_e, their flags and the ratios
ratio_x_z = beta_x/beta_z, ratio_zz_z = beta_zz/beta_z, ratio_e_z = beta_e/beta_z), and the
distance thermometer of the middle bond b = N//2 (lindbath.analysis.distance):
d_min = min_beta D(rho_b, rho_b^th(beta)) with D the trace distance of the two-site reduced
states, beta_rho its argmin and flag_rho.

For these figures of merit the deviation of one steady state from a thermal one is

    d = max(|beta_x/beta_z - 1|, |beta_zz/beta_z - 1|)          (0 for a thermal state)

and the score of a grid point (one chain, one bath kind) is the worst deviation over the
bath temperatures of the search, S = max_{beta_bath} d.  A point where any of the three
inversions is flagged (flag != 0: out of range, non-monotone, too coarse or unconverged
reference) or the steady state did not converge has d = NaN, and then S = NaN: such a
point is never ranked, never "good".

``best_point`` is the grid point of smallest finite score; ``partner_point`` is the best
point among those that differ from a given one in exactly one parameter (the two chains of
[P] Fig. 5 differ in one parameter); ``within`` marks the points whose score is at most a
tolerance (e.g. DB within 2 %).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.distance import thermal_distance
from lindbath.analysis.temperatures import (
    DEFAULT_REFERENCE_TOL,
    INVERSE_ENERGY,
    figures_of_merit,
)
from lindbath.analysis.thermometry import MERIT_OBSERVABLES, variable_attrs
from lindbath.model.observables import middle_position
from lindbath.model.state import State

__all__ = ["best_point", "differing_parameters", "partner_point", "ratio_deviation",
           "search_score", "steady_state_merits", "within"]

RATIOS = ("ratio_x_z", "ratio_zz_z")
FLAGS = ("flag_x", "flag_z", "flag_zz")
SAME = 1e-12  # two parameter values closer than this are the same
CONVERGED_ATTRS = {"long_name": "steady state converged (solver success and residual < 1e-8)",
                   "units": "1"}
# The distance thermometer at the middle bond N//2: name in the merits -> (name in
# lindbath.analysis.distance.thermal_distance, CF attributes).
DISTANCE_MIDDLE = {
    "d_min_middle": ("d_min", {
        "long_name": "min_beta trace distance D(rho_b, rho_b^th(beta)) of the middle bond N//2 "
                     "(same-length Gibbs state)", "units": "1"}),
    "beta_rho_middle": ("beta_rho", {
        "long_name": "argmin_beta D(rho_b, rho_b^th(beta)) of the middle bond N//2: inverse "
                     "temperature of the closest thermal two-site state",
        "units": INVERSE_ENERGY}),
    "flag_rho_middle": ("flag_rho", {
        "long_name": "distance-thermometer flag of the middle bond (0 = ok, 1 = minimum at "
                     "the table's beta edge: d_min an upper bound)", "units": "1",
        "flag_values": [0, 1], "flag_meanings": "ok at_grid_edge"}),
}


def steady_state_merits(state: State, table: xr.Dataset,
                        reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """The figures of merit of the steady state ``state`` against the reference ``table`` of
    the same chain, which holds its length (module docstring): the middle beta_o, flags,
    reference errors and ratios, DISTANCE_MIDDLE, and the solver's ``converged`` and
    ``residual`` ||L(rho_ss)||_F. ``search_score`` of these over beta_bath is S."""
    merit = figures_of_merit(state, table, MERIT_OBSERVABLES, reference_tol=reference_tol)
    for name in merit.data_vars:
        merit[name].attrs = variable_attrs(str(name))
    distance = thermal_distance(state, table)
    middle = distance.sel(bond=middle_position(distance.sizes["bond"] + 1, "bond"))
    for name, (source, attrs) in DISTANCE_MIDDLE.items():
        merit[name] = ((), middle[source].values[()], attrs)
    merit["converged"] = ((), int(state.diagnostics["converged"]), CONVERGED_ATTRS)
    merit["residual"] = ((), float(state.residual),
                         {"long_name": "||L(rho_ss)||_F", "units": "1"})
    return merit


def ratio_deviation(ds: xr.Dataset) -> xr.DataArray:
    """d = max(|beta_x/beta_z - 1|, |beta_zz/beta_z - 1|) of every point of ``ds`` (which
    holds RATIOS and FLAGS, and optionally ``converged``); NaN where a flag is nonzero
    (or NaN: no point) or ``converged`` is 0."""
    missing = [name for name in (*RATIOS, *FLAGS) if name not in ds]
    if missing:
        raise ValueError(f"dataset lacks the figures of merit {missing}")
    deviation = np.maximum(abs(ds[RATIOS[0]] - 1), abs(ds[RATIOS[1]] - 1))
    ok = xr.ones_like(deviation, dtype=bool)
    for name in FLAGS:
        ok = ok & (ds[name] == 0)
    if "converged" in ds:
        ok = ok & (ds["converged"] != 0)
    return deviation.where(ok).rename("deviation").assign_attrs(
        long_name="max(|beta_x/beta_z - 1|, |beta_zz/beta_z - 1|) in the middle; NaN where "
                  "flagged", units="1")


def search_score(ds: xr.Dataset, over: str = "beta_bath") -> xr.DataArray:
    """S = max over ``over`` of ratio_deviation(ds): NaN if any point along ``over`` is
    flagged (module docstring)."""
    if over not in ds.dims:
        raise ValueError(f"dimension {over!r} is not in the dataset (dims: {list(ds.dims)})")
    return ratio_deviation(ds).max(over, skipna=False).rename("score").assign_attrs(
        long_name=f"score: max over {over} of max(|beta_x/beta_z - 1|, |beta_zz/beta_z - 1|)"
                  "; NaN where any point is flagged", units="1")


def best_point(score: xr.DataArray, exclude: Mapping[str, float] | None = None
               ) -> dict[str, float]:
    """Coordinates of the smallest finite score, leaving out the point ``exclude`` if given.
    Raises ValueError if every (remaining) score is NaN."""
    if exclude is not None:
        same = xr.ones_like(score, dtype=bool)
        for name in score.dims:
            same = same & (abs(score[name] - exclude[name]) <= SAME)
        score = score.where(~same)
    values = np.asarray(score.values, dtype=float)
    if not np.isfinite(values).any():
        raise ValueError(f"every point of {score.name or 'the score'} is flagged (NaN): no "
                         "best point")
    index = np.unravel_index(np.nanargmin(values), values.shape)
    return {dim: float(score[dim].values[i]) for dim, i in zip(score.dims, index, strict=True)}


def partner_point(score: xr.DataArray, anchor: Mapping[str, float],
                  parameters: Sequence[str] | None = None) -> dict[str, float]:
    """The point of smallest finite score among those that differ from ``anchor`` in exactly
    one of ``parameters`` (default: every dimension of ``score``) and agree with it in every
    other dimension. Raises ValueError if none has a finite score."""
    parameters = list(score.dims if parameters is None else parameters)
    for name in parameters:
        validation.choice("parameters", name, score.dims)
    lacking = [name for name in score.dims if name not in anchor]
    if lacking:
        raise ValueError(f"anchor lacks the parameters {lacking}")
    differing = xr.zeros_like(score, dtype=int)
    fixed = xr.ones_like(score, dtype=bool)
    for name in score.dims:
        other = abs(score[name] - anchor[name]) > SAME
        if name in parameters:
            differing = differing + other.astype(int)
        else:
            fixed = fixed & ~other
    return best_point(score.where((differing == 1) & fixed))


def differing_parameters(a: Mapping[str, float], b: Mapping[str, float]) -> list[str]:
    """Names of the parameters in which two points differ."""
    return [name for name in a if abs(a[name] - b[name]) > SAME]


def within(score: xr.DataArray, tolerance: float) -> xr.DataArray:
    """True where the score is finite and at most ``tolerance``."""
    tolerance = validation.real("tolerance", tolerance, 0.0, strict=True)
    return (score <= tolerance).rename(f"within_{tolerance:g}").assign_attrs(
        long_name=f"score <= {tolerance:g} (finite)", units="1")
