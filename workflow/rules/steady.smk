# Steady states of seed 003, Eq. 2 with identical baths on both edges: one job per
# (Hamiltonian, N, method, gamma) over all beta_bath values for short chains, one job per
# point for long ones (batch_max_N), gathered per study with effective temperatures.


rule steady_state:
    output:
        "results/steady/{ham}/N{N}_{method}_gamma{gamma}_{part}.nc",
    log:
        "results/logs/steady/{ham}/N{N}_{method}_gamma{gamma}_{part}.log",
    benchmark:
        "results/benchmarks/steady/{ham}/N{N}_{method}_gamma{gamma}_{part}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        betas=steady_betas,
        solver=config["steady_solver"],
    resources:
        mem_mb=lambda w: memory_for_length(w.N),
        runtime=steady_runtime,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/steady_states.py"


rule study_dataset:
    wildcard_constraints:
        study="|".join(STUDIES),
    input:
        unpack(lambda w: study_inputs(w.study)),
    output:
        "results/datasets/{study}.nc",
    log:
        "results/logs/datasets/{study}.log",
    benchmark:
        "results/benchmarks/datasets/{study}.tsv"
    params:
        records=lambda w: study_records(w.study),
    resources:
        mem_mb=2000,
        runtime=30,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/study_dataset.py"
