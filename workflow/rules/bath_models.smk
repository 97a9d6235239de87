# Local, FR, DB and Davies baths ranked by the trace distance of their steady state to
# exp(-beta_bath H)/Z (lindbath.analysis.comparison.rank_bath_models): one job per chain length.


rule bath_model_ranking:
    output:
        "results/bath_models/{ham}/N{N}.nc",
    log:
        "results/logs/bath_models/{ham}/N{N}.log",
    benchmark:
        "results/benchmarks/bath_models/{ham}/N{N}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        settings=config["bath_models"],
    resources:
        mem_mb=lambda w: memory_for_length(w.N),
        runtime=bath_models_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/bath_models.py"


rule bath_models_dataset:
    input:
        input_files(bath_model_parts()),
    output:
        "results/datasets/bath_models.nc",
    log:
        "results/logs/datasets/bath_models.log",
    benchmark:
        "results/benchmarks/datasets/bath_models.tsv"
    params:
        **input_keys(bath_model_parts()),
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/bath_models_dataset.py"
