# Long chains by tensor networks (lindbath.mps): MPS steady states, one job per
# (Hamiltonian, N, bath, chi) over its beta_bath values (paths.smk, MPS_JOBS), and one
# reference table per length; the study_dataset rule gathers them (studies "long_chains" and
# "thermality") with effective temperatures.


rule long_chain_steady_state:
    output:
        "results/long_chains/{ham}/N{N}_{bath}_gamma{gamma}_chi{chi}.nc",
    log:
        "results/logs/long_chains/{ham}/N{N}_{bath}_gamma{gamma}_chi{chi}.log",
    benchmark:
        "results/benchmarks/long_chains/{ham}/N{N}_{bath}_gamma{gamma}_chi{chi}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        betas=mps_betas,
        solver=lambda w: {"method": "mps", "chi": int(w.chi),
                          "max_wall_s": long_state_wall_seconds(w),
                          **config["long_chains"]["solver"]},
    resources:
        mem_mb=2000,
        runtime=long_steady_minutes,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/steady_states.py"


rule long_chain_reference:
    output:
        "results/long_chains/reference/{ham}/N{N}_chi{chi}.nc",
    log:
        "results/logs/long_chains/reference/{ham}/N{N}_chi{chi}.log",
    benchmark:
        "results/benchmarks/long_chains/reference/{ham}/N{N}_chi{chi}.tsv"
    params:
        chain=lambda w: HAMILTONIANS[w.ham],
        lengths=lambda w: [int(w.N)],
        betas=lambda w: beta_range(config["long_chains"]["reference"]["beta"]),
        options=lambda w: {"method": "auto", "chi": int(w.chi),
                           "chi_check": int(config["long_chains"]["reference"]["chi_check"])},
    resources:
        mem_mb=2000,
        runtime=long_reference_minutes,
    conda:
        "../envs/lindbath.yaml"
    script:
        "../scripts/reference_table.py"
