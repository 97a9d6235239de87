# One rule per figure of FIGURES (targets.smk), made by this loop and named after the
# figure's script (or its `rule`, where one script draws several figures): inputs are datasets only (plus the shared style module plotstyle.py), so
# a change to one figure's script reruns only that figure. Each figure is written as PDF and
# PNG; the PNG goes into the report with its caption. The script path reads the script's
# name from params: the script directive is evaluated when the job runs, after the loop.

for figure_name, spec in FIGURES.items():

    rule:
        name:
            spec["rule"]
        input:
            **{key: dataset_file(dataset) for key, dataset in spec["inputs"].items()},
            style="workflow/scripts/plotstyle.py",
        output:
            pdf=figure_file(figure_name, "pdf"),
            png=report(
                figure_file(figure_name, "png"),
                caption=f"../report/{spec['caption']}.rst",
                category=spec["category"],
            ),
        log:
            f"results/logs/figures/{figure_name}.log",
        benchmark:
            f"results/benchmarks/figures/{figure_name}.tsv"
        params:
            script=spec["script"],
            **{key: value(config) for key, value in spec["params"].items()},
        resources:
            **SMALL_JOB,
        conda:
            "../envs/lindbath.yaml"
        script:
            "../scripts/{params.script}.py"
