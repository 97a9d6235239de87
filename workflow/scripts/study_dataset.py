"""Gather one study's steady states over its grid (hamiltonian, N, method, beta_bath, gamma,
and hx for the field scan) with their solver diagnostics, and add effective inverse
temperatures from the reference tables (lindbath.temperatures): the profiles beta_O(l) and
the figures of merit beta_x, beta_z, beta_zz and their ratios at the middle of the chain."""

from collections import defaultdict
from pathlib import Path

import numpy as np
import xarray as xr
from wfcommon import Timer, chain_coords, combine_tables, setup_logging, write_dataset

from lindbath.temperatures import FLAG_MEANINGS, effective_beta, figures_of_merit

SITE_OBSERVABLES = ["sx", "sz"]
BOND_OBSERVABLES = ["sxsx", "szsz", "energy"]
FLAG_ATTRS = {"flag_values": [0, 1, 2, 3], "flag_meanings": FLAG_MEANINGS}


def profiles(point: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    """beta_O(l) and its flag for every observable, site observables over ``site`` and
    bond observables over ``bond``."""
    out = {}
    for suffix, observables in (("", SITE_OBSERVABLES), ("_bond", BOND_OBSERVABLES)):
        parts = [effective_beta(point, table, o)[["beta_eff", "flag"]] for o in observables]
        coord = {f"observable{suffix}": observables}
        both = xr.concat(parts, f"observable{suffix}", combine_attrs="drop").assign_coords(coord)
        out[f"beta_eff{suffix}"] = both["beta_eff"]
        out[f"flag{suffix}"] = both["flag"]
    return xr.Dataset(out)


def thermometry(point: xr.Dataset, table: xr.Dataset) -> xr.Dataset:
    merit = figures_of_merit(point, table, ("sx", "sz", "szsz"))
    return xr.merge([profiles(point, table), merit], combine_attrs="drop_conflicts")


def annotate(ds: xr.Dataset, n_ref: int) -> xr.Dataset:
    units = "1 / energy (J = 1, k_B = 1)"
    for name in ("beta_eff", "beta_eff_bond"):
        ds[name].attrs = {"long_name": "effective inverse temperature beta_O(l): edges matched to "
                          "the reference edges, other sites to its middle", "units": units}
    for name in ("flag", "flag_bond", "flag_x", "flag_z", "flag_zz"):
        ds[name].attrs = {"long_name": "inversion flag (0 = ok)", **FLAG_ATTRS}
    for short in ("x", "z", "zz"):
        ds[f"beta_{short}"].attrs = {"long_name": f"beta_{short} at the middle of the chain",
                                     "units": units}
    for name in ("ratio_x_z", "ratio_zz_z"):
        ds[name].attrs = {"long_name": name.replace("ratio_", "beta_").replace("_z", "/beta_z", 1),
                          "units": "1"}
    ds["converged"].attrs = {"long_name": "steady state converged (exact: solver success and "
                             "residual < 1e-8; mps: error estimate < obs_tol)", "units": "1"}
    ds.attrs.update(n_ref=n_ref, thermometry="lindbath.temperatures, match edge_bulk")
    return ds


sm = snakemake  # noqa: F821
log = setup_logging(sm)
elapsed = Timer()
reference_paths = defaultdict(list)
for path in sm.input.reference:
    reference_paths[Path(path).parent.name].append(path)
tables = {ham: combine_tables(paths) for ham, paths in reference_paths.items()}
steady = {path: xr.load_dataset(path).drop_encoding() for path in sorted(set(sm.input.steady))}
points = []
for record in sm.params.records:
    point = steady[record["file"]].sel(beta_bath=record["beta_bath"])
    point = point.drop_vars([k for k in record["coords"] if k in point.data_vars])  # MPS chi
    merged = xr.merge([point, thermometry(point, tables[record["reference_key"]])],
                      combine_attrs="drop_conflicts").expand_dims("beta_bath")
    points.append(merged.expand_dims({k: [v] for k, v in record["coords"].items()}))
log.info("%d points inverted (%.1f s)", len(points), elapsed())
longest = max(p.sizes["site"] for p in points)
positions = {"site": np.arange(1, longest + 1), "bond": np.arange(1, longest)}
combined = xr.combine_by_coords([p.reindex(positions) for p in points], join="outer",
                                combine_attrs="drop_conflicts")  # grids need not be full
combined.attrs = {}
chains = {r["coords"]["hamiltonian"]: r["chain"] for r in sm.params.records}
keys = ("J", "Delta", "hz") if "hx" in combined.dims else ("J", "Delta", "hx", "hz")
combined = chain_coords(combined, chains, keys)
combined = annotate(combined, int(max(t["N_ref"].max() for t in tables.values())))
bad = int((combined["converged"] == 0).sum())
if bad:
    log.warning("%d unconverged steady state(s): flagged by converged = 0", bad)
values, counts = np.unique(combined["flag_z"].fillna(-1), return_counts=True)
log.info("flags of beta_z (-1: no point): %s",
         {int(v): int(c) for v, c in zip(values, counts, strict=True)})
write_dataset(combined, sm.output[0], sm,
              f"steady states and effective temperatures: {sm.wildcards.study}")
