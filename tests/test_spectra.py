"""Symmetry sectors and level statistics <r> ([P] Sec. II)."""

import numpy as np
import pytest
import scipy.linalg as la
import xarray as xr
from conftest import TILTED_ISING, XXZ_FIELDS

import lindbath as lb
from lindbath.analysis.sectors import (
    flip_map,
    magnetization,
    reflection_map,
    sector_block,
    symmetry_sectors,
)
from lindbath.analysis.spectra import (
    gap_ratios,
    goe_r,
    mean_gap_ratio,
    poisson_r,
)
from lindbath.cli import main

SYMMETRY_CASES = [
    (6, XXZ_FIELDS),                                 # reflection only
    (7, dict(J=1.0, Delta=0.7, hx=0.0, hz=0.4)),     # M and R (odd N: no M = 0 sector)
    (6, dict(J=1.0, Delta=0.7, hx=0.0, hz=0.4)),     # M, R, and F inside M = 0
    (6, dict(J=1.0, Delta=1.0, hx=0.0, hz=0.0)),     # M, R, F (Heisenberg point)
    (7, dict(J=0.0, Delta=1.0, hx=1.05, hz=0.0)),    # R and F (transverse Ising)
]


@pytest.mark.parametrize("N, params", SYMMETRY_CASES)
def test_sectors_block_diagonalize_h(N, params):
    """Blocks are orthonormal, invariant under H, eigenvectors of R, F and M with the stated
    eigenvalues, and their spectra together are the full spectrum (brute force)."""
    chain = lb.Chain(N, **params)
    h = chain.hamiltonian()
    sectors = symmetry_sectors(chain)
    levels = []
    for s in sectors:
        v = s.basis.toarray()
        block = sector_block(h, s).toarray()
        np.testing.assert_allclose(v.T @ v, np.eye(s.dim), atol=1e-13)
        np.testing.assert_allclose(h @ v, v @ block, atol=1e-12)
        np.testing.assert_allclose(v[reflection_map(N)], s.reflection * v, atol=1e-14)
        if s.flip:
            np.testing.assert_allclose(v[flip_map(N)], s.flip * v, atol=1e-14)
        if s.magnetization is not None:
            assert np.all(v[magnetization(N) != s.magnetization] == 0)
        levels.append(la.eigvalsh(block))
    assert sum(s.dim for s in sectors) == 2**N
    np.testing.assert_allclose(np.sort(np.concatenate(levels)), la.eigvalsh(h.toarray()),
                               atol=1e-11)


def test_sector_counts():
    """R only: 2 sectors; M with F in M = 0: 2 per M != 0 (if both R parities exist) + 4."""
    assert [s.label for s in symmetry_sectors(lb.Chain(6, **XXZ_FIELDS))] == \
        ["R=+1", "R=-1"]
    sectors = symmetry_sectors(lb.Chain(6, J=1, Delta=0.7, hx=0, hz=0.4))
    assert sum(s.magnetization == 0 for s in sectors) == 4
    assert {s.flip for s in sectors if s.magnetization != 0} == {0}
    assert [s.label for s in symmetry_sectors(lb.Chain(6), resolve=False)] == ["all"]
    assert "M=0,R=-1,F=+1" in [s.label for s in sectors]


def test_gap_ratios_by_hand():
    # spacings 1, 2, 1, 4 -> r = 1/2, 1/2, 1/4
    np.testing.assert_allclose(gap_ratios([0, 1, 3, 4, 8]), [0.5, 0.5, 0.25])
    # middle_fraction 0.6 of 10 levels drops 2 at each end: levels 2..7, spacings 1,1,3,1,1
    levels = np.array([0, 10, 20, 21, 22, 25, 26, 27, 40, 50], dtype=float)
    np.testing.assert_allclose(gap_ratios(levels, 0.6), [1, 1 / 3, 1 / 3, 1])
    assert gap_ratios([0, 0, 0, 1]).tolist() == [0.0, 0.0]  # degeneracies give r = 0
    with pytest.raises(ValueError, match="middle_fraction must be > 0"):
        gap_ratios([0, 1, 2], 0.0)
    with pytest.raises(ValueError, match="middle_fraction must be <= 1"):
        gap_ratios([0, 1, 2], 1.5)


