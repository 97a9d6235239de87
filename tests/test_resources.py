"""One memory model (lindbath.resources): the command line's --max-memory estimate, the
workflow's mem_mb and runtime (workflow/rules/resources.smk) and the no-jump solver's
memory budget all come from it, and it covers the measured peaks of benchmarks/README.md."""

import runpy
from pathlib import Path

import pytest
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath import cli, resources
from lindbath.exact.nojump import krylov_limit
from lindbath.resources import (
    KRYLOV_FALLBACK,
    MEMORY_BASE,
    estimate_memory_bytes,
    krylov_memory,
    steady_job_mb,
)

ROOT = Path(__file__).resolve().parents[1]
RULES = runpy.run_path(str(ROOT / "workflow" / "rules" / "resources.smk"),
                       init_globals={"config": {}})
MB, MIB, GIB = 10**6, 2**20, 2**30  # Snakemake's mem_mb is in MB
# Largest measured peak RSS in MiB of an exact steady state, benchmarks/README.md: N = 10
# transport table (double precision, 1256), N = 11 memory_calibration table (steady 11
# transport, 3964), N = 12 transport table (single precision, tol 1e-10, 14529 = 14.2 GiB).
MEASURED_PEAK_MIB = {10: 1256, 11: 3964, 12: 14529}
MEASURED_PRODUCTS = 68  # GMRES products of the N = 11 and 12 transport runs (same table)
# Reference tables over long beta grids, memory_calibration table (variant grid):
# (longest N, betas, lengths) -> peak MiB; and the N = 12 table of 200001 betas.
MEASURED_GRID_MIB = {(9, 100001, 1): 994, (4, 1000001, 1): 922, (9, 100001, 8): 1700,
                     (12, 200001, 1): 12.5 * 1024}


@pytest.mark.parametrize("N", sorted(MEASURED_PEAK_MIB))
def test_rule_memory_covers_the_measured_peak(N):
    assert RULES["memory_for_length"](N) * MB >= 1.1 * MEASURED_PEAK_MIB[N] * MIB


@pytest.mark.parametrize("physical", [2**40, 23 * GIB])  # a large node; the measuring one
@pytest.mark.parametrize("N", sorted(MEASURED_PEAK_MIB))
def test_krylov_basis_fits_the_rule_budget(N, physical, monkeypatch):
    """The solver given the rule's mem_mb keeps its whole estimate inside it, and on a node
    with room to spare the budget still holds the basis the measured runs used (single
    precision: 12 bytes per 4^N and vector)."""
    monkeypatch.setattr(resources, "physical_memory_bytes", lambda: physical)
    budget = RULES["memory_for_length"](N) * MB  # as the workflow scripts pass it
    limit = krylov_limit(N, budget)
    assert estimate_memory_bytes("steady", N, krylov_cap=limit) <= budget
    assert limit <= krylov_memory()
    if krylov_memory() > budget:  # the budget, not the machine, caps the basis
        assert limit // (12 * 4**N) >= MEASURED_PRODUCTS


def test_solver_fits_its_basis_into_the_budget():
    """A budget of the fixed estimate plus 8 vectors (N = 5 without mirror symmetry, single
    precision: 4^5 reals of 8 + 4 bytes) forces restarts, and the tolerance is still met."""
    chain = lb.Chain(5, **XXZ_FIELDS)
    baths = [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("fr", "right", 1.5, 0.4)]
    budget = estimate_memory_bytes("steady", 5, krylov_cap=0) + 8 * 12 * 4**5
    state = lb.steady_state(chain, baths, precision="single", memory_bytes=budget)
    free = lb.steady_state(chain, baths, precision="single")
    assert state.diagnostics["cycles"] > 2 and state.diagnostics["converged"] == 1
    assert free.diagnostics["cycles"] == 1


def test_default_budget_is_this_machines_share():
    assert krylov_limit(12) == krylov_memory()


def test_krylov_memory_is_half_the_physical_memory(monkeypatch):
    monkeypatch.setattr(resources, "physical_memory_bytes", lambda: 2**34)
    assert krylov_memory() == 2**33
    monkeypatch.setattr(resources, "physical_memory_bytes", lambda: 0)
    assert krylov_memory() == KRYLOV_FALLBACK


def test_memory_estimate_formula():
    """MEMORY_BASE + coefficient 4^N, exact in integers however large."""
    assert estimate_memory_bytes("steady", 10, "auto") == MEMORY_BASE + (240 + 1200) * 4**10
    basis = krylov_memory()
    assert estimate_memory_bytes("steady", 13) == MEMORY_BASE + 240 * 4**13 + basis
    assert estimate_memory_bytes("steady", 10, "krylov") == MEMORY_BASE + 480 * 4**10
    assert estimate_memory_bytes("steady", 8, "direct") > estimate_memory_bytes("steady", 8)
    assert estimate_memory_bytes("steady", 1000) > 4**1000
    assert steady_job_mb(12) * MB >= estimate_memory_bytes("steady", 12, krylov_cap=2**80)


@pytest.mark.parametrize(("key", "peak_mib"), MEASURED_GRID_MIB.items())
def test_reference_grid_is_counted(key, peak_mib):
    """Covered with the grid term, under the peak without it."""
    N, betas, lengths = key
    estimate = estimate_memory_bytes("reference", N, betas=betas, lengths=lengths)
    assert estimate >= 1.1 * peak_mib * MIB
    assert estimate_memory_bytes("reference", N, lengths=lengths) < peak_mib * MIB


def test_cli_counts_the_beta_grid(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "reference_table", lambda *a, **k: pytest.fail("computed"))
    """10000 betas (the CLI's largest grid) at N = 12: 1.07 GiB with the grid term, 0.28 GiB
    without it, so --max-memory 0.5 refuses it."""
    code = cli.main(["reference", "--lengths", "12", "--betas", "0:2:10000", "--max-memory",
                     "0.5", "--out", str(tmp_path / "x.nc")])
    assert code == 2 and "N=12 needs an estimated 1.07 GiB" in capsys.readouterr().err


def test_runtime_formulas_are_written_once():
    """The MPS and exact steady-state cost models live in lindbath.resources only; the
    rules call them (long chains and transport share mps_runtime_minutes)."""
    sources = [*ROOT.glob("workflow/**/*.smk"), *ROOT.glob("workflow/**/*.py"),
               *ROOT.glob("src/lindbath/**/*.py"), ROOT / "Snakefile"]
    text = {path: path.read_text() for path in sources}
    for formula in ("(chi / 64) ** 3", "4.0 ** max("):
        assert [p.name for p, t in text.items() if formula in t] == ["resources.py"]
    transport = (ROOT / "workflow" / "rules" / "transport_grids.smk").read_text()
    assert "mps_runtime_minutes(" in transport
