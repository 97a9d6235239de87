"""Config errors that the workflow refuses while it is parsed (a dry run), with a message
naming the key and what it may be (workflow/rules/config_checks.smk, the JSON schema), each
from a temporary config file over config/tiny.yaml."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from test_workflow import ROOT, TINY, copy_workflow, snakemake

from lindbath.mps.settings import SteadySettings

SCHEMA = ROOT / "workflow" / "schemas" / "config.schema.yaml"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return copy_workflow(tmp_path_factory.mktemp("config_checks"))


@pytest.mark.slow  # eleven Snakemake dry runs, ~2 s each; the duplicate-key one stays fast
@pytest.mark.parametrize(("change", "message"), [
    ("correlations:\n  lengths: {N: [3.0], beta_bath: 0.5}\n",
     "config: correlations.lengths.N[0]: 3.0 must be an integer: write 3"),
    ("long_chains:\n  chi: [16.0]\n", "config: long_chains.chi[0]: 16.0 must be an integer"),
    ("reference:\n  N_ref: [4.0, 6.0, 16.0]\n",
     "config: reference.N_ref[0]: 4.0 must be an integer"),
    ("parameter_search:\n  hamiltonian: nope\n",
     "config: parameter_search.hamiltonian: unknown Hamiltonian 'nope'; defined: xxz_fields"),
    ("transport:\n  mps: {solver: {obs_tol: 1.0e-3, bogus: 3}}\n",
     "'bogus' was unexpected"),
    ("transport:\n  mps: {solver: {obs_tol: -1}}\n",
     "On instance['transport']['mps']['solver']['obs_tol']"),
    ("hamiltonians:\n  xxz_integrable: {J: 1.0, Delta: 0.5, hx: 0.0, hz: 0.0}\n"
     "transport:\n  scaling: {baths: [db, local]}\n",
     "config: transport.scaling.baths: bath 'local' needs hz != 0; 'xxz_integrable' has hz = 0"),
    ("transport:\n  profile_N: [7]\n",
     "config: transport.profile_N: [7] must be in transport.scaling.N or transport.mps.N"),
    ("beta_scan:\n  N: [4]\n  gamma: [1.0]\n  N: [6]\n",
     "bad.yaml line 4: duplicate key 'N': give each key once"),
    ("steady_solver: {solver: auto, tol: 1e-10}\n",
     "config: steady_solver.tol: '1e-10' is a string to YAML, not a number: write 1.0e-10"),
])
def test_refused_by_a_dry_run(workdir, change, message):
    (workdir / "config" / "bad.yaml").write_text(change)
    run = snakemake(workdir, "-n", "--cores", "1", *TINY, "config/bad.yaml")
    assert run.returncode != 0
    assert message in run.stdout + run.stderr


def test_duplicate_key_in_the_snakefiles_config_file(workdir):
    """config/config.yaml, read by the Snakefile's configfile directive, is checked too."""
    default = workdir / "config" / "config.yaml"
    text = default.read_text()
    try:
        default.write_text(text + "batch_max_N: 8\n")
        run = snakemake(workdir, "-n", "--cores", "1", *TINY)
    finally:
        default.write_text(text)
    assert run.returncode != 0
    assert "duplicate key 'batch_max_N'" in run.stdout + run.stderr


def test_mps_solver_options_are_the_steady_settings():
    """The schema's MPS solver options (long_chains.solver, transport.mps.solver) are the
    fields of lindbath.mps.steady.SteadySettings."""
    schema = yaml.safe_load(SCHEMA.read_text())
    options = schema["$defs"]["mps_solver"]["properties"]
    assert set(options) == {field.name for field in dataclasses.fields(SteadySettings)}
