# The grids of every study, built once from the validated config (no rules here): the
# Hamiltonians by name (the field scan adds one per (base, hx)), the steady-state points of
# each study, the reference lengths and the correlation jobs.


def num(value):
    """Canonical text of a number in file names and keys: repr of the float (0.5, 1.0)."""
    return repr(float(value))


def field_hamiltonians():
    """Field-scan Hamiltonian name -> (base Hamiltonian, hx): the base with hx replaced (the
    '.' of the number keeps the name apart from configured names, which are dot-free)."""
    fs = config["field_scan"]
    return {f"{base}_hx{num(hx)}": (base, float(hx)) for base in fs["hamiltonians"]
            for hx in fs["hx"]}


FIELD_HAMILTONIANS = field_hamiltonians()


def all_hamiltonians():
    """Hamiltonian name -> chain parameters: the configured ones and the field-scan ones."""
    hams = {name: {k: float(v) for k, v in p.items()} for name, p in config["hamiltonians"].items()}
    for name, (base, hx) in FIELD_HAMILTONIANS.items():
        hams[name] = {**hams[base], "hx": hx}
    return hams


HAMILTONIANS = all_hamiltonians()


def grid(hams, lengths, baths, betas, gammas):
    """Steady-state points (ham, N, bath, beta_bath, gamma) of a rectangular grid."""
    return [(h, int(n), b, num(beta), num(g)) for h in hams for n in lengths for b in baths
            for beta in betas for g in gammas]


def section_grid(section, hams, lengths, gammas):
    """The grid of a config section over the given Hamiltonians, lengths and strengths and
    its own `baths` and `beta_bath`."""
    s = config[section]
    return grid(hams, lengths, s["baths"], s["beta_bath"], gammas)


def edge_baths(section):
    """The section's bath kinds for each of its `edges` (default both): "db" for baths on
    both edges, "db_left" for one bath on sites (1, 2) only (steady_states.py)."""
    return [b if edges == "both" else f"{b}_{edges}" for edges in section.get("edges", ["both"])
            for b in section["baths"]]


def with_chi(points, chis):
    """MPS points: each point once per bond dimension, which ends the point."""
    return [p + (int(chi),) for p in points for chi in chis]


def thermality_points():
    """The thermality-versus-N grid: exact steady states for thermality.exact_N, MPS ones
    (thermality.mps: its Hamiltonians, lengths, beta_bath and bond dimensions) beyond."""
    th = config["thermality"]
    mps = th["mps"]
    exact = grid(th["hamiltonians"], th["exact_N"], th["baths"], th["beta_bath"], [th["gamma"]])
    long = grid(mps["hamiltonians"], mps["N"], th["baths"], mps["beta_bath"], [th["gamma"]])
    return exact + with_chi(long, mps["chi"])


def study_points():
    """Study -> its steady-state points; MPS points end with their bond dimension."""
    fs, gm, bs = config["field_scan"], config["gamma_map"], config["beta_scan"]
    lc = config["long_chains"]
    return {
        "beta_scan": grid(bs["hamiltonians"], bs["N"], edge_baths(bs), bs["beta_bath"],
                          bs["gamma"]),
        "gamma_map": section_grid("gamma_map", [gm["hamiltonian"]], [gm["N"]], gm["gamma"]),
        "field_scan": section_grid("field_scan", list(FIELD_HAMILTONIANS), [fs["N"]],
                                   fs["gamma"]),
        "long_chains": with_chi(section_grid("long_chains", [lc["hamiltonian"]], lc["N"],
                                             [lc["gamma"]]), lc["chi"]),
        "thermality": thermality_points(),
    }


STUDY_POINTS = study_points()


def reference_lengths():
    """Hamiltonian -> reference chain lengths: reference.N_ref for the named studies,
    field_scan.N_ref for the field-scan Hamiltonians (exact diagonalization up to
    EXACT_MAX_N sites, purification MPS beyond: lindbath.analysis.tables, method "auto")."""
    named = config["beta_scan"]["hamiltonians"] + [config["gamma_map"]["hamiltonian"]]
    out = {ham: sorted(config["reference"]["N_ref"]) for ham in named}
    return out | {ham: sorted(config["field_scan"]["N_ref"]) for ham in FIELD_HAMILTONIANS}


REFERENCE_LENGTHS = reference_lengths()


def beta_range(r):
    """The grid of a {start, stop, num} config entry."""
    start, stop, count = float(r.get("start", 0.0)), float(r["stop"]), int(r["num"])
    return [start + (stop - start) * k / (count - 1) for k in range(count)]


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


def relaxation_lengths():
    """Chain lengths of the Liouvillian-gap jobs (relaxation figure), one job each."""
    return sorted(int(n) for n in config["relaxation"]["N"])


def relaxation_mps_lengths():
    """Chain lengths of the MPS relaxation-time jobs (relaxation.mps.N), one job each."""
    return sorted(int(n) for n in config["relaxation"]["mps"]["N"])


def relaxation_time_lengths():
    """Chain lengths of the measured relaxation-time jobs, one job each: relaxation.time.N,
    by default the gap's."""
    s = config["relaxation"]
    return sorted(int(n) for n in s["time"].get("N", s["N"]))
