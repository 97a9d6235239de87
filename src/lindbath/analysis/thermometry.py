"""Thermometry of one steady state, as the study datasets hold it ([P] Sec. IV.1-2;
docs/conventions.md, "Thermometry").

``study_thermometry(point, table)`` inverts the observables of a steady state of N sites
against a thermal reference table (lindbath.analysis.tables.reference_table) that holds the
same length N (lindbath.analysis.temperatures):

- ``beta_eff``, ``flag``, ``beta_error``, ``beta_reference_error``, ``beta_other_root`` over
  (observable, site): the profiles beta_O(l) of sx and sz against the same-length Gibbs
  state (match="site", the default), their flags, interpolation error bars, the reference's
  truncation error and the other root of a non-monotone curve; ``..._bond`` over
  (observable_bond, bond): the same for sxsx, szsz and the bond energy;
- ``beta_eff_edge_bulk``, ``flag_edge_bulk`` (and ``..._bond``): [P]'s edge/bulk matching
  against the table's longest N_ref, for the reproduction of [P]'s Fig. 2;
- ``beta_x``, ``beta_z``, ``beta_zz``, ``beta_e`` with ``flag_<o>`` and
  ``reference_error_<o>``: the default profiles at the middle site (N+1)//2 or bond N//2, and
  the ratios ``ratio_x_z``, ``ratio_zz_z``, ``ratio_e_z`` (1 for a thermal state) with
  ``worst_ratio``, the one farthest from 1 (lindbath.analysis.thermality);
- ``beta_rho``, ``d_min``, ``flag_rho`` over bond and ``beta_rho_middle``, ``d_min_middle``:
  the distance thermometer of lindbath.analysis.distance (defined everywhere).

An inverse temperature is NaN wherever its flag is nonzero (never an extrapolation).  Every
variable carries long_name and units; flags also carry the CF attributes flag_values and
flag_meanings.
"""

from __future__ import annotations

import xarray as xr

from lindbath.analysis.distance import thermal_distance
from lindbath.analysis.inversion import FLAG_MEANINGS, FLAG_VALUES
from lindbath.analysis.temperatures import (
    DEFAULT_REFERENCE_TOL,
    INVERSE_ENERGY,
    effective_beta,
    figures_of_merit,
)
from lindbath.analysis.thermality import worst_ratio
from lindbath.model.observables import middle_position

__all__ = ["MERIT_OBSERVABLES", "study_thermometry", "variable_attrs"]

SITE_OBSERVABLES = ("sx", "sz")
BOND_OBSERVABLES = ("sxsx", "szsz", "energy")
MERIT_OBSERVABLES = ("sx", "sz", "szsz", "energy")
RATIO_NAMES = ("ratio_x_z", "ratio_zz_z", "ratio_e_z")  # of MERIT_OBSERVABLES, reference sz
PROFILE_VARIABLES = ("beta_eff", "flag", "beta_error", "beta_reference_error",
                     "beta_other_root")
EDGE_BULK_VARIABLES = ("beta_eff", "flag")
FLAG_ATTRS = {"long_name": "inversion flag (0 = ok)", "units": "1",
              "flag_values": FLAG_VALUES, "flag_meanings": FLAG_MEANINGS}
LONG_NAMES = {
    "beta_eff": "effective inverse temperature beta_O(l) against the same-length Gibbs state",
    "beta_eff_edge_bulk": "effective inverse temperature beta_O(l), [P]'s edge/bulk matching",
    "beta_error": "interpolation error bar of beta_O(l)",
    "beta_reference_error": "truncation error of the reference, in beta",
    "beta_other_root": "other root of a non-monotone reference curve",
}


def profiles(point: xr.Dataset, table: xr.Dataset, match: str = "site",
             reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """beta_O(l) and its diagnostics for every observable: site observables over ``site``
    (and ``observable``), bond observables over ``bond`` (and ``observable_bond``);
    match="edge_bulk" names its variables ``<name>_edge_bulk``."""
    out = {}
    names = PROFILE_VARIABLES if match == "site" else EDGE_BULK_VARIABLES
    tag = "" if match == "site" else "_edge_bulk"
    for suffix, observables in (("", SITE_OBSERVABLES), ("_bond", BOND_OBSERVABLES)):
        parts = [effective_beta(point, table, o, match=match, reference_tol=reference_tol)[
            list(names)] for o in observables]
        coord = {f"observable{suffix}": list(observables)}
        both = xr.concat(parts, f"observable{suffix}", combine_attrs="drop").assign_coords(coord)
        for name in names:
            out[f"{name}{tag}{suffix}"] = both[name]
    return xr.Dataset(out)


def distance_thermometer(point: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """beta_rho, d_min, flag_rho per bond (lindbath.analysis.distance) and their values at
    the middle bond N//2."""
    distance = thermal_distance(point, table)
    middle = distance.sel(bond=middle_position(distance.sizes["bond"] + 1, "bond"))
    return distance.assign(beta_rho_middle=middle["beta_rho"].drop_vars("bond"),
                           d_min_middle=middle["d_min"].drop_vars("bond"))


def variable_attrs(name: str) -> dict:
    """long_name and units (and flag attributes) of a variable of study_thermometry."""
    if name.startswith("flag") and name != "flag_rho":
        return dict(FLAG_ATTRS)
    base = name.removesuffix("_bond")
    if base in LONG_NAMES:
        return {"long_name": LONG_NAMES[base], "units": INVERSE_ENERGY}
    if name.startswith("reference_error_"):
        return {"long_name": "truncation error of the reference at the middle, in beta",
                "units": INVERSE_ENERGY}
    if name == "worst_ratio":
        return {"long_name": "ratio among beta_x/beta_z, beta_zz/beta_z, beta_E/beta_z "
                             "farthest from 1 at the middle (NaN: none exists)", "units": "1"}
    if name.startswith("ratio_"):
        numerator, denominator = name.removeprefix("ratio_").split("_")
        return {"long_name": f"beta_{numerator}/beta_{denominator}", "units": "1"}
    return {"long_name": f"{name} at the middle of the chain (same-length reference)",
            "units": INVERSE_ENERGY}


def study_thermometry(point: xr.Dataset, table: xr.Dataset,
                      reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """Effective inverse temperatures of one steady state ``point`` (a State.to_dataset(),
    or any Dataset with the observables over ``site`` and ``bond`` and the chain parameters
    as attributes) against the reference ``table`` of the same Hamiltonian, which must hold
    the point's length: the variables of the module docstring ([P] Sec. IV.1-2).  Raises
    ValueError if the table belongs to another Hamiltonian or lacks the length."""
    merit = figures_of_merit(point, table, MERIT_OBSERVABLES, reference_tol=reference_tol)
    ratios = xr.concat([merit[name] for name in RATIO_NAMES], "ratio")
    merit["worst_ratio"] = worst_ratio(ratios)
    distance = distance_thermometer(point, table)
    ds = xr.merge([profiles(point, table, "site", reference_tol),
                   profiles(point, table, "edge_bulk", reference_tol), merit],
                  combine_attrs="drop_conflicts")
    for name in ds.data_vars:
        ds[name].attrs = variable_attrs(str(name))
    return xr.merge([ds, distance], combine_attrs="drop_conflicts")
