"""The local-versus-global bath study of [L]: qubits in a common bath, Jaynes-Cummings."""

from lindbath.open_qubits.jaynes_cummings import steady_state_sweep
from lindbath.open_qubits.qubits import (
    common_bath,
    dark_state_trapping,
    global_liouvillian,
    initial_state_dependence,
    local_liouvillian,
    single_excitation_decay,
)

__all__ = ["common_bath", "dark_state_trapping", "global_liouvillian", "initial_state_dependence",
           "local_liouvillian", "single_excitation_decay", "steady_state_sweep"]
