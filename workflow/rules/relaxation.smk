# Relaxation to the steady state, DB versus FR ([P] Sec. IV): the Liouvillian gap (slowest
# decay rate, lindbath.liouvillian_gap) of the chain with the same bath kind on both edges,
# one job per chain length over every bath kind and beta_bath, gathered over N.


rule liouvillian_gap:
    output:
        "results/relaxation/{ham}/N{N}.nc",
    log:
        "results/logs/relaxation/{ham}/N{N}.log",
    benchmark:
        "results/benchmarks/relaxation/{ham}/N{N}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        settings=config["relaxation"],
    resources:
        mem_mb=lambda w: memory_for_length(w.N),
        runtime=relaxation_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_gap.py"


rule relaxation_dataset:
    input:
        input_files(relaxation_parts()),
    output:
        "results/datasets/relaxation.nc",
    log:
        "results/logs/datasets/relaxation.log",
    benchmark:
        "results/benchmarks/datasets/relaxation.tsv"
    params:
        **input_keys(relaxation_parts()),
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_dataset.py"
