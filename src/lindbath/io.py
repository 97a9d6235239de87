"""netCDF encoding and output: provenance attributes, complex variables as real pairs, and
atomic writes (a temporary file TEMP_GLOB beside the target, then rename).  Every netCDF file
of the package and the workflow goes through write_netcdf.  States from QuTiP come in through
from_qutip (the other way: State.to_qutip)."""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.errors import InputError
from lindbath.model.chain import Chain, check_chain
from lindbath.model.pauli import to_pauli
from lindbath.model.qutip_bridge import density_from_qutip
from lindbath.model.state import State

__all__ = ["TEMP_GLOB", "check_output_path", "current_umask", "from_qutip", "join_complex",
           "package_version", "split_complex", "write_netcdf"]

# write_netcdf's temporary files, in the target's directory: a name nothing else uses, so
# that leftovers of a killed run (SIGKILL) can be found and removed by this pattern
TEMP_PREFIX, TEMP_SUFFIX = ".lindbath-tmp-", ".part"
TEMP_GLOB = f"{TEMP_PREFIX}*{TEMP_SUFFIX}"


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


def check_output_path(path: str | os.PathLike) -> Path:
    """``path`` as a Path if a file can be written there, else InputError saying why: the
    path is empty, ends in a separator or cannot be looked up (a name too long, a directory
    that cannot be searched, a symbolic link loop), something other than a regular file
    exists there (a directory, a symbolic link, a device such as /dev/null: never replaced),
    the regular file there is write-protected, or no file can be created in the nearest
    existing directory above it (tried with a temporary file, removed at once)."""
    text = os.fspath(path)
    if not text or text.endswith(os.sep):
        raise InputError(f"the output path must name a file; got {text!r}")
    path = Path(text)
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as error:
        raise InputError(f"cannot use {text!r}: {error.strerror}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(f"{text!r} exists and is not a regular file ({_file_type(mode)}); "
                         "refusing to replace it")
    if mode is not None and not os.access(path, os.W_OK):
        raise InputError(f"{text!r} is write-protected; refusing to replace it")
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    try:
        with tempfile.TemporaryFile(dir=parent):  # a probe: the only sure test, root included
            pass
    except OSError as error:
        raise InputError(f"cannot write {text!r}: {str(parent)!r} is not a writable directory "
                         f"({error.strerror})") from None
    return path


def _file_type(mode: int) -> str:
    kinds = [("directory", stat.S_ISDIR), ("symbolic link", stat.S_ISLNK),
             ("character device", stat.S_ISCHR), ("block device", stat.S_ISBLK),
             ("named pipe", stat.S_ISFIFO), ("socket", stat.S_ISSOCK)]
    return next((name for name, test in kinds if test(mode)), "special file")


def current_umask() -> int:
    """The process umask, read from /proc/self/status where the kernel reports it (no
    change to the process state), else by setting and restoring it."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_netcdf(ds: xr.Dataset, path: str | os.PathLike) -> Path:
    """Write ``ds`` with provenance to ``path`` atomically: no partial file ever exists there.

    The data go to a temporary file TEMP_GLOB in the same directory, removed on any error,
    on KeyboardInterrupt and on SIGTERM (only SIGKILL leaves it), then renamed to ``path``.
    A replaced file keeps its mode; a new file gets 0666 minus the umask (0644 under umask
    022), like any new file.  Anything but a writable regular file at ``path`` is refused
    (check_output_path)."""
    path = check_output_path(path)
    mode = _mode_for(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds = ds.copy()
    ds.attrs = {k: _netcdf_safe(v) for k, v in {**ds.attrs, **provenance()}.items()}
    with _sigterm_as_exit():
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            os.close(fd)
            ds.to_netcdf(tmp, engine="netcdf4")
            os.chmod(tmp, mode)  # mkstemp made it 0600
            check_output_path(path)  # nothing else appeared there meanwhile
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    return path


def _mode_for(path: Path) -> int:
    """Permission bits for the file written to ``path``: those of the regular file it
    replaces, else 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Within: SIGTERM raises SystemExit(128 + 15), so that ``finally`` clauses run, where it
    would otherwise end the process at once (the default action; main thread only)."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


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


def from_qutip(rho: Any, chain: Chain, kind: str = "steady") -> State:
    """A lindbath.State (method "qutip", residual NaN: not computed here) from a qutip.Qobj
    density matrix of ``chain``'s N spins, dims [[2]*N, [2]*N], site 1 the first tensor
    factor (lindbath.model.qutip_bridge).  Its Pauli coefficients c_s = Tr(P_s rho) give the
    local observables and the trace and positivity diagnostics (State.from_pauli).

    Parameters
    ----------
    rho : qutip.Qobj
        A density matrix (operator) with dims [[2]*N, [2]*N].
    chain : Chain
        The chain the state belongs to.
    kind : {"steady", "thermal"}, default "steady"
        What the state is.

    Returns
    -------
    State
        With Pauli coefficients (so the heat flows and correlations of exact states apply).

    Raises
    ------
    InputError
        An unknown kind, or rho not positive semidefinite (smallest eigenvalue below
        -POSITIVITY_TOL of lindbath.model.qutip_bridge).
    ValueError
        ``chain`` not a Chain, or rho not an operator, of other dims, not Hermitian or not of
        trace 1.

    References
    ----------
    docs/conventions.md, "Spins and Pauli strings" (the basis and c_s); [P] Appendix A.
    """
    check_chain(chain)
    validation.choice("kind", kind, ("steady", "thermal"))
    pauli = to_pauli(density_from_qutip(rho, chain)).real
    state = State.from_pauli(chain, pauli, "qutip", {"residual": float("nan")}, {})
    state.kind = kind
    return state
