"""The measured time to reach the steady state (lindbath.exact.relaxation): against dense
matrix exponentials, its late-time decay against the Liouvillian gap, and its null and
failure cases."""

import numpy as np
import pytest
import scipy.linalg as la
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath.errors import InputError
from lindbath.exact.relaxation import relaxation_time
from lindbath.model.observables import OBSERVABLES, local_observables
from lindbath.model.pauli import string_index


def both(kind, beta=0.5):
    return [lb.make_bath(kind, edge, beta, 1.0) for edge in ("left", "right")]


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_distance_matches_dense_exponential(kind):
    """N = 3: c(t) = expm(L t) e_0 and c_ss the null vector of the dense L, observables
    from those; d(t) agrees to 1e-8."""
    chain, baths = lb.Chain(3, **XXZ_FIELDS), both(kind)
    result = relaxation_time(chain, baths, 1e-3, 8.0, 41, krylov_tol=1e-12)
    dense = lb.liouvillian(chain, baths).toarray()
    steady = la.null_space(dense)[:, 0]
    steady /= steady[0]
    expected = []
    for t in result["times"]:
        deviation = la.expm(t * dense)[:, 0] - steady
        values = local_observables(chain, lambda ops, c=deviation: c[string_index(3, ops)])
        expected.append(max(np.abs(values[name]).max() for name in OBSERVABLES))
    np.testing.assert_allclose(result["distance"], expected, rtol=0, atol=1e-8)
    assert result["initial_distance"] > 0.5 and result["converged"]
    assert 0 < result["t_relax"] < 8.0


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_late_decay_rate_is_the_gap(kind):
    """N = 4, beta_bath = 0.5: the slope of log d(t) between d = 1e-7 and 1e-11 equals the
    Liouvillian gap within 5 % (the slowest mode oscillates, which biases a straight fit by
    2-3 %)."""
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both(kind)
    result = relaxation_time(chain, baths, 1e-3, 30.0, 1201, krylov_tol=1e-13)
    t, d = result["times"], result["distance"]
    window = (d < 1e-7) & (d > 1e-11)
    assert window.sum() > 100
    rate = -np.polyfit(t[window], np.log(d[window]), 1)[0]
    assert rate == pytest.approx(lb.liouvillian_gap(chain, baths), rel=0.05)


def test_steady_start_has_zero_relaxation_time():
    chain, baths = lb.Chain(4, **XXZ_FIELDS), both("db")
    steady = lb.steady_state(chain, baths)
    result = relaxation_time(chain, baths, 1e-6, 5.0, 11, initial=steady.pauli)
    assert result["t_relax"] == 0.0 and result["converged"]
    assert result["final_distance"] < 1e-9


def test_crossing_interpolates_between_grid_points():
    """The crossing lies between the last grid point above tol and the next one below."""
    chain, baths = lb.Chain(3, **XXZ_FIELDS), both("fr")
    result = relaxation_time(chain, baths, 1e-3, 10.0, 51)
    t, d, t_relax = result["times"], result["distance"], result["t_relax"]
    j = np.flatnonzero(d >= 1e-3)[-1]
    assert t[j] <= t_relax <= t[j + 1]


def test_unconverged_is_nan_with_a_warning():
    chain, baths = lb.Chain(3, **XXZ_FIELDS), both("db")
    with pytest.warns(RuntimeWarning, match="t_max"):
        result = relaxation_time(chain, baths, 1e-3, 0.5, 6)
    assert np.isnan(result["t_relax"]) and not result["converged"]
    assert result["final_distance"] >= 1e-3


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"tol": 0.0}, "tol must be > 0"),
    ({"t_max": -1.0}, "t_max must be > 0"),
    ({"num": 1}, "num must be an integer >= 2"),
    ({"initial": np.zeros(4)}, "initial must be 4"),
])
def test_bad_input_is_refused(kwargs, match):
    args = {"tol": 1e-3, "t_max": 1.0} | kwargs
    with pytest.raises(InputError, match=match):
        relaxation_time(lb.Chain(3, **XXZ_FIELDS), both("db"), **args)


def test_davies_baths_are_refused():
    chain = lb.Chain(3, **XXZ_FIELDS)
    baths = [lb.make_bath("davies", "left", 0.5, 1.0)]
    with pytest.raises(InputError, match="baths must be two-site or local"):
        relaxation_time(chain, baths, 1e-3, 1.0)
