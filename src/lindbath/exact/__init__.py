"""Exact solvers: the Liouvillian, steady states, gap, thermal states, correlations."""
