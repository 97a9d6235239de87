"""Generators as real 16x16 Pauli-basis bond blocks for TEBD on a Pauli MPS:

* Lindblad evolution ([P] Eq. 2): M_b = -i[h_b, .] ([P] Eq. 11) on every bond, plus the
  two-site bath dissipators on their bonds and the edge half fields (hx sx + hz sz)/2 on
  sites 1 and N, folded into the first and last bond;
* purification (imaginary time): d rho / d tau = -{H, rho}/2 from rho(0) = I gives
  rho(beta) = exp(-beta H/2) I exp(-beta H/2) = exp(-beta H), bond blocks X -> -{h_b, X}/2;
  run to tau = beta/2 it gives sigma = exp(-beta H/2), what the thermal tables evolve.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lindbath.model.baths import Bath, check_baths, is_global
from lindbath.model.chain import Chain, edge_field_block, hamiltonian_block
from lindbath.model.pauli import superop_matrix
from lindbath.model.uniqueness import check_unique_steady_state

__all__ = ["liouvillian_blocks", "purification_blocks", "steady_generator"]


def _with_edges(chain: Chain, bulk: np.ndarray, edge: np.ndarray) -> list[np.ndarray]:
    """Bond blocks bulk + the one-site ``edge`` block (4x4) on site 1 (folded into bond 1)
    and on site N (folded into bond N-1).  Interior bonds share one array (gate cache)."""
    blocks = [bulk] * (chain.N - 1)
    eye = np.eye(4)
    blocks[0] = blocks[0] + np.kron(edge, eye)
    blocks[-1] = blocks[-1] + np.kron(eye, edge)
    return blocks


def steady_generator(chain: Chain, baths: Sequence[Bath]) -> list[np.ndarray]:
    """liouvillian_blocks of a generator whose steady state the MPS solvers can find: at
    least one two-site bath, no Davies bath (ValueError otherwise), and a unique steady
    state (lindbath.model.uniqueness)."""
    check_baths(chain, baths)
    if not baths or is_global(baths):
        raise ValueError("method='mps' needs at least one two-site bath ('db', 'fr', 'local')")
    check_unique_steady_state(chain, baths)
    return liouvillian_blocks(chain, baths)


def liouvillian_blocks(chain: Chain, baths: Sequence[Bath]) -> list[np.ndarray]:
    """Real 16x16 Pauli-basis blocks M_b with L = sum_b M_b ([P] Eqs. 2 and 11):
    -i[h_b, .] on each bond, edge half fields on sites 1 and N, bath dissipators on their
    bonds.  Their sum equals lindbath.exact.liouvillian.liouvillian(chain, baths)."""
    blocks = _with_edges(chain, hamiltonian_block(chain), edge_field_block(chain))
    for bath in baths:
        first = bath.first_site(chain)
        blocks[first] = blocks[first] + bath.pauli_block(chain)
    return blocks


def purification_blocks(chain: Chain) -> list[np.ndarray]:
    """Real 16x16 Pauli-basis blocks of X -> -{H, X}/2 = sum_b -{h_b, X}/2 (+ edge fields),
    the imaginary-time generator of purification ([P] Sec. IV.1)."""
    h_b, field = chain.bond_hamiltonian(), chain.edge_field()
    bulk = superop_matrix(lambda x: -0.5 * (h_b @ x + x @ h_b), 2)
    edge = superop_matrix(lambda x: -0.5 * (field @ x + x @ field), 1)
    return _with_edges(chain, bulk, edge)
