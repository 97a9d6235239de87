"""Tensor-network solvers: Pauli-basis MPS, TEBD steady states, purification, correlations."""
