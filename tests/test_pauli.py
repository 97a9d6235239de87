"""Pauli-basis transforms against brute-force traces."""

import numpy as np
from conftest import random_density_matrix

from lindbath.model.pauli import (
    LABELS,
    apply_site_op,
    embed,
    from_pauli,
    string_index,
    string_matrix,
    to_pauli,
)


def all_strings(N):
    if N == 0:
        return [""]
    return [a + b for a in LABELS for b in all_strings(N - 1)]


def test_to_pauli_matches_traces(rng):
    rho = random_density_matrix(rng, 8)
    expected = [np.trace(string_matrix(s) @ rho) for s in all_strings(3)]
    np.testing.assert_allclose(to_pauli(rho), expected, atol=1e-13)


def test_round_trip(rng):
    rho = random_density_matrix(rng, 16)
    np.testing.assert_allclose(from_pauli(to_pauli(rho)), rho, atol=1e-13)
    assert abs(to_pauli(rho)[0] - 1) < 1e-13  # c_0 = Tr rho


def test_string_index_site_order():
    # "IXZ": X on site 2 (index 1), Z on site 3 (index 2)
    assert all_strings(3)[string_index(3, {1: "X", 2: "Z"})] == "IXZ"


def test_embed_equals_kron(rng):
    block = rng.normal(size=(16, 16))
    dense = np.kron(np.kron(np.eye(4), block), np.eye(4))
    np.testing.assert_array_equal(embed(block, 1, 4).toarray(), dense)


def test_apply_site_op_equals_kron(rng):
    v = rng.normal(size=(16, 3))
    op = rng.normal(size=(2, 2))
    dense = np.kron(np.kron(np.eye(4), op), np.eye(2))
    np.testing.assert_allclose(apply_site_op(v, op, 2, 4), dense @ v, atol=1e-14)
