"""Memory and time a run needs, one estimator per solver, and what the machine offers.

The single cost model of the package: the command line refuses runs by it (--max-memory),
the workflow asks the scheduler by it (workflow/rules/resources.smk: mem_mb, runtime) and
the no-jump solver fits its GMRES basis into the budget it is given
(lindbath.exact.nojump.krylov_limit).  The constants are measured by
benchmarks/memory_calibration.py and the timings in benchmarks/README.md.
"""

from __future__ import annotations

import math
import os

__all__ = ["KRYLOV_FALLBACK", "MEMORY_BASE", "estimate_memory_bytes", "krylov_memory",
           "mps_relaxation_seconds", "mps_steady_seconds", "physical_memory_bytes",
           "relaxation_time_seconds", "steady_job_mb", "steady_seconds"]

# Peak memory of the exact routes, bytes = MEMORY_BASE + coefficient * 4^N (estimate_memory_bytes)
MEMORY_BASE = 160 * 2**20
MEMORY_PER_4N = {"steady": 240, "steady/krylov": 480, "steady/direct": 65536, "thermal": 64,
                 "reference": 8, "levels": 5, "levels/no-resolve": 20, "correlation": 1600,
                 "relaxation": 2600}
# "relaxation": lindbath.exact.relaxation_time, 2170 B per 4^N measured at N = 9 (peak RSS
# 721 MB: the Pauli-basis L while it is assembled, and the Arnoldi basis), rounded up 20 %
# plus the no-jump solver's GMRES basis: 75 vectors of 16 bytes per 4^N, up to krylov_memory()
KRYLOV_PER_4N = 1200
KRYLOV_FRACTION = 0.5  # share of the physical memory the GMRES basis may take (krylov_memory)
KRYLOV_FALLBACK = 4 * 2**30  # bytes it may take where the physical memory is unknown
# plus, for reference tables, per beta: the Gibbs weights of every level (levels x betas
# doubles and the temporary exp makes of them: 15.6 B measured) and the table's values of
# every site and length (13 observables; 139 B measured: the table and its copies)
REFERENCE_PER_LEVEL_BETA = 20
REFERENCE_PER_SITE_BETA = 208


def physical_memory_bytes() -> int:
    """Installed physical memory (sysconf), or 0 where the platform does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def krylov_memory() -> int:
    """Bytes the no-jump GMRES basis may take on this machine: KRYLOV_FRACTION of the
    physical memory, KRYLOV_FALLBACK where that is unknown."""
    return int(KRYLOV_FRACTION * physical_memory_bytes()) or KRYLOV_FALLBACK


def reference_grid_bytes(N: int, betas: int, lengths: int = 1) -> int:
    """Bytes of a reference table's beta grid beyond its diagonalization:
    REFERENCE_PER_LEVEL_BETA * 2^N * betas (the Gibbs weights of the longest chain's 2^N
    levels) + REFERENCE_PER_SITE_BETA * lengths * betas * N (the table and its copies)."""
    return (REFERENCE_PER_LEVEL_BETA * 2**N + REFERENCE_PER_SITE_BETA * lengths * N) * betas


def estimate_memory_bytes(command: str, N: int, variant: str = "", betas: int = 0,
                          lengths: int = 1, krylov_cap: float | None = None) -> int:
    """Estimated peak memory in bytes of an exact-method run of ``command`` on N sites:
    MEMORY_BASE + MEMORY_PER_4N[key] * 4^N, key = "command/variant" where listed (variant:
    the steady solver, "direct" or "krylov"; "no-resolve" for levels) else "command", plus
    for the no-jump steady solver (the default) its GMRES basis,
    min(KRYLOV_PER_4N * 4^N, krylov_cap) with krylov_cap = krylov_memory() unless given,
    plus for "reference" reference_grid_bytes(N, betas, lengths) (N: the longest length);
    an int, exact for any N.

    4^N is the size of a density matrix (Pauli vector) or of a dense Hamiltonian.  Each
    coefficient is the largest (peak RSS - imports) / 4^N measured by
    benchmarks/memory_calibration.py (benchmarks/README.md), rounded up by 10-30 %, and
    MEMORY_BASE the imports (140 MiB measured) with a margin.  Sparse LU ("direct") fills in
    faster than 4^N: its coefficient, from N = 7, is a lower bound beyond."""
    key = f"{command}/{variant}"
    nojump = command == "steady" and variant not in ("direct", "krylov")
    cap = krylov_memory() if krylov_cap is None else krylov_cap
    basis = int(min(KRYLOV_PER_4N * 4**N, cap)) if nojump else 0
    grid = reference_grid_bytes(N, betas, lengths) if command == "reference" else 0
    return MEMORY_BASE + MEMORY_PER_4N.get(key, MEMORY_PER_4N[command]) * 4**N + basis + grid


def steady_job_mb(N: int) -> int:
    """Memory in MB (10^6 bytes, Snakemake's mem_mb; rounded up) to ask a scheduler for a
    job of no-jump steady states on N sites: estimate_memory_bytes("steady", N) with the
    whole basis, KRYLOV_PER_4N * 4^N, since the node that will run the job is not the one
    that plans it.  The job passes mem_mb * 10^6 to the solver as memory_bytes, which caps
    the basis to fit (nojump.krylov_limit); SLURM reads --mem in MiB, 5 % more."""
    return math.ceil(estimate_memory_bytes("steady", N, krylov_cap=math.inf) / 10**6)


def steady_seconds(N: int) -> float:
    """Seconds per exact steady state on one core, solver "auto" (no-jump GMRES):
    0.5 * 4^(N - 7) from N = 7 on (about 0.7 s at N = 8), 0.5 below."""
    return 0.5 * 4.0 ** max(N - 7, 0)


def relaxation_time_seconds(N: int, t_max: float) -> float:
    """Seconds of one Krylov evolution of lindbath.exact.relaxation_time on one core,
    ~ t_max 5^N: 7 (t_max / 40) 5^(N - 8), at least 0.5, from 1.2 s (N = 7) and 6.6-7.8 s
    (N = 8) measured at t_max = 40; checked at N = 9, t_max = 60: 59 s (52 s estimated);
    about 4-5 min per evolution extrapolated to N = 10 at t_max = 60."""
    return max(0.5, 7.0 * (t_max / 40.0) * 5.0 ** (N - 8))


def mps_relaxation_seconds(N: int, chi: int, t_max: float, dt: float) -> float:
    """Seconds of one TEBD evolution of lindbath.mps.relaxation.mps_relaxation_time on one
    core with SVD truncation (its default): t_max / dt steps of (N / 32) (0.29 (chi / 64)^3 +
    0.0064) s each, from 0.30, 0.21 and 0.11 s per step at N = 32, 24, 16 (chi = 64) and
    0.022 s at N = 16, chi = 32 (benchmarks/relaxation_mps.py)."""
    return (t_max / dt) * (N / 32) * (0.29 * (chi / 64) ** 3 + 0.0064)


def mps_steady_seconds(N: int, chi: int) -> float:
    """Seconds per MPS steady state on one core, ~ N^2 chi^3: 0.2 N^2 (chi / 64)^3, from
    34-47 s (N = 16), 89-106 s (24) and 162-172 s (32) measured at chi = 64."""
    return 0.2 * N**2 * (chi / 64) ** 3
