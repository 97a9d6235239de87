# What the workflow delivers: the gathered datasets and the figures. Plain Python that
# reads no config while loading, so that the tests can load it with runpy.run_path. Each
# figure names its script (also its rule's name), its input datasets by the script's input
# names, its report caption and category, and the params it gets as functions of the config.
# The papers: [P] and [L] in docs/conventions.md.

P_FIGURES = "[P] figures"
L_FIGURES = "[L] local versus global"
SUMMARY = "Summary"
LONG_CHAINS = "Long chains"

STUDIES = ["beta_scan", "gamma_map", "field_scan", "long_chains", "thermality"]
DATASETS = ["reference", *STUDIES, "levels", "bath_models", "relaxation",
            "relaxation_mps", "correlations",
            "qubits_decay", "qubits_dark", "qubits_initial", "jaynes_cummings",
            "parameter_search", "parameter_search_winners", "transport", "linear_response"]


def figure(script, inputs, caption, category, rule=None, **params):
    """How one figure is drawn: ``inputs`` maps input names to dataset names, ``params``
    maps param names to functions of the config; ``rule`` is the name of the Snakemake
    rule that draws it, by default the script's name (one script may draw several figures)."""
    return {"script": script, "inputs": inputs, "caption": caption, "category": category,
            "params": params, "rule": rule or script}


FIGURES = {
    "fig1_reference": figure("fig1_reference", {"data": "reference"}, "fig1", P_FIGURES,
                             hamiltonian=lambda c: c["figures"]["hamiltonian"]),
    **{f"fig2_beta_eff_{edges}": figure("fig2_beta_eff", {"data": "beta_scan"}, "fig2",
                                        P_FIGURES, rule=f"fig2_beta_eff_{edges}",
                                        figures=lambda c: c["figures"],
                                        edges=lambda c, e=edges: e)
       for edges in ("both", "left")},  # beta_scan.edges must hold both values
    "fig3_field_scan": figure("fig3_field_scan", {"data": "field_scan", "levels": "levels"},
                              "fig3", P_FIGURES, settings=lambda c: c["field_scan"]),
    "fig4_gamma_map": figure("fig4_gamma_map", {"data": "gamma_map"}, "fig4", P_FIGURES,
                             settings=lambda c: c["gamma_map"]),
    "fig5_db_vs_fr": figure("fig5_db_vs_fr", {"data": "parameter_search_winners"}, "fig5",
                            P_FIGURES, settings=lambda c: c["parameter_search"]),
    "parameter_search": figure("parameter_search_figure", {"data": "parameter_search"},
                               "parameter_search", P_FIGURES,
                               settings=lambda c: c["parameter_search"]),
    "fig6_correlation_lengths": figure("fig6_correlation_lengths", {"data": "correlations"},
                                       "fig6", P_FIGURES, settings=lambda c: c["correlations"]),
    "fig7_correlation_decay": figure("fig7_correlation_decay", {"data": "correlations"},
                                     "fig7", P_FIGURES, settings=lambda c: c["correlations"]),
    "summary_ratios": figure("summary_ratios", {"data": "beta_scan"}, "summary_ratios", SUMMARY,
                             N=lambda c: c["figures"]["N"]),
    "bath_models": figure("bath_models_figure", {"data": "bath_models"}, "bath_models",
                          SUMMARY),
    "local_vs_global": figure("local_vs_global", {"decay": "qubits_decay", "dark": "qubits_dark",
                                                  "initial": "qubits_initial",
                                                  "jc": "jaynes_cummings"},
                              "local_vs_global", L_FIGURES),
    "long_chains": figure("long_chains_figure", {"data": "long_chains"}, "long_chains",
                          LONG_CHAINS),
    "relaxation": figure("relaxation_figure", {"data": "relaxation", "mps": "relaxation_mps"},
                         "relaxation", P_FIGURES),
    "transport": figure("transport_figure", {"data": "transport"}, "transport", SUMMARY,
                        settings=lambda c: c["transport"]),
    "linear_response": figure("linear_response_figure", {"data": "linear_response"},
                              "linear_response", SUMMARY),
    "thermality_vs_n": figure("thermality_vs_n", {"data": "thermality"}, "thermality_vs_n",
                              LONG_CHAINS, settings=lambda c: c["thermality"]),
}
