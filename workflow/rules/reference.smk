# Thermal reference tables exp(-beta H)/Z ([P] Sec. IV.1; lindbath.analysis.tables, method
# "auto": exact diagonalization up to 14 sites, purification MPS beyond): one job per
# Hamiltonian for the cheap lengths (batch.nc), one per costly N_ref (N12.nc, N24.nc, ...);
# an MPS job runs its length at reference.chi and again at reference.chi_check (the
# truncation check). Gathered for Fig. 1 (convergence in N_ref and chi); the study datasets
# invert the combined tables into effective temperatures with their reference error.


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
        options=reference_options,
    resources:
        mem_mb=reference_memory,
        runtime=reference_runtime,
    threads: reference_threads
    conda:
        "../envs/lindbath.yaml"
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
        "../envs/lindbath.yaml"
    script:
        "../scripts/reference_dataset.py"
