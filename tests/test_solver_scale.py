"""The no-jump preconditioned GMRES steady-state solver (lindbath.nojump) against the sparse
LU of the Pauli-basis Liouvillian, its reflection sectors against the full space, and its
matrix-free generator against the Pauli-basis matrix."""

import numpy as np
import pytest
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath.errors import InputError
from lindbath.exact import nojump
from lindbath.exact.nojump import (
    HERMITIAN_LEAF,
    TILE,
    HilbertGenerator,
    hermitian_product,
    reflection_sectors,
    with_transpose,
)
from lindbath.exact.settings import ExactSettings
from lindbath.model.pauli import from_pauli, to_pauli


def db_pair(beta=0.5, gamma=1.0):
    return [lb.make_bath("db", "left", beta, gamma), lb.make_bath("db", "right", beta, gamma)]


MIXED = [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("fr", "right", 1.5, 0.4)]


@pytest.fixture(scope="module")
def direct6():
    return lb.steady_state(lb.Chain(6, **XXZ_FIELDS), db_pair(), solver="direct")


@pytest.mark.parametrize("symmetry", [True, False])
def test_nojump_matches_direct_lu(direct6, symmetry):
    state = lb.steady_state(lb.Chain(6, **XXZ_FIELDS), db_pair(), solver="nojump",
                            symmetry=symmetry)
    assert state.diagnostics["symmetry"] == ("reflection" if symmetry else "none")
    assert state.diagnostics["converged"] == 1 and state.residual < 1e-11
    assert 10 < state.diagnostics["iterations"] < 60
    np.testing.assert_allclose(state.pauli, direct6.pauli, rtol=0, atol=1e-10)


@pytest.mark.parametrize("symmetry", [True, False])
def test_single_precision_matches_direct_lu(direct6, symmetry):
    """Single-precision preconditioner inside flexible GMRES: the double-precision tolerance
    in one cycle and within two iterations of the double-precision run."""
    chain = lb.Chain(6, **XXZ_FIELDS)
    single, double = (lb.steady_state(chain, db_pair(), solver="nojump", symmetry=symmetry,
                                      precision=p) for p in ("single", "double"))
    diag = single.diagnostics
    assert diag["precision"] == "single" and double.diagnostics["precision"] == "double"
    assert diag["cycles"] == 1 and diag["converged"] == 1 and single.residual < 1e-11
    assert diag["iterations"] <= double.diagnostics["iterations"] + 2
    np.testing.assert_allclose(single.pauli, direct6.pauli, rtol=0, atol=1e-10)


def test_single_precision_without_mirror_symmetry_matches_double():
    chain = lb.Chain(5, **XXZ_FIELDS)
    single = lb.steady_state(chain, MIXED, precision="single")
    double = lb.steady_state(chain, MIXED, precision="double")
    assert single.diagnostics["converged"] == 1 == double.diagnostics["converged"]
    np.testing.assert_allclose(single.pauli, double.pauli, rtol=0, atol=1e-11)


def test_memory_cap_restarts_from_the_true_residual(monkeypatch):
    """A basis of 8 vectors (N = 5 without mirror symmetry: 4^5 reals of 8 + 4 bytes each in
    single precision) forces restarts; each cycle starts from the true residual, so the
    tolerance is still met."""
    monkeypatch.setattr(nojump, "krylov_memory", lambda: 8 * 4**5 * 12)
    chain = lb.Chain(5, **XXZ_FIELDS)
    state = lb.steady_state(chain, MIXED, precision="single")
    reference = lb.steady_state(chain, MIXED, precision="double")
    assert state.diagnostics["cycles"] > 2 and state.diagnostics["converged"] == 1
    np.testing.assert_allclose(state.pauli, reference.pauli, rtol=0, atol=1e-11)


def test_auto_uses_nojump_and_reports_diagnostics():
    state = lb.steady_state(lb.Chain(4, **XXZ_FIELDS), db_pair())
    diag = state.diagnostics
    assert diag["solver"] == "nojump" and diag["nojump_min_decay"] > 0.5
    assert diag["peak_rss_mb"] > 10 and diag["wall_time_s"] > 0
    assert state.to_dataset().attrs["diag_iterations"] == diag["iterations"]


def test_reflection_sector_equals_full_space_at_n7():
    chain = lb.Chain(7, **XXZ_FIELDS)
    sym = lb.steady_state(chain, db_pair(0.8, 0.6), symmetry=True)
    full = lb.steady_state(chain, db_pair(0.8, 0.6), symmetry=False)
    assert sym.diagnostics["symmetry"] == "reflection" and full.residual < 1e-11
    np.testing.assert_allclose(sym.pauli, full.pauli, rtol=0, atol=1e-11)


@pytest.mark.parametrize("N", [3, 5])
def test_non_mirror_baths_match_direct_lu(N):
    chain = lb.Chain(N, **XXZ_FIELDS)
    state = lb.steady_state(chain, MIXED, solver="nojump")
    direct = lb.steady_state(chain, MIXED, solver="direct")
    assert state.diagnostics["symmetry"] == "none"
    np.testing.assert_allclose(state.pauli, direct.pauli, rtol=0, atol=1e-10)
    assert abs(state.expect("sz")[0] - state.expect("sz")[-1]) > 1e-3  # no mirror symmetry


