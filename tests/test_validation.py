"""Bad input: ValueError naming the parameter and its allowed values; CLI exit 2, no file."""

import numpy as np
import pytest

import lindbath as lb
from lindbath import validation
from lindbath.cli import main
from lindbath.errors import InputError


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: lb.Chain(1), "N must be an integer >= 2"),
        (lambda: lb.Chain(4, hx=float("nan")), "hx must be finite"),
        (lambda: lb.make_bath("db", "left", 0.5, -1.0), "gamma must be >= 0"),
        (lambda: lb.make_bath("db", "left", -0.5, 1.0), "beta must be >= 0"),
        (lambda: lb.make_bath("local", "left", 0.0, 1.0), "beta must be > 0"),
        (lambda: lb.make_bath("xx", "left", 0.5, 1.0), "kind must be one of 'db', 'fr', 'local'"),
        (lambda: lb.make_bath("db", "middle", 0.5, 1.0), "edge must be one of 'left', 'right'"),
        (lambda: lb.make_bath("db", "left", 0.5, 1.0, target="x"), "target must be one of 'bond'"),
        (lambda: lb.steady_state(lb.Chain(4, hz=0.0), [lb.make_bath("local", "left", 1, 1)]),
         "hz must be nonzero for kind='local'"),
        (lambda: lb.steady_state(lb.Chain(12), [lb.make_bath("davies", "left", 1, 1)]),
         "N must be <= 8 for kind='davies'"),
        (lambda: lb.steady_state(lb.Chain(4), [lb.make_bath("db", "left", 1, 1)], solver="lu"),
         "solver must be one of 'auto', 'direct', 'krylov'"),
        (lambda: lb.thermal_state(lb.Chain(4), -1.0), "beta must be >= 0"),
    ],
)
def test_bad_input_raises_named_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.nc"
    assert main(["steady", "--N", "4", "--bath", "db,left,0.5,-1", "--out", str(out)]) == 2
    assert "gamma must be >= 0" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_steady_writes_dataset_with_diagnostics(tmp_path):
    import xarray as xr

    out = tmp_path / "ss.nc"
    argv = ["steady", "--N", "4", "--bath", "db,left,0.5,1", "--bath", "fr,right,0.5,1",
            "--out", str(out)]
    assert main(argv) == 0
    ds = xr.open_dataset(out)
    state = lb.steady_state(lb.Chain(4), [lb.make_bath("db", "left", 0.5, 1),
                                          lb.make_bath("fr", "right", 0.5, 1)])
    np.testing.assert_allclose(ds["sz"].values, state.expect("sz"), atol=1e-14)
    assert ds.attrs["residual"] < 1e-12 and ds.attrs["diag_converged"] == 1
    assert ds.attrs["bath_0"] == "db,left,beta=0.5,gamma=1,target=bond"
    assert ds["energy"].dims == ("bond",) and "lindbath_version" in ds.attrs
    assert [p.name for p in tmp_path.iterdir()] == ["ss.nc"]  # no temporary file left


def test_cli_thermal(tmp_path):
    import xarray as xr

    out = tmp_path / "th.nc"
    assert main(["thermal", "--N", "4", "--beta", "0.3", "--out", str(out)]) == 0
    np.testing.assert_allclose(xr.open_dataset(out)["sx"].values,
                               lb.thermal_state(lb.Chain(4), 0.3).expect("sx"), atol=1e-14)


def test_cli_method_mps_passes_chi_and_matches_exact(tmp_path):
    """`--method mps --chi` reaches the tensor-network solvers (N = 6, chi = 64: no
    truncation), and their results agree with the exact routes (steady state with default
    stages: measured 4.7e-5 from exact, error estimate 4.6e-4)."""
    import xarray as xr

    baths = ["--bath", "db,left,0.5,1", "--bath", "db,right,0.5,1"]
    steady, thermal = tmp_path / "ss.nc", tmp_path / "th.nc"
    assert main(["steady", "--N", "6", *baths, "--method", "mps", "--chi", "64",
                 "--obs-tol", "1e-3", "--out", str(steady)]) == 0
    assert main(["thermal", "--N", "6", "--beta", "0.7", "--method", "mps", "--chi", "64",
                 "--out", str(thermal)]) == 0
    ds = xr.open_dataset(steady)
    exact = lb.steady_state(lb.Chain(6), [lb.make_bath("db", "left", 0.5, 1),
                                          lb.make_bath("db", "right", 0.5, 1)])
    assert ds.attrs["method"] == "mps" and ds.attrs["diag_chi"] == 64
    assert ds.attrs["diag_converged"] == 1
    np.testing.assert_allclose(ds["sz"].values, exact.expect("sz"), atol=1e-4)
    np.testing.assert_allclose(xr.open_dataset(thermal)["szsz"].values,
                               lb.thermal_state(lb.Chain(6), 0.7).expect("szsz"), atol=1e-6)


# issue 24: InputError (a ValueError) from every check; numbers as text are plain literals

@pytest.mark.parametrize("check, value", [
    (lambda v: validation.real("beta", v), "0_5"),
    (lambda v: validation.real("beta", v), " 1"),
    (lambda v: validation.real("beta", v), "infinity"),
    (lambda v: validation.integer("N", v, minimum=2), "1_0"),
])
def test_numbers_as_text_must_be_plain_literals(check, value):
    with pytest.raises(InputError, match=f"got {value!r}"):
        check(value)


@pytest.mark.parametrize("text, number", [("0.5", 0.5), ("-1e-3", -1e-3), (".5", 0.5),
                                          ("2.", 2.0), ("+3E2", 300.0)])
def test_plain_literals_are_read(text, number):
    assert validation.real("x", text) == number


def test_input_error_is_a_value_error_and_maximum_is_checked():
    assert issubclass(InputError, ValueError)
    with pytest.raises(ValueError, match="J must be <= 1e\\+06; got 1e\\+300"):
        validation.real("J", 1e300, maximum=1e6)
    with pytest.raises(InputError, match="beta must be a real number"):
        lb.make_bath("db", "left", "0_5", 1.0)
    assert validation.real("J", 1e6, maximum=1e6) == 1e6
