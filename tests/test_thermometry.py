"""The study's thermometry (lindbath.analysis.thermometry): a thermal state is its own
thermometer, out-of-range values are flagged and never extrapolated, and every variable
carries long_name and units."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

import lindbath as lb
from lindbath.analysis.inversion import FLAG_MEANINGS
from lindbath.analysis.thermometry import study_thermometry

PARAMS = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}
BETA = 0.2  # every observable of this 4-site chain is monotone in beta up to 0.3
PROFILES = ("beta_eff", "beta_eff_bond", "beta_eff_edge_bulk", "beta_eff_edge_bulk_bond")
FLAGS = ("flag", "flag_bond", "flag_edge_bulk", "flag_edge_bulk_bond", "flag_x", "flag_z",
         "flag_zz", "flag_e")
MIDDLE = ("beta_x", "beta_z", "beta_zz", "beta_e", "beta_rho_middle")
RATIOS = ("ratio_x_z", "ratio_zz_z", "ratio_e_z", "worst_ratio")
ERRORS = ("beta_reference_error", "beta_reference_error_bond", "reference_error_x",
          "reference_error_z", "reference_error_zz", "reference_error_e", "beta_error",
          "beta_error_bond", "beta_other_root", "beta_other_root_bond")
DISTANCE = ("beta_rho", "d_min", "flag_rho", "d_min_reference_error", "d_min_middle")


@pytest.fixture(scope="module")
def table() -> xr.Dataset:
    """Exact reference table of the 4-site chain on a beta grid that misses BETA."""
    return lb.reference_table(PARAMS, [4], np.linspace(0.0013, 0.3013, 301))


@pytest.fixture(scope="module")
def thermal_point() -> xr.Dataset:
    return lb.thermal_state(lb.Chain(4, **PARAMS), BETA).to_dataset()


@pytest.fixture(scope="module")
def result(thermal_point, table) -> xr.Dataset:
    return study_thermometry(thermal_point, table)


def test_thermal_state_is_its_own_thermometer(result):
    """With N = 4 every site and bond is matched to itself or to its mirror image, so the
    thermal state's own temperature comes back everywhere."""
    for name in PROFILES + MIDDLE:
        np.testing.assert_allclose(result[name].values, BETA, atol=1e-6, err_msg=name)
    for name in FLAGS:
        assert np.all(result[name].values == 0), name
    for name in RATIOS:
        np.testing.assert_allclose(float(result[name]), 1.0, atol=1e-5, err_msg=name)
    np.testing.assert_allclose(result["beta_rho"].values, BETA, atol=1e-6)
    assert float(result["d_min"].max()) < 1e-8 and np.all(result["flag_rho"] == 0)


def test_profiles_cover_every_site_bond_and_observable(result):
    assert result["beta_eff"].dims == ("observable", "site")
    assert result["beta_eff_bond"].dims == ("observable_bond", "bond")
    assert list(result["observable"].values) == ["sx", "sz"]
    assert list(result["observable_bond"].values) == ["sxsx", "szsz", "energy"]
    assert result.sizes["site"] == 4 and result.sizes["bond"] == 3


def test_every_variable_has_long_name_and_units(result):
    assert set(result.data_vars) == set(PROFILES + FLAGS + MIDDLE + RATIOS + ERRORS + DISTANCE)
    for name, variable in result.data_vars.items():
        assert variable.attrs.get("long_name"), name
        assert variable.attrs.get("units"), name
    assert result["ratio_x_z"].attrs["long_name"] == "beta_x/beta_z"
    assert result["ratio_zz_z"].attrs["long_name"] == "beta_zz/beta_z"
    assert result["beta_eff"].attrs["units"] == result["beta_z"].attrs["units"]


def test_flags_carry_cf_flag_attributes(result):
    for name in FLAGS:
        assert list(result[name].attrs["flag_values"]) == [0, 1, 2, 3, 4], name
        assert result[name].attrs["flag_meanings"] == FLAG_MEANINGS, name


def test_value_out_of_the_table_is_flagged_not_extrapolated(thermal_point, table):
    """A magnetization beyond every thermal value (sz = +1 at every site) has no beta."""
    point = thermal_point.assign(sz=xr.ones_like(thermal_point["sz"]))
    out = study_thermometry(point, table)
    assert np.all(out["flag"].sel(observable="sz").values == 1)
    assert np.all(np.isnan(out["beta_eff"].sel(observable="sz").values))
    assert int(out["flag_z"]) == 1 and np.isnan(float(out["beta_z"]))
    assert np.isnan(float(out["ratio_x_z"])) and np.isnan(float(out["worst_ratio"]))
    np.testing.assert_allclose(out["beta_eff"].sel(observable="sx").values, BETA, atol=1e-6)


def test_table_of_another_hamiltonian_is_refused(thermal_point, table):
    other = thermal_point.assign_attrs(hx=0.7)
    with pytest.raises(ValueError, match="hx"):
        study_thermometry(other, table)
