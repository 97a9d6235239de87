"""The physics model: Pauli algebra, the chain, the baths, Gibbs states, observables and the
State result object.  Imports nothing else from lindbath but lindbath.validation."""

from lindbath.model.baths import Bath, DaviesBath, DBBath, FRBath, LocalBath, make_bath
from lindbath.model.chain import Chain, check_chain
from lindbath.model.density import trace_distance
from lindbath.model.gibbs import gibbs_state
from lindbath.model.observables import OBSERVABLES, local_observables, middle_position
from lindbath.model.pauli import from_pauli, to_pauli
from lindbath.model.state import State

__all__ = ["OBSERVABLES", "Bath", "Chain", "DBBath", "DaviesBath", "FRBath", "LocalBath",
           "State", "make_bath", "check_chain", "from_pauli", "gibbs_state",
           "local_observables", "middle_position", "to_pauli", "trace_distance"]
