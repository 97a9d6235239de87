"""lindbath: how well boundary Lindblad baths thermalize quantum spin chains."""

__version__ = "0.1.0"

from lindbath.baths import Bath  # noqa: E402
from lindbath.hamiltonians import Chain  # noqa: E402
from lindbath.liouvillian import liouvillian, liouvillian_gap, steady_state  # noqa: E402
from lindbath.states import State  # noqa: E402
from lindbath.thermal import thermal_state  # noqa: E402

__all__ = ["Bath", "Chain", "State", "liouvillian", "liouvillian_gap", "steady_state",
           "thermal_state", "__version__"]
