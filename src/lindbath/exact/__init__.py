"""Exact solvers: the Liouvillian, steady states, gap, relaxation time, thermal states,
correlations."""

from lindbath.exact.correlation import exact_correlation
from lindbath.exact.gap import liouvillian_gap
from lindbath.exact.liouvillian import liouvillian
from lindbath.exact.relaxation import relaxation_time
from lindbath.exact.settings import PRECISIONS, SOLVERS, ExactSettings
from lindbath.exact.sparse import exact_steady_state
from lindbath.exact.thermal import exact_thermal_state

__all__ = ["PRECISIONS", "SOLVERS", "ExactSettings", "exact_correlation", "exact_steady_state",
           "exact_thermal_state", "liouvillian", "liouvillian_gap",
           "relaxation_time"]
