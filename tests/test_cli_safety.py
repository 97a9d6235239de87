"""Nothing silently wrong, nothing clobbered: the command line refuses unusable output paths
and oversized runs before computing (exit 2), warns about unconverged results (exit 3 with
--strict, the file kept), writes files with the umask's mode, names the bad parameter, and
moves states to and from QuTiP."""

import os
import stat

import numpy as np
import pytest
import xarray as xr

import lindbath as lb
from lindbath import cli
from lindbath.cli import estimate_memory_bytes, main
from lindbath.io import check_output_path, write_netcdf

STEADY = ["steady", "--N", "4", "--bath", "db,left,0.5,1", "--bath", "db,right,0.5,1"]
BATHS = [lb.make_bath("db", "left", 0.5, 1), lb.make_bath("db", "right", 0.5, 1)]


@pytest.fixture
def no_computation(monkeypatch):
    """Make any computation fail loudly: a refusal must come before it."""
    def refuse(*args, **kwargs):
        raise AssertionError("the computation started")
    for name in ("steady_state", "thermal_state", "correlation", "reference_table",
                 "mean_gap_ratio"):
        monkeypatch.setattr(cli, name, refuse)


@pytest.fixture
def umask():
    """Set the process umask for one test and restore it afterwards."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def run(argv, capsys):
    """(exit status, stderr) of ``lindbath argv``."""
    status = main(argv)
    return status, capsys.readouterr().err


# item 3: unconverged results warn, --strict exits 3, the file is kept either way

def _unconverged(*args, **kwargs):
    state = lb.steady_state(*args, **kwargs)
    state.diagnostics["converged"] = 0
    return state


@pytest.mark.parametrize("strict, status, level", [(False, 0, "warning"), (True, 3, "error")])
def test_unconverged_result_warns_or_fails_and_keeps_the_file(strict, status, level, tmp_path,
                                                              capsys, monkeypatch):
    monkeypatch.setattr(cli, "steady_state", _unconverged)
    out = tmp_path / "ss.nc"
    code, err = run([*STEADY, "--out", str(out), *(["--strict"] if strict else [])], capsys)
    assert code == status and f"{level}: result not converged (diag_converged = 0" in err
    assert "residual = " in err and xr.open_dataset(out).attrs["diag_converged"] == 0


def test_converged_result_is_silent(tmp_path, capsys):
    assert run([*STEADY, "--strict", "--out", str(tmp_path / "ss.nc")], capsys) == (0, "")


def test_unconverged_names_each_flag_and_the_budget():
    ds = xr.Dataset(attrs={"diag_steady_converged": 0, "diag_steady_finished": 0,
                           "residual": 0.5, "diag_converged": 1})
    assert cli.unconverged(ds) == ["diag_steady_converged = 0", "residual = 0.5",
                                   "time budget (--max-wall or t_max) exhausted"]
    assert cli.unconverged(xr.Dataset(attrs={"converged": 1, "residual": 1.0})) == []


# items 4 and 6: unusable --out refused before computing, exit 2, nothing replaced or created

@pytest.mark.parametrize("make, message", [
    (lambda d: "/dev/null", "exists and is not a regular file (character device)"),
    (lambda d: str(d), "exists and is not a regular file (directory)"),
    (lambda d: "", "must name a file"),
    (lambda d: str(d / "sub") + os.sep, "must name a file"),
    (lambda d: str(d / "file.nc" / "out.nc"), "is not a writable directory"),
])
def test_unusable_out_exits_2_before_computing(make, message, tmp_path, capsys,
                                               no_computation):
    (tmp_path / "file.nc").write_text("keep")
    before = sorted(tmp_path.iterdir())
    code, err = run([*STEADY, "--out", make(tmp_path)], capsys)
    assert code == 2 and "error: --out: " in err and message in err
    assert sorted(tmp_path.iterdir()) == before and (tmp_path / "file.nc").read_text() == "keep"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_symlink_out_is_refused_and_left_alone(tmp_path, capsys, no_computation):
    target, link = tmp_path / "target.nc", tmp_path / "link.nc"
    target.write_text("keep")
    link.symlink_to(target)
    code, err = run([*STEADY, "--out", str(link)], capsys)
    assert code == 2 and "(symbolic link); refusing to replace it" in err
    assert link.is_symlink() and target.read_text() == "keep"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_directory_where_no_file_can_be_created_is_refused():
    """/proc refuses new files even to root, for whom permission bits do not count."""
    with pytest.raises(ValueError, match="'/proc' is not a writable directory"):
        check_output_path("/proc/lindbath_test/out.nc")


def test_write_netcdf_itself_refuses_non_regular_files(tmp_path):
    link = tmp_path / "link.nc"
    link.symlink_to(tmp_path / "elsewhere.nc")
    for path in (link, tmp_path, "/dev/null"):
        with pytest.raises(ValueError, match="is not a regular file"):
            write_netcdf(xr.Dataset(), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.nc"]


def test_write_netcdf_replaces_a_regular_file(tmp_path):
    out = tmp_path / "x.nc"
    out.write_text("old")
    write_netcdf(xr.Dataset({"a": ("x", [1.0])}), out)
    assert xr.open_dataset(out)["a"].values.tolist() == [1.0]


# item 5: output files get mode 0666 minus the umask (mkstemp's 0600 does not survive)

@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_respect_the_umask(mask, mode, tmp_path, umask, capsys):
    umask(mask)
    write_netcdf(xr.Dataset(), tmp_path / "direct.nc")
    assert run([*STEADY, "--out", str(tmp_path / "cli.nc")], capsys)[0] == 0
    for name in ("direct.nc", "cli.nc"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode


def test_current_umask_reads_without_changing_it(umask):
    from lindbath.io import current_umask

    umask(0o027)
    assert current_umask() == 0o027 and os.umask(0o027) == 0o027


# item 8: memory estimated before starting; refusal names N, the estimate and the limit

@pytest.mark.parametrize("argv, solver", [
    (["steady", "--N", "14", "--bath", "db,left,1,1"], "auto"),
    (["steady", "--N", "9", "--bath", "db,left,1,1", "--solver", "direct"], "direct"),
    (["levels", "--N", "16"], ""),
    (["levels", "--N", "14", "--no-resolve"], "no-resolve"),
    (["thermal", "--N", "14", "--beta", "1"], ""),
    (["reference", "--lengths", "6", "14", "--betas", "0:1:3"], ""),
    (["correlation", "--N", "10", "--bath", "db,left,1,1", "--t-max", "1"], ""),
])
def test_oversized_exact_runs_exit_2_naming_n_estimate_and_limit(argv, solver, tmp_path, capsys,
                                                                  no_computation):
    out = tmp_path / "x.nc"
    code, err = run([*argv, "--max-memory", "0.5", "--out", str(out)], capsys)
    N = int(argv[argv.index("--N") + 1]) if "--N" in argv else 14
    estimate = estimate_memory_bytes(argv[0], N, solver) / 2**30
    assert code == 2 and f"N={N} needs an estimated {estimate:.3g} GiB" in err
    assert "above the limit 0.5 GiB (--max-memory)" in err and not out.exists()


def test_absurd_n_names_the_exact_limit(tmp_path, capsys, no_computation):
    code, err = run(["steady", "--N", "1000", "--bath", "db,left,1,1", "--out",
                     str(tmp_path / "x.nc")], capsys)
    assert code == 2 and "N=1000 is beyond the exact method (N <= 20" in err
    assert "about 10^604 bytes" in err


def test_default_memory_limit_is_a_fraction_of_physical_memory(tmp_path, capsys,
                                                                monkeypatch, no_computation):
    monkeypatch.setattr(cli, "physical_memory_bytes", lambda: 2**30)  # a 1 GiB machine
    code, err = run(["steady", "--N", "11", "--bath", "db,left,1,1", "--out",
                     str(tmp_path / "x.nc")], capsys)
    assert code == 2 and "above the limit 0.75 GiB (default: 75% of physical memory)" in err


def test_mps_runs_are_not_held_to_the_exact_estimate(tmp_path, capsys, monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "steady_state", lambda *a, **k: seen.update(k) or _fake_state())
    argv = ["steady", "--N", "40", "--bath", "db,left,1,1", "--method", "mps", "--chi", "8",
            "--out", str(tmp_path / "x.nc")]
    assert run(argv, capsys)[0] == 0 and seen["chi"] == 8


def _fake_state():
    return lb.steady_state(lb.Chain(4), BATHS)


# item 9: --max-wall reaches the MPS solver (default DEFAULT_MAX_WALL_S); at the limit the
# unconverged result is written with its diagnostics

@pytest.mark.parametrize("extra, wall", [([], cli.DEFAULT_MAX_WALL_S), (["--max-wall", "60"], 60)])
def test_max_wall_reaches_the_mps_solver(extra, wall, tmp_path, capsys, monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "steady_state", lambda *a, **k: seen.update(k) or _fake_state())
    argv = [*STEADY, "--method", "mps", *extra, "--out", str(tmp_path / "x.nc")]
    assert run(argv, capsys)[0] == 0 and seen == {"max_wall_s": wall}


def test_max_wall_stops_an_mps_run_and_writes_it_unconverged(tmp_path, capsys):
    out = tmp_path / "x.nc"
    code, err = run([*STEADY, "--method", "mps", "--chi", "8", "--max-wall", "0.001",
                     "--strict", "--out", str(out)], capsys)
    assert code == 3 and "time budget (--max-wall or t_max) exhausted" in err
    ds = xr.open_dataset(out)
    assert ds.attrs["diag_finished"] == 0 and ds.attrs["diag_converged"] == 0
    assert ds.attrs["diag_wall_time_s"] < 30


@pytest.mark.parametrize("extra, name", [(["--max-wall", "0"], "--max-wall must be > 0"),
                                         (["--max-wall", "5", "--method", "exact"], "--max-wall")])
def test_bad_max_wall_exits_2(extra, name, tmp_path, capsys, no_computation):
    argv = [*STEADY, *extra, "--out", str(tmp_path / "x.nc")]
    if "--method" not in extra:
        argv += ["--method", "mps"]
    code, err = run(argv, capsys)
    assert code == 2 and name in err


# item 11: every message names the parameter; options of the other method are refused

@pytest.mark.parametrize("argv, message", [
    (["reference", "--lengths", "4", "--betas", "a:b:3"], "START of --betas must be a real"),
    (["reference", "--lengths", "4", "--betas", "0:1:x"], "NUM of --betas must be a real"),
    (["reference", "--lengths", "4", "--betas=-1:1:3"], "START of --betas must be >= 0"),
    (["reference", "--lengths", "4", "--betas", "0", "-1"], "--betas must be >= 0"),
    (["levels", "--N", "4", "--seed", "-1"], "--seed must be an integer >= 0"),
    (["levels", "--N", "4", "--goe-size", "2"], "--goe-size must be an integer >= 3"),
    ([*STEADY, "--chi", "8"], "--method exact does not take --chi"),
    ([*STEADY, "--method", "mps", "--solver", "direct"], "--method mps does not take --solver"),
    (["thermal", "--N", "4", "--beta", "1", "--chi", "8"], "does not take --chi"),
    (["correlation", "--N", "4", "--bath", "db,left,1,1", "--t-max", "1", "--site", "0"],
     "--site must be an integer >= 1 and <= 4; got 0"),
    (["correlation", "--N", "4", "--bath", "db,left,1,1", "--t-max", "-1"], "--t-max must be"),
])
def test_cli_messages_name_the_parameter(argv, message, tmp_path, capsys, no_computation):
    out = tmp_path / "x.nc"
    code, err = run([*argv, "--out", str(out)], capsys)
    assert code == 2 and message in err and not out.exists()


def test_negative_value_given_as_a_separate_word_says_how_to_attach_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["reference", "--lengths", "4", "--betas", "-1:1:3", "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "argument --betas: expected" in err
    assert "must be attached: --betas=VALUE" in err


@pytest.mark.parametrize("make, message", [
    (lambda: lb.Chain(None), "N must be an integer; got None"),
    (lambda: lb.steady_state(4, BATHS), "chain must be a lindbath.Chain"),
    (lambda: lb.thermal_state(4, 1.0), "chain must be a lindbath.Chain"),
    (lambda: lb.correlation(4, BATHS, [0.0, 1.0]), "chain must be a lindbath.Chain"),
    (lambda: lb.steady_state(lb.Chain(4), []), "baths must be a non-empty list"),
    (lambda: lb.steady_state(lb.Chain(4), BATHS[0]), "baths must be a non-empty list"),
    (lambda: lb.correlation(lb.Chain(4), [], [0.0]), "baths must be a non-empty list"),
])
def test_api_messages_name_the_parameter(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.fixture(scope="module")
def half_j_table():
    return lb.reference_table({"J": 0.5, "Delta": 0.5, "hx": 0.6, "hz": 0.4}, [4],
                              np.linspace(0, 1, 6))


def test_effective_beta_refuses_a_table_of_other_parameters(half_j_table):
    state = lb.thermal_state(lb.Chain(4), 0.5)  # J = 1
    with pytest.raises(ValueError, match=r"J of the result \(1.0\) differs from the table's "
                                         r"\(0.5\): the table was built for another chain"):
        lb.effective_beta(state, half_j_table, "sz")
    with pytest.raises(ValueError, match="J of the result"):  # parameters as scalar coords
        point = state.to_dataset()
        point.attrs = {k: v for k, v in point.attrs.items() if k != "J"}
        lb.effective_beta(point.assign_coords(J=1.0), half_j_table, "sz")


def test_effective_beta_refuses_a_table_or_result_that_does_not_say_its_parameters(
        half_j_table):
    state = lb.thermal_state(lb.Chain(4, J=0.5), 0.5)
    bare = half_j_table.copy()
    bare.attrs = {}
    with pytest.raises(ValueError, match="the table must carry the chain parameters J, Delta"):
        lb.effective_beta(state, bare, "sz")
    point = state.to_dataset()
    point.attrs = {}
    with pytest.raises(ValueError, match="the result must carry the chain parameters J"):
        lb.effective_beta(point, half_j_table, "sz")
    assert lb.effective_beta(state, half_j_table, "sz")["flag"].size == 4  # matching: fine


# item 12: --version, a plain-text top-level help, 1-based --site

def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"lindbath {lb.__version__}"


def test_top_level_help_lists_every_command_in_plain_text(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name, (text, _) in cli.COMMANDS.items():
        assert f"    {name:<12} {text}" in out
    assert "``" not in out and ":func:" not in out and "exit status" in out


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and "--out" in out and "--max-memory" in out


def test_correlation_site_is_one_based_like_the_datasets(tmp_path, capsys):
    common = ["correlation", "--N", "4", "--bath", "db,left,0.5,1", "--t-max", "1",
              "--num-times", "3"]
    first, last = tmp_path / "first.nc", tmp_path / "last.nc"
    assert run([*common, "--site", "1", "--out", str(first)], capsys)[0] == 0
    assert run([*common, "--out", str(last)], capsys)[0] == 0
    expected = lb.correlation(lb.Chain(4), BATHS[:1], [0.0, 0.5, 1.0], "sz", 0)
    ds = xr.open_dataset(first)
    assert ds.attrs["site_a"] == 1 and xr.open_dataset(last).attrs["site_a"] == 4
    np.testing.assert_allclose(ds["connected_real"].values, expected["connected"].values.real,
                               atol=1e-12)


# item 17: states to and from QuTiP

qutip = pytest.importorskip("qutip")


def test_site_1_is_the_first_tensor_factor():
    up, down = qutip.ket2dm(qutip.basis(2, 0)), qutip.ket2dm(qutip.basis(2, 1))
    state = lb.from_qutip(qutip.tensor(up, down, down), lb.Chain(3))
    np.testing.assert_allclose(state.expect("sz"), [1.0, -1.0, -1.0], atol=1e-15)
    assert state.method == "qutip" and state.kind == "steady"


def test_round_trip_and_qutip_steadystate():
    """Our exact steady state -> Qobj -> State reproduces every observable, and QuTiP's own
    steadystate of the same Liouvillian, brought across, agrees to 1e-8."""
    from conftest import embedded_jumps

    chain = lb.Chain(4)
    ours = lb.steady_state(chain, BATHS)
    rho = ours.to_qutip()
    assert rho.dims == [[2] * 4, [2] * 4] and abs(rho.tr() - 1) < 1e-12
    back = lb.from_qutip(rho, chain)
    for name in ("sx", "sz", "szsz", "energy"):
        np.testing.assert_allclose(back.expect(name), ours.expect(name), atol=1e-13)
    dims = [[2] * 4, [2] * 4]
    reference = qutip.steadystate(qutip.Qobj(chain.hamiltonian().toarray(), dims=dims),
                                  [qutip.Qobj(j, dims=dims) for j in embedded_jumps(chain, BATHS)])
    theirs = lb.from_qutip(reference, chain)
    for name in ("sx", "sy", "sz", "sxsx", "energy"):
        np.testing.assert_allclose(theirs.expect(name), ours.expect(name), atol=1e-8)
    assert qutip.tracedist(rho, reference) < 1e-8


def test_thermal_state_to_qutip_is_the_gibbs_state():
    chain, beta = lb.Chain(3), 0.7
    h = qutip.Qobj(chain.hamiltonian().toarray(), dims=[[2] * 3, [2] * 3])
    gibbs = (-beta * h).expm()
    gibbs /= gibbs.tr()
    assert qutip.tracedist(lb.thermal_state(chain, beta).to_qutip(), gibbs) < 1e-12
    assert lb.from_qutip(gibbs, chain, kind="thermal").kind == "thermal"


@pytest.mark.parametrize("rho, message", [
    (lambda: qutip.basis(8, 0), "rho must be a qutip.Qobj density matrix .*got a ket"),
    (lambda: np.eye(8) / 8, "got ndarray"),
    (lambda: qutip.qeye(8) / 8, r"rho must have dims \[\[2, 2, 2\], \[2, 2, 2\]\]"),
    (lambda: qutip.tensor([qutip.qeye(2)] * 3), "rho must have trace 1; got 8"),
    (lambda: qutip.tensor(qutip.sigmap(), qutip.qeye(2), qutip.qeye(2)) + qutip.tensor(
        [qutip.qeye(2)] * 3) / 8, "rho must be Hermitian"),
])
def test_from_qutip_checks_its_input(rho, message):
    with pytest.raises(ValueError, match=message):
        lb.from_qutip(rho(), lb.Chain(3))


def test_to_qutip_refuses_mps_states():
    state = lb.State(lb.Chain(4), "steady", "mps", {}, 0.0)
    with pytest.raises(ValueError, match="to_qutip needs an exact state"):
        state.to_qutip()


def test_missing_qutip_is_a_clear_import_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "qutip", None)
    with pytest.raises(ImportError, match=r"need qutip \(pip install qutip"):
        lb.thermal_state(lb.Chain(3), 0.5).to_qutip()
