# The grid, chain parameters and cost model of the parameter search (no rules here; the
# jobs are in parameter_search.smk).


def search_grid():
    """(hx, hz, Delta) text of every grid point."""
    s = config["parameter_search"]
    return [(num(hx), num(hz), num(d)) for hx in s["hx"] for hz in s["hz"] for d in s["Delta"]]


def search_point_file(hx, hz, delta):
    return f"results/parameter_search/hx{hx}_hz{hz}_Delta{delta}.nc"


def search_base():
    """The chain parameters of the parameter_search Hamiltonian (its J is kept)."""
    return HAMILTONIANS[config["parameter_search"]["hamiltonian"]]


def search_chain(wildcards):
    return {**search_base(), "hx": float(wildcards.hx), "hz": float(wildcards.hz),
            "Delta": float(wildcards.Delta)}


def search_memory():
    """MB: the steady states of N sites or the dense reference blocks of the longest N_ref
    (eigh of about 2^N_ref / 2 levels, a few copies), whichever is larger."""
    s = config["parameter_search"]
    return max(memory_for_length(s["N"]), int(1000 + 2 ** (2 * max(s["N_ref"])) * 8 * 3 / 1e6))


def search_minutes(count):
    """Minutes, tenfold margin: the exact reference (N_ref = 10 under 1 s, 12 about 6 s) and
    ``count`` steady states."""
    s = config["parameter_search"]
    reference = 6.0 * 8 ** ((max(s["N_ref"]) - 12) / 2)
    return max(5, int(10 * (reference + count * steady_cost(s["N"])) / 60))
