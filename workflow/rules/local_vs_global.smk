# [L]: qubits in a common bath and the Jaynes-Cummings model, local (phenomenological)
# versus global (microscopic) master equations (lindbath.open_qubits).


rule qubits:
    output:
        decay="results/datasets/qubits_decay.nc",
        dark="results/datasets/qubits_dark.nc",
        initial="results/datasets/qubits_initial.nc",
    log:
        "results/logs/datasets/qubits.log",
    benchmark:
        "results/benchmarks/datasets/qubits.tsv"
    params:
        settings=config["local_vs_global"]["qubits"],
    resources:
        **SMALL_JOB,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/qubits.py"


rule jaynes_cummings:
    output:
        "results/datasets/jaynes_cummings.nc",
    log:
        "results/logs/datasets/jaynes_cummings.log",
    benchmark:
        "results/benchmarks/datasets/jaynes_cummings.tsv"
    params:
        settings=config["local_vs_global"]["jaynes_cummings"],
    resources:
        mem_mb=1000,
        runtime=30,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/jaynes_cummings.py"
