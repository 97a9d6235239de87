# The thermality map (issue "linear-response thermality map"): beta_O/beta_bath in the
# middle of the chain to first order in beta_bath and from exact steady states at the
# config's beta_bath, for DB and FR baths under each bath convention; one job per chain
# and N over every bath kind, convention and beta_bath, gathered over chain and N.


rule linear_response_point:
    output:
        "results/linear_response/{ham}/N{N}.nc",
    log:
        "results/logs/linear_response/{ham}/N{N}.log",
    benchmark:
        "results/benchmarks/linear_response/{ham}/N{N}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        settings=config["linear_response"],
    resources:
        mem_mb=lambda w: memory_for_length(w.N),
        runtime=linear_response_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/linear_response_point.py"


rule linear_response_dataset:
    input:
        input_files(linear_response_parts()),
    output:
        "results/datasets/linear_response.nc",
    log:
        "results/logs/datasets/linear_response.log",
    benchmark:
        "results/benchmarks/datasets/linear_response.tsv"
    params:
        **input_keys(linear_response_parts()),
        chains=lambda w: {ham: HAMILTONIANS[ham]
                          for ham in config["linear_response"]["hamiltonians"]},
    resources:
        **GATHER_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/linear_response_dataset.py"
