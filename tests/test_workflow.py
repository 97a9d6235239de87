"""The Snakemake workflow end to end on config/tiny.yaml, in temporary copies of the repository:
a full run (datasets, figures, report), a run killed midway and resumed (same datasets, no
partial files), a style change that reruns one figure only, config validation, and lint."""

from __future__ import annotations

import os
import runpy
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import xarray as xr
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_FILES = ["Snakefile", "config", "workflow"]
TINY = ["--configfile", "config/tiny.yaml"]
TARGETS = runpy.run_path(str(ROOT / "workflow" / "rules" / "targets.smk"))
DATASETS, FIGURES = TARGETS["DATASETS"], list(TARGETS["FIGURES"])
PROVENANCE = ("lindbath_version", "git_commit", "config_hash", "config_yaml", "created")


def copy_workflow(target: Path) -> Path:
    """The files a study needs, copied into ``target`` (results and .snakemake left out)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in WORKFLOW_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def environment(slurm: bool = False) -> dict[str, str]:
    """The test's environment for a Snakemake subprocess. Unless ``slurm``, ``scontrol`` is a
    stub that fails at once: the SLURM executor plugin runs ``scontrol show config`` when it
    is imported, which waits 10 s per Snakemake start where a SLURM client is installed but no
    controller runs (this machine after tests/test_cluster.py stops its daemons)."""
    path = [str(Path(sys.executable).parent), os.environ.get("PATH", "")]
    if not slurm:
        path.insert(0, str(ROOT / "tests" / "local_bin"))
    return {**os.environ, "PATH": os.pathsep.join(path), "MPLBACKEND": "Agg"}


def snakemake_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "snakemake", *args]


def snakemake(workdir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(snakemake_command(*args), cwd=workdir, env=environment(),
                          capture_output=True, text=True, timeout=timeout)


def job_counts(output: str) -> dict[str, int]:
    """Rule -> job count from Snakemake's 'Job stats' table."""
    lines = output[output.index("Job stats:"):].splitlines()[3:]
    counts = {}
    for line in lines:
        parts = line.split()
        if len(parts) != 2 or parts[0] == "total":
            break
        counts[parts[0]] = int(parts[1])
    return counts


def measured(name: str) -> bool:
    """Names of what legitimately differs between runs: creation time and git commit (the
    tree may be committed meanwhile), timings (*time_s) and peak memory (*rss*)."""
    return name in ("created", "git_commit") or "time_s" in name or "rss" in name


def comparable(ds: xr.Dataset) -> xr.Dataset:
    """Drop what legitimately differs between two runs of the same study."""
    ds = ds.drop_vars([v for v in ds.variables if measured(str(v))])
    ds.attrs = {k: v for k, v in ds.attrs.items() if not measured(k)}
    return ds


def assert_same_dataset(path_a: Path, path_b: Path) -> None:
    a, b = comparable(xr.load_dataset(path_a)), comparable(xr.load_dataset(path_b))
    assert set(a.variables) == set(b.variables), path_a.name
    assert a.attrs.keys() == b.attrs.keys(), path_a.name
    for key, value in a.attrs.items():
        assert np.array_equal(np.asarray(value), np.asarray(b.attrs[key])), (path_a.name, key)
    xr.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


@pytest.mark.slow
def test_tiny_study_writes_every_dataset_and_figure(tiny_run):
    for name in DATASETS:
        ds = xr.load_dataset(tiny_run / "results" / "datasets" / f"{name}.nc")
        assert all(ds.attrs.get(key) for key in PROVENANCE), name
        assert ds.attrs["lindbath_version"] and len(ds.attrs["config_hash"]) == 16
    for name in FIGURES:
        for suffix in ("pdf", "png"):
            assert (tiny_run / "results" / "figures" / f"{name}.{suffix}").stat().st_size > 5000
    assert not list((tiny_run / "results").rglob("*.part"))


