"""The Pauli strings behind a steady State's observables, and the observables from their
expectations in a Pauli MPS: shared by the steady-state algorithms (TEBD, variational)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lindbath.model.baths import Bath
from lindbath.model.chain import Chain
from lindbath.model.currents import PauliExpect, transport_values
from lindbath.model.observables import local_observables
from lindbath.mps.pauli_mps import Expectations, PauliMPS

__all__ = ["Strings", "checked", "from_flat", "measure", "measured_strings"]

CONVERGED_NAMES = ("sx", "sy", "sz", "sxsx", "sysy", "szsz", "energy")  # convergence checks

Strings = list[tuple[tuple[int, str], ...]]  # Pauli strings as sorted ((site, label), ...)


def _key(ops: dict[int, str]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted(ops.items()))


def measured_strings(chain: Chain, baths: Sequence[Bath]) -> Strings:
    """The Pauli strings whose <P> the State's observables (_observables) are linear in:
    recorded by evaluating them once with a recording <P>, so the list cannot drift from
    the formulas (lindbath.model.observables, lindbath.model.currents)."""
    seen: dict = {}

    def record(ops: dict[int, str]) -> float:
        seen.setdefault(_key(ops), None)
        return 0.0

    _observables(chain, baths, record)
    return list(seen)


def _observables(chain: Chain, baths: Sequence[Bath],
                 expect: PauliExpect) -> dict[str, np.ndarray]:
    """Local observables, currents and bath heat flows from <P> (two-site baths only)."""
    return {**local_observables(chain, expect), **transport_values(chain, list(baths), expect)}


def measure(mps: PauliMPS, strings: Strings) -> np.ndarray:
    """<P_s> = c_s / c_0 of the MPS for every string, in order."""
    expect = Expectations(mps)
    return np.array([expect(dict(key)) for key in strings])


def _table(strings: Strings, flat: np.ndarray) -> PauliExpect:
    """<P> looked up in string expectations ``flat`` (in the order of ``strings``)."""
    table = dict(zip(strings, flat, strict=True))
    return lambda ops: float(table[_key(ops)])


def from_flat(chain: Chain, baths: Sequence[Bath], strings: Strings,
              flat: np.ndarray) -> dict[str, np.ndarray]:
    """Every observable of the State from (extrapolated) string expectations ``flat``."""
    return _observables(chain, baths, _table(strings, flat))


def checked(chain: Chain, strings: Strings, flat: np.ndarray) -> np.ndarray:
    """The CONVERGED_NAMES values of string expectations ``flat``, concatenated: the
    quantities whose changes and noise decide when a stage ends.  The other strings are
    averaged and extrapolated with them but not tested: with every string in the
    drift-versus-noise test the window at the truncation floor kept sliding (N = 8,
    chi = 64, dt = 0.05: drift 2e-5 against a largest std of 1.3e-5, still averaging after
    200 s instead of ending at 7 s)."""
    values = local_observables(chain, _table(strings, flat))
    return np.concatenate([values[name] for name in CONVERGED_NAMES])
