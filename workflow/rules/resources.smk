# The cost model (no rules here): memory and minutes per job, with margins, for the scheduler
# and the SLURM profiles. The estimators of the solvers are lindbath.resources (the same as
# the command line's --max-memory); this file adds the margins and the job sizes. Every job
# runs on one thread (Snakemake's default) except the large reference tables
# (reference_threads). mem_mb is in MB (10^6 bytes; SLURM reads --mem in MiB, 5 % more).
import math

from lindbath.exact.correlation import EXACT_MAX_N as CORRELATION_EXACT_MAX_N
from lindbath.resources import (
    estimate_memory_bytes,
    mps_relaxation_seconds,
    mps_steady_seconds,
    relaxation_time_seconds,
    steady_job_mb,
    steady_seconds,
)

SMALL_JOB = {"mem_mb": 1000, "runtime": 10}  # a small dataset or a figure
GATHER_JOB = {"mem_mb": 2000, "runtime": 10}  # gathering files into one dataset
MPS_JOB_MB = 2000  # MPS steady states, chi <= 256: tensors, environments, Krylov basis < 0.5 GB


def runtime_minutes(seconds):
    """Minutes for a job estimated at ``seconds`` on one core: a tenfold margin, at least 5."""
    return max(5, int(10 * seconds / 60))


def steady_cost(n):
    """Seconds per exact steady state of n sites on one core (lindbath.resources.steady_seconds)."""
    return steady_seconds(int(n))


def steady_runtime_minutes(n, count):
    """Minutes for ``count`` exact steady states of n sites."""
    return runtime_minutes(steady_cost(n) * count)


def steady_runtime(wildcards):
    return steady_runtime_minutes(wildcards.N, len(steady_betas(wildcards)))


def memory_for_length(n):
    """MB for a job of exact steady states of n sites: lindbath.resources.steady_job_mb (the
    --max-memory estimate with the whole GMRES basis), at least a small job's; the job's
    script passes it to lindbath.steady_state as memory_bytes, so the basis fits into it."""
    return max(SMALL_JOB["mem_mb"], steady_job_mb(int(n)))


def correlation_mb(wildcards):
    """MB of a correlation job: exact steady state and propagation up to EXACT_MAX_N sites,
    an MPS job's beyond."""
    if int(wildcards.N) > CORRELATION_EXACT_MAX_N:
        return MPS_JOB_MB
    return memory_for_length(wildcards.N)


def correlation_minutes(wildcards):
    """Minutes of a correlation job: one exact steady state and its propagations, or per
    gamma' one MPS steady state and one evolution (each counted as a steady state)."""
    count = len(CORRELATION_JOBS[int(wildcards.N), wildcards.beta])
    if int(wildcards.N) > CORRELATION_EXACT_MAX_N:
        return mps_runtime_minutes(wildcards.N, config["correlations"]["mps"]["chi"], 2 * count)
    return steady_runtime_minutes(wildcards.N, 4)


def bath_models_runtime(wildcards):
    """Minutes for every bath kind and beta_bath of one ranking job."""
    s = config["bath_models"]
    return steady_runtime_minutes(wildcards.N, len(s["baths"]) * len(s["beta_bath"]))


MPS_WALL_SHARE = 0.8  # of a long-chain job's runtime, for its MPS steady states


def mps_runtime_minutes(n, chi, count):
    """Minutes for ``count`` MPS steady states of n sites at bond dimension chi
    (lindbath.resources.mps_steady_seconds)."""
    return runtime_minutes(mps_steady_seconds(int(n), int(chi)) * count)


def long_steady_minutes(wildcards):
    """Minutes of a long-chain job (mps_runtime_minutes), at least enough for every state to
    use a max_wall_s set in long_chains.solver."""
    states = len(mps_betas(wildcards))
    budget = float(config["long_chains"]["solver"].get("max_wall_s", 0))
    return max(mps_runtime_minutes(wildcards.N, wildcards.chi, states),
               math.ceil(budget * states / MPS_WALL_SHARE / 60))


def long_state_wall_seconds(wildcards):
    """Wall budget of one MPS steady state (steady_state's max_wall_s): long_chains.solver
    .max_wall_s if set, else MPS_WALL_SHARE of the job's runtime shared among its beta_bath
    points, so that a state that never settles ends as converged = 0 in the file instead of
    the job being killed by the scheduler."""
    solver = config["long_chains"]["solver"]
    if "max_wall_s" in solver:
        return float(solver["max_wall_s"])
    states = len(mps_betas(wildcards))
    return MPS_WALL_SHARE * 60 * long_steady_minutes(wildcards) / states


def long_reference_minutes(wildcards):
    """Minutes, tenfold margin: purification of N_ref = 32 to beta = 2 took 100 s at
    chi = 128 and 560 s at chi = 256 on one core."""
    ref = config["long_chains"]["reference"]
    seconds = 100 * int(wildcards.N) / 32 * (int(wildcards.chi) / 128) ** 2.5 * \
        float(ref["beta"]["stop"]) / 2
    return runtime_minutes(seconds)


def reference_size(wildcards):
    return max(reference_job_lengths(wildcards))


def reference_exact_size(wildcards):
    """The longest exactly diagonalized length of one reference job (0: none)."""
    return max([n for n in reference_job_lengths(wildcards) if not is_mps_length(n)], default=0)


