# Shared helpers of the workflow (no rules here): the grids of every study, file names,
# per-job resources and the consistency checks the JSON schema cannot express.
import re
from pathlib import Path

from snakemake.exceptions import WorkflowError

MAX_EXACT_CORRELATION_N = 10  # lindbath.correlations.EXACT_MAX_N
REFERENCE_BATCH_MAX_N = 10  # exact thermal tables up to 2^10 levels take seconds: one job
LEVELS_BATCH_MAX_N = 12  # <r> of every hx in one job up to this length, one job per hx beyond


def num(value):
    """Canonical text of a number in file names and keys: repr of the float (0.5, 1.0)."""
    return repr(float(value))


def config_error(key, message):
    raise WorkflowError(f"config: {key}: {message}")


def field_name(ham, hx):
    """Name of a field-scan Hamiltonian: the base Hamiltonian with hx replaced (the '.' of
    the number keeps it apart from configured names, which the schema keeps dot-free)."""
    return f"{ham}_hx{num(hx)}"


def check_names(key, names):
    for name in names:
        if name not in config["hamiltonians"]:
            config_error(key, f"unknown Hamiltonian {name!r}; "
                         f"defined: {', '.join(config['hamiltonians'])}")


def all_hamiltonians():
    """Named Hamiltonians plus one per (field-scan Hamiltonian, hx)."""
    hams = {name: {k: float(v) for k, v in p.items()} for name, p in config["hamiltonians"].items()}
    for base in config["field_scan"]["hamiltonians"]:
        for hx in config["field_scan"]["hx"]:
            hams[field_name(base, hx)] = {**hams[base], "hx": float(hx)}
    return hams


def check_config():
    """Cross-key checks: referenced names exist, local baths need hz != 0, sizes fit."""
    check_names("beta_scan.hamiltonians", config["beta_scan"]["hamiltonians"])
    check_names("gamma_map.hamiltonian", [config["gamma_map"]["hamiltonian"]])
    check_names("field_scan.hamiltonians", config["field_scan"]["hamiltonians"])
    check_names("bath_models.hamiltonian", [config["bath_models"]["hamiltonian"]])
    check_names("correlations.hamiltonian", [config["correlations"]["hamiltonian"]])
    check_names("long_chains.hamiltonian", [config["long_chains"]["hamiltonian"]])
    check_names("figures.hamiltonian", [config["figures"]["hamiltonian"]])
    if config["figures"]["hamiltonian"] not in config["beta_scan"]["hamiltonians"]:
        config_error("figures.hamiltonian", "must be one of beta_scan.hamiltonians")
    if config["figures"]["N"] not in config["beta_scan"]["N"]:
        config_error("figures.N", f"must be one of beta_scan.N {config['beta_scan']['N']}")
    for beta in config["figures"]["profile_beta_bath"]:
        if num(beta) not in map(num, config["beta_scan"]["beta_bath"]):
            config_error("figures.profile_beta_bath", f"{beta} is not in beta_scan.beta_bath")
    for key, names, methods in local_bath_uses():
        for name in names:
            if "local" in methods and HAMILTONIANS[name]["hz"] == 0:
                config_error(key, f"method 'local' needs hz != 0; {name!r} has hz = 0")
    corr = config["correlations"]
    longest = max(max(corr["lengths"]["N"]) + corr["reflection_offset"], corr["temperatures"]["N"])
    if longest > MAX_EXACT_CORRELATION_N:
        config_error("correlations.lengths.N", f"N + reflection_offset = {longest} exceeds the "
                     f"exact limit {MAX_EXACT_CORRELATION_N}")
    low, high = corr["temperatures"]["fit_window"]
    if not low < high <= corr["times"]["stop"]:
        config_error("correlations.temperatures.fit_window",
                     f"need start < stop <= times.stop; got [{low}, {high}]")


