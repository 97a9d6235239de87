# Local, FR, DB and Davies baths ranked by the trace distance of their steady state to
# exp(-beta_bath H)/Z (lindbath.comparison.rank_bath_models): one job per chain length.


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
        runtime=lambda w: steady_runtime_minutes(
            w.N, len(config["bath_models"]["methods"]) * len(config["bath_models"]["beta_bath"])
        ),
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/bath_models.py"


rule bath_models_dataset:
    input:
        expand(
            "results/bath_models/{ham}/N{N}.nc",
            ham=config["bath_models"]["hamiltonian"],
            N=config["bath_models"]["N"],
        ),
    output:
        "results/datasets/bath_models.nc",
    log:
        "results/logs/datasets/bath_models.log",
    benchmark:
        "results/benchmarks/datasets/bath_models.tsv"
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/bath_models_dataset.py"
