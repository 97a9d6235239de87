"""Gather the transport steady states over (hamiltonian, N, bath, chi, beta, delta_beta)
(chi = 0: exact) with the temperature profile T(b) = 1/beta_E(b) from the bond energies of
every point of the first Hamiltonian, against its thermal reference tables
(lindbath.analysis.transport.temperature_profile)."""

import numpy as np
import xarray as xr
from wfcommon import Timer, chain_coords, reference_tables, setup_logging, write_dataset

from lindbath.analysis.transport import temperature_profile
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
elapsed = Timer()
first = sm.params.points[0]["hamiltonian"]
tables = reference_tables(sm.input.reference, [first] * len(sm.input.reference))
parts, chains = [], {}


def with_profiles(ds: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """Add temperature, temperature_error, temperature_flag over (point, bond)."""
    profiles = [temperature_profile(ds.isel(point=k).assign_attrs(ds.attrs), table,
                                    sm.params.reference_tol) for k in range(ds.sizes["point"])]
    return ds.merge(xr.concat(profiles, "point"))


for path, key in zip(sm.input.states, sm.params.points, strict=True):
    ds = xr.load_dataset(path).drop_encoding()
    chains[key["hamiltonian"]] = {k: ds.attrs[k] for k in ("J", "Delta", "hx", "hz")}
    if key["hamiltonian"] in tables:
        ds = with_profiles(ds, tables[key["hamiltonian"]])
    chi = 0 if key["method"] == "exact" else int(key["method"].removeprefix("chi"))
    ds = ds.drop_vars("chi", errors="ignore")  # the MPS diagnostic; chi is a dimension here
    ds = ds.set_index(point=["beta", "delta_beta"]).unstack("point")
    parts.append(ds.expand_dims(hamiltonian=[key["hamiltonian"]], N=[int(key["N"])],
                                bath=[key["bath"]], chi=[chi]))
log.info("%d files read, profiles done (%.1f s)", len(parts), elapsed())
longest = max(p.sizes["site"] for p in parts)
positions = {"site": np.arange(1, longest + 1), "bond": np.arange(1, longest)}
combined = xr.combine_by_coords([p.reindex(positions) for p in parts], join="outer",
                                compat="no_conflicts", combine_attrs="drop_conflicts")
combined = chain_coords(combined, chains)
for name in ("chi", "beta", "delta_beta"):  # unstack drops the coordinates' attributes
    combined[name].attrs = attrs(name)
combined.attrs = {"gamma": float(sm.config["transport"]["gamma"]),
                  "profile_hamiltonian": first,
                  "baths": "left bath at beta - delta_beta/2 on sites (1, 2), right bath at "
                           "beta + delta_beta/2 on (N-1, N)"}
bad = int((combined["converged"] == 0).sum())
if bad:
    log.warning("%d unconverged steady state(s): flagged by converged = 0", bad)
write_dataset(combined, sm.output[0], sm, "heat transport between two baths")
