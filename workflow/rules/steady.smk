# Steady states of [P] Eq. 2 with identical baths on both edges: one job per
# (Hamiltonian, N, bath, gamma) over all beta_bath values for short chains, one job per
# point for long ones (batch_max_N), gathered per study with effective temperatures.


rule steady_state:
    output:
        "results/steady/{ham}/N{N}_{bath}_gamma{gamma}_{part}.nc",
    log:
        "results/logs/steady/{ham}/N{N}_{bath}_gamma{gamma}_{part}.log",
    benchmark:
        "results/benchmarks/steady/{ham}/N{N}_{bath}_gamma{gamma}_{part}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        betas=steady_betas,
        solver=config["steady_solver"],
        # the bracketing grid of d_global: the reference range in steps of about 0.1
        global_betas=beta_range({**config["reference"]["beta"], "num": 31}),
    resources:
        mem_mb=lambda w: memory_for_length(w.N),
        runtime=steady_runtime,
    conda:
        "../envs/lindbath.yaml"
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
        reference_hamiltonian=lambda w: input_keys(study_reference_parts(w.study))["hamiltonian"],
        reference_tol=config["reference_tol"],
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/study_dataset.py"
