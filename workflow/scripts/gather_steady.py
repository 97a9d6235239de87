"""Gather per-point steady-state files into one dataset over (hamiltonian, N, method, beta, gamma)."""

import re
from pathlib import Path

import xarray as xr

from lindbath.io import write_netcdf

PATTERN = re.compile(r"N(?P<N>\d+)_(?P<method>\w+?)_beta(?P<beta>[^_]+)_gamma(?P<gamma>.+)\.nc")


def load(path: str) -> xr.Dataset:
    match = PATTERN.fullmatch(Path(path).name)
    ds = xr.load_dataset(path)
    diag = {k: ds.attrs[k] for k in ("residual", "diag_converged", "diag_wall_time_s")}
    ds = ds.assign({k: xr.Variable((), v) for k, v in diag.items()})
    coords = {"hamiltonian": Path(path).parent.name, "N": int(match["N"]),
              "method": match["method"], "beta_bath": float(match["beta"]),
              "gamma": float(match["gamma"])}
    return ds.expand_dims({k: [v] for k, v in coords.items()}).drop_attrs()


datasets = [load(p) for p in snakemake.input]  # noqa: F821
combined = xr.merge(datasets, combine_attrs="drop", join="outer", compat="no_conflicts")
combined.attrs["description"] = "Steady states with DB/FR baths on both edges (seed 003, Eq. 2)"
write_netcdf(combined, snakemake.output[0])  # noqa: F821
