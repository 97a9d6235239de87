"""lindbath: how well boundary Lindblad baths thermalize quantum spin chains.

Layers, each importing only those before it: model (chain, baths, Pauli algebra, Gibbs
states, observables, the State result) -> exact and mps (solvers) -> analysis (tables,
effective temperatures, spectra, correlation fits, bath ranking) and open_qubits (the
local-versus-global study) -> solve (public dispatchers) and io -> cli.
"""

__version__ = "0.1.0"

from lindbath.analysis.distance import global_thermal_distance, thermal_distance  # noqa: E402
from lindbath.analysis.spectra import goe_r, mean_gap_ratio, poisson_r  # noqa: E402
from lindbath.analysis.tables import reference_table  # noqa: E402
from lindbath.analysis.temperatures import effective_beta, figures_of_merit  # noqa: E402
from lindbath.analysis.transport import bath_heat_flow, transport_baths  # noqa: E402
from lindbath.exact.gap import liouvillian_gap  # noqa: E402
from lindbath.exact.liouvillian import liouvillian  # noqa: E402
from lindbath.io import from_qutip  # noqa: E402
from lindbath.model.baths import (  # noqa: E402
    Bath,
    DaviesBath,
    DBBath,
    FRBath,
    LocalBath,
    make_bath,
)
from lindbath.model.chain import Chain  # noqa: E402
from lindbath.model.state import State  # noqa: E402
from lindbath.solve import correlation, steady_state, thermal_state  # noqa: E402

__all__ = ["Bath", "Chain", "DBBath", "DaviesBath", "FRBath", "LocalBath", "State",
           "bath_heat_flow", "make_bath", "transport_baths",
           "correlation", "effective_beta", "figures_of_merit",
           "from_qutip", "global_thermal_distance", "goe_r", "liouvillian", "liouvillian_gap",
           "mean_gap_ratio", "poisson_r",
           "reference_table", "steady_state", "thermal_distance", "thermal_state",
           "__version__"]