@pytest.mark.slow
def test_study_dataset_has_named_dims_units_and_diagnostics(tiny_run):
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "beta_scan.nc")
    dims = {"hamiltonian", "N", "bath", "beta_bath", "gamma", "site", "observable"}
    assert dims <= set(ds.dims)
    assert ds["beta_bath"].attrs["units"] and ds["beta_bath"].attrs["long_name"]
    assert ds["beta_eff"].attrs["units"] and ds["sz"].attrs["long_name"]
    assert set(ds["bath"].values) == {"db", "fr"}
    assert int(ds["converged"].min()) == 1 and float(ds["residual"].max()) < 1e-8
    assert set(np.unique(ds["flag_z"])) <= {0, 1, 2, 3, 4}
    assert ds["reference_error_z"].attrs["units"] and ds.attrs["reference_tol"] == 0.02
    unconverged = ds["flag_z"] == 4
    assert bool(ds["beta_z"].where(unconverged).isnull().all())
    ok = ds["flag_z"] == 0
    ratio = (ds["beta_x"] / ds["beta_z"]).where(ok & (ds["flag_x"] == 0))
    np.testing.assert_allclose(ds["ratio_x_z"].where(ratio.notnull()), ratio)


@pytest.mark.slow
def test_thermality_map_dataset(tiny_run):
    """The map of the tiny study (xxz_fields, N = 4): first-order ratios as in the linear
    response benchmark (benchmarks/README.md), no first order for DB with a reduced target,
    and the beta_bath = 0.2 steady states within 10 % of first order in beta_x and beta_z."""
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "linear_response.nc")
    point = ds.sel(hamiltonian="xxz_fields", N=4, bath="db")
    first = point["ratio"].sel(convention="default", beta_bath=0.0)
    np.testing.assert_allclose(first, [0.5178, 0.5058, 0.1748, 0.2230], atol=1e-4)
    assert int(point["applicable"].sel(convention="reduced_edge", beta_bath=0.0)) == 0
    assert int(point["applicable"].sel(convention="reduced_edge", beta_bath=0.2)) == 1
    finite = point["ratio"].sel(convention="default", beta_bath=0.2)
    assert np.abs(finite / first - 1).sel(observable=["sx", "sz"]).max() < 0.1  # 6 %
    assert int(ds["converged"].where(ds["applicable"] == 1).min()) == 1


@pytest.mark.slow
def test_reference_table_combines_exact_and_mps_lengths_with_a_chi_check(tiny_run):
    """Exact lengths from the batch job, the MPS length (N_ref > 14) from its own job at chi
    and chi_check, one table over N_ref with the convergence recomputed (Fig. 1)."""
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "reference.nc")
    table = ds.isel(hamiltonian=0)
    assert list(table["N_ref"].values) == [4, 6, 16]
    assert list(table["reference_method"].values) == ["exact", "exact", "mps"]
    assert list(table["chi"].values) == [0, 0, 8] and int(ds.attrs["chi_check"]) == 16
    assert bool(table["truncation_error"].sel(N_ref=[4, 6]).isnull().all())
    assert float(table["truncation_error"].sel(N_ref=16)) > 0
    assert bool(np.isfinite(table["sz_chi_check"].sel(N_ref=16)).all())
    assert list(table["N2"].values) == [6, 16]
    middle = table["sz"].sel(N_ref=16, site=8) - table["sz"].sel(N_ref=6, site=3)
    np.testing.assert_allclose(table["delta_sz"].isel(pair=1), np.abs(middle))


@pytest.mark.slow
def test_relaxation_dataset_has_the_gap_and_time_of_both_baths(tiny_run):
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "relaxation.nc")
    assert set(ds["bath"].values) == {"db", "fr"} and list(ds["N"].values) == [3, 4]
    assert ds["gap"].attrs["units"] and ds["gap"].attrs["long_name"]
    assert bool((ds["gap"] > 0).all())
    assert ds["t_relax"].attrs["units"] and ds["t_relax"].attrs["long_name"]
    assert bool((ds["t_relax_converged"] == 1).all()) and bool((ds["t_relax"] > 0).all())
    assert bool((ds["final_distance"] < ds.attrs["tol"]).all())


