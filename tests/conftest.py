"""Shared fixtures: the two non-integrable chains of docs/conventions.md, and one run of the
tiny study shared by tests/test_workflow.py and tests/test_attributes.py."""

from pathlib import Path

import numpy as np
import pytest

import lindbath as lb

XXZ_FIELDS = dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)
TILTED_ISING = dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory) -> Path:
    """An uninterrupted run of the whole tiny study (config/tiny.yaml) in a temporary copy of
    the repository; the tests that use it are marked slow."""
    from test_workflow import TINY, copy_workflow, snakemake

    workdir = copy_workflow(tmp_path_factory.mktemp("tiny_full"))
    run = snakemake(workdir, "--cores", "2", *TINY)
    assert run.returncode == 0, run.stderr[-5000:]
    return workdir


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
