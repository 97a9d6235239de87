"""The measured time to the steady state by TEBD (lindbath.mps.relaxation): against the exact
relaxation time, its null case (a start at the fixed point), its failure cases and bad input."""

import numpy as np
import pytest
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath.errors import InputError
from lindbath.exact.relaxation import relaxation_time
from lindbath.mps.generators import liouvillian_blocks
from lindbath.mps.pauli_mps import PauliMPS, Propagator, Truncation
from lindbath.mps.relaxation import mps_relaxation_time


def both(kind, beta=0.5):
    return [lb.make_bath(kind, edge, beta, 1.0) for edge in ("left", "right")]


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_matches_the_exact_relaxation_time(kind):
    """N = 5 at chi = 16 (no truncation): d(t) agrees with the exact Krylov evolution to the
    Trotter error (3e-4 at dt = 0.05), t_relax to 0.01 (4e-3 measured)."""
    chain, baths = lb.Chain(5, **XXZ_FIELDS), both(kind)
    mps = mps_relaxation_time(chain, baths, 1e-3, 30.0, 301, chi=16, dt=0.05)
    exact = relaxation_time(chain, baths, 1e-3, 30.0, 301)
    np.testing.assert_allclose(mps["distance"], exact["distance"], rtol=0, atol=1e-3)
    assert mps["converged"] and mps["reference_spread"] < 1e-8
    assert mps["t_relax"] == pytest.approx(exact["t_relax"], abs=0.01)
    assert mps["diagnostics"]["max_bond"] == 16 and mps["diagnostics"]["discarded_weight"] < 1e-10


def test_trotter_error_shrinks_as_dt_squared():
    """Halving dt divides the distance to the exact d(t) by about 4 (second-order map)."""
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both("db")
    exact = relaxation_time(chain, baths, 1e-3, 10.0, 101)["distance"]
    errors = [np.abs(mps_relaxation_time(chain, baths, 1e-3, 10.0, 101, chi=16, dt=dt)
                     ["distance"] - exact).max() for dt in (0.1, 0.05)]
    assert errors[0] / errors[1] == pytest.approx(4.0, rel=0.15)


def test_start_at_the_fixed_point_has_zero_relaxation_time():
    """Null test: started from its own fixed point, the evolution is within tol at once."""
    chain, baths = lb.Chain(5, **XXZ_FIELDS), both("fr")
    settled = PauliMPS.identity(5)
    Propagator(liouvillian_blocks(chain, baths)).evolve(settled, 800, 0.05, Truncation(16))
    result = mps_relaxation_time(chain, baths, 1e-6, 4.0, 11, chi=16, dt=0.05, initial=settled)
    assert result["t_relax"] == 0.0 and result["converged"]
    assert result["initial_distance"] < 1e-8


def test_same_inputs_give_the_same_numbers():
    """Truncated (chi = 8 at N = 6): two runs give identical distance curves."""
    chain, baths = lb.Chain(6, **XXZ_FIELDS), both("db")
    runs = [mps_relaxation_time(chain, baths, 1e-2, 10.0, 21, chi=8) for _ in range(2)]
    assert runs[0]["diagnostics"]["discarded_weight"] > 0
    np.testing.assert_array_equal(runs[0]["distance"], runs[1]["distance"])


def test_too_short_a_run_is_nan_with_a_warning():
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both("db")
    with pytest.warns(RuntimeWarning, match="increase t_max"):
        result = mps_relaxation_time(chain, baths, 1e-3, 2.0, 21, chi=16)
    assert np.isnan(result["t_relax"]) and not result["converged"]


def test_truncation_noise_above_tol_is_flagged():
    """chi = 2 at N = 8: the observables at the end scatter far beyond tol / 2."""
    chain, baths = lb.Chain(8, **XXZ_FIELDS), both("db")
    with pytest.warns(RuntimeWarning, match="chi=2"):
        result = mps_relaxation_time(chain, baths, 1e-3, 20.0, 41, chi=2)
    assert result["reference_spread"] >= 5e-4 and not result["converged"]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"tol": 0.0}, "tol must be > 0"),
    ({"t_max": -1.0}, "t_max must be > 0"),
    ({"num": 4}, "num must be an integer >= 5"),
    ({"dt": 0.3}, "must be a multiple of dt"),
    ({"chi": 0}, "chi must be an integer >= 1"),
    ({"truncation": "lu"}, "truncation must be one of"),
    ({"initial": PauliMPS.identity(4)}, "initial must be a PauliMPS on N = 3"),
])
def test_bad_input_is_refused(kwargs, match):
    args = {"tol": 1e-3, "t_max": 1.0, "num": 11} | kwargs
    with pytest.raises(InputError, match=match):
        mps_relaxation_time(lb.Chain(3, **XXZ_FIELDS), both("db"), **args)


def test_davies_baths_are_refused():
    baths = [lb.make_bath("davies", "left", 0.5, 1.0)]
    with pytest.raises(InputError, match="baths must be two-site or local"):
        mps_relaxation_time(lb.Chain(3, **XXZ_FIELDS), baths, 1e-3, 1.0, 11)
