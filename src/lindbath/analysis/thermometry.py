"""Thermometry of one steady state, as the study datasets hold it ([P] Sec. IV.1-2).

``study_thermometry(point, table)`` inverts the observables of a steady state against a
thermal reference table (lindbath.analysis.tables.reference_table) with
lindbath.analysis.temperatures (match="edge_bulk": edge sites and bonds are matched to the
reference chain's edges, the others to its middle, on its longest N_ref):

- ``beta_eff``, ``flag``, ``beta_reference_error`` over (observable, site): the profiles
  beta_O(l) of sx and sz with their flags and the finite-size error of the reference;
- ``beta_eff_bond``, ``flag_bond``, ``beta_reference_error_bond`` over (observable_bond,
  bond): those of sxsx, szsz and the bond energy;
- ``beta_x``, ``beta_z``, ``beta_zz`` with ``flag_x``, ``flag_z``, ``flag_zz`` and
  ``reference_error_x`` etc.: the same at the middle site (N+1)//2 or bond N//2, and the
  ratios ``ratio_x_z`` = beta_x/beta_z and
  ``ratio_zz_z`` = beta_zz/beta_z (1 for a thermal state).

An inverse temperature is NaN wherever its flag is nonzero (never an extrapolation). Every
variable carries long_name and units; flags also carry the CF attributes flag_values and
flag_meanings (lindbath.analysis.temperatures.FLAG_MEANINGS).
"""

from __future__ import annotations

import xarray as xr

from lindbath.analysis.temperatures import (
    DEFAULT_REFERENCE_TOL,
    FLAG_MEANINGS,
    FLAG_VALUES,
    INVERSE_ENERGY,
    effective_beta,
    figures_of_merit,
)

SITE_OBSERVABLES = ("sx", "sz")
BOND_OBSERVABLES = ("sxsx", "szsz", "energy")
MERIT_OBSERVABLES = ("sx", "sz", "szsz")
FLAG_ATTRS = {"long_name": "inversion flag (0 = ok)", "units": "1",
              "flag_values": FLAG_VALUES, "flag_meanings": FLAG_MEANINGS}
PROFILE_ATTRS = {"long_name": "effective inverse temperature beta_O(l): edges matched to the "
                 "reference edges, other sites to its middle", "units": INVERSE_ENERGY}


def profiles(point: xr.Dataset, table: xr.Dataset,
             reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """beta_O(l) and its flag for every observable: site observables over ``site`` (and
    ``observable``), bond observables over ``bond`` (and ``observable_bond``)."""
    out = {}
    for suffix, observables in (("", SITE_OBSERVABLES), ("_bond", BOND_OBSERVABLES)):
        parts = [effective_beta(point, table, o, reference_tol=reference_tol)[
            ["beta_eff", "flag", "beta_reference_error"]] for o in observables]
        coord = {f"observable{suffix}": list(observables)}
        both = xr.concat(parts, f"observable{suffix}", combine_attrs="drop").assign_coords(coord)
        out[f"beta_eff{suffix}"] = both["beta_eff"]
        out[f"flag{suffix}"] = both["flag"]
        out[f"beta_reference_error{suffix}"] = both["beta_reference_error"]
    return xr.Dataset(out)


def variable_attrs(name: str) -> dict:
    """long_name and units (and flag attributes) of a variable of study_thermometry."""
    if name.startswith("flag"):
        return dict(FLAG_ATTRS)
    if name.startswith("beta_eff"):
        return dict(PROFILE_ATTRS)
    if name.startswith(("beta_reference_error", "reference_error_")):
        return {"long_name": "finite-size and truncation error of the reference "
                "(lindbath.analysis.temperatures)", "units": INVERSE_ENERGY}
    if name.startswith("ratio_"):
        numerator, denominator = name.removeprefix("ratio_").split("_")
        return {"long_name": f"beta_{numerator}/beta_{denominator}", "units": "1"}
    return {"long_name": f"{name} at the middle of the chain", "units": INVERSE_ENERGY}


def study_thermometry(point: xr.Dataset, table: xr.Dataset,
                      reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """Effective inverse temperatures of one steady state ``point`` (a State.to_dataset(),
    or any Dataset with the observables sx, sz over ``site`` and sxsx, szsz, energy over
    ``bond`` and the chain parameters as attributes) against the reference ``table`` of
    the same Hamiltonian: the profiles, the middle values, their flags and the ratios of the
    module docstring ([P] Sec. IV.1-2). Raises ValueError if the table belongs to another
    Hamiltonian."""
    merit = figures_of_merit(point, table, MERIT_OBSERVABLES, reference_tol=reference_tol)
    ds = xr.merge([profiles(point, table, reference_tol), merit], combine_attrs="drop_conflicts")
    for name in ds.data_vars:
        ds[name].attrs = variable_attrs(str(name))
    return ds
