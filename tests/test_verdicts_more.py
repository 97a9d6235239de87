"""[#24 item 7] Nothing silently wrong, part two: every result that can be wrong carries a
verdict (converged = 0 with a RuntimeWarning, --strict exit 3), and inputs beyond what is
computed correctly are refused before any work (InputError naming the parameter)."""

import numpy as np
import pytest
import xarray as xr

import lindbath as lb
from lindbath.cli import main
from lindbath.errors import InputError
from lindbath.mps.correlation import mps_correlation
from lindbath.mps.purification import TRUNCATION_TOL, mps_thermal_table

LEFT = [lb.Bath("db", "left", 0.5, 1.0)]


# 1. purification: a truncation verdict, honoured by --strict


def test_truncated_purification_is_not_converged():
    """chi = 1 at N = 6: sz is not even mirror symmetric; converged = 0 and a warning."""
    with pytest.warns(RuntimeWarning, match="chi=1 is too small"):
        state = lb.thermal_state(lb.Chain(6), 2.0, method="mps", chi=1)
    assert state.diagnostics["converged"] == 0
    assert state.diagnostics["truncation_error"] > TRUNCATION_TOL
    exact = lb.thermal_state(lb.Chain(6), 2.0)
    assert np.abs(state.expect("sz") - exact.expect("sz")).max() > 0.01


def test_untruncated_purification_is_converged():
    table = mps_thermal_table(lb.Chain(4), [0.5, 1.0], chi=16)
    assert table.attrs["converged"] == 1 and table.attrs["truncation_error"] < 1e-6


def test_cli_strict_thermal_and_reference(tmp_path):
    thermal = ["thermal", "--N", "6", "--beta", "2", "--method", "mps", "--chi", "1"]
    reference = ["reference", "--lengths", "4", "6", "--betas", "0:2:3", "--method", "mps",
                 "--chi", "2"]
    for i, argv in enumerate((thermal, reference)):
        out = tmp_path / f"{i}.nc"
        with pytest.warns(RuntimeWarning, match="chi=.* is too small"):
            assert main([*argv, "--strict", "--out", str(out)]) == 3
        assert out.exists()
    with xr.open_dataset(tmp_path / "1.nc") as table:
        assert table.attrs["converged"] == 0 and (table["diag_converged"] == 0).any()


def test_reference_table_verdict_per_length():
    """N = 3 at chi = 4 is exact, N = 6 at chi = 4 is not: per-length diag_converged, and
    the whole table unconverged."""
    with pytest.warns(RuntimeWarning):
        table = lb.reference_table(lb.Chain(2), [3, 6], [0.0, 1.0], method="mps", chi=4)
    assert table["diag_converged"].values.tolist() == [1, 0]
    assert table.attrs["converged"] == 0
    exact = lb.reference_table(lb.Chain(2), [4], [0.0, 1.0])
    assert exact.attrs["converged"] == 1


# 4. MPS correlations: the wall budget stops the evolution, truncation enters the verdict


def test_mps_correlation_wall_budget_stops_the_evolution():
    with pytest.warns(RuntimeWarning, match="wall-clock budget"):
        result = mps_correlation(lb.Chain(4), LEFT, [0.0, 1e6], chi=16, max_wall_s=1e-3)
    diag = result["diagnostics"]
    assert diag["finished"] == 0 and diag["converged"] == 0 and diag["t_reached"] == 0.0
    assert np.isnan(result["full"][1])


def test_mps_correlation_truncation_is_not_converged():
    with pytest.warns(RuntimeWarning, match="truncation error"):
        result = mps_correlation(lb.Chain(4), LEFT, [0.0, 0.5], chi=2)
    assert result["diagnostics"]["converged"] == 0


def test_mps_correlation_untruncated_is_converged():
    result = mps_correlation(lb.Chain(3), LEFT, [0.0, 0.5], chi=16)
    diag = result["diagnostics"]
    assert diag["finished"] == 1 and diag["truncation_error"] < 1e-5
    assert diag["converged"] == diag["steady_converged"]


# 5. limits before any work


@pytest.mark.parametrize(("argv", "flag"), [
    (["thermal", "--N", "6", "--beta", "1e6", "--method", "mps"], "--beta"),
    (["thermal", "--N", "100000", "--beta", "1", "--method", "mps"], "--N"),
    (["reference", "--lengths", "100000", "--betas", "0:2:3", "--method", "mps"], "--lengths"),
    (["reference", "--lengths", "6", "--betas", "0:3000:3", "--method", "mps"], "--betas"),
])
def test_cli_purification_limits(tmp_path, capsys, argv, flag):
    assert main([*argv, "--out", str(tmp_path / "x.nc")]) == 2
    assert flag in capsys.readouterr().err
    assert not (tmp_path / "x.nc").exists()


def test_library_purification_limits():
    with pytest.raises(InputError, match="beta must be <= 2000"):
        mps_thermal_table(lb.Chain(4), [1e6])
    with pytest.raises(InputError, match="N must be"):
        lb.reference_table(lb.Chain(2), [100000], [1.0], method="mps")
