"""The parameter-search score (lindbath.analysis.search): a thermal state scores 0, the
figures of merit of a Davies (thermal) and a DB steady state, a flagged point is NaN and
never the best, the score equals a brute-force loop, and the partner of Fig. 5 differs from
its anchor in exactly one parameter."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import xarray as xr

import lindbath as lb
from lindbath.analysis.search import (
    best_point,
    differing_parameters,
    partner_point,
    ratio_deviation,
    search_score,
    steady_state_merits,
    within,
)

PARAMS = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}


def merits(rx: np.ndarray, rzz: np.ndarray, flags: np.ndarray | None = None) -> xr.Dataset:
    """Figures of merit over (hx, hz, beta_bath) with the given ratios and flag_z."""
    dims = ("hx", "hz", "beta_bath")
    coords = {"hx": [0.2, 0.6, 1.0], "hz": [0.0, 0.4], "beta_bath": [0.1, 0.5]}
    zeros = np.zeros(rx.shape, dtype=int)
    return xr.Dataset({"ratio_x_z": (dims, rx), "ratio_zz_z": (dims, rzz),
                       "flag_x": (dims, zeros), "flag_zz": (dims, zeros),
                       "flag_z": (dims, zeros if flags is None else flags),
                       "converged": (dims, np.ones(rx.shape))}, coords=coords)


@pytest.fixture
def random_merits() -> xr.Dataset:
    rng = np.random.default_rng(7)
    shape = (3, 2, 2)
    return merits(1 + 0.2 * rng.standard_normal(shape), 1 + 0.2 * rng.standard_normal(shape))


def test_thermal_state_scores_zero():
    """A thermal state measured against its own chain's table: every ratio is 1, d = 0 up
    to the interpolation error (tol 1e-3 in beta)."""
    table = lb.reference_table(PARAMS, [5], np.linspace(0.0, 0.4, 201))
    point = lb.thermal_state(lb.Chain(5, **PARAMS), 0.15)
    merit = lb.figures_of_merit(point, table)
    assert int(merit["flag_x"]) == int(merit["flag_z"]) == int(merit["flag_zz"]) == 0
    assert float(ratio_deviation(merit)) == pytest.approx(0.0, abs=1e-4)


@pytest.mark.parametrize(("kind", "thermal"), [("davies", True), ("db", False)])
def test_steady_state_merits_of_a_chain(kind, thermal):
    """Davies baths at one beta_bath relax the chain to its Gibbs state: every middle beta is
    beta_bath, the deviation and the middle bond's distance vanish; DB baths do not."""
    table = lb.reference_table(PARAMS, [5], np.linspace(0.0, 1.0, 201))
    baths = [lb.make_bath(kind, edge, 0.5, 1.0) for edge in ("left", "right")]
    merit = steady_state_merits(lb.steady_state(lb.Chain(5, **PARAMS), baths), table)
    assert int(merit["converged"]) == 1 and float(merit["residual"]) < 1e-8
    assert all(merit[name].attrs["units"] for name in merit.data_vars)
    if thermal:
        assert float(merit["beta_z"]) == pytest.approx(0.5, abs=1e-6)
        assert float(merit["beta_rho_middle"]) == pytest.approx(0.5, abs=1e-6)
        assert float(ratio_deviation(merit)) < 1e-8 and float(merit["d_min_middle"]) < 1e-8
    else:
        assert float(ratio_deviation(merit)) > 0.1 and float(merit["d_min_middle"]) > 1e-3


def test_score_matches_a_loop(random_merits):
    score = search_score(random_merits)
    ds = random_merits
    for i, j in itertools.product(range(3), range(2)):
        expected = max(max(abs(ds["ratio_x_z"].values[i, j, k] - 1),
                           abs(ds["ratio_zz_z"].values[i, j, k] - 1)) for k in range(2))
        assert float(score[i, j]) == pytest.approx(expected, rel=1e-14)
    assert score.dims == ("hx", "hz")
    assert score.attrs["units"] == "1" and "long_name" in score.attrs


def test_flagged_point_is_nan_and_never_best():
    rx = np.full((3, 2, 2), 1.5)
    rzz = np.full((3, 2, 2), 1.5)
    rx[0, 0] = rzz[0, 0] = 1.0  # the best values, but flagged at one beta_bath
    rx[1, 1] = rzz[1, 1] = 1.01
    flags = np.zeros((3, 2, 2), dtype=int)
    flags[0, 0, 1] = 4
    score = search_score(merits(rx, rzz, flags))
    assert np.isnan(float(score[0, 0]))
    assert best_point(score) == {"hx": 0.6, "hz": 0.4}
    assert float(score[1, 1]) == pytest.approx(0.01)
    assert bool(within(score, 0.02)[1, 1]) and not bool(within(score, 0.02)[0, 0])
    assert int(within(score, 0.02).sum()) == 1


def test_unconverged_steady_state_is_nan(random_merits):
    ds = random_merits.copy(deep=True)
    ds["converged"][2, 1, 0] = 0
    assert np.isnan(float(search_score(ds)[2, 1]))
    assert np.isfinite(search_score(ds).values[:2]).all()


def test_all_flagged_has_no_best_point():
    flags = np.full((3, 2, 2), 2)
    score = search_score(merits(np.ones((3, 2, 2)), np.ones((3, 2, 2)), flags))
    with pytest.raises(ValueError, match="flagged"):
        best_point(score)


def test_partner_differs_in_exactly_one_parameter():
    score = xr.DataArray([[0.01, 0.50], [0.40, 0.001], [0.30, 0.20]], dims=("hx", "hz"),
                         coords={"hx": [0.2, 0.6, 1.0], "hz": [0.0, 0.4]})
    anchor = {"hx": 0.2, "hz": 0.0}
    partner = partner_point(score, anchor)  # (0.6, 0.4) is best but differs in two
    assert partner == {"hx": 1.0, "hz": 0.0}
    assert differing_parameters(anchor, partner) == ["hx"]
    assert partner_point(score, anchor, ["hz"]) == {"hx": 0.2, "hz": 0.4}
    assert best_point(score, exclude={"hx": 0.6, "hz": 0.4}) == {"hx": 0.2, "hz": 0.0}


def test_bad_input_is_named():
    ds = xr.Dataset({"ratio_x_z": ("beta_bath", [1.0])})
    with pytest.raises(ValueError, match="figures of merit"):
        ratio_deviation(ds)
    score = xr.DataArray([0.1], dims="hx", coords={"hx": [0.2]})
    with pytest.raises(ValueError, match="parameters"):
        partner_point(score, {"hx": 0.2}, ["Delta"])
    with pytest.raises(ValueError, match="tolerance"):
        within(score, -1.0)
