# One rule and one script per figure; inputs are datasets only (plus the shared style
# module plotstyle.py), so a change to one figure's script reruns only that figure.
# Each figure is written as PDF and PNG; the PNG goes into the report with its caption.


rule fig1_reference:
    input:
        data="results/datasets/reference.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig1_reference.pdf",
        png=report(
            "results/figures/fig1_reference.png",
            caption="../report/fig1.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig1_reference.log",
    benchmark:
        "results/benchmarks/figures/fig1_reference.tsv"
    params:
        hamiltonian=config["figures"]["hamiltonian"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig1_reference.py"


rule fig2_beta_eff:
    input:
        data="results/datasets/beta_scan.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig2_beta_eff.pdf",
        png=report(
            "results/figures/fig2_beta_eff.png",
            caption="../report/fig2.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig2_beta_eff.log",
    benchmark:
        "results/benchmarks/figures/fig2_beta_eff.tsv"
    params:
        figures=config["figures"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig2_beta_eff.py"


rule fig3_field_scan:
    input:
        data="results/datasets/field_scan.nc",
        levels="results/datasets/levels.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig3_field_scan.pdf",
        png=report(
            "results/figures/fig3_field_scan.png",
            caption="../report/fig3.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig3_field_scan.log",
    benchmark:
        "results/benchmarks/figures/fig3_field_scan.tsv"
    params:
        settings=config["field_scan"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig3_field_scan.py"


rule fig4_gamma_map:
    input:
        data="results/datasets/gamma_map.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig4_gamma_map.pdf",
        png=report(
            "results/figures/fig4_gamma_map.png",
            caption="../report/fig4.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig4_gamma_map.log",
    benchmark:
        "results/benchmarks/figures/fig4_gamma_map.tsv"
    params:
        settings=config["gamma_map"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig4_gamma_map.py"


rule fig5_db_vs_fr:
    input:
        data="results/datasets/beta_scan.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig5_db_vs_fr.pdf",
        png=report(
            "results/figures/fig5_db_vs_fr.png",
            caption="../report/fig5.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig5_db_vs_fr.log",
    benchmark:
        "results/benchmarks/figures/fig5_db_vs_fr.tsv"
    params:
        hamiltonians=config["beta_scan"]["hamiltonians"][:2],
        N=config["figures"]["N"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig5_db_vs_fr.py"


rule fig6_correlation_lengths:
    input:
        data="results/datasets/correlations.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig6_correlation_lengths.pdf",
        png=report(
            "results/figures/fig6_correlation_lengths.png",
            caption="../report/fig6.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig6_correlation_lengths.log",
    benchmark:
        "results/benchmarks/figures/fig6_correlation_lengths.tsv"
    params:
        settings=config["correlations"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig6_correlation_lengths.py"


rule fig7_correlation_decay:
    input:
        data="results/datasets/correlations.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/fig7_correlation_decay.pdf",
        png=report(
            "results/figures/fig7_correlation_decay.png",
            caption="../report/fig7.rst",
            category="Seed 003",
        ),
    log:
        "results/logs/figures/fig7_correlation_decay.log",
    benchmark:
        "results/benchmarks/figures/fig7_correlation_decay.tsv"
    params:
        settings=config["correlations"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/fig7_correlation_decay.py"


rule summary_ratios:
    input:
        data="results/datasets/beta_scan.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/summary_ratios.pdf",
        png=report(
            "results/figures/summary_ratios.png",
            caption="../report/summary_ratios.rst",
            category="Summary",
        ),
    log:
        "results/logs/figures/summary_ratios.log",
    benchmark:
        "results/benchmarks/figures/summary_ratios.tsv"
    params:
        N=config["figures"]["N"],
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/summary_ratios.py"


rule bath_models_figure:
    input:
        data="results/datasets/bath_models.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/bath_models.pdf",
        png=report(
            "results/figures/bath_models.png",
            caption="../report/bath_models.rst",
            category="Summary",
        ),
    log:
        "results/logs/figures/bath_models.log",
    benchmark:
        "results/benchmarks/figures/bath_models.tsv"
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/bath_models_figure.py"


rule local_vs_global:
    input:
        decay="results/datasets/qubits_decay.nc",
        dark="results/datasets/qubits_dark.nc",
        initial="results/datasets/qubits_initial.nc",
        jc="results/datasets/jaynes_cummings.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/local_vs_global.pdf",
        png=report(
            "results/figures/local_vs_global.png",
            caption="../report/local_vs_global.rst",
            category="Seed 000",
        ),
    log:
        "results/logs/figures/local_vs_global.log",
    benchmark:
        "results/benchmarks/figures/local_vs_global.tsv"
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/local_vs_global.py"


rule long_chains_figure:
    input:
        data="results/datasets/long_chains.nc",
        style="workflow/scripts/plotstyle.py",
    output:
        pdf="results/figures/long_chains.pdf",
        png=report(
            "results/figures/long_chains.png",
            caption="../report/long_chains.rst",
            category="Long chains",
        ),
    log:
        "results/logs/figures/long_chains.log",
    benchmark:
        "results/benchmarks/figures/long_chains.tsv"
    resources:
        mem_mb=1000,
        runtime=10,
    threads: 1
    conda:
        "../../environment.yml"
    script:
        "../scripts/long_chains_figure.py"