def local_bath_uses():
    fs = config["field_scan"]
    return [("beta_scan.methods", config["beta_scan"]["hamiltonians"], config["beta_scan"]["methods"]),
            ("gamma_map.methods", [config["gamma_map"]["hamiltonian"]], config["gamma_map"]["methods"]),
            ("field_scan.methods", [field_name(h, x) for h in fs["hamiltonians"] for x in fs["hx"]],
             fs["methods"]),
            ("bath_models.methods", [config["bath_models"]["hamiltonian"]],
             config["bath_models"]["methods"]),
            ("long_chains.methods", [config["long_chains"]["hamiltonian"]],
             config["long_chains"]["methods"]),
            ("correlations.method", [config["correlations"]["hamiltonian"]],
             [config["correlations"]["method"]])]


HAMILTONIANS = all_hamiltonians()
check_config()


# ---------------------------------------------------------------------- steady-state points
def grid(hams, lengths, methods, betas, gammas):
    """Steady-state points (ham, N, method, beta_bath, gamma) of a rectangular grid."""
    return [(h, int(n), m, num(b), num(g)) for h in hams for n in lengths for m in methods
            for b in betas for g in gammas]


def study_points():
    fs, gm, bs = config["field_scan"], config["gamma_map"], config["beta_scan"]
    lc = config["long_chains"]
    field_hams = [field_name(h, x) for h in fs["hamiltonians"] for x in fs["hx"]]
    return {
        "beta_scan": grid(bs["hamiltonians"], bs["N"], bs["methods"], bs["beta_bath"], bs["gamma"]),
        "gamma_map": grid([gm["hamiltonian"]], [gm["N"]], gm["methods"], gm["beta_bath"],
                          gm["gamma"]),
        "field_scan": grid(field_hams, [fs["N"]], fs["methods"], fs["beta_bath"], fs["gamma"]),
        "long_chains": [p + (chi,) for p in grid([lc["hamiltonian"]], lc["N"], lc["methods"],
                                                 lc["beta_bath"], [lc["gamma"]])
                        for chi in lc["chi"]],
    }


STUDY_POINTS = study_points()
STUDIES = list(STUDY_POINTS)


def batch_betas():
    """(ham, N, method, gamma) -> sorted beta_bath values needed by any study."""
    out = {}
    for study, points in STUDY_POINTS.items():
        for ham, n, method, beta, gamma, *_ in points if study != "long_chains" else []:
            out.setdefault((ham, n, method, gamma), set()).add(beta)
    return {key: sorted(values, key=float) for key, values in out.items()}


BATCH_BETAS = batch_betas()


def steady_file(ham, n, method, beta, gamma):
    """The file holding one steady-state point: a batch over beta_bath for short chains."""
    part = "batch" if int(n) <= config["batch_max_N"] else f"beta{beta}"
    return f"results/steady/{ham}/N{n}_{method}_gamma{gamma}_{part}.nc"


def steady_betas(wildcards):
    """beta_bath values computed by one steady job."""
    if wildcards.part == "batch":
        return BATCH_BETAS[wildcards.ham, int(wildcards.N), wildcards.method, wildcards.gamma]
    return [wildcards.part.removeprefix("beta")]


def study_records(study):
    """One record per point of a study: its file, beta_bath and dataset coordinates."""
    records = []
    for ham, n, method, beta, gamma, *chi in STUDY_POINTS[study]:
        coords = {"hamiltonian": ham, "N": n, "method": method, "gamma": float(gamma)}
        path = steady_file(ham, n, method, beta, gamma)
        if study == "field_scan":
            base, hx = ham.rsplit("_hx", 1)
            coords = {**coords, "hamiltonian": base, "hx": float(hx)}
        if study == "long_chains":
            coords["chi"] = chi[0]
            path = long_chain_file(ham, n, method, gamma, chi[0])
        records.append({"file": path, "beta_bath": float(beta), "reference_key": ham,
                        "chain": HAMILTONIANS[ham], "coords": coords})
    return records


def study_inputs(study):
    steady = sorted({r["file"] for r in study_records(study)})
    hams = sorted({r["reference_key"] for r in study_records(study)})
    if study == "long_chains":
        return {"steady": steady, "reference": [long_reference_file(h) for h in hams]}
    return {"steady": steady, "reference": [f for h in hams for f in reference_files(h)]}


