# File names (no rules here): which grid points share a job's file, the values each job
# computes, and the inputs of every gathering rule as (file, keys) pairs, so that the rules
# pass the keys as params aligned with the inputs and no script parses a path.
from pathlib import Path

from lindbath.exact.thermal import EXACT_MAX_N as THERMAL_EXACT_MAX_N

REFERENCE_BATCH_MAX_N = 10  # exact thermal tables up to 2^10 levels take seconds: one job
LEVELS_BATCH_MAX_N = 12  # <r> of every hx in one job up to this length, one job per hx beyond


def input_files(parts):
    """The files of (file, keys) pairs: the input of a gathering rule."""
    return [file for file, _ in parts]


def input_keys(parts):
    """Key name -> values aligned with input_files(parts): the params of a gathering rule."""
    names = parts[0][1] if parts else {}
    return {name: [keys[name] for _, keys in parts] for name in names}


# ---------------------------------------------------------------------- steady states
def steady_part(n, beta):
    """Short chains share one file per batch over beta_bath; long ones get one per point."""
    return "batch" if int(n) <= config["batch_max_N"] else f"beta{beta}"


def steady_file(ham, n, bath, beta, gamma):
    """The file holding one steady-state point."""
    return f"results/steady/{ham}/N{n}_{bath}_gamma{gamma}_{steady_part(n, beta)}.nc"


def exact_points():
    """Every exact steady-state point (ham, N, bath, beta_bath, gamma) of every study."""
    return [p for points in STUDY_POINTS.values() for p in points if len(p) == 5]


def mps_points():
    """Every MPS steady-state point (ham, N, bath, beta_bath, gamma, chi) of every study."""
    return [p for points in STUDY_POINTS.values() for p in points if len(p) == 6]


def group_betas(points, job_key):
    """job_key(*point) -> the sorted beta_bath values of the points that job computes."""
    jobs = {}
    for point in points:
        jobs.setdefault(job_key(*point), set()).add(point[3])
    return {key: sorted(values, key=float) for key, values in jobs.items()}


def steady_jobs():
    """(ham, N, bath, gamma, part) of each exact steady job -> its beta_bath values."""
    return group_betas(exact_points(), lambda ham, n, bath, beta, gamma:
                       (ham, n, bath, gamma, steady_part(n, beta)))


def mps_jobs():
    """(ham, N, bath, gamma, chi) of each MPS steady job -> its beta_bath values (the
    long_chains and thermality studies share the jobs of their common points)."""
    return group_betas(mps_points(), lambda ham, n, bath, beta, gamma, chi:
                       (ham, n, bath, gamma, chi))


STEADY_JOBS = steady_jobs()
MPS_JOBS = mps_jobs()


def steady_betas(wildcards):
    """beta_bath values computed by one steady job."""
    w = wildcards
    return STEADY_JOBS[w.ham, int(w.N), w.bath, w.gamma, w.part]


def mps_betas(wildcards):
    """beta_bath values computed by one MPS steady job."""
    w = wildcards
    return MPS_JOBS[w.ham, int(w.N), w.bath, w.gamma, int(w.chi)]


def long_chain_file(ham, n, bath, gamma, chi):
    """MPS steady states of one (N, bath, chi) over the beta_bath values of MPS_JOBS."""
    return f"results/long_chains/{ham}/N{n}_{bath}_gamma{gamma}_chi{chi}.nc"


def long_reference_files(ham, lengths):
    """Same-length reference tables on the long_chains.reference grid, one per length
    (exact diagonalization up to THERMAL_EXACT_MAX_N sites, purification beyond)."""
    chi = config["long_chains"]["reference"]["chi"]
    return [f"results/long_chains/reference/{ham}/N{n}_chi{chi}.nc" for n in sorted(lengths)]


# ------------------------------------------------------------------------ study datasets
# Studies over chain lengths with one reference table per length (long_chains.reference)
# and a bond-dimension coordinate chi (0 for exact steady states).
PER_LENGTH_STUDIES = ("long_chains", "thermality")


