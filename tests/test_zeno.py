"""Zeno limit of the two-site edge baths (docs/conventions.md, "Zeno limit").

At gamma >> J the bath pairs are frozen in rho_T and the bulk (sites 3..N-2) follows
L_eff(gamma) = P L_H P - (1/gamma) P L_H Q L_D^-1 Q L_H P (adiabatic elimination; P: pairs in
rho_T, L_D: both dissipators at gamma = 1, L_H = -i[H, .]).  For tilted_ising (pair-bulk coupling
Delta sz_2 sz_3 only) L_eff is unital, so the bulk goes to infinite temperature with a deviation
~ 1/gamma^2; for xxz_fields (J != 0) it is not, and the bulk goes to a gamma-independent state.
Reference numbers: benchmarks/zeno_limit.py; the calculation: lindbath.analysis.zeno.
"""

from __future__ import annotations

import numpy as np
import pytest

import lindbath as lb
from lindbath.analysis.zeno import null_vector, zeno_generator

TILTED_ISING = dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5)
XXZ_FIELDS = dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)
BETA = 0.5
N = 6
SZ3, SX3 = 3 * 4 ** (N - 5), 4 ** (N - 5)  # bulk Pauli index of sz, sx on site 3


def _baths(gamma: float, kind: str = "db") -> list[lb.Bath]:
    return [lb.make_bath(kind, "left", BETA, gamma), lb.make_bath(kind, "right", BETA, gamma)]


def _effective(params: dict, n: int = N, kind: str = "db"):
    return zeno_generator(lb.Chain(n, **params), kind, BETA)


def zeno_state(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return null_vector(first + second * 1e-9)  # gamma -> infinity


def _bulk(params: dict, gamma: float, reduce, kind: str = "db") -> np.ndarray:
    # the default tol leaves the 1/gamma^2 signal of tilted_ising at gamma = 1e3 unresolved
    state = lb.steady_state(lb.Chain(N, **params), _baths(gamma, kind), tol=1e-15)
    return reduce @ state.pauli


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_ising_coupling_gives_a_unital_zeno_generator(kind):
    first, second, _ = _effective(TILTED_ISING, kind=kind)
    scale = np.abs(second).max()
    assert scale > 1e-2  # a genuine 1/gamma dissipator on the bulk ...
    assert np.abs(second[:, 0]).max() < 1e-12 * scale  # ... that leaves the identity fixed
    assert np.abs(first[:, 0]).max() < 1e-12


def test_tilted_ising_bulk_goes_to_infinite_temperature_as_one_over_gamma_squared():
    _, _, reduce = _effective(TILTED_ISING)
    at_100, at_1000 = _bulk(TILTED_ISING, 1e2, reduce), _bulk(TILTED_ISING, 1e3, reduce)
    # bulk reduced state -> identity (<P> = 0 for every non-identity string)
    assert np.abs(at_1000[1:]).max() < 1e-6
    # <sz_3> = -0.2155 / gamma^2 (benchmarks/zeno_limit.py), so the ratio is 100
    assert at_1000[SZ3] * 1e6 == pytest.approx(-0.2155, rel=2e-3)
    assert at_100[SZ3] / at_1000[SZ3] == pytest.approx(100.0, rel=2e-3)


def test_xxz_bulk_matches_the_effective_generator_and_a_finite_zeno_state():
    first, second, reduce = _effective(XXZ_FIELDS)
    full = _bulk(XXZ_FIELDS, 1e3, reduce)
    predicted = null_vector(first + second / 1e3)
    error = np.abs(full - predicted).max()
    assert error < 5e-6  # agreement to O(1/gamma^2): 2.3e-6
    assert np.abs(full - zeno_state(first, second)).max() > 4 * error  # the 1/gamma term: 1.4e-5
    zeno = zeno_state(first, second)
    assert zeno[SZ3] == pytest.approx(-0.0052993, abs=2e-7)
    assert zeno[SX3] == pytest.approx(-0.0062268, abs=2e-7)


def test_bulk_relaxation_rate_scales_as_one_over_gamma():
    chain = lb.Chain(5, **TILTED_ISING)
    first, second, _ = _effective(TILTED_ISING, n=5)
    values = np.linalg.eigvals(first + second / 300.0)
    effective = np.min(-values.real[np.abs(values) > 1e-9])
    scaled = [g * lb.liouvillian_gap(chain, _baths(g), dense=True) for g in (100.0, 300.0)]
    assert scaled[1] == pytest.approx(scaled[0], rel=0.02)
    assert scaled[1] == pytest.approx(300.0 * effective, rel=0.01)