@pytest.mark.slow
def test_relaxation_mps_dataset_checks_the_bond_dimension(tiny_run):
    """N = 5 at chi = 16 is untruncated (4^2): converged, and the estimate; chi = 4 is the
    check, and the verdict follows the gap to it."""
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "relaxation_mps.nc")
    assert list(ds["N"].values) == [5] and list(ds["chi"].values) == [4, 16]
    full = ds.sel(chi=16)
    assert bool((full["t_relax_converged"] == 1).all())
    assert bool((full["discarded_weight"] < 1e-10).all()) and bool((full["t_relax"] > 0).all())
    np.testing.assert_array_equal(ds["t_relax_estimate"], full["t_relax"])
    gap = np.abs(full["t_relax"] - ds["t_relax"].sel(chi=4))
    np.testing.assert_array_equal(ds["t_relax_chi_error"], gap.where(gap.notnull()))
    expected = (gap <= ds.attrs["chi_tol"] * full["t_relax"]).astype(int)
    np.testing.assert_array_equal(ds["t_relax_chi_converged"], expected)
    assert ds["t_relax_chi_error"].attrs["units"] and ds["reference_spread"].attrs["long_name"]


@pytest.mark.slow
def test_davies_bath_reaches_the_gibbs_state_in_the_gathered_data(tiny_run):
    """The Davies steady state is exp(-beta H)/Z (docs/conventions.md); the two-site baths
    are not."""
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "bath_models.nc")
    assert float(ds["distance_full"].sel(bath="davies").max()) < 1e-8
    assert float(ds["distance_full"].sel(bath="local").min()) > 1e-3


@pytest.mark.slow
def test_correlation_at_zero_time(tiny_run):
    """Full C(0) = <sz_N sz_N> = 1 for every computed curve, connected C(0) = 1 - <sz_N>^2."""
    ds = xr.load_dataset(tiny_run / "results" / "datasets" / "correlations.nc")
    full0 = ds["full_real"].isel(t=0).values
    connected0 = ds["connected_real"].isel(t=0).values
    computed = np.isfinite(full0)
    assert computed.sum() >= 3
    np.testing.assert_allclose(full0[computed], 1.0, atol=1e-10)
    assert np.all((connected0[computed] > 0) & (connected0[computed] <= 1 + 1e-12))


@pytest.mark.slow
def test_report_is_self_contained_html(tiny_run):
    run = snakemake(tiny_run, *TINY, "--report", "results/report.html")
    assert run.returncode == 0, run.stderr[-3000:]
    html = (tiny_run / "results" / "report.html").read_text(errors="replace")
    assert "[P] Fig. 5: DB versus FR" in html and "bath models ranked" in html.lower()