def study_record(study, ham, n, bath, beta, gamma, *chi):
    """The record of one study point: its file, beta_bath, reference key, chain parameters
    and dataset coordinates (field-scan chains by base Hamiltonian and hx)."""
    coords = {"hamiltonian": ham, "N": n, "bath": bath, "gamma": float(gamma)}
    path = steady_file(ham, n, bath, beta, gamma)
    if study == "field_scan":
        base, hx = FIELD_HAMILTONIANS[ham]
        coords = {**coords, "hamiltonian": base, "hx": hx}
    if study == "beta_scan":
        kind, _, edges = bath.partition("_")
        coords = {**coords, "bath": kind, "edges": edges or "both"}
    if chi:
        path = long_chain_file(ham, n, bath, gamma, chi[0])
    if study in PER_LENGTH_STUDIES:
        coords["chi"] = chi[0] if chi else 0  # 0: the exact solver
    return {"file": path, "beta_bath": float(beta), "reference_key": ham,
            "chain": HAMILTONIANS[ham], "coords": coords}


def study_records(study):
    """One record per point of a study."""
    return [study_record(study, *point) for point in STUDY_POINTS[study]]


def study_reference_parts(study):
    """(reference file, {hamiltonian}) pairs of a study's thermometry."""
    records = study_records(study)
    hams = sorted({r["reference_key"] for r in records})
    if study in PER_LENGTH_STUDIES:
        lengths = {h: {r["coords"]["N"] for r in records if r["reference_key"] == h}
                   for h in hams}
        return [(path, {"hamiltonian": h}) for h in hams
                for path in long_reference_files(h, lengths[h])]
    return [part for h in hams for part in reference_parts(h)]


def study_inputs(study):
    """The steady-state files and the reference tables of a study."""
    return {"steady": sorted({r["file"] for r in study_records(study)}),
            "reference": input_files(study_reference_parts(study))}


# ---------------------------------------------------------------------- reference tables
def reference_part(n):
    """Reference tables up to REFERENCE_BATCH_MAX_N sites share one job per Hamiltonian."""
    return "batch" if int(n) <= REFERENCE_BATCH_MAX_N else f"N{n}"


def reference_parts(ham):
    """(reference file, {hamiltonian}) pairs of one Hamiltonian."""
    parts = sorted({reference_part(n) for n in REFERENCE_LENGTHS[ham]})
    return [(f"results/reference/{ham}/{part}.nc", {"hamiltonian": ham}) for part in parts]


def reference_dataset_parts():
    """(reference file, {hamiltonian}) pairs of the beta-scan Hamiltonians (Fig. 1)."""
    return [part for ham in config["beta_scan"]["hamiltonians"] for part in reference_parts(ham)]


def reference_job_lengths(wildcards):
    """N_ref values computed by one reference job."""
    return [n for n in REFERENCE_LENGTHS[wildcards.ham] if reference_part(n) == wildcards.refpart]


def is_mps_length(n):
    """Reference lengths beyond the exact limit are purification MPS (method "auto")."""
    return int(n) > THERMAL_EXACT_MAX_N


def reference_options(wildcards):
    """reference_table options of one job: method "auto" (exact diagonalization up to
    THERMAL_EXACT_MAX_N sites); an MPS length also gets reference.chi and is run a second
    time at reference.chi_check (the truncation check). Exact jobs get no chi, so that a
    change of chi reruns the MPS jobs only."""
    if not any(is_mps_length(n) for n in reference_job_lengths(wildcards)):
        return {"method": "auto"}
    ref = config["reference"]
    return {"method": "auto", "chi": int(ref["chi"]), "chi_check": int(ref["chi_check"])}


