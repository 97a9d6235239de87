# Level statistics <r> ([P] Sec. II) versus hx for each field-scan Hamiltonian
# (lindbath.analysis.spectra.mean_gap_ratio), with the Poisson and sampled GOE references (Fig. 3):
# one job per Hamiltonian over all hx for short chains, one per hx for long ones.


rule levels:
    output:
        "results/levels/{ham}/{lpart}.nc",
    log:
        "results/logs/levels/{ham}/{lpart}.log",
    benchmark:
        "results/benchmarks/levels/{ham}/{lpart}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        hx=levels_fields,
        N=config["field_scan"]["levels_N"],
        middle_fraction=config["field_scan"]["middle_fraction"],
    resources:
        mem_mb=levels_memory,
        runtime=levels_runtime,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/levels.py"


rule levels_dataset:
    input:
        input_files(levels_parts()),
    output:
        "results/datasets/levels.nc",
    log:
        "results/logs/datasets/levels.log",
    benchmark:
        "results/benchmarks/datasets/levels.tsv"
    params:
        middle_fraction=config["field_scan"]["middle_fraction"],
        **input_keys(levels_parts()),
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/levels_dataset.py"
