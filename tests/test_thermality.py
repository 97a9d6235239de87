"""Summaries of thermality (lindbath.analysis.thermality): the worst of several ratios and
one estimate from results at several bond dimensions, checked on hand-made inputs whose
answers are known."""

from __future__ import annotations

import numpy as np
import xarray as xr

from lindbath.analysis.thermality import EXACT_CHI, across_bond_dimensions, worst_ratio


def test_worst_ratio_is_farthest_from_one_in_log():
    """0.8 is farther from 1 than 1.2 in |log| (0.223 > 0.182); NaN entries are skipped and
    a point without any ratio gives NaN."""
    ratios = xr.DataArray([[0.8, 1.2, np.nan], [1.0, np.nan, 1.01], [np.nan] * 3],
                          dims=("point", "ratio"))
    np.testing.assert_array_equal(worst_ratio(ratios).values, [0.8, 1.01, np.nan])


def test_worst_ratio_of_thermal_state_is_one():
    assert float(worst_ratio(xr.DataArray([1.0, 1.0, 1.0], dims="ratio"))) == 1.0


def values_over_chi(rows: list[list[float]], chis: list[int]) -> xr.DataArray:
    return xr.DataArray(rows, dims=("N", "chi"), coords={"N": np.arange(len(rows)), "chi": chis})


def test_exact_result_wins_with_zero_error():
    values = values_over_chi([[1.0, 1.5, 1.4], [np.nan, 2.0, 2.3]], [EXACT_CHI, 32, 64])
    out = across_bond_dimensions(values, xr.ones_like(values))
    np.testing.assert_allclose(out["value"].values, [1.0, 2.3])
    np.testing.assert_allclose(out["error"].values, [0.0, 0.3])
    np.testing.assert_array_equal(out["chi"].values, [EXACT_CHI, 64])


def test_largest_chi_with_a_value_and_the_next_one_give_the_error():
    """Missing values at the largest chi fall back to the next; one chi alone: no error."""
    values = values_over_chi([[1.0, 1.1, np.nan], [np.nan, 2.0, np.nan],
                              [np.nan, np.nan, np.nan]], [16, 32, 64])
    converged = values_over_chi([[1, 0, 1], [1, 1, 1], [1, 1, 1]], [16, 32, 64])
    out = across_bond_dimensions(values, converged)
    np.testing.assert_allclose(out["value"].values, [1.1, 2.0, np.nan])
    np.testing.assert_allclose(out["error"].values, [0.1, np.nan, np.nan])
    np.testing.assert_array_equal(out["chi"].values, [32, 32, -1])
    np.testing.assert_array_equal(out["converged"].values, [0, 1, 0])
