"""netCDF output: provenance attributes and atomic writes (temporary file, then rename)."""

from __future__ import annotations

import datetime
import os
import subprocess
import tempfile
from pathlib import Path

import xarray as xr

from lindbath import __version__


def git_commit() -> str:
    """The git commit of the lindbath source tree, or 'unknown' outside a checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).parent, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def provenance() -> dict[str, str]:
    """Attributes every output carries: package version, git commit, creation time (UTC)."""
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return {"lindbath_version": __version__, "git_commit": git_commit(), "created": now}


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
