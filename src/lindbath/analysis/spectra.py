"""Level statistics <r> of the chain ([P] Sec. II; Oganesyan and Huse 2007).

s_n = E_{n+1} - E_n within one symmetry sector (lindbath.analysis.sectors),
r_n = min(s_n, s_{n+1}) / max(s_n, s_{n+1}), <r> averaged over sectors weighted by their
number of ratios. References: Poisson 2 ln 2 - 1 = 0.3863, GOE ~0.5307 (sampled).
"""

from __future__ import annotations

import logging
import time

import numpy as np
import scipy.linalg as la
import xarray as xr

from lindbath import validation
from lindbath.analysis.sectors import sector_block, symmetry_sectors
from lindbath.model.chain import Chain

__all__ = ["gap_ratios", "goe_r", "mean_gap_ratio", "poisson_r"]

log = logging.getLogger(__name__)

DEGENERACY_TOL = 1e-10  # spacings below this (times max(1, max|E|)) count as exact degeneracies


def gap_ratios(levels: np.ndarray, middle_fraction: float = 1.0) -> np.ndarray:
    """r_n = min(s_n, s_{n+1}) / max(s_n, s_{n+1}), s_n = E_{n+1} - E_n (Oganesyan and Huse 2007)
    of one sorted spectrum, keeping only its middle ``middle_fraction`` of levels (floor of
    n (1 - f)/2 levels dropped at each end).  r = 0 where both spacings vanish."""
    f = validation.real("middle_fraction", middle_fraction, 0.0, strict=True)
    if f > 1:
        raise ValueError(f"middle_fraction must be <= 1; got {f}")
    levels = np.sort(np.asarray(levels, dtype=float))
    drop = int(np.floor(levels.size * (1 - f) / 2))
    spacings = np.diff(levels[drop:levels.size - drop])
    low = np.minimum(spacings[:-1], spacings[1:])
    high = np.maximum(spacings[:-1], spacings[1:])
    return np.divide(low, high, out=np.zeros_like(low), where=high > 0)


def count_degeneracies(levels: np.ndarray) -> int:
    """Number of spacings below DEGENERACY_TOL * max(1, max|E|) in a sorted spectrum."""
    scale = max(1.0, float(np.abs(levels).max(initial=0.0)))
    return int(np.sum(np.diff(levels) < DEGENERACY_TOL * scale))


def mean_gap_ratio(chain: Chain, middle_fraction: float = 1.0,
                   resolve_symmetries: bool = True) -> xr.Dataset:
    """Symmetry-resolved mean gap ratio <r> = sum_s n_s <r>_s / sum_s n_s ([P] Sec. II),
    n_s the number of ratios of sector s (= the mean of all ratios pooled).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    middle_fraction : float, default 1.0
        Keep only this middle fraction of each sector's levels, in (0, 1] (gap_ratios).
    resolve_symmetries : bool, default True
        Split H into its symmetry sectors (reflection, total S^z at hx = 0, spin flip where it
        commutes; lindbath.analysis.sectors) before taking the ratios.

    Returns
    -------
    xarray.Dataset
        Over dim ``sector``: r_mean, n_ratios, dim, degeneracies (exact ones, spacing < 1e-10
        relative), magnetization (NaN if not resolved), reflection, flip, label; attributes:
        the overall ``r``, ``poisson_r``, chain parameters, settings, wall time.

    Raises
    ------
    InputError
        middle_fraction <= 0 or not a number.
    ValueError
        middle_fraction > 1.

    References
    ----------
    [P] Sec. II; Oganesyan and Huse, PRB 75, 155111 (2007); docs/conventions.md, "Level
    statistics".
    """
    start = time.perf_counter()
    gap_ratios(np.zeros(0), middle_fraction)  # validate before the heavy work
    sectors, hamiltonian = symmetry_sectors(chain, resolve_symmetries), chain.hamiltonian()
    ratios, degeneracies = [], []
    for sector in sectors:
        levels = la.eigvalsh(sector_block(hamiltonian, sector).toarray())
        ratios.append(gap_ratios(levels, middle_fraction))
        degeneracies.append(count_degeneracies(levels))
        log.info("sector %s: dim %d, %d ratios, %.1f s", sector.label, sector.dim,
                 ratios[-1].size, time.perf_counter() - start)
    pooled = np.concatenate(ratios)
    data = {
        "r_mean": ("sector", [r.mean() if r.size else np.nan for r in ratios],
                   {"long_name": "<r> in the sector"}),
        "n_ratios": ("sector", [r.size for r in ratios]),
        "dim": ("sector", [s.dim for s in sectors]),
        "degeneracies": ("sector", degeneracies,
                         {"long_name": "exact degeneracies (spacing < 1e-10 relative)"}),
        "magnetization": ("sector", [np.nan if s.magnetization is None else s.magnetization
                                     for s in sectors]),
        "reflection": ("sector", [s.reflection for s in sectors]),
        "flip": ("sector", [s.flip for s in sectors]),
        "label": ("sector", [s.label for s in sectors]),
    }
    attrs = {**chain.params, "r": float(pooled.mean()) if pooled.size else np.nan,
             "poisson_r": poisson_r(), "middle_fraction": float(middle_fraction),
             "resolve_symmetries": bool(resolve_symmetries),
             "total_degeneracies": int(sum(degeneracies)),
             "wall_time_s": time.perf_counter() - start}
    return xr.Dataset(data, coords={"sector": np.arange(len(sectors))}, attrs=attrs)


def poisson_r() -> float:
    """<r> of uncorrelated (Poisson) levels: 2 ln 2 - 1 = 0.3863 (Atas et al. 2013).

    Returns
    -------
    float
        2 ln 2 - 1.

    References
    ----------
    [P] Sec. II; Atas, Bogomolny, Giraud and Roux, PRL 110, 084101 (2013).
    """
    return 2 * np.log(2) - 1


def goe_r(size: int = 1000, samples: int = 10, middle_fraction: float = 1.0,
          seed: int = 0) -> float:
    """<r> of sampled GOE matrices H = (A + A^T)/sqrt(2), A_ij standard normal, pooled over
    ``samples`` matrices of dimension ``size`` ([P] Sec. IV.2 computes it from large GOE
    matrices; large-size value ~0.5307).

    Parameters
    ----------
    size : int, default 1000
        Matrix dimension, >= 3.
    samples : int, default 10
        Number of matrices, >= 1.
    middle_fraction : float, default 1.0
        Keep only this middle fraction of each spectrum, in (0, 1] (gap_ratios).
    seed : int, default 0
        Seed of numpy's random generator.

    Returns
    -------
    float
        The pooled mean gap ratio.

    Raises
    ------
    InputError
        size < 3, samples < 1 or middle_fraction <= 0.
    ValueError
        middle_fraction > 1.

    References
    ----------
    [P] Secs. II and IV.2; docs/conventions.md, "Level statistics".
    """
    size = validation.integer("size", size, minimum=3)
    samples = validation.integer("samples", samples, minimum=1)
    rng = np.random.default_rng(seed)
    ratios = []
    for _ in range(samples):
        a = rng.normal(size=(size, size))
        ratios.append(gap_ratios(la.eigvalsh((a + a.T) / np.sqrt(2)), middle_fraction))
    return float(np.concatenate(ratios).mean())
