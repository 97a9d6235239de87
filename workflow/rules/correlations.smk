# Two-time correlations C(t) of [P] Eq. 12 with one bath on the left edge: one job per
# (N, beta_bath), exact up to EXACT_MAX_N sites (the steady state shared between the gamma'
# values) and Pauli-basis MPS beyond (correlations.mps), then gathered with
# reflection times (Fig. 6) and power-law fits (Fig. 7).


rule correlation:
    output:
        "results/correlations/{ham}/N{N}_beta{beta}.nc",
    log:
        "results/logs/correlations/{ham}/N{N}_beta{beta}.log",
    benchmark:
        "results/benchmarks/correlations/{ham}/N{N}_beta{beta}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        gamma_evolve=lambda w: CORRELATION_JOBS[int(w.N), w.beta],
        settings=config["correlations"],
        solver=config["steady_solver"],
        mps=config["correlations"]["mps"],
    resources:
        mem_mb=correlation_mb,
        runtime=correlation_minutes,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/correlation.py"


rule correlations_dataset:
    input:
        input_files(correlation_parts()),
    output:
        "results/datasets/correlations.nc",
    log:
        "results/logs/datasets/correlations.log",
    benchmark:
        "results/benchmarks/datasets/correlations.tsv"
    params:
        settings=config["correlations"],
        **input_keys(correlation_parts()),
    resources:
        **GATHER_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/correlations_dataset.py"