@pytest.mark.slow
def test_style_change_reruns_only_that_figure(tiny_run, tmp_path):
    script = tiny_run / "workflow" / "scripts" / "fig4_gamma_map.py"
    original = script.read_text()
    try:
        script.write_text(original + "# style change\n")
        run = snakemake(tiny_run, "--dry-run", *TINY)
    finally:
        script.write_text(original)
    assert run.returncode == 0, run.stderr[-3000:]
    assert job_counts(run.stdout) == {"fig4_gamma_map": 1, "all": 1}


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_datasets(tiny_run, tmp_path):
    workdir = copy_workflow(tmp_path / "killed")
    process = subprocess.Popen(snakemake_command("--cores", "2", *TINY), cwd=workdir,
                               env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while len(list((workdir / "results").rglob("*.nc"))) < 8:
        assert process.poll() is None and time.monotonic() < deadline, "finished before kill"
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert len(list((workdir / "results").rglob("*.png"))) < len(FIGURES), "killed too late"
    assert snakemake(workdir, "--unlock", *TINY).returncode == 0
    rerun = snakemake(workdir, "--cores", "2", "--rerun-incomplete", *TINY)
    assert rerun.returncode == 0, rerun.stderr[-5000:]
    assert not list((workdir / "results").rglob("*.part"))
    for name in DATASETS:
        assert_same_dataset(workdir / "results" / "datasets" / f"{name}.nc",
                            tiny_run / "results" / "datasets" / f"{name}.nc")


@pytest.fixture
def leftovers(tmp_path) -> tuple[Path, list[Path], Path]:
    """A copy of the workflow with a user's notes.part and a temporary that a killed job of
    lindbath.io.write_netcdf left under results/."""
    workdir = copy_workflow(tmp_path / "leftovers")
    notes = workdir / "results" / "chapter1.part"
    temporary = workdir / "results" / "reference" / ".lindbath-tmp-x.part"
    temporary.parent.mkdir(parents=True)
    for path in (notes, temporary):
        path.write_text("notes\n")
    return workdir, notes, temporary


@pytest.mark.parametrize("args", [("-n", "--cores", "1"), ("--unlock",)])
def test_dry_run_and_unlock_delete_nothing(leftovers, args):
    workdir, notes, temporary = leftovers
    run = snakemake(workdir, *args, *TINY)
    assert run.returncode == 0, run.stderr[-3000:]
    assert notes.exists() and temporary.exists()


def test_real_run_deletes_only_its_own_temporaries(leftovers):
    """The onstart handler of a run (one cheap job) removes the temporary, not the notes."""
    workdir, notes, temporary = leftovers
    run = snakemake(workdir, "results/reference/xxz_fields/batch.nc", "--cores", "1", *TINY)
    assert run.returncode == 0, run.stderr[-3000:]
    assert notes.exists() and not temporary.exists()
    assert "removed 1 leftover .lindbath-tmp-*.part file(s)" in run.stderr


def test_rules_run_in_the_job_environment():
    """Every rule names workflow/envs/lindbath.yaml, which has the run-time dependencies and
    the package but not the test tools of environment.yml."""
    lines = [line.strip() for path in (ROOT / "workflow" / "rules").glob("*.smk")
             for line in path.read_text().splitlines()]
    conda = [after for line, after in zip(lines, lines[1:], strict=False) if line == "conda:"]
    assert len(conda) == sum(line.startswith("rule ") for line in lines)
    assert set(conda) == {'"../envs/lindbath.yaml"'}
    spec = yaml.safe_load((ROOT / "workflow" / "envs" / "lindbath.yaml").read_text())
    names = [d.split(">")[0].split("=")[0] for d in spec["dependencies"] if isinstance(d, str)]
    core = {"snakemake", "numpy", "scipy", "pandas", "xarray", "netcdf4", "matplotlib"}
    assert core <= set(names)
    assert not {"pytest", "ruff", "qutip"} & set(names)
    assert spec["dependencies"][-1] == {"pip": ["-e ../.."]}


@pytest.mark.parametrize(("change", "message"), [
    ("beta_scan:\n  gama: [1.0]\n", "'gama' was unexpected"),
    ("gamma_map:\n  beta_bath: [-0.5]\n", "beta_bath"),
    ("figures:\n  N: 7\n", "figures.N"),
    ("bath_models:\n  hamiltonian: nonexistent\n", "bath_models.hamiltonian"),
    ("bath_models:\n  beta_bath: [0.0, 1.0]\n", "beta_bath"),
    ("long_chains:\n  hamiltonian: nonexistent\n", "long_chains.hamiltonian"),
    ("long_chains:\n  solver: {speed: 2}\n", "'speed' was unexpected"),
    ("reference:\n  chi_check: 8\n", "reference.chi_check"),
    ("long_chains:\n  reference: {chi: 32, chi_check: 32, beta: {stop: 2.0, num: 41}}\n",
     "long_chains.reference.chi_check"),
    ("beta_scan:\n  N: [5]\n", "config: beta_scan.N: [5] must be in reference.N_ref"),
    ("parameter_search:\n  N_ref: [6, 8]\n",
     "config: parameter_search.N: [4] must be in parameter_search.N_ref"),
    ("reference_tol: 0\n", "reference_tol"),
    ("relaxation:\n  hamiltonian: nonexistent\n", "relaxation.hamiltonian"),
    ("beta_scan:\n  beta_bath: [.nan, 1.0]\n", "config: beta_scan.beta_bath[0]: nan"),
    ("gamma_map:\n  gamma: [.inf]\n", "config: gamma_map.gamma[0]: inf"),
    ("hamiltonians:\n  xxz_fields: {J: .nan, Delta: 0.5, hx: 0.6, hz: 0.4}\n",
     "config: hamiltonians.xxz_fields.J: nan"),
    ("relaxation:\n  baths: [local]\n  beta_bath: [0.0, 0.5]\n",
     "config: relaxation.beta_bath: bath 'local' needs beta_bath > 0"),
    ("reference:\n  beta: {stop: 3.0, num: 10000000}\n", "['reference']['beta']['num']"),
    ("thermality:\n  mps: {hamiltonians: [tilted_ising]}\n",
     "config: thermality.mps.hamiltonians: ['tilted_ising'] must be in thermality.hamiltonians"),
    ("thermality:\n  exact_N: [13]\n", "thermality"),
    ("relaxation:\n  mps: {dt: 0.3}\n",
     "config: relaxation.mps: the grid spacing t_max / (num - 1) = 0.5 must be a multiple"),
    ("linear_response:\n  conventions: [default, rates=fast]\n",
     "config: linear_response.conventions: unknown convention 'rates=fast'"),
])
def test_bad_config_stops_before_any_job(tmp_path, change, message):
    workdir = copy_workflow(tmp_path / "bad")
    bad = workdir / "config" / "bad.yaml"
    bad.write_text(change)
    run = snakemake(workdir, "--cores", "1", "--configfile", "config/tiny.yaml",
                    "config/bad.yaml")
    assert run.returncode != 0
    assert message in run.stdout + run.stderr
    assert not (workdir / "results").exists()


@pytest.mark.parametrize(("solver", "minutes", "budget_s"), [
    ({}, 17, 0.8 * 60 * 17 / 2),  # default: 80 % of the runtime estimate per state
    ({"max_wall_s": 600}, 25, 600),  # a set budget; the runtime grows to 2 * 600 / 0.8 s
])
def test_mps_wall_budget_fits_the_job_runtime(solver, minutes, budget_s):
    """long_chains.solver.max_wall_s: each MPS steady state stops (converged = 0) before the
    scheduler's runtime of its job (N = 16, chi = 64, two beta_bath points) runs out."""
    config = {"long_chains": {"solver": solver}}
    rules = runpy.run_path(str(ROOT / "workflow" / "rules" / "resources.smk"),
                           init_globals={"config": config, "mps_betas": lambda w: [0.5, 1.0]})
    job = SimpleNamespace(N="16", chi="64")
    assert rules["long_steady_minutes"](job) == minutes
    assert rules["long_state_wall_seconds"](job) == pytest.approx(budget_s)
    assert 2 * rules["long_state_wall_seconds"](job) <= 0.8 * 60 * minutes + 1e-9


def test_correlation_jobs_beyond_the_exact_limit_ask_for_an_mps_job():
    """A correlation chain longer than the exact limit runs as MPS: an MPS job's memory and
    a runtime counting one steady state and one evolution per gamma', not the exact
    estimate (which at N = 24 would ask for 4^24 doubles)."""
    config = {"correlations": {"mps": {"chi": 64}}}
    jobs = {(24, "0.5"): ["0.0", "1.0"], (6, "0.5"): ["0.0", "1.0"]}
    rules = runpy.run_path(str(ROOT / "workflow" / "rules" / "resources.smk"),
                           init_globals={"config": config, "CORRELATION_JOBS": jobs})
    long, short = SimpleNamespace(N="24", beta="0.5"), SimpleNamespace(N="6", beta="0.5")
    assert rules["correlation_mb"](long) == rules["MPS_JOB_MB"]
    assert rules["correlation_minutes"](long) == rules["mps_runtime_minutes"](24, 64, 4)
    assert rules["correlation_mb"](short) == rules["memory_for_length"](6)
    assert rules["correlation_minutes"](short) == rules["steady_runtime_minutes"](6, 4)


def test_lint_is_clean(tmp_path):
    workdir = copy_workflow(tmp_path / "lint")
    run = snakemake(workdir, "--lint")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Lints for" not in run.stdout + run.stderr
