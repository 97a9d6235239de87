"""Nothing silently wrong: non-unique steady states are refused (checked against the dense
null space of L), a truncated MPS is not called converged, and long runs draw progress
bars only when asked to or on a terminal."""

import numpy as np
import pytest
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath.cli import main
from lindbath.errors import InputError, SolverError
from lindbath.exact import davies
from lindbath.model.uniqueness import check_unique_steady_state
from lindbath.mps.purification import mps_thermal_table
from lindbath.progress import ENV, enabled

# (J, Delta, hx, hz): generic XXZ, tilted Ising (J = 0 but coupled by hx), transverse Ising
# without hz, XX chain without fields, free sites (J = Delta = 0), classical Ising (hx = 0).
CHAINS = [(1.0, 0.5, 0.6, 0.4), (0.0, 1.0, 1.05, 0.5), (0.0, 1.0, 1.0, 0.0),
          (1.0, 0.0, 0.0, 0.4), (0.0, 0.0, 0.6, 0.4), (0.0, 1.0, 0.0, 0.5)]


def null_dimension(chain, baths):
    """Dimension of the null space of the dense Pauli-basis L (singular values < 1e-9 s_max)."""
    s = np.linalg.svd(lb.liouvillian(chain, baths).toarray(), compute_uv=False)
    return int(np.count_nonzero(s < 1e-9 * s[0]))


def refused(chain, baths):
    try:
        check_unique_steady_state(chain, baths)
    except ValueError:
        return True
    return False


# N = 3, 4 for every bath kind and bath set (local baths need hz != 0); N = 5, with a free
# middle site when the bonds do not couple, for db baths on both edges (dense SVD of 1024).
CASES = [(N, params, kind, edges) for N in (3, 4) for params in CHAINS
         for kind in ("db", "fr", "local") for edges in (("left",), ("left", "right"))
         if kind != "local" or params[3] != 0]
CASES += [(5, params, "db", ("left", "right")) for params in CHAINS]


@pytest.mark.parametrize(("N", "params", "kind", "edges"), CASES, ids=[
    f"N{N}-{kind}-{'+'.join(edges)}-J{p[0]:g},D{p[1]:g},hx{p[2]:g},hz{p[3]:g}"
    for N, p, kind, edges in CASES])
def test_structural_check_matches_the_dense_null_space(N, params, kind, edges):
    chain = lb.Chain(N, *params)
    baths = [lb.make_bath(kind, edge, 0.5 + 0.2 * i, 1.0) for i, edge in enumerate(edges)]
    assert refused(chain, baths) == (null_dimension(chain, baths) > 1)


def test_reported_free_middle_sites_are_refused():
    """[#14] N = 6, J = Delta = 0: sites 3 and 4 are free (null space of dimension 6 at
    N = 6; at N = 5 the free site 3 leaves dimension 2 by the same count)."""
    baths = [lb.make_bath("db", edge, 0.5, 1.0) for edge in ("left", "right")]
    assert null_dimension(lb.Chain(5, J=0.0, Delta=0.0), baths) == 2
    for method in ("exact", "mps"):
        with pytest.raises(ValueError, match=r"sites \[3, 4\].*J=0, Delta=0"):
            lb.steady_state(lb.Chain(6, J=0.0, Delta=0.0), baths, method=method)