def purification_seconds(n, chi, steps):
    """Seconds of one purification run on one core, ~ N chi^2 per step where the bond
    saturates: measured 8 s (chi = 32) and 25 s (chi = 64) for N = 24 and 150 steps
    (0 <= beta <= 3, dtau 0.02); 100 s (chi = 128) and 560 s (chi = 256) for N = 32 and
    100 steps."""
    return 8.0 * (n / 24) * (chi / 32) ** 2 * steps / 150


def purification_steps():
    """TEBD steps of one purification run through reference.beta: one per grid interval,
    at least stop / dtau (dtau = 0.02)."""
    r = config["reference"]["beta"]
    span = float(r["stop"]) - float(r.get("start", 0.0))
    return float(r.get("start", 0.0)) / 0.02 + max(int(r["num"]) - 1, span / 0.02)


def reference_mps_seconds(wildcards):
    """Seconds of the MPS lengths of one job at chi and chi_check."""
    ref = config["reference"]
    return sum(purification_seconds(n, chi, purification_steps())
               for n in reference_job_lengths(wildcards) if is_mps_length(n)
               for chi in (int(ref["chi"]), int(ref["chi_check"])))


def estimated_mb(command, n, **options):
    """MB of an exact run (lindbath.resources.estimate_memory_bytes, the command line's
    --max-memory estimate), at least a small job's."""
    return max(SMALL_JOB["mem_mb"],
               math.ceil(estimate_memory_bytes(command, int(n), **options) / 10**6))


def reference_memory(wildcards):
    """MB for the exact lengths of one job (estimated_mb of the longest, with the job's beta
    grid), or for an MPS of N tensors of 4 chi^2 doubles (a few copies; 1 GB covers
    chi = 256, N = 64)."""
    exact_lengths = [n for n in reference_job_lengths(wildcards) if not is_mps_length(n)]
    exact = estimated_mb("reference", max(exact_lengths, default=0),
                         betas=int(config["reference"]["beta"]["num"]),
                         lengths=len(exact_lengths))
    chi = max(int(config["reference"]["chi"]), int(config["reference"]["chi_check"]))
    mps = int(1000 + reference_size(wildcards) * 4 * chi**2 * 8 * 4 / 1e6)
    return max(exact, mps)


def reference_runtime(wildcards):
    """Minutes, tenfold margin: eigh cost grows 8x per two sites (N_ref = 14 takes a few
    minutes, N_ref = 12 a few seconds), plus the purification runs."""
    exact = 30 * 8 ** ((reference_exact_size(wildcards) - 14) / 2)
    return max(5, int(exact + 10 * reference_mps_seconds(wildcards) / 60))


def reference_threads(wildcards):
    return 2 if reference_exact_size(wildcards) >= 14 else 1


def levels_runtime(wildcards):
    """Minutes: a few seconds per hx up to 12 sites, eight times more per two sites beyond."""
    return 5 * len(levels_fields(wildcards)) * 8 ** max(config["field_scan"]["levels_N"] - 12, 0)


def levels_memory(wildcards):
    """MB of the symmetry-resolved spectrum of levels_N sites (estimated_mb)."""
    return estimated_mb("levels", config["field_scan"]["levels_N"])


def linear_response_runtime(wildcards):
    """Minutes, tenfold margin: per bath kind, convention and beta_bath point about 1-3 s at
    N = 8 (first order by GMRES, exact steady state), 20x more per two added sites."""
    s = config["linear_response"]
    points = len(s["baths"]) * len(s["conventions"]) * (1 + len(s["beta_bath"]))
    seconds = 3 * points * 20.0 ** ((int(wildcards.N) - 8) / 2)
    return runtime_minutes(seconds)


def relaxation_runtime(wildcards):
    """Minutes, tenfold margin: a gap takes under a second up to N = 5 (dense), 5-10 s at
    N = 6 and 20-80 s at N = 7 (Arnoldi on exp(tau L)), about 8x more per added site."""
    s = config["relaxation"]
    seconds = 80 * 8.0 ** (int(wildcards.N) - 7) * len(s["baths"]) * len(s["beta_bath"])
    return runtime_minutes(seconds)


def relaxation_time_runtime(wildcards):
    """Minutes for every bath kind and beta_bath of one relaxation-time job: the evolution
    (lindbath.resources.relaxation_time_seconds) and the exact steady state of each."""
    s = config["relaxation"]
    n, t_max = int(wildcards.N), float(s["time"]["t_max"])
    seconds = (relaxation_time_seconds(n, t_max) + steady_cost(n)) * len(s["baths"]) \
        * len(s["beta_bath"])
    return runtime_minutes(seconds)


def relaxation_mps_runtime(wildcards):
    """Minutes of one MPS relaxation-time job: every bath kind, beta_bath and chi
    (lindbath.resources.mps_relaxation_seconds)."""
    s, m = config["relaxation"], config["relaxation"]["mps"]
    seconds = sum(mps_relaxation_seconds(int(wildcards.N), int(chi), float(m["t_max"]),
                                         float(m["dt"])) for chi in m["chi"])
    return runtime_minutes(seconds * len(s["baths"]) * len(s["beta_bath"]))


def relaxation_time_memory(wildcards):
    """MB of one relaxation-time job: the larger of the exact steady state's
    (memory_for_length) and the Krylov evolution's (estimated_mb("relaxation", N): the
    Pauli-basis L and its Arnoldi basis)."""
    return max(memory_for_length(wildcards.N), estimated_mb("relaxation", wildcards.N))
