# Heat transport between two baths at different temperatures (docs/conventions.md, "Heat
# transport"): steady states with the left bath at beta - delta_beta/2 and the right one at
# beta + delta_beta/2, one job per (Hamiltonian, N, bath, method) over its (beta,
# delta_beta) points, gathered into transport.nc with the temperature profiles of the first
# Hamiltonian (its thermal reference tables). Grids: config `transport`.


include: "transport_grids.smk"


rule transport_state:
    output:
        "results/transport/{ham}/N{N}_{bath}_{method}.nc",
    log:
        "results/logs/transport/{ham}/N{N}_{bath}_{method}.log",
    benchmark:
        "results/benchmarks/transport/{ham}/N{N}_{bath}_{method}.tsv"
    wildcard_constraints:
        method=r"exact|chi\d+",
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        points=lambda w: TRANSPORT_POINTS[w.ham, int(w.N), w.bath, w.method],
        gamma=config["transport"]["gamma"],
        solver=transport_solver,
    resources:
        mem_mb=lambda w: memory_for_length(w.N) if w.method == "exact" else MPS_JOB_MB,
        runtime=transport_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/transport_states.py"


rule transport_dataset:
    input:
        states=[transport_file(*key) for key in TRANSPORT_POINTS],
        reference=transport_reference_files(),
    output:
        dataset_file("transport"),
    log:
        "results/logs/datasets/transport.log",
    benchmark:
        "results/benchmarks/datasets/transport.tsv"
    params:
        points=[dict(zip(("hamiltonian", "N", "bath", "method"), key)) for key in TRANSPORT_POINTS],
        reference_tol=config["reference_tol"],
    resources:
        **GATHER_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/transport_dataset.py"
