"""The cluster path for real: tests/cluster/start-slurm.sh starts a one-node SLURM cluster on
localhost, and the tiny study runs to completion through the slurm-test profile
(snakemake-executor-plugin-slurm), every job submitted with sbatch and completed.

Runs where it can install and start SLURM (Linux, root, apt-get: CI) or when
LINDBATH_SLURM_TEST=1; skipped elsewhere with the reason, and wherever LINDBATH_SKIP_SLURM=1
(or deselect it with -m "not slurm"). It changes the machine: apt-get installs munge and
SLURM, and their daemons run as root until the test stops them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import xarray as xr
from test_workflow import DATASETS, ROOT, TINY, copy_workflow, environment, job_counts

SUBMITTED = re.compile(r"Job (\d+) has been submitted with SLURM jobid (\d+) \(log: (.+?)\)\.")
RUN_LIMIT_S = 900  # the tiny study takes 2-4 min on 2 cores; the rest is headroom for a loaded node


def skip_reason() -> str | None:
    if os.environ.get("LINDBATH_SKIP_SLURM") == "1":
        return "LINDBATH_SKIP_SLURM=1"
    if os.environ.get("LINDBATH_SLURM_TEST") == "1":
        return None
    if not sys.platform.startswith("linux"):
        return "SLURM test cluster needs Linux"
    if os.geteuid() != 0:
        return "start-slurm.sh needs root (set LINDBATH_SLURM_TEST=1 to force)"
    if shutil.which("apt-get") is None and shutil.which("slurmctld") is None:
        return "start-slurm.sh needs apt-get to install SLURM"
    return None


pytestmark = [pytest.mark.slow, pytest.mark.slurm,
              pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))]


def slurm_running() -> bool:
    try:
        return subprocess.run(["sinfo"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.fixture(scope="module")
def slurm_cluster():
    """A running localhost cluster; stopped afterwards only if this fixture started it."""
    pytest.importorskip("snakemake_executor_plugin_slurm")
    was_running = slurm_running()
    start = subprocess.run(["bash", str(ROOT / "tests" / "cluster" / "start-slurm.sh")],
                           capture_output=True, text=True, timeout=600)
    assert start.returncode == 0, start.stdout[-3000:] + start.stderr[-3000:]
    yield
    if not was_running:
        subprocess.run(["bash", str(ROOT / "tests" / "cluster" / "stop-slurm.sh")],
                       capture_output=True, timeout=120)


def slurm_states(job_ids: list[str]) -> dict[str, str]:
    """SLURM state of each job id squeue still lists (finished jobs stay MinJobAge = 300 s)."""
    out = subprocess.run(["squeue", "--states=all", "--noheader", "--format=%i %T",
                          f"--jobs={','.join(job_ids)}"], capture_output=True, text=True,
                         timeout=60)
    return dict(line.split() for line in out.stdout.splitlines() if line.strip())


def test_tiny_study_runs_on_slurm_with_every_job_submitted(slurm_cluster, tmp_path):
    workdir = copy_workflow(tmp_path / "slurm")
    command = ["timeout", "-s", "KILL", str(RUN_LIMIT_S), sys.executable, "-m", "snakemake",
               "--workflow-profile", "workflow/profiles/slurm-test", *TINY]
    run = subprocess.run(command, cwd=workdir, env=environment(slurm=True), capture_output=True,
                         text=True, timeout=RUN_LIMIT_S + 60)
    output = run.stdout + run.stderr
    assert run.returncode == 0, f"exit {run.returncode} (137: killed at {RUN_LIMIT_S} s)\n" \
        + output[-6000:]
    counts = job_counts(output)
    expected = sum(counts.values()) - counts.get("all", 0)
    submitted = {int(job): (slurm_id, log) for job, slurm_id, log in SUBMITTED.findall(output)}
    assert len(submitted) == expected, f"{len(submitted)} of {expected} jobs got a SLURM job id"
    slurm_ids = [slurm_id for slurm_id, _ in submitted.values()]
    assert len(set(slurm_ids)) == len(slurm_ids)
    for _, log in submitted.values():
        assert (workdir / log).is_file() or os.path.isfile(log), log
    states = slurm_states(slurm_ids)
    assert states, "squeue lists none of the jobs"
    assert set(states.values()) == {"COMPLETED"}, states
    for name in DATASETS:
        assert xr.open_dataset(workdir / "results" / "datasets" / f"{name}.nc").sizes
