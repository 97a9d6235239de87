"""Errors that map to exit codes (#24 items 2 and 7): InputError 2 naming the option, before
any work and with no file or directory left behind; SolverError 3; anything else 1 with a
one-line message (--debug adds the traceback); Ctrl-C 130; the temporary file of an
interrupted write (.lindbath-tmp-*.part) removed, SIGTERM included."""

import fnmatch
import os
import stat
import subprocess
import sys
import textwrap

import pytest
import xarray as xr

from lindbath import cli
from lindbath.cli import main
from lindbath.errors import InputError, SolverError
from lindbath.io import TEMP_GLOB, write_netcdf

S = ["steady", "--N", "4", "--bath", "db,left,0.5,1"]
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def no_computation(monkeypatch):
    """Make any computation fail loudly: a refusal must come before it."""
    def refuse(*args, **kwargs):
        raise AssertionError("the computation started")
    for name in ("steady_state", "thermal_state", "correlation", "reference_table",
                 "mean_gap_ratio", "goe_r"):
        monkeypatch.setattr(cli, name, refuse)


def run(argv, capsys):
    """(exit status, stderr) of ``lindbath argv``, argparse's own exits included."""
    try:
        status = main(argv)
    except SystemExit as exit_info:
        status = exit_info.code
    return status, capsys.readouterr().err


def raising(error):
    def solver(*args, **kwargs):
        raise error
    return solver


# item 2: each class of error has its exit status and a one-line message

@pytest.mark.parametrize("error, status, text", [
    (InputError("gamma must be >= 0"), 2, "steady: error: gamma must be >= 0"),
    (SolverError("ARPACK did not converge"), 3, "steady: solver failed: ARPACK did not"),
    (ValueError("singular\nmatrix"), 1, "unexpected error: ValueError: singular matrix (rerun"),
    (ZeroDivisionError("division by zero"), 1, "unexpected error: ZeroDivisionError: div"),
    (MemoryError(), 1, "unexpected error: MemoryError (rerun as 'lindbath --debug"),
])
def test_each_error_class_has_its_exit_status(error, status, text, tmp_path, capsys,
                                              monkeypatch):
    monkeypatch.setattr(cli, "steady_state", raising(error))
    code, err = run([*S, "--out", str(tmp_path / "x.nc")], capsys)
    assert code == status and text in err and err.count("\n") == 1
    assert "Traceback" not in err and list(tmp_path.iterdir()) == []


def test_debug_adds_the_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "steady_state", raising(RuntimeError("boom")))
    code, err = run(["--debug", *S, "--out", str(tmp_path / "x.nc")], capsys)
    assert code == 1 and "Traceback (most recent call last)" in err
    assert err.rstrip().endswith("unexpected error: RuntimeError: boom (rerun as 'lindbath "
                                 "--debug ...' for the traceback)")


def test_a_real_solver_failure_exits_3(tmp_path, capsys, monkeypatch):
    """The no-jump solver's singular-generator SolverError (with solver='nojump' there is no
    fallback) reaches the command line as status 3."""
    from lindbath.exact import nojump

    monkeypatch.setattr(nojump, "DECAY_MIN", float("inf"))
    code, err = run([*S, "--solver", "nojump", "--out", str(tmp_path / "x.nc")], capsys)
    assert code == 3 and "solver failed: the no-jump generator is singular" in err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_exits_130_with_one_line_and_no_leftovers(tmp_path, capsys, monkeypatch):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(xr.Dataset, "to_netcdf", interrupted)
    code, err = run([*S, "--out", str(tmp_path / "x.nc")], capsys)
    assert (code, err) == (130, "lindbath steady: interrupted\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extra", [["--tol", "1e-12"], ["--solver", "auto"]])
def test_exact_options_at_their_defaults_are_still_refused_with_mps(extra, tmp_path, capsys,
                                                                    no_computation):
    code, err = run([*S, "--method", "mps", *extra, "--out", str(tmp_path / "x.nc")], capsys)
    assert code == 2 and "--method mps does not take --solver or --tol" in err


def test_given_tol_reaches_the_exact_solver(tmp_path, capsys, monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "steady_state", lambda *a, **k: seen.update(k) or 1 / 0)
    run([*S, "--tol", "1e-10", "--out", str(tmp_path / "x.nc")], capsys)
    assert seen == {"tol": 1e-10}


# item 7: each reproduction exits 2 naming the option, before any work, leaving nothing

LONG_NAME = "x" * 300 + ".nc"


