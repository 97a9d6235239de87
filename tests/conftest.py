"""Shared fixtures: the two non-integrable chains of physics.md Sec. 1."""

import numpy as np
import pytest

import lindbath as lb

XXZ_FIELDS = dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)
TILTED_ISING = dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


def random_density_matrix(rng, dim):
    """A random full-rank density matrix."""
    a = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
    rho = a @ a.conj().T
    return rho / np.trace(rho)


def embedded_jumps(chain, baths):
    """Every bath's jump operators as 2^N matrices (brute-force route)."""
    out = []
    for bath in baths:
        first = bath.first_site(chain)
        for jump in bath.jump_operators(chain):
            out.append(np.kron(np.kron(np.eye(2**first), jump), np.eye(2 ** (chain.N - first - 2))))
    return out


def gibbs(h, beta):
    """exp(-beta H)/Z by dense diagonalization."""
    energies, vectors = np.linalg.eigh(h)
    weights = np.exp(-beta * (energies - energies[0]))
    return (vectors * (weights / weights.sum())) @ vectors.conj().T


__all__ = ["lb", "XXZ_FIELDS", "TILTED_ISING"]
