# Thermal reference tables exp(-beta H)/Z ([P] Sec. IV.1; lindbath.analysis.tables): one job per
# Hamiltonian for the cheap lengths (batch.nc), one per costly N_ref (N12.nc, ...), gathered
# for Fig. 1; the study datasets invert them into effective temperatures.


rule reference_table:
    output:
        "results/reference/{ham}/{refpart}.nc",
    log:
        "results/logs/reference/{ham}/{refpart}.log",
    benchmark:
        "results/benchmarks/reference/{ham}/{refpart}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        lengths=reference_job_lengths,
        betas=beta_range(config["reference"]["beta"]),
        options={},
    resources:
        mem_mb=reference_memory,
        runtime=reference_runtime,
    threads: reference_threads
    conda:
        "../../environment.yml"
    script:
        "../scripts/reference_table.py"


rule reference_dataset:
    input:
        input_files(reference_dataset_parts()),
    output:
        "results/datasets/reference.nc",
    log:
        "results/logs/datasets/reference.log",
    benchmark:
        "results/benchmarks/datasets/reference.tsv"
    params:
        **input_keys(reference_dataset_parts()),
    resources:
        **GATHER_JOB,
    conda:
        "../../environment.yml"
    script:
        "../scripts/reference_dataset.py"
