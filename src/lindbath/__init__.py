"""lindbath: how well boundary Lindblad baths thermalize quantum spin chains."""

__version__ = "0.1.0"

from lindbath.baths import Bath  # noqa: E402
from lindbath.correlations import correlation  # noqa: E402
from lindbath.hamiltonians import Chain  # noqa: E402
from lindbath.liouvillian import liouvillian, liouvillian_gap, steady_state  # noqa: E402
from lindbath.spectra import goe_r, mean_gap_ratio, poisson_r  # noqa: E402
from lindbath.states import State  # noqa: E402
from lindbath.tables import reference_table  # noqa: E402
from lindbath.temperatures import effective_beta, figures_of_merit  # noqa: E402
from lindbath.thermal import thermal_state  # noqa: E402

__all__ = ["Bath", "Chain", "State", "correlation", "effective_beta", "figures_of_merit",
           "goe_r", "liouvillian", "liouvillian_gap", "mean_gap_ratio", "poisson_r",
           "reference_table", "steady_state", "thermal_state", "__version__"]
