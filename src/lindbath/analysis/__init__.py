"""Analysis: reference tables, effective temperatures, level statistics, correlation fits,
the study's thermometry, thermality summaries and the ranking of bath models."""

from lindbath.analysis.comparison import rank_bath_models
from lindbath.analysis.correlations import fit_envelope_power_law
from lindbath.analysis.distance import global_thermal_distance, thermal_distance
from lindbath.analysis.spectra import goe_r, mean_gap_ratio, poisson_r
from lindbath.analysis.tables import convergence, reference_table
from lindbath.analysis.temperatures import effective_beta, figures_of_merit
from lindbath.analysis.thermality import across_bond_dimensions, worst_ratio
from lindbath.analysis.thermometry import study_thermometry
from lindbath.analysis.transport import bath_heat_flow, transport_baths, transport_dataset

__all__ = ["across_bond_dimensions", "bath_heat_flow", "convergence", "effective_beta",
           "figures_of_merit", "fit_envelope_power_law", "global_thermal_distance", "goe_r",
           "mean_gap_ratio", "poisson_r", "rank_bath_models", "reference_table",
           "study_thermometry", "thermal_distance", "transport_baths", "transport_dataset",
           "worst_ratio"]
