"""netCDF encoding and output: provenance attributes, complex variables as real pairs, and
atomic writes (temporary file, then rename).  Every netCDF file of the package and the
workflow goes through write_netcdf."""

from __future__ import annotations

import datetime
import os
import subprocess
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import xarray as xr


def git_commit() -> str:
    """The git commit of the lindbath source tree, or 'unknown' outside a checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).parent, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def package_version() -> str:
    """The installed lindbath version, or 'unknown' when run from an uninstalled tree."""
    try:
        return version("lindbath")
    except PackageNotFoundError:
        return "unknown"


def provenance() -> dict[str, str]:
    """Attributes every output carries: package version, git commit, creation time (UTC)."""
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return {"lindbath_version": package_version(), "git_commit": git_commit(), "created": now}


def _netcdf_safe(value):
    if isinstance(value, bool):
        return int(value)
    if value is None:
        return "none"
    return value


def write_netcdf(ds: xr.Dataset, path: str | os.PathLike) -> Path:
    """Write ``ds`` with provenance to ``path`` atomically: no partial file ever exists there."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds = ds.copy()
    ds.attrs = {k: _netcdf_safe(v) for k, v in {**ds.attrs, **provenance()}.items()}
    fd, tmp = tempfile.mkstemp(suffix=".nc.part", dir=path.parent)
    os.close(fd)
    try:
        ds.to_netcdf(tmp, engine="netcdf4")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def split_complex(ds: xr.Dataset) -> xr.Dataset:
    """netCDF-storable copy: each complex variable V becomes V_real and V_imag."""
    out = ds.copy()
    names = [name for name, var in ds.data_vars.items() if np.iscomplexobj(var)]
    for name in names:
        out[f"{name}_real"] = ds[name].real.assign_attrs(ds[name].attrs, part="real")
        out[f"{name}_imag"] = ds[name].imag.assign_attrs(ds[name].attrs, part="imag")
    out.attrs["complex_parts"] = " ".join(names)
    return out.drop_vars(names)


def join_complex(ds: xr.Dataset) -> xr.Dataset:
    """Inverse of split_complex (e.g. after xr.open_dataset)."""
    out = ds.copy()
    names = str(ds.attrs.get("complex_parts", "")).split()
    for name in names:
        attrs = {k: v for k, v in ds[f"{name}_real"].attrs.items() if k != "part"}
        out[name] = (ds[f"{name}_real"] + 1j * ds[f"{name}_imag"]).assign_attrs(attrs)
    out.attrs.pop("complex_parts", None)
    return out.drop_vars([f"{n}_{part}" for n in names for part in ("real", "imag")])
