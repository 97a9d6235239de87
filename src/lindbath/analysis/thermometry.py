"""Thermometry of one steady state, as the study datasets hold it ([P] Sec. IV.1-2).

``study_thermometry(point, table)`` inverts the observables of a steady state against a
thermal reference table (lindbath.analysis.tables.reference_table) with
lindbath.analysis.temperatures (match="edge_bulk": edge sites and bonds are matched to the
reference chain's edges, the others to its middle, on its longest N_ref):

- ``beta_eff``, ``flag`` over (observable, site): the profiles beta_O(l) of sx and sz;
- ``beta_eff_bond``, ``flag_bond`` over (observable_bond, bond): those of sxsx, szsz and the
  bond energy;
- ``beta_x``, ``beta_z``, ``beta_zz`` with ``flag_x``, ``flag_z``, ``flag_zz``: the same at
  the middle site (N+1)//2 or bond N//2, and the ratios ``ratio_x_z`` = beta_x/beta_z and
  ``ratio_zz_z`` = beta_zz/beta_z (1 for a thermal state).

An inverse temperature is NaN wherever its flag is nonzero (never an extrapolation). Every
variable carries long_name and units; flags also carry the CF attributes flag_values and
flag_meanings (lindbath.analysis.temperatures.FLAG_MEANINGS).
"""

from __future__ import annotations

import xarray as xr

from lindbath.analysis.temperatures import FLAG_MEANINGS, effective_beta, figures_of_merit

SITE_OBSERVABLES = ("sx", "sz")
BOND_OBSERVABLES = ("sxsx", "szsz", "energy")
MERIT_OBSERVABLES = ("sx", "sz", "szsz")
INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"
FLAG_ATTRS = {"long_name": "inversion flag (0 = ok)", "units": "1",
              "flag_values": [0, 1, 2, 3], "flag_meanings": FLAG_MEANINGS}
PROFILE_ATTRS = {"long_name": "effective inverse temperature beta_O(l): edges matched to the "
                 "reference edges, other sites to its middle", "units": INVERSE_ENERGY}


def profiles(point: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """beta_O(l) and its flag for every observable: site observables over ``site`` (and
    ``observable``), bond observables over ``bond`` (and ``observable_bond``)."""
    out = {}
    for suffix, observables in (("", SITE_OBSERVABLES), ("_bond", BOND_OBSERVABLES)):
        parts = [effective_beta(point, table, o)[["beta_eff", "flag"]] for o in observables]
        coord = {f"observable{suffix}": list(observables)}
        both = xr.concat(parts, f"observable{suffix}", combine_attrs="drop").assign_coords(coord)
        out[f"beta_eff{suffix}"] = both["beta_eff"]
        out[f"flag{suffix}"] = both["flag"]
    return xr.Dataset(out)


def variable_attrs(name: str) -> dict:
    """long_name and units (and flag attributes) of a variable of study_thermometry."""
    if name.startswith("flag"):
        return dict(FLAG_ATTRS)
    if name.startswith("beta_eff"):
        return dict(PROFILE_ATTRS)
    if name.startswith("ratio_"):
        numerator, denominator = name.removeprefix("ratio_").split("_")
        return {"long_name": f"beta_{numerator}/beta_{denominator}", "units": "1"}
    return {"long_name": f"{name} at the middle of the chain", "units": INVERSE_ENERGY}


def study_thermometry(point: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """Effective inverse temperatures of one steady state ``point`` (a State.to_dataset(),
    or any Dataset with the observables sx, sz over ``site`` and sxsx, szsz, energy over
    ``bond`` and the chain parameters as attributes) against the reference ``table`` of
    the same Hamiltonian: the profiles, the middle values, their flags and the ratios of the
    module docstring ([P] Sec. IV.1-2). Raises ValueError if the table belongs to another
    Hamiltonian."""
    merit = figures_of_merit(point, table, MERIT_OBSERVABLES)
    ds = xr.merge([profiles(point, table), merit], combine_attrs="drop_conflicts")
    for name in ds.data_vars:
        ds[name].attrs = variable_attrs(str(name))
    return ds
