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

LEFT = [lb.make_bath("db", "left", 0.5, 1.0)]


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


# 2. a gamma lost in rounding is refused; a non-positive exact steady state is unconverged


def test_vanishing_gamma_is_refused(tmp_path, capsys):
    with pytest.raises(InputError, match="gamma must be 0 .* or >= 1e-12"):
        lb.steady_state(lb.Chain(4), [lb.make_bath("db", "left", 0.5, 1e-300)])
    argv = ["steady", "--N", "4", "--bath", "db,left,0.5,1e-300", "--out", str(tmp_path / "g")]
    assert main(argv) == 2 and "gamma" in capsys.readouterr().err
    state = lb.steady_state(lb.Chain(3), [lb.make_bath("db", "left", 0.5, 1e-11)])
    assert state.diagnostics["converged"] == 1 and state.diagnostics["min_eigenvalue"] > -1e-8


def test_non_positive_steady_state_is_not_converged():
    """The positivity verdict of the exact steady state: c_z = 1.5 on site 1 of a product
    state gives rho an eigenvalue -0.25 (a residual cannot see it)."""
    from lindbath.exact.sparse import _positivity_verdict
    from lindbath.model.pauli import string_index

    chain = lb.Chain(2)
    pauli = np.zeros(16)
    pauli[0], pauli[string_index(2, {0: "Z"})] = 1.0, 1.5
    state = lb.State.from_pauli(chain, pauli, "exact", {"residual": 0.0, "converged": 1}, {})
    with pytest.warns(RuntimeWarning, match="not positive"):
        assert _positivity_verdict(state).diagnostics["converged"] == 0


# 3. gamma' beyond what the exact propagation resolves, and times beyond its reach


def test_exact_correlation_limits():
    from lindbath.exact.correlation import GAMMA_EVOLVE_MAX_RATIO, T_MAX

    chain = lb.Chain(3)
    with pytest.raises(InputError, match="gamma_evolve must be <= 1e"):
        lb.correlation(chain, LEFT, [0.0, 1.0], gamma_evolve=1e20)
    with pytest.raises(InputError, match="times must be <="):
        lb.correlation(chain, LEFT, [0.0, 1e300])
    zeno = lb.correlation(chain, LEFT, [0.0, 0.5], gamma_evolve=GAMMA_EVOLVE_MAX_RATIO)
    slow = lb.correlation(chain, LEFT, [0.0, 0.5], gamma_evolve=1e6)
    assert abs(zeno["connected"].values[1] - slow["connected"].values[1]) < 1e-5
    assert np.isfinite(lb.correlation(chain, LEFT, [0.0, T_MAX])["full"].values).all()


# 6. smaller faults


def test_from_qutip_refuses_a_non_positive_rho():
    qutip = pytest.importorskip("qutip")
    rho = qutip.Qobj(np.diag([1.25, -0.25]).astype(complex), dims=[[2], [2]])
    chain = lb.Chain(2)
    with pytest.raises(InputError, match="positive semidefinite"):
        lb.from_qutip(qutip.tensor(rho, qutip.qeye(2) / 2), chain)


def test_effective_beta_with_permuted_betas():
    chain = lb.Chain(4)
    baths = [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("db", "right", 1.0, 1.0)]
    state = lb.steady_state(chain, baths)
    table = lb.reference_table(chain, [4], np.linspace(0.0, 2.0, 21))
    permuted = table.isel(beta=np.random.default_rng(0).permutation(21))
    assert not bool((permuted["beta"].diff("beta") > 0).all())
    expected = lb.effective_beta(state, table, "sz")
    got = lb.effective_beta(state, permuted, "sz")
    np.testing.assert_array_equal(got["flag"], expected["flag"])
    np.testing.assert_allclose(got["beta_eff"], expected["beta_eff"])


def test_reference_curve_refuses_unsorted_betas():
    from lindbath.analysis.inversion import ReferenceCurve

    with pytest.raises(InputError, match="strictly increasing"):
        ReferenceCurve(np.array([0.0, 2.0, 1.0]), np.array([0.0, 1.0, 2.0]))


def test_gap_without_dissipation_is_refused():
    baths = [lb.make_bath("db", "left", 0.5, 0.0)]
    with pytest.raises(ValueError, match="gamma must be > 0"):
        lb.liouvillian_gap(lb.Chain(3), baths)


def test_correlation_refuses_a_state_of_another_chain():
    other = lb.steady_state(lb.Chain(3, hx=0.1), LEFT)
    with pytest.raises(InputError, match="state must be a state of chain"):
        lb.correlation(lb.Chain(3), LEFT, [0.0, 1.0], state=other)
