# Relaxation to the steady state, DB versus FR ([P] Sec. IV): the Liouvillian gap (slowest
# decay rate, lindbath.liouvillian_gap) of the chain with the same bath kind on both edges,
# and the measured time for the local observables to reach the steady state from the
# infinite-temperature state (lindbath.exact.relaxation_time; for longer chains by TEBD,
# lindbath.mps.relaxation.mps_relaxation_time, at every bond dimension of relaxation.mps),
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


rule relaxation_time:
    output:
        "results/relaxation_time/{ham}/N{N}.nc",
    log:
        "results/logs/relaxation_time/{ham}/N{N}.log",
    benchmark:
        "results/benchmarks/relaxation_time/{ham}/N{N}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        settings=config["relaxation"],
        method="exact",
    resources:
        mem_mb=relaxation_time_memory,
        runtime=relaxation_time_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_time.py"


rule relaxation_time_mps:
    output:
        "results/relaxation_mps/{ham}/N{N}.nc",
    log:
        "results/logs/relaxation_mps/{ham}/N{N}.log",
    benchmark:
        "results/benchmarks/relaxation_mps/{ham}/N{N}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        settings=config["relaxation"],
        method="mps",
    resources:
        mem_mb=MPS_JOB_MB,
        runtime=relaxation_mps_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_time.py"


rule relaxation_mps_dataset:
    input:
        input_files(relaxation_mps_parts()),
    output:
        "results/datasets/relaxation_mps.nc",
    log:
        "results/logs/datasets/relaxation_mps.log",
    benchmark:
        "results/benchmarks/datasets/relaxation_mps.tsv"
    params:
        N=input_keys(relaxation_mps_parts()).get("N", []),
        chi_tol=config["relaxation"]["mps"]["chi_tol"],
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_dataset.py"


rule relaxation_dataset:
    input:
        gaps=input_files(relaxation_parts()),
        times=input_files(relaxation_time_parts()),
    output:
        "results/datasets/relaxation.nc",
    log:
        "results/logs/datasets/relaxation.log",
    benchmark:
        "results/benchmarks/datasets/relaxation.tsv"
    params:
        N=input_keys(relaxation_parts()).get("N", []),
        time_N=input_keys(relaxation_time_parts()).get("N", []),
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/relaxation_dataset.py"