@pytest.mark.parametrize("kinds", [("db", "fr"), ("local", "local"), ("fr", "db")])
def test_hilbert_generator_matches_pauli_matrix(rng, kinds):
    chain = lb.Chain(4, **XXZ_FIELDS)
    baths = [lb.make_bath(kinds[0], "left", 0.5, 1.0), lb.make_bath(kinds[1], "right", 1.2, 0.3)]
    coeffs = rng.normal(size=4**4)
    out = HilbertGenerator(chain, baths)(from_pauli(coeffs))
    np.testing.assert_allclose(out, out.conj().T, atol=1e-13)
    np.testing.assert_allclose(to_pauli(out).real, lb.liouvillian(chain, baths) @ coeffs,
                               atol=1e-12)


def test_mirror_detection():
    chain = lb.Chain(5, **XXZ_FIELDS)
    assert HilbertGenerator(chain, db_pair()).is_mirror_symmetric()
    assert HilbertGenerator(chain, db_pair(0.5, 0.3)).is_mirror_symmetric()
    assert not HilbertGenerator(chain, [lb.DBBath("left", 0.5, 1.0),
                                        lb.DBBath("right", 0.6, 1.0)]).is_mirror_symmetric()
    assert not HilbertGenerator(chain, db_pair()[:1]).is_mirror_symmetric()
    edge = [lb.make_bath("db", e, 0.7, 1.0, target="reduced_edge", target_length=6)
            for e in ("left", "right")]
    assert HilbertGenerator(chain, edge).is_mirror_symmetric()


@pytest.mark.parametrize("n", [HERMITIAN_LEAF + 1, 3 * HERMITIAN_LEAF - 5])
@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_hermitian_product_equals_full_product(rng, n, dtype):
    """The recursive lower-block-triangle product (odd splits, two or three levels) equals
    A X A^+ computed in full, and is exactly Hermitian."""
    a = (rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))).astype(dtype)
    x = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    x = (x + x.conj().T).astype(dtype)
    full = a.astype(complex) @ x.astype(complex) @ a.conj().T.astype(complex)
    ours = hermitian_product(a @ x, np.ascontiguousarray(a.conj().T))
    assert ours.dtype == dtype
    eps = np.finfo(dtype).eps
    assert np.abs(ours - full).max() < 20 * np.sqrt(n) * eps * np.abs(full).max()
    np.testing.assert_array_equal(ours, ours.conj().T)


def test_tiled_transpose_combination(rng):
    """a - a^+ tile by tile over a size that is not a multiple of TILE."""
    n = TILE + 44
    a = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    ours = with_transpose(a, lambda x, y, out: np.subtract(x, y.conj(), out=out))
    np.testing.assert_array_equal(ours, a - a.conj().T)


@pytest.mark.parametrize("N", [3, 4])
def test_reflection_sectors_are_orthonormal_eigenbases(N):
    even, odd = (q.toarray() for q in reflection_sectors(N))
    q = np.hstack([even, odd])
    np.testing.assert_allclose(q.T @ q, np.eye(2**N), atol=1e-14)
    mirror = [int(format(s, f"0{N}b")[::-1], 2) for s in range(2**N)]
    np.testing.assert_allclose(even[mirror], even, atol=1e-14)
    np.testing.assert_allclose(odd[mirror], -odd, atol=1e-14)
    assert even.shape[1] == (2**N + 2 ** ((N + 1) // 2)) // 2


def test_singular_nojump_generator_falls_back_to_direct():
    """Classical Ising chain with zero-temperature local baths: |down...down> never jumps,
    so M is singular; the unique steady state is still all spins down."""
    chain = lb.Chain(4, J=0.0, Delta=1.0, hx=0.0, hz=0.5)
    baths = [lb.make_bath("local", "left", 100.0, 1.0), lb.make_bath("local", "right", 100.0, 1.0)]
    with pytest.raises(ArithmeticError, match="no-jump generator is singular"):
        lb.steady_state(chain, baths, solver="nojump")
    state = lb.steady_state(chain, baths)
    assert state.diagnostics["solver"] == "direct"
    np.testing.assert_allclose(state.expect("sz"), -1.0, atol=1e-10)


def test_iteration_cap_marks_unconverged():
    state = lb.steady_state(lb.Chain(6, **XXZ_FIELDS), db_pair(), maxiter=5, restart=5)
    assert state.diagnostics["iterations"] == 5
    assert state.diagnostics["converged"] == 0 and state.residual > 1e-6


@pytest.mark.parametrize("kwargs, match", [
    (dict(restart=0), "restart"), (dict(chi=8), "option"), (dict(symmetry="yes"), "symmetry"),
    (dict(precision="half"), "precision"),
    (dict(solver="direct", restart=20), "apply to solver"), (dict(maxiter=0), "maxiter"),
])
def test_bad_options_raise_before_work(kwargs, match):
    with pytest.raises(ValueError, match=match):
        lb.steady_state(lb.Chain(12, **XXZ_FIELDS), db_pair(), **kwargs)


def test_exact_settings_validate_once_and_normalize():
    """ExactSettings is the one place the exact options are checked: values come back as the
    solver reads them, unknown names and no-jump fields with another solver are refused."""
    settings = ExactSettings.from_options({"tol": "1e-10", "maxiter": 7.0, "memory_bytes": 2**30})
    assert (settings.tol, settings.maxiter, settings.memory_bytes) == (1e-10, 7, 2**30)
    assert type(settings.maxiter) is int and settings.solver == "auto"
    assert ExactSettings(solver="direct", restart=150).solver == "direct"  # defaults are fine
    with pytest.raises(InputError, match="apply to solver='nojump' or 'auto' only"):
        ExactSettings(solver="krylov", precision="single")
    with pytest.raises(InputError, match="option must be one of 'solver', 'tol'"):
        ExactSettings.from_options({"chi": 8})
    with pytest.raises(InputError, match="memory_bytes"):
        ExactSettings(memory_bytes=0)
