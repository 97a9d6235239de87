"""The physics model: Pauli algebra, the chain, the baths, Gibbs states, observables and the
State result object.  Imports nothing else from lindbath but lindbath.validation."""