# ------------------------------------------------------------- long chains (tensor networks)
def long_chain_file(ham, n, method, gamma, chi):
    """MPS steady states of one (N, method, chi) over every long_chains.beta_bath."""
    return f"results/long_chains/{ham}/N{n}_{method}_gamma{gamma}_chi{chi}.nc"


def long_reference_file(ham):
    ref = config["long_chains"]["reference"]
    return f"results/long_chains/reference/{ham}/N{ref['N_ref']}_chi{ref['chi']}.nc"


def long_steady_minutes(wildcards):
    """Minutes, tenfold margin: measured 34-47 s (N = 16), 89-106 s (24) and 162-172 s (32)
    per state at chi = 64 on one core, cost ~ N^2 chi^3."""
    n, chi = int(wildcards.N), int(wildcards.chi)
    seconds = 0.2 * n**2 * (chi / 64) ** 3 * len(config["long_chains"]["beta_bath"])
    return max(5, int(10 * seconds / 60))


def long_state_wall_seconds(wildcards):
    """Wall budget of one MPS steady state (max_wall_s): 80% of the job's runtime shared
    among its beta_bath points, so a state that never settles ends as converged = 0 in
    the file instead of the job being killed."""
    return 0.8 * 60 * long_steady_minutes(wildcards) / len(config["long_chains"]["beta_bath"])


def long_reference_minutes(wildcards):
    """Minutes, tenfold margin: purification of N_ref = 32 to beta = 2 took 100 s at
    chi = 128 and 560 s at chi = 256 on one core."""
    ref = config["long_chains"]["reference"]
    seconds = 100 * int(wildcards.N) / 32 * (int(wildcards.chi) / 128) ** 2.5 * \
        float(ref["beta"]["stop"]) / 2
    return max(5, int(10 * seconds / 60))


# ------------------------------------------------------------------------ reference tables
def reference_lengths():
    """Hamiltonian -> reference chain lengths: the full list for the named studies, the
    single field_scan.N_ref for the field-scan Hamiltonians."""
    out = {}
    named = config["beta_scan"]["hamiltonians"] + [config["gamma_map"]["hamiltonian"]]
    for ham in named:
        out[ham] = sorted(config["reference"]["N_ref"])
    for ham, *_ in STUDY_POINTS["field_scan"]:
        out[ham] = [config["field_scan"]["N_ref"]]
    return out


REFERENCE_LENGTHS = reference_lengths()


def reference_part(n):
    """Reference tables up to REFERENCE_BATCH_MAX_N sites share one job per Hamiltonian."""
    return "batch" if int(n) <= REFERENCE_BATCH_MAX_N else f"N{n}"


def reference_files(ham):
    parts = sorted({reference_part(n) for n in REFERENCE_LENGTHS[ham]})
    return [f"results/reference/{ham}/{part}.nc" for part in parts]


def reference_job_lengths(wildcards):
    """N_ref values computed by one reference job."""
    return [n for n in REFERENCE_LENGTHS[wildcards.ham] if reference_part(n) == wildcards.refpart]


def beta_range(r):
    """The grid of a {start, stop, num} config entry."""
    start, stop, count = float(r.get("start", 0.0)), float(r["stop"]), int(r["num"])
    return [start + (stop - start) * k / (count - 1) for k in range(count)]


def reference_betas():
    return beta_range(config["reference"]["beta"])


# ----------------------------------------------------------------------------- correlations
def correlation_jobs():
    """(N, beta_bath) -> gamma_evolve values: Fig. 6 lengths (plus their reflection
    partners N + reflection_offset) and the Fig. 7 temperatures."""
    corr = config["correlations"]
    lengths, temps = corr["lengths"], corr["temperatures"]
    jobs = {}
    partners = [n + corr["reflection_offset"] for n in lengths["N"]]
    for n in sorted(set(lengths["N"]) | set(partners)):
        jobs.setdefault((n, num(lengths["beta_bath"])), set()).update(map(num, lengths["gamma_evolve"]))
    for beta in temps["beta_bath"]:
        jobs.setdefault((temps["N"], num(beta)), set()).update(map(num, temps["gamma_evolve"]))
    return {key: sorted(values, key=float) for key, values in jobs.items()}


