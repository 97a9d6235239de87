# Level statistics <r> (seed 003, Sec. II) versus hx for each field-scan Hamiltonian
# (lindbath.spectra.mean_gap_ratio), with the Poisson and sampled GOE references (Fig. 3):
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
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/levels.py"


rule levels_dataset:
    input:
        [f for ham in config["field_scan"]["hamiltonians"] for f in levels_files(ham)],
    output:
        "results/datasets/levels.nc",
    log:
        "results/logs/datasets/levels.log",
    benchmark:
        "results/benchmarks/datasets/levels.tsv"
    params:
        middle_fraction=config["field_scan"]["middle_fraction"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/levels_dataset.py"
