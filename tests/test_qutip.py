"""Exact steady states against QuTiP (an independent implementation), to 1e-8."""

import numpy as np
import pytest
from conftest import TILTED_ISING, XXZ_FIELDS, embedded_jumps

import lindbath as lb
from lindbath.model.pauli import from_pauli

qutip = pytest.importorskip("qutip")


@pytest.mark.parametrize("N, params", [(4, XXZ_FIELDS), (5, TILTED_ISING)])
@pytest.mark.parametrize("kind", ["db", "fr"])
def test_steady_state_matches_qutip(N, params, kind):
    chain = lb.Chain(N, **params)
    baths = [lb.make_bath(kind, "left", 0.4, 1.0), lb.make_bath(kind, "right", 1.1, 0.6)]
    dims = [[2] * N, [2] * N]
    h = qutip.Qobj(chain.hamiltonian().toarray(), dims=dims)
    jumps = [qutip.Qobj(j, dims=dims) for j in embedded_jumps(chain, baths)]
    reference = qutip.steadystate(h, jumps).full()
    ours = from_pauli(lb.steady_state(chain, baths).pauli)
    np.testing.assert_allclose(ours, reference, atol=1e-8)
