# Heat transport grids and costs (no rules here; docs/conventions.md, "Heat transport"):
# the config check, the (beta, delta_beta) points of each transport job, file names, the
# solver options and the runtime estimate. Included by transport.smk.


def as_list(value):
    """A config entry that is one number or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def check_transport():
    """Every delta_beta leaves both baths at beta > 0 (config_checks.smk checks the rest)."""
    t = config["transport"]
    for section in ("scaling", "conductance", "bath_models"):
        betas, deltas = (as_list(t[section][k]) for k in ("beta", "delta_beta"))
        if max(abs(d) for d in deltas) >= 2 * min(betas):
            config_error(f"transport.{section}.delta_beta", "|delta_beta| must be < 2 beta "
                         f"(both baths at beta > 0); got {deltas} with beta {betas}")


check_transport()


def transport_points():
    """(ham, N, bath, method) -> sorted (beta, delta_beta) pairs: the scaling grid (every
    Hamiltonian, exact lengths and MPS lengths at each chi), the conductance grid and the
    bath-model grid (first Hamiltonian)."""
    t = config["transport"]
    first, jobs = t["hamiltonians"][0], {}

    def add(ham, n, bath, method, pairs):
        jobs.setdefault((ham, int(n), bath, method), set()).update(
            (num(b), num(d)) for b, d in pairs)

    scaling = [(t["scaling"]["beta"], t["scaling"]["delta_beta"])]
    for ham in t["hamiltonians"]:
        for bath in t["scaling"]["baths"]:
            for n in t["scaling"]["N"]:
                add(ham, n, bath, "exact", scaling)
        for bath in t["mps"]["baths"]:
            for n in t["mps"]["N"]:
                for chi in t["mps"]["chi"]:
                    add(ham, n, bath, f"chi{chi}", scaling)
    for section in ("conductance", "bath_models"):
        s = t[section]
        pairs = [(b, d) for b in as_list(s["beta"]) for d in as_list(s["delta_beta"])]
        for bath in s["baths"]:
            add(first, s["N"], bath, "exact", pairs)
    return {key: sorted(pairs, key=lambda p: (float(p[0]), float(p[1])))
            for key, pairs in jobs.items()}


TRANSPORT_POINTS = transport_points()


def transport_file(ham, n, bath, method):
    return f"results/transport/{ham}/N{n}_{bath}_{method}.nc"


def transport_solver(wildcards):
    """steady_state options: the study's exact solver, or method mps at the job's chi."""
    if wildcards.method == "exact":
        return dict(config["steady_solver"])
    return {"method": "mps", "chi": int(wildcards.method.removeprefix("chi")),
            **config["transport"]["mps"]["solver"]}


def transport_runtime(wildcards):
    """Minutes: exact as the steady states, MPS as the long chains (resources.smk)."""
    count = len(TRANSPORT_POINTS[wildcards.ham, int(wildcards.N), wildcards.bath,
                                 wildcards.method])
    if wildcards.method == "exact":
        return steady_runtime_minutes(wildcards.N, count)
    return mps_runtime_minutes(wildcards.N, wildcards.method.removeprefix("chi"), count)


def transport_reference_files():
    """Reference tables of the first transport Hamiltonian (temperature profiles), if it has
    reference lengths (a named study's Hamiltonian); none otherwise."""
    first = config["transport"]["hamiltonians"][0]
    return input_files(reference_parts(first)) if first in REFERENCE_LENGTHS else []