# ------------------------------------------------------------------------ level statistics
def levels_jobs():
    """(ham, lpart) of each levels job -> its hx values: one batch per Hamiltonian up to
    LEVELS_BATCH_MAX_N sites, one job per hx beyond."""
    fs = config["field_scan"]
    jobs = {}
    for ham in fs["hamiltonians"]:
        for hx in fs["hx"]:
            part = "batch" if fs["levels_N"] <= LEVELS_BATCH_MAX_N else f"hx{num(hx)}"
            jobs.setdefault((ham, part), []).append(float(hx))
    return jobs


LEVELS_JOBS = levels_jobs()


def levels_fields(wildcards):
    """hx values of one levels job."""
    return LEVELS_JOBS[wildcards.ham, wildcards.lpart]


def levels_parts():
    """(levels file, {hamiltonian}) pairs of every levels job."""
    return [(f"results/levels/{ham}/{part}.nc", {"hamiltonian": ham}) for ham, part in LEVELS_JOBS]


# ------------------------------------------------------------- bath models, correlations
def bath_model_parts():
    """(ranking file, {N}) pairs, one per chain length."""
    s = config["bath_models"]
    return [(f"results/bath_models/{s['hamiltonian']}/N{n}.nc", {"N": n}) for n in s["N"]]


def relaxation_parts():
    """(gap file, {N}) pairs, one per chain length of the relaxation figure."""
    ham = config["relaxation"]["hamiltonian"]
    return [(f"results/relaxation/{ham}/N{n}.nc", {"N": n}) for n in relaxation_lengths()]


def relaxation_time_parts():
    """(relaxation-time file, {N}) pairs, one per chain length of relaxation.time."""
    ham = config["relaxation"]["hamiltonian"]
    return [(f"results/relaxation_time/{ham}/N{n}.nc", {"N": n})
            for n in relaxation_time_lengths()]


def relaxation_mps_parts():
    """(MPS relaxation-time file, {N}) pairs, one per chain length of relaxation.mps."""
    ham = config["relaxation"]["hamiltonian"]
    return [(f"results/relaxation_mps/{ham}/N{n}.nc", {"N": n})
            for n in relaxation_mps_lengths()]


def linear_response_parts():
    """(map file, {hamiltonian, N}) pairs, one per chain and length of the thermality map."""
    s = config["linear_response"]
    return [(f"results/linear_response/{ham}/N{n}.nc", {"hamiltonian": ham, "N": n})
            for ham in s["hamiltonians"] for n in s["N"]]


def correlation_parts():
    """(correlation file, {N, beta_bath}) pairs, one per correlation job."""
    ham = config["correlations"]["hamiltonian"]
    return [(f"results/correlations/{ham}/N{n}_beta{b}.nc", {"N": n, "beta_bath": float(b)})
            for n, b in CORRELATION_JOBS]


# --------------------------------------------------------------------------------- targets
def dataset_file(name):
    """A gathered dataset (DATASETS), the input of the figures."""
    return f"results/datasets/{name}.nc"


def figure_file(name, suffix):
    """A figure (FIGURES) as ``suffix`` (pdf, png)."""
    return f"results/figures/{name}.{suffix}"


def all_targets():
    """Every dataset and every figure as PDF and PNG."""
    figures = [figure_file(name, suffix) for name in FIGURES for suffix in ("pdf", "png")]
    return [dataset_file(name) for name in DATASETS] + figures


# lindbath.io.write_netcdf writes each file to a temporary of this name beside it and renames it
# when complete, so a killed job leaves one behind but never a partial result.
TEMPORARY_GLOB = ".lindbath-tmp-*.part"


def remove_temporary_files(root="results"):
    """Delete the temporaries (TEMPORARY_GLOB) that killed jobs left under ``root`` and
    return how many. Called by the Snakefile's onstart handler, at the start of a real run
    only (not on dry runs, --unlock, or in the job processes, which run with --no-hooks):
    the running Snakemake holds the directory's lock then, so no job of another run is
    writing one."""
    temporary = list(Path(root).rglob(TEMPORARY_GLOB))
    for path in temporary:
        path.unlink()
    return len(temporary)
