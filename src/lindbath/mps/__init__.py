"""Tensor-network solvers: Pauli-basis MPS, TEBD steady states, purification, correlations,
relaxation times."""

from lindbath.mps.correlation import mps_correlation
from lindbath.mps.pauli_mps import PauliMPS
from lindbath.mps.purification import mps_thermal_state, mps_thermal_table
from lindbath.mps.relaxation import mps_relaxation_time
from lindbath.mps.settings import ALGORITHMS, SteadySettings
from lindbath.mps.steady import mps_steady_state

__all__ = ["ALGORITHMS", "PauliMPS", "SteadySettings", "mps_correlation", "mps_relaxation_time",
           "mps_steady_state", "mps_thermal_state", "mps_thermal_table"]