def test_poisson_reference_against_sampled_poisson_levels():
    """Uncorrelated levels (a Poisson process) give 2 ln 2 - 1 = 0.3863."""
    assert poisson_r() == pytest.approx(0.386294, abs=1e-6)
    levels = np.cumsum(np.random.default_rng(7).exponential(size=200_000))
    assert gap_ratios(levels).mean() == pytest.approx(poisson_r(), abs=3e-3)


def test_goe_reference_from_sampled_matrices():
    """Large-size GOE value 0.5307 (Atas et al. 2013); reproducible with a seed."""
    value = goe_r(size=300, samples=20, seed=3)
    assert value == pytest.approx(0.5307, abs=6e-3)
    assert value == goe_r(size=300, samples=20, seed=3)


def test_integrable_xxz_poisson_once_resolved():
    """hx = 0, hz = 0: sectors M, R (and F in M = 0) give a Poisson-like <r> and no exact
    degeneracies; the unresolved spectrum, with its flip-degenerate pairs, is far lower
    (compared at N = 10 to keep the full diagonalization fast)."""
    params = dict(J=1.0, Delta=1.3, hx=0.0, hz=0.0)
    resolved = mean_gap_ratio(lb.Chain(12, **params))
    assert resolved.attrs["r"] == pytest.approx(poisson_r(), abs=0.02)
    assert resolved.attrs["total_degeneracies"] == 0
    np.testing.assert_array_equal(resolved["n_ratios"], np.maximum(resolved["dim"] - 2, 0))
    small = mean_gap_ratio(lb.Chain(10, **params))
    full = mean_gap_ratio(lb.Chain(10, **params), resolve_symmetries=False)
    assert small.attrs["r"] > 0.35 and small.attrs["total_degeneracies"] == 0
    assert full.attrs["r"] < 0.15 and full.attrs["total_degeneracies"] > 300


def test_field_along_z_only_shifts_sectors():
    """With M resolved, hz adds a constant per sector: every <r>_s is unchanged (this needs F
    inside M = 0 for hz != 0 too)."""
    a = mean_gap_ratio(lb.Chain(10, J=1.0, Delta=1.3, hx=0.0, hz=0.0), middle_fraction=0.9)
    b = mean_gap_ratio(lb.Chain(10, J=1.0, Delta=1.3, hx=0.0, hz=0.4), middle_fraction=0.9)
    np.testing.assert_allclose(a["r_mean"], b["r_mean"], atol=1e-8)
    weighted = float((a["r_mean"] * a["n_ratios"]).sum() / a["n_ratios"].sum())
    assert a.attrs["r"] == pytest.approx(weighted, abs=1e-14)


def test_chaotic_point_is_goe_like():
    """Tilted-field Ising chain (J=0, Delta=1, hx=1.05, hz=0.5), N = 12, R resolved."""
    ds = mean_gap_ratio(lb.Chain(12, **TILTED_ISING), middle_fraction=0.8)
    assert ds.attrs["r"] == pytest.approx(0.5307, abs=0.015)
    assert list(ds["reflection"].values) == [1, -1] and ds.attrs["total_degeneracies"] == 0


def test_cli_levels(tmp_path):
    out = tmp_path / "levels.nc"
    argv = ["levels", "--N", "8", "--J", "0", "--Delta", "1", "--hx", "1.05", "--hz", "0.5",
            "--middle-fraction", "0.8", "--goe-size", "50", "--goe-samples", "2", "--out",
            str(out)]
    assert main(argv) == 0
    ds = xr.open_dataset(out)
    expected = mean_gap_ratio(lb.Chain(8, **TILTED_ISING), middle_fraction=0.8)
    assert ds.attrs["r"] == pytest.approx(expected.attrs["r"], abs=1e-14)
    assert ds.attrs["goe_r"] == pytest.approx(goe_r(50, 2, 0.8, 0), abs=1e-14)
    np.testing.assert_array_equal(ds["dim"], expected["dim"])


def test_cli_levels_bad_input_exits_2(tmp_path, capsys):
    out = tmp_path / "levels.nc"
    assert main(["levels", "--N", "6", "--middle-fraction", "0", "--out", str(out)]) == 2
    assert "middle_fraction must be > 0" in capsys.readouterr().err
    assert not out.exists()
