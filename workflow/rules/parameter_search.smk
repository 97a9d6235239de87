# The parameter search that [P] Sec. V suggests (lindbath.analysis.search): one job per grid
# point (hx, hz, Delta) of the parameter_search Hamiltonian (its J kept), each computing its
# own exact reference table (parameter_search.N_ref, the finite-size check included) and the
# DB and FR steady states at every search beta_bath; gathered with the score of every point,
# the winners and the DB region; then a beta_bath sweep of the two chains of Fig. 5.


include: "parameter_search_paths.smk"


rule parameter_search_point:
    wildcard_constraints:
        hx=r"-?[0-9.e+-]+",
        hz=r"-?[0-9.e+-]+",
        Delta=r"-?[0-9.e+-]+",
    output:
        "results/parameter_search/hx{hx}_hz{hz}_Delta{Delta}.nc",
    log:
        "results/logs/parameter_search/hx{hx}_hz{hz}_Delta{Delta}.log",
    benchmark:
        "results/benchmarks/parameter_search/hx{hx}_hz{hz}_Delta{Delta}.tsv"
    params:
        chain=search_chain,
        settings=config["parameter_search"],
        betas=beta_range(config["reference"]["beta"]),
        reference_tol=config["reference_tol"],
        solver=config["steady_solver"],
    resources:
        mem_mb=search_memory(),
        runtime=search_minutes(len(config["parameter_search"]["baths"])
                               * len(config["parameter_search"]["beta_bath"])),
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/parameter_search_point.py"


rule parameter_search_dataset:
    input:
        [search_point_file(*point) for point in search_grid()],
    output:
        "results/datasets/parameter_search.nc",
    log:
        "results/logs/datasets/parameter_search.log",
    benchmark:
        "results/benchmarks/datasets/parameter_search.tsv"
    params:
        settings=config["parameter_search"],
        J=search_base()["J"],
    resources:
        **GATHER_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/parameter_search_dataset.py"


rule parameter_search_winners:
    input:
        "results/datasets/parameter_search.nc",
    output:
        "results/datasets/parameter_search_winners.nc",
    log:
        "results/logs/datasets/parameter_search_winners.log",
    benchmark:
        "results/benchmarks/datasets/parameter_search_winners.tsv"
    params:
        settings=config["parameter_search"],
        betas=beta_range(config["reference"]["beta"]),
        reference_tol=config["reference_tol"],
        solver=config["steady_solver"],
    resources:
        mem_mb=search_memory(),
        runtime=search_minutes(2 * len(config["parameter_search"]["baths"])
                               * len(config["parameter_search"]["winners_beta_bath"])),
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/parameter_search_winners.py"
