"""benchmarks/operator_entanglement.py: its compression of an exact state to a bond-chi MPS
against the Eckart-Young tail of a single SVD, and its headline at N = 6 (a DB steady state
needs far more bond dimension than the Gibbs state of the same chain)."""

import runpy
from pathlib import Path

import numpy as np
import pytest

BENCH = runpy.run_path(str(Path(__file__).parents[1] / "benchmarks" / "operator_entanglement.py"))


def test_one_cut_compression_is_the_truncated_svd():
    """N = 2 has one cut: the error of the bond-chi MPS is the norm of the dropped singular
    values (Eckart-Young), and chi = 4 reproduces the vector."""
    c = np.random.default_rng(7).normal(size=16)
    s = np.linalg.svd(c.reshape(4, 4), compute_uv=False)
    for chi in (1, 2, 3):
        error = np.linalg.norm(BENCH["best_mps"](c, chi) - c)
        assert error == pytest.approx(np.sqrt(np.sum(s[chi:] ** 2)), rel=1e-10)
        assert BENCH["middle_discarded"](c, chi) == pytest.approx(error / np.linalg.norm(c),
                                                                  rel=1e-10)
    assert np.allclose(BENCH["best_mps"](c, 4), c, atol=1e-13)


def test_full_bond_dimension_is_exact_and_error_falls_with_chi():
    """N = 4 at chi = 16 (4^2, the largest bond) reproduces the vector; the error of a
    random vector falls as chi grows."""
    c = np.random.default_rng(8).normal(size=4**4)
    assert np.allclose(BENCH["best_mps"](c, 16), c, atol=1e-12)
    errors = [np.linalg.norm(BENCH["best_mps"](c, chi) - c) for chi in (2, 4, 8, 16)]
    assert np.all(np.diff(errors) < 0)


def states_at_six():
    """The Gibbs and the DB steady state (equal temperatures) of xxz_fields, N = 6."""
    return {label: (chain, baths, exact) for label, chain, baths, exact in
            BENCH["states"](6, "xxz_fields", 0.5, 1.0, ["db"], ["gibbs", "eq"])}


def test_steady_state_needs_more_bond_dimension_than_gibbs():
    """N = 6, xxz_fields, beta = 0.5, chi = 32 (the benchmark's table): the best MPS is
    6.1e-6 from the Gibbs state and 6.7e-5 from the DB steady state; compressing rho^(1/2)
    instead gives 6.2e-6 for the steady state and below 1e-10 for the Gibbs state."""
    errors = {label: BENCH["compare"](*state, BENCH["square_root"](state[2]), 32)
              for label, state in states_at_six().items()}
    assert errors["gibbs"][0] == pytest.approx(6.1e-6, rel=0.05)
    assert errors["db eq"][0] == pytest.approx(6.7e-5, rel=0.05)
    assert errors["gibbs"][2] < 1e-10
    assert errors["db eq"][2] == pytest.approx(6.2e-6, rel=0.05)


def test_square_root_at_full_bond_dimension_gives_back_the_state():
    """chi = 64 = 4^3 keeps every Schmidt value of N = 6: sigma' sigma'^dagger is rho."""
    chain, _, exact = states_at_six()["db eq"]
    assert BENCH["square_root_error"](chain, exact, BENCH["square_root"](exact), 64) < 1e-12
