"""Helpers shared by the workflow scripts: logging into the job's log file, coordinate
attributes, provenance (config hash) and atomic netCDF output through lindbath.io."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections import defaultdict

import numpy as np
import xarray as xr

from lindbath.analysis.tables import convergence
from lindbath.io import write_netcdf

ENERGY_UNITS = "energy (units of J = 1, hbar = 1)"
INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"
COORD_ATTRS = {
    "hamiltonian": {"long_name": "chain Hamiltonian (config key hamiltonians; [P] Eq. 1)"},
    "N": {"long_name": "chain length N", "units": "sites"},
    "N_ref": {"long_name": "length of the thermal reference chain", "units": "sites"},
    "bath": {"long_name": "bath: db (detailed balance), fr (fast relaxation), local, davies"},
    "beta_bath": {"long_name": "bath inverse temperature beta_bath", "units": INVERSE_ENERGY},
    "beta": {"long_name": "inverse temperature beta of the thermal state",
             "units": INVERSE_ENERGY},
    "gamma": {"long_name": "bath coupling strength gamma", "units": ENERGY_UNITS},
    "gamma_evolve": {"long_name": "bath strength gamma' during the evolution",
                     "units": ENERGY_UNITS},
    "hx": {"long_name": "transverse field h_x", "units": ENERGY_UNITS},
    "site": {"long_name": "site l (1 = left edge)", "units": "1"},
    "bond": {"long_name": "bond (l, l+1)", "units": "1"},
    "observable": {"long_name": "observable whose thermal value defines beta_eff"},
    "t": {"long_name": "time t", "units": "hbar / energy (J = 1)"},
}


def chain_coords(ds: xr.Dataset, chains: dict[str, dict[str, float]],
                 keys: tuple[str, ...] = ("J", "Delta", "hx", "hz")) -> xr.Dataset:
    """Attach the chain parameters ``keys`` of each Hamiltonian as coordinates along the
    ``hamiltonian`` dimension (e.g. J(hamiltonian))."""
    names = [str(name) for name in ds["hamiltonian"].values]
    return ds.assign_coords({key: ("hamiltonian", [float(chains[n][key]) for n in names],
                                   {"long_name": f"chain parameter {key} ([P] Eq. 1)",
                                    "units": ENERGY_UNITS})
                             for key in keys})


def setup_logging(snakemake) -> logging.Logger:
    """Log INFO lines (timestamped) of this script and of lindbath into the job's log file;
    warnings and the traceback of an uncaught exception also go to stderr (the terminal)."""
    fmt = logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s")
    to_file = logging.FileHandler(snakemake.log[0])
    to_stderr = logging.StreamHandler()
    to_stderr.setLevel(logging.WARNING)
    for handler in (to_file, to_stderr):
        handler.setFormatter(fmt)
    logging.basicConfig(level=logging.INFO, handlers=[to_file, to_stderr], force=True)
    log = logging.getLogger(snakemake.rule)

    def log_uncaught(kind, error, traceback):
        log.critical("job failed", exc_info=(kind, error, traceback))

    sys.excepthook = log_uncaught
    return log


def figure_data(snakemake) -> xr.Dataset:
    """Log into the job's log file (setup_logging) and load the figure's dataset (the input
    named ``data``)."""
    setup_logging(snakemake)
    return xr.load_dataset(snakemake.input.data)


def config_hash(config: dict) -> str:
    """SHA-256 (first 16 hex digits) of the whole configuration, keys sorted."""
    text = json.dumps(config, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def annotate(ds: xr.Dataset) -> xr.Dataset:
    """Add long_name/units to the coordinates the workflow uses (existing ones are kept)."""
    for name, attrs in COORD_ATTRS.items():
        if name in ds.coords:
            ds[name].attrs = {**attrs, **ds[name].attrs}
    return ds


def write_dataset(ds: xr.Dataset, path: str, snakemake, description: str) -> None:
    """Write ``ds`` atomically with provenance: lindbath version, git commit and creation
    time (lindbath.io.write_netcdf) plus the config hash, rule and description."""
    ds = annotate(ds)
    ds.attrs.update(description=description, config_hash=config_hash(snakemake.config),
                    workflow_rule=snakemake.rule)
    write_netcdf(ds, path)


def diagnostics_as_variables(ds: xr.Dataset) -> xr.Dataset:
    """Turn numeric ``diag_*`` and ``residual`` attributes into scalar variables, so that they
    survive concatenation along a new dimension; other attributes are kept."""
    out = ds.copy()
    for key, value in ds.attrs.items():
        if (key == "residual" or key.startswith("diag_")) and isinstance(
                value, int | float | np.number):
            name = key.removeprefix("diag_")
            out[name] = xr.Variable((), value, {"long_name": f"solver diagnostic {name}"})
            del out.attrs[key]
    return out


class Timer:
    """Elapsed seconds since construction, for progress lines."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self) -> float:
        return time.perf_counter() - self.start


def group_by_key(paths: list[str], keys: list) -> dict:
    """Key -> the paths (in input order) that the aligned ``keys`` list assigns to it."""
    groups = defaultdict(list)
    for path, key in zip(paths, keys, strict=True):
        groups[key].append(path)
    return dict(groups)


def reference_tables(paths: list[str], hamiltonians: list[str]) -> dict[str, xr.Dataset]:
    """Hamiltonian -> its reference table combined over the files the aligned
    ``hamiltonians`` list assigns to it."""
    return {ham: combine_tables(files) for ham, files in group_by_key(paths, hamiltonians).items()}


def combine_tables(paths: list[str]) -> xr.Dataset:
    """Reference tables of one Hamiltonian (exact batches and single MPS lengths, each file
    over its own N_ref) as one table over N_ref, with the Fig. 1 convergence data recomputed
    for the combined lengths (lindbath.analysis.tables). Variables only some files hold (the
    chi_check values and truncation_error of the MPS lengths, method-specific diagnostics)
    are NaN for the other lengths; attribute ``method`` lists the methods used."""
    parts = []
    for path in paths:
        table = xr.load_dataset(path).drop_encoding().drop_dims("pair", errors="ignore")
        parts.append(table.drop_vars([v for v in table.data_vars if v.startswith("middle_")]))
    table = xr.concat(parts, "N_ref", join="outer", combine_attrs="drop_conflicts")
    table = table.sortby("N_ref")
    table["reference_method"] = table["reference_method"].astype(str)  # no fixed width
    table.attrs["method"] = "+".join(sorted({str(m) for m in table["reference_method"].values}))
    return table.merge(convergence(table))
