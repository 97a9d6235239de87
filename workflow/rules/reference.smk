# Thermal reference tables exp(-beta H)/Z (seed 003, Sec. IV.1; lindbath.tables): one job per
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
        betas=reference_betas(),
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
        [f for ham in config["beta_scan"]["hamiltonians"] for f in reference_files(ham)],
    output:
        "results/datasets/reference.nc",
    log:
        "results/logs/datasets/reference.log",
    benchmark:
        "results/benchmarks/datasets/reference.tsv"
    resources:
        mem_mb=2000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/reference_dataset.py"