@pytest.mark.parametrize("options", [{}, {"solver": "krylov"}, {"method": "mps"}])
def test_no_dissipation_is_refused(options):
    """[#14] gamma = 0 on both baths: L = -i[H, .] keeps every function of H (dense null
    space of dimension >= 2^N); krylov used to return identity/16 with converged = 1."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    baths = [lb.make_bath("db", edge, 0.5, 0.0) for edge in ("left", "right")]
    assert null_dimension(chain, baths) >= 16
    with pytest.raises(ValueError, match="gamma must be > 0"):
        lb.steady_state(chain, baths, **options)


def test_correlation_refuses_a_non_unique_steady_state():
    with pytest.raises(ValueError, match="gamma must be > 0"):
        lb.correlation(lb.Chain(4, **XXZ_FIELDS), [lb.make_bath("db", "left", 0.5, 0.0)],
                       [0.0, 1.0])


@pytest.mark.parametrize("coupling", ["X", "Y", "Z"])
@pytest.mark.parametrize("params", [(1.0, 0.5, 0.6, 0.4), (1.0, 1.0, 0.0, 0.0),
                                    (0.0, 1.0, 1.0, 0.0), (1.0, 0.5, 0.0, 0.4)])
def test_davies_conserved_parity_is_refused_up_front(params, coupling):
    """Davies baths through sigma^a on an H that conserves the parity P^a = prod sigma^a
    (a = X: hz = 0; Z: hx = 0; Y: both; Heisenberg without fields, transverse Ising) have
    several steady states (dense null space): InputError before any solve, exactly then."""
    chain = lb.Chain(3, *params)
    baths = [lb.DaviesBath(edge, 0.5, 1.0, coupling=coupling) for edge in ("left", "right")]
    unique = null_dimension(chain, baths) == 1
    assert refused(chain, baths) != unique
    if unique:
        state = lb.steady_state(chain, baths)
        assert state.diagnostics["converged"] == 1
        assert state.diagnostics["condition_number"] < 1e6
    else:
        with pytest.raises(InputError, match="not unique.*parity"):
            lb.steady_state(chain, baths)


def test_davies_singular_system_is_a_solver_error(monkeypatch, tmp_path, capsys):
    """A singular bordered Davies generator the inputs do not predict is SolverError (CLI
    exit 3), here forced by a condition-number limit below any system's, or by SuperLU's
    'Factor is exactly singular' (formerly a RuntimeError)."""
    chain = lb.Chain(3, 1.0, 0.5, 0.6, 0.4)
    baths = [lb.DaviesBath(edge, 0.5, 1.0) for edge in ("left", "right")]
    monkeypatch.setattr(davies, "COND_MAX", 1.0)
    with pytest.raises(SolverError, match="not unique.*condition number"):
        lb.steady_state(chain, baths)
    out = tmp_path / "x.nc"
    argv = ["steady", "--N", "3", "--hx", "0.6", "--hz", "0.4", "--bath", "davies,left,0.5,1",
            "--out", str(out)]
    assert main(argv) == 3 and not out.exists()
    assert "not unique" in capsys.readouterr().err

    def singular(_):
        raise RuntimeError("Factor is exactly singular")

    monkeypatch.setattr(davies.spla, "splu", singular)
    with pytest.raises(SolverError, match="Factor is exactly singular"):
        lb.steady_state(chain, baths)


def test_truncated_mps_is_not_converged():
    """[#14] chi = 1 at N = 6: bond energies 0.87 off the exact ones, formerly
    converged = 1.  The discard rate enters the verdict: converged = 0 and a warning
    naming chi.  The untruncated runs keep converged = 1
    (test_tensor_networks.test_steady_state_matches_exact_solver)."""
    chain = lb.Chain(6)
    baths = [lb.make_bath("db", edge, 0.5, 1.0) for edge in ("left", "right")]
    with pytest.warns(RuntimeWarning, match="chi=1 is too small"):
        state = lb.steady_state(chain, baths, method="mps", chi=1)
    exact = lb.steady_state(chain, baths)
    assert np.abs(state.expect("energy") - exact.expect("energy")).max() > 0.1
    diag = state.diagnostics
    assert diag["converged"] == 0 and diag["truncation_ok"] == 0
    assert diag["truncation_error"] > diag["obs_tol"]


def test_progress_switch(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert enabled() is False  # pytest's captured stderr is not a terminal
    monkeypatch.setenv(ENV, "1")
    assert enabled() is True
    monkeypatch.setenv(ENV, "yes")
    with pytest.raises(ValueError, match=ENV):
        enabled()


@pytest.mark.parametrize(("switch", "drawn"), [("1", True), ("0", False), (None, False)])
def test_progress_bar_on_stderr(monkeypatch, capfd, switch, drawn):
    """A purification over three betas draws a tqdm bar (its description, count of 3 and
    'beta' unit) on stderr when forced on, and nothing when off or not on a terminal."""
    if switch is None:
        monkeypatch.delenv(ENV, raising=False)
    else:
        monkeypatch.setenv(ENV, switch)
    mps_thermal_table(lb.Chain(4, **XXZ_FIELDS), [0.0, 0.1, 0.2], chi=8)
    err = capfd.readouterr().err
    # the rate reads "beta/s" or, on a loaded machine, "s/beta": check the unit only
    assert ("purification N=4 chi=8" in err and "/3 [" in err and "beta" in err) == drawn
    assert (err == "") != drawn
