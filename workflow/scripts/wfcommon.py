"""Helpers shared by the workflow scripts: logging into the job's log file, the one table of
CF attributes (long_name, units) of every coordinate and diagnostic the workflow writes,
provenance (config hash and YAML) and atomic netCDF output through lindbath.io."""

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

ENERGY_UNITS = "energy (units of J = 1, hbar = 1)"
INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"
TIME_UNITS = "hbar / energy (J = 1)"


def cf(long_name: str, units: str = "1") -> dict[str, str]:
    """CF attributes of one variable; units "1": dimensionless (a number, count or label)."""
    return {"long_name": long_name, "units": units}


COORD_ATTRS = {
    "hamiltonian": cf("chain Hamiltonian (config key hamiltonians; [P] Eq. 1)"),
    "N": cf("chain length N", "sites"),
    "N_ref": cf("length of the thermal reference chain", "sites"),
    "N1": cf("shorter reference length N1 of a consecutive pair", "sites"),
    "N2": cf("longer reference length N2 of a consecutive pair", "sites"),
    "pair": cf("index of the consecutive reference-length pair (N1, N2)"),
    "bath": cf("bath: db (detailed balance), fr (fast relaxation), local, davies"),
    "convention": cf("bath convention: the defaults or one change from them "
                     "(lindbath.analysis.linear_response.CONVENTION_SETS)"),
    "edges": cf("edges with a bath: both (sites 1, 2 and N-1, N) or left (sites 1, 2)"),
    "beta_bath": cf("bath inverse temperature beta_bath", INVERSE_ENERGY),
    "beta": cf("inverse temperature beta of the thermal state", INVERSE_ENERGY),
    "gamma": cf("bath coupling strength gamma", ENERGY_UNITS),
    "gamma_evolve": cf("bath strength gamma' during the evolution", ENERGY_UNITS),
    "hx": cf("transverse field h_x", ENERGY_UNITS),
    "hz": cf("longitudinal field h_z", ENERGY_UNITS),
    "J": cf("XY coupling J ([P] Eq. 1)", ENERGY_UNITS),
    "Delta": cf("ZZ coupling Delta ([P] Eq. 1)", ENERGY_UNITS),
    "chi": cf("MPS bond dimension chi (0: exact)"),
    "site": cf("site l (1 = left edge)"),
    "bond": cf("bond (l, l+1)"),
    "observable": cf("observable whose thermal value defines beta_eff"),
    "observable_bond": cf("bond observable whose thermal value defines beta_eff_bond"),
    "t": cf("time t", TIME_UNITS),
}