CORRELATION_JOBS = correlation_jobs()


def correlation_files():
    ham = config["correlations"]["hamiltonian"]
    return [f"results/correlations/{ham}/N{n}_beta{b}.nc" for n, b in CORRELATION_JOBS]


# ------------------------------------------------------------------------------- resources
def steady_cost(n):
    """Rough seconds per steady state on one core: solver="auto" (no-jump-preconditioned
    GMRES) takes about 0.7 s at N = 8 and about 4x more per added site."""
    return 0.5 * 4.0 ** max(int(n) - 7, 0)


def steady_runtime_minutes(n, count):
    """Minutes for ``count`` steady states of n sites, with a tenfold margin."""
    return max(5, int(10 * steady_cost(n) * count / 60))


def steady_runtime(wildcards):
    return steady_runtime_minutes(wildcards.N, len(steady_betas(wildcards)))


def memory_for_length(n):
    """MB for a chain of n sites: Pauli-basis vectors of 4^n doubles and the sparse generator."""
    return int(1000 + 4 ** int(n) * 8 * 60 / 1e6)


def reference_size(wildcards):
    return max(reference_job_lengths(wildcards))


def reference_memory(wildcards):
    """MB for dense symmetry blocks of about 2^N / 2 levels (eigh needs a few copies)."""
    return int(1000 + 2 ** (2 * reference_size(wildcards)) * 8 * 3 / 1e6)


def reference_runtime(wildcards):
    """Minutes: eigh cost grows 8x per two sites; N_ref = 14 takes a few minutes."""
    return max(5, int(2 ** (3 * (reference_size(wildcards) - 10)) * 5))


def reference_threads(wildcards):
    return 2 if reference_size(wildcards) >= 12 else 1


def levels_files(ham):
    fs = config["field_scan"]
    if fs["levels_N"] <= LEVELS_BATCH_MAX_N:
        return [f"results/levels/{ham}/batch.nc"]
    return [f"results/levels/{ham}/hx{num(hx)}.nc" for hx in fs["hx"]]


def levels_fields(wildcards):
    """hx values of one levels job."""
    if wildcards.lpart == "batch":
        return [float(hx) for hx in config["field_scan"]["hx"]]
    return [float(wildcards.lpart.removeprefix("hx"))]


def levels_runtime(wildcards):
    """Minutes: a few seconds per hx up to 12 sites, eight times more per two sites beyond."""
    return 5 * len(levels_fields(wildcards)) * 8 ** max(config["field_scan"]["levels_N"] - 12, 0)


def levels_memory(wildcards):
    return int(1000 + 2 ** (2 * config["field_scan"]["levels_N"]) * 8 * 3 / 1e6)


# --------------------------------------------------------------------------------- targets
DATASETS = [f"results/datasets/{name}.nc" for name in
            ["reference", *STUDIES, "levels", "bath_models", "correlations", "qubits_decay",
             "qubits_dark", "qubits_initial", "jaynes_cummings"]]
FIGURES = ["fig1_reference", "fig2_beta_eff", "fig3_field_scan", "fig4_gamma_map",
           "fig5_db_vs_fr", "fig6_correlation_lengths", "fig7_correlation_decay",
           "summary_ratios", "bath_models", "local_vs_global", "long_chains"]


def figure_files(name):
    return [f"results/figures/{name}.pdf", f"results/figures/{name}.png"]


def all_targets():
    return DATASETS + [f for name in FIGURES for f in figure_files(name)]


def remove_partial_files(root):
    """Delete *.part files a killed job left behind (io.write_netcdf writes FILE.nc.part and
    renames it, so a finished file is never partial)."""
    for path in Path(root).rglob("*.part"):
        path.unlink()
