# lindbath study: steady states of spin chains with two-site boundary baths (seed 003).
configfile: "config/config.yaml"


include: "workflow/rules/steady.smk"


rule all:
    input:
        "results/datasets/steady_states.nc",