@pytest.mark.parametrize("argv, message", [
    ([*S, "--bath", "db,left,0_5,1"], "--bath 'db,left,0_5,1': beta must be a real number"),
    ([*S, "--J", "1_0"], "argument --J: invalid number value: '1_0'"),
    (["steady", "--N", "1_0", "--bath", "db,left,0.5,1"], "argument --N: invalid integer"),
    (["levels", "--N", "4", "--seed", "99999999999999999999999"],
     "--seed must be an integer >= 0 and <= 4294967295"),
    (["reference", "--lengths", "4", "--betas", "0:2:1e12"],
     "NUM of --betas must be an integer >= 1 and <= 10000"),
    (["correlation", "--N", "4", "--bath", "db,left,0.5,1", "--t-max", "1", "--num-times",
      "1000000000000"], "--num-times must be an integer >= 1 and <= 100000"),
    (["levels", "--N", "4", "--goe-size", "1000000"], "--goe-size must be an integer >= 3 and "
                                                       "<= 5000"),
    ([*S, "--tol", "10"], "--tol must be <= 1; got 10"),
    ([*S, "--J", "1e300"], "--J must be <= 1e+06; got 1e+300"),
    ([*S, "--hx=-1e300"], "--hx must be >= -1000000.0"),
    ([*S, "--bath", "db,right,0.5,1e300"], "gamma must be <= 1e+06"),
    ([*S, "--method", "mps", "--chi", "0"], "--chi must be an integer >= 1"),
    ([*S, "--method", "mps", "--obs-tol", "5"], "--obs-tol must be <= 1"),
    (["thermal", "--N", "15", "--beta", "1"], "--N must be an integer >= 2 and <= 14"),
    ([*S, "--bath", "local,right,1,1", "--hz", "0"], "--bath: hz must be nonzero"),
    (["levels", "--N", "4", "--middle-fraction", "2"], "--middle-fraction: middle_fraction"),
])
def test_reproductions_exit_2_naming_the_option(argv, message, tmp_path, capsys,
                                                 no_computation):
    out = tmp_path / "new" / "x.nc"
    code, err = run([*argv, "--out", str(out)], capsys)
    assert code == 2 and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # not even the parent directory


@pytest.mark.parametrize("make, message", [
    (lambda d: "-", "--out: '-' would be a file named '-'"),
    (lambda d: str(d / LONG_NAME), "File name too long"),
    (lambda d: str(d / "loop" / "x.nc"), "Too many levels of symbolic links"),
])
def test_unusable_out_names_exit_2(make, message, tmp_path, capsys, no_computation,
                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code, err = run([*S, "--out", make(tmp_path)], capsys)
    assert code == 2 and "error: --out: " in err and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop"]


@pytest.mark.skipif(ROOT, reason="root searches and writes whatever the permission bits say")
@pytest.mark.parametrize("name, message", [
    ("locked/x.nc", "Permission denied"),
    ("old.nc", "is write-protected; refusing to replace it"),
])
def test_unsearchable_directory_and_write_protected_file_exit_2(name, message, tmp_path,
                                                                 capsys, no_computation):
    old = tmp_path / "old.nc"
    old.write_text("keep")
    old.chmod(0o444)
    (tmp_path / "locked").mkdir(mode=0o000)
    try:
        code, err = run([*S, "--out", str(tmp_path / name)], capsys)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert code == 2 and message in err and old.read_text() == "keep"
    assert stat.S_IMODE(old.stat().st_mode) == 0o444


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_a_replaced_file_keeps_its_mode(mode, tmp_path):
    old = tmp_path / "old.nc"
    old.write_text("old")
    old.chmod(mode)
    write_netcdf(xr.Dataset({"a": ("x", [1.0])}), old)
    assert stat.S_IMODE(old.stat().st_mode) == mode
    assert xr.open_dataset(old)["a"].values.tolist() == [1.0]


# the temporary file: a name of its own beside the target, never left behind

def test_the_temporary_file_matches_temp_glob_and_is_removed_on_error(tmp_path, monkeypatch):
    seen = []

    def fail(self, path, *args, **kwargs):
        seen.append(os.path.basename(path))
        open(path, "w").close()
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(xr.Dataset, "to_netcdf", fail)
    with pytest.raises(OSError, match="No space left"):
        write_netcdf(xr.Dataset(), tmp_path / "x.nc")
    assert TEMP_GLOB == ".lindbath-tmp-*.part" and fnmatch.fnmatch(seen[0], TEMP_GLOB)
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_the_write_removes_the_temporary_file(tmp_path):
    """A child process sends itself SIGTERM in the middle of the write: it exits 143 and
    leaves neither the temporary file nor the target."""
    script = textwrap.dedent(f"""
        import os, signal, time
        import xarray as xr
        from lindbath.io import write_netcdf

        def write_then_wait(self, path, *args, **kwargs):
            open(path, "w").close()
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        xr.Dataset.to_netcdf = write_then_wait
        write_netcdf(xr.Dataset(), {str(tmp_path / "x.nc")!r})
    """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert child.returncode == 128 + 15, child.stderr.decode()
    assert list(tmp_path.iterdir()) == []
