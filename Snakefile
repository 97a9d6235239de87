# lindbath study: how well two-site boundary Lindblad baths thermalize spin chains ([P]),
# and local versus global baths ([L]); docs/conventions.md cites both papers. Run from the
# repository root:
#   snakemake --cores 2                                  default quick study
#   snakemake --cores 2 --configfile config/paper.yaml   paper-scale grids
# config/README.md documents every key; results/README.md says where each output lands.
import re
import sys

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "workflow/rules/config_checks.smk"  # the JSON schema and the checks beyond it
include: "workflow/rules/targets.smk"
include: "workflow/rules/grids.smk"
include: "workflow/rules/paths.smk"
include: "workflow/rules/resources.smk"


onstart:
    if removed := remove_temporary_files():
        print(f"removed {removed} leftover {TEMPORARY_GLOB} file(s) under results/",
              file=sys.stderr)


report: "workflow/report/workflow.rst"


wildcard_constraints:
    ham="|".join(re.escape(name) for name in HAMILTONIANS),
    N=r"\d+",
    bath="(db|fr|local)(_left)?|davies",  # _left: beta_scan.edges left (bath on sites 1, 2 only)
    gamma=r"[0-9.e+-]+",
    beta=r"[0-9.e+-]+",
    part=r"batch|beta[0-9.e+-]+",
    refpart=r"batch|N\d+",
    lpart=r"batch|hx[0-9.e+-]+",
    chi=r"\d+",


include: "workflow/rules/reference.smk"
include: "workflow/rules/steady.smk"
include: "workflow/rules/levels.smk"
include: "workflow/rules/bath_models.smk"
include: "workflow/rules/long_chains.smk"
include: "workflow/rules/relaxation.smk"
include: "workflow/rules/linear_response.smk"
include: "workflow/rules/correlations.smk"
include: "workflow/rules/local_vs_global.smk"
include: "workflow/rules/parameter_search.smk"
include: "workflow/rules/transport.smk"
include: "workflow/rules/figures.smk"


rule all:
    default_target: True
    input:
        all_targets(),
