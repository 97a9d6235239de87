"""The physics model: Pauli algebra, the chain, the baths, Gibbs states, observables and the
State result object.  Imports nothing else from lindbath but lindbath.validation."""

from lindbath.model.chain import Chain, check_chain
from lindbath.model.density import trace_distance
from lindbath.model.gibbs import gibbs_state
from lindbath.model.observables import OBSERVABLES, local_observables, middle_position
from lindbath.model.pauli import from_pauli, to_pauli
from lindbath.model.state import State

# lindbath.model.baths (Bath and its helpers) is re-exported at the top level (lindbath.Bath);
# it is not re-exported here while its bath types are being reworked.
__all__ = ["OBSERVABLES", "Chain", "State", "check_chain", "from_pauli", "gibbs_state",
           "local_observables", "middle_position", "to_pauli", "trace_distance"]
