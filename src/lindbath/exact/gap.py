"""The Liouvillian gap: the slowest nonzero decay rate of [P] Eq. 2's generator."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse.linalg as spla

from lindbath.exact.liouvillian import liouvillian
from lindbath.model.baths import Bath
from lindbath.model.chain import Chain


def liouvillian_gap(chain: Chain, baths: Sequence[Bath], k: int = 8,
                    dense: bool | None = None) -> float:
    """Slowest nonzero decay rate  min{-Re(lambda) : lambda != 0}  of L: the inverse
    relaxation time to the steady state ([P] Sec. IV.2).
    ``dense`` (default: dimension <= 4^5) diagonalizes fully; otherwise shift-invert
    Arnoldi finds the ``k`` eigenvalues nearest zero."""
    gen = liouvillian(chain, baths)
    if dense or (dense is None and gen.shape[0] <= 4**5):
        values = la.eigvals(gen.toarray())
    else:
        values = spla.eigs(gen.tocsc(), k=k, sigma=1e-6, return_eigenvectors=False)
    rates = -values.real
    return float(np.min(rates[np.abs(values) > 1e-9]))