# Diagnostics the solvers report and the workflow stores as variables (a diag_ prefix, as in
# the reference tables, is ignored): name -> CF attributes. One table for every writer.
DIAGNOSTIC_ATTRS = {
    # exact steady states (lindbath.exact.sparse, lindbath.model.state)
    "trace": cf("Tr rho of the computed steady state (1 up to rounding)"),
    "hermiticity_error": cf("max |rho - rho^dagger| of the steady state"),
    "min_eigenvalue": cf("smallest eigenvalue of the steady state rho (>= 0 up to rounding)"),
    "iterations": cf("iterations of the steady-state solver"),
    "cycles": cf("restart cycles of the no-jump solver's flexible GMRES"),
    "nojump_min_decay": cf("smallest decay rate of the no-jump generator (preconditioner)",
                           ENERGY_UNITS),
    "peak_rss_mb": cf("peak resident memory of the process", "MB"),
    "setup_time_s": cf("wall time to build the generator", "s"),
    "wall_time_s": cf("wall time of the computation", "s"),
    "converged": cf("steady state converged (exact: solver success and residual < 1e-8; "
                    "mps: error estimate < obs_tol)"),
    # MPS steady states (lindbath.mps.steady)
    "cutoff": cf("relative singular-value cutoff of the MPS truncation"),
    "discarded_weight": cf("total discarded weight of the MPS truncations"),
    "max_discarded": cf("largest discarded weight of one MPS truncation"),
    "max_bond": cf("largest MPS bond dimension reached"),
    "dt": cf("initial time step of the MPS evolution", TIME_UNITS),
    "final_dt": cf("time step of the last MPS evolution stage", TIME_UNITS),
    "finished": cf("1: the MPS evolution stopped by its convergence test within the budget"),
    "init_beta": cf("inverse temperature of the initial thermal MPS", INVERSE_ENERGY),
    "obs_tol": cf("tolerance of the MPS observables' error estimate"),
    "simulated_time": cf("evolution time until the MPS steady state", TIME_UNITS),
    "stages": cf("number of time-step stages of the MPS evolution"),
    "steps": cf("number of MPS time steps"),
    "trotter_error": cf("Trotter error estimate of the MPS observables"),
    "max_wall_s": cf("wall-time budget of the MPS steady state", "s"),
    "discard_rate": cf("weight discarded by the MPS truncation per unit time in the final "
                       "stage", ENERGY_UNITS),
    "truncation_error": cf("observable bias implied by the discarded weight "
                           "(lindbath.mps.steady: TRUNCATION_BIAS sqrt(discard_rate))"),
    "truncation_ok": cf("1: truncation_error below obs_tol"),
    # Davies steady states (lindbath.exact.davies)
    "condition_number": cf("1-norm condition number of the bordered Davies generator"),
    # thermal reference tables (lindbath.analysis.tables)
    "ground_energy": cf("ground-state energy of the reference chain", ENERGY_UNITS),
    "max_sector_dim": cf("largest symmetry-sector dimension diagonalized"),
    "n_sectors": cf("number of symmetry sectors"),
    # level statistics (lindbath.analysis.spectra)
    "n_ratios": cf("number of gap ratios"),
    "degeneracies": cf("exact degeneracies within sectors"),
    # two-time correlations (lindbath.exact.correlation)
    "state_residual": cf("residual ||L(rho)||_F / sqrt(2^N) of the steady state the "
                         "correlation starts from", ENERGY_UNITS),
    "steady_residual": cf("residual ||L(rho)||_F / sqrt(2^N) of the steady state the "
                          "correlation starts from", ENERGY_UNITS),
    "propagation_error_estimate": cf("error estimate of the propagation e^{L' t}"),
    "propagation_krylov_dim": cf("Krylov dimension of the propagation"),
    "propagation_matvecs": cf("Liouvillian-vector products of the propagation"),
    "propagation_max_step": cf("largest propagation time step", TIME_UNITS),
    "propagation_min_step": cf("smallest propagation time step", TIME_UNITS),
    "propagation_steps": cf("number of propagation time steps"),
    "propagation_tol": cf("tolerance of the propagation"),
    "propagation_wall_time_s": cf("wall time of the propagation", "s"),
}
RESIDUAL_ATTRS = {
    "exact": cf("steady-state residual ||L(rho)||_F / sqrt(2^N) (Pauli basis)", ENERGY_UNITS),
    "mps": cf("error estimate of the MPS steady state's observables (Trotter plus relaxation "
              "estimate; compare obs_tol)"),
}
VARIABLE_ATTRS = {**COORD_ATTRS, **DIAGNOSTIC_ATTRS, "residual": RESIDUAL_ATTRS["exact"]}


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
    """CF attributes of a variable by its name (VARIABLE_ATTRS; a diag_ prefix and the steady_
    prefix of the steady state a correlation starts from are ignored); units "1" for a label
    (string or boolean values)."""
    base = name.removeprefix("diag_").removeprefix("steady_")
    attrs = dict(VARIABLE_ATTRS.get(name) or VARIABLE_ATTRS.get(base, {}))
    if variable.dtype.kind in "OSUb":
        attrs.setdefault("units", "1")
    return attrs


def annotate(ds: xr.Dataset) -> xr.Dataset:
    """Add long_name/units to every variable and coordinate that VARIABLE_ATTRS (or the
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
    variables with their CF attributes (DIAGNOSTIC_ATTRS; the residual's meaning depends on
    the ``method`` attribute), so that they survive concatenation along a new dimension;
    other attributes are kept."""
    out = ds.copy()
    for key, value in ds.attrs.items():
        if (key == "residual" or key.startswith("diag_")) and isinstance(
                value, int | float | np.number):
            name = key.removeprefix("diag_")
            attrs = RESIDUAL_ATTRS.get(ds.attrs.get("method"), RESIDUAL_ATTRS["exact"]) \
                if name == "residual" else DIAGNOSTIC_ATTRS.get(name, {})
            out[name] = xr.Variable((), value, attrs)
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
