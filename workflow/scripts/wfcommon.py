"""Helpers shared by the workflow scripts: logging into the job's log file, CF attributes
(long_name, units) of every variable the registry knows (lindbath.outputs), provenance
(config hash and YAML) and atomic netCDF output through lindbath.io."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections import defaultdict

import numpy as np
import xarray as xr
import yaml

from lindbath.analysis.tables import convergence
from lindbath.io import write_netcdf
from lindbath.outputs import DIAGNOSTICS, DIMENSIONLESS, OUTPUTS, RESIDUALS, Output


def cf(long_name: str, units: str = DIMENSIONLESS) -> dict[str, str]:
    """CF attributes of a variable that only one script writes, in a meaning of its own."""
    return Output(long_name, units).attrs()


def chain_coords(ds: xr.Dataset, chains: dict[str, dict[str, float]],
                 keys: tuple[str, ...] = ("J", "Delta", "hx", "hz")) -> xr.Dataset:
    """Attach the chain parameters ``keys`` of each Hamiltonian as coordinates along the
    ``hamiltonian`` dimension (e.g. J(hamiltonian))."""
    names = [str(name) for name in ds["hamiltonian"].values]
    return ds.assign_coords({key: ("hamiltonian", [float(chains[n][key]) for n in names],
                                   OUTPUTS[key].attrs()) for key in keys})


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


def plain_config(config: dict) -> dict:
    """The configuration as plain JSON types (what config_hash hashes)."""
    return json.loads(json.dumps(config, default=str))


def config_hash(config: dict) -> str:
    """SHA-256 (first 16 hex digits) of the whole configuration, keys sorted."""
    text = json.dumps(plain_config(config), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def config_yaml(config: dict) -> str:
    """The whole resolved configuration as YAML text: yaml.safe_load gives it back, and
    config_hash of that is the file's config_hash."""
    return yaml.safe_dump(plain_config(config), sort_keys=True)


def known_attrs(name: str, variable: xr.Variable) -> dict[str, str]:
    """CF attributes of a variable by its name (lindbath.outputs.OUTPUTS; a diag_ prefix and
    the steady_ prefix of the steady state a correlation starts from are ignored); units "1"
    for a label (string or boolean values)."""
    base = name.removeprefix("diag_").removeprefix("steady_")
    known = OUTPUTS.get(name) or OUTPUTS.get(base)
    attrs = known.attrs() if known else {}
    if variable.dtype.kind in "OSUb":
        attrs.setdefault("units", "1")
    return attrs


def annotate(ds: xr.Dataset) -> xr.Dataset:
    """Add long_name/units to every variable and coordinate that the registry (or the
    label rule of known_attrs) knows; attributes already set are kept."""
    for name, variable in ds.variables.items():
        variable.attrs = {**known_attrs(str(name), variable), **variable.attrs}
    return ds


def missing_attributes(ds: xr.Dataset) -> list[str]:
    """Variables and coordinates without a long_name or units attribute."""
    return sorted(str(name) for name, variable in ds.variables.items()
                  if not (variable.attrs.get("long_name") and variable.attrs.get("units")))


def write_dataset(ds: xr.Dataset, path: str, snakemake, description: str) -> None:
    """Write ``ds`` atomically with provenance: lindbath version, git commit and creation
    time (lindbath.io.write_netcdf) plus the config hash, the whole config as YAML text
    (config_yaml), rule and description. A variable left without long_name or units is
    logged as a warning (tests/test_attributes.py fails on it)."""
    ds = annotate(ds)
    if missing := missing_attributes(ds):
        logging.getLogger(snakemake.rule).warning("no long_name/units: %s", ", ".join(missing))
    ds.attrs.update(description=description, config_hash=config_hash(snakemake.config),
                    config_yaml=config_yaml(snakemake.config), workflow_rule=snakemake.rule)
    write_netcdf(ds, path)


def diagnostics_as_variables(ds: xr.Dataset) -> xr.Dataset:
    """Turn numeric ``diag_*`` and ``residual`` attributes of a state's dataset into scalar
    variables with their CF attributes (lindbath.outputs.DIAGNOSTICS; the residual's
    meaning, RESIDUALS, depends on the ``method`` attribute), so that they survive
    concatenation along a new dimension; other attributes are kept."""
    out = ds.copy()
    for key, value in ds.attrs.items():
        if (key == "residual" or key.startswith("diag_")) and isinstance(
                value, int | float | np.number):
            name = key.removeprefix("diag_")
            known = RESIDUALS.get(ds.attrs.get("method"), RESIDUALS["exact"]) \
                if name == "residual" else DIAGNOSTICS.get(name)
            out[name] = xr.Variable((), value, known.attrs() if known else {})
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
    return table.merge(convergence(table), compat="no_conflicts")
