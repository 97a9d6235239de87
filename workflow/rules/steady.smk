# Steady states: one job per (Hamiltonian, N, method, beta_bath, gamma), gathered into one dataset.
HAMILTONIANS = config["hamiltonians"]
STEADY = config["steady"]


def steady_files():
    return expand(
        "results/steady/{ham}/N{N}_{method}_beta{beta}_gamma{gamma}.nc",
        ham=list(HAMILTONIANS),
        N=STEADY["N"],
        method=STEADY["methods"],
        beta=STEADY["beta_bath"],
        gamma=STEADY["gamma"],
    )


rule steady_state:
    output:
        "results/steady/{ham}/N{N}_{method}_beta{beta}_gamma{gamma}.nc",
    log:
        "results/logs/steady/{ham}/N{N}_{method}_beta{beta}_gamma{gamma}.log",
    benchmark:
        "results/benchmarks/steady/{ham}/N{N}_{method}_beta{beta}_gamma{gamma}.tsv"
    params:
        h=lambda w: HAMILTONIANS[w.ham],
    resources:
        mem_mb=2000,
        runtime=30,
    threads: 1
    shell:
        "lindbath -v steady --N {wildcards.N} --J {params.h[J]} --Delta {params.h[Delta]}"
        " --hx {params.h[hx]} --hz {params.h[hz]}"
        " --bath {wildcards.method},left,{wildcards.beta},{wildcards.gamma}"
        " --bath {wildcards.method},right,{wildcards.beta},{wildcards.gamma}"
        " --out {output} > {log} 2>&1"


rule gather_steady:
    input:
        steady_files(),
    output:
        "results/datasets/steady_states.nc",
    log:
        "results/logs/gather_steady.log",
    benchmark:
        "results/benchmarks/gather_steady.tsv"
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    script:
        "../scripts/gather_steady.py"
