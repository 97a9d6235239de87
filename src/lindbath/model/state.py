"""The result object shared by steady and thermal states: local observables, residual and
diagnostics, and their xarray form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg as la
import xarray as xr

from lindbath import validation
from lindbath.model.baths import Bath, is_global
from lindbath.model.chain import Chain
from lindbath.model.currents import TRANSPORT_NAMES, PauliExpect, transport_values
from lindbath.model.observables import OBSERVABLES, SITE_OBSERVABLES, local_observables
from lindbath.model.pauli import from_pauli, string_index
from lindbath.model.qutip_bridge import to_qutip
from lindbath.outputs import attrs as output_attrs

__all__ = ["DENSE_MAX_N", "State"]

DENSE_MAX_N = 10  # rho is rebuilt densely for diagnostics up to this size


@dataclass
class State:
    """A steady or thermal state: its local observables, residual and diagnostics.

    ``pauli`` holds the Pauli coefficients c_s = Tr(P_s rho) when the method produced them
    (exact steady states); ``values`` the observables listed in OBSERVABLES.  Built by the
    solvers (lindbath.steady_state, lindbath.thermal_state, lindbath.from_qutip), not by hand.

    Parameters
    ----------
    chain : Chain
        The chain of the state.
    kind : {"steady", "thermal"}
        What the state is.
    method : str
        The method that produced it ("exact", "mps", "qutip").
    values : dict of str to numpy.ndarray
        The observables: per site "sx", "sy", "sz", per bond "sxsx", "sysy", "szsz", "energy"
        and the cross correlations; steady states also the transport ("current",
        "spin_current", "heat_left", "heat_right").
    residual : float
        ||L(rho)||_F for exact steady states, the solver's error estimate for MPS states, 0
        for thermal states, NaN where not computed.
    diagnostics : dict, default {}
        The solver's diagnostics (converged, solver, iterations, wall_time_s, ...).
    attrs : dict, default {}
        Extra dataset attributes (e.g. the baths, beta).
    pauli : numpy.ndarray or None, default None
        The 4^N real Pauli coefficients, exact states only.

    References
    ----------
    [P] Eqs. 2 and 11 (the steady state and the bond energy); docs/conventions.md, "Steady
    state and relaxation" and "Heat transport".
    """

    chain: Chain
    kind: str
    method: str
    values: dict[str, np.ndarray]
    residual: float
    diagnostics: dict = field(default_factory=dict)
    attrs: dict = field(default_factory=dict)
    pauli: np.ndarray | None = None

    @classmethod
    def from_pauli(cls, chain: Chain, pauli: np.ndarray, method: str, details: dict,
                   attrs: dict) -> State:
        """Steady state from its Pauli coefficients, with trace/positivity diagnostics."""
        values = local_observables(chain, lambda ops: float(pauli[string_index(chain.N, ops)]))
        diagnostics = dict(details, trace=float(pauli[0]))
        if chain.N <= DENSE_MAX_N:
            rho = from_pauli(pauli)
            diagnostics["hermiticity_error"] = float(np.abs(rho - rho.conj().T).max())
            diagnostics["min_eigenvalue"] = float(la.eigvalsh(rho).min())
        return cls(chain, "steady", method, values, details["residual"], diagnostics, attrs,
                   pauli)

    def to_qutip(self):
        """This state's density matrix as a qutip.Qobj with dims [[2]*N, [2]*N], site 1 the
        first tensor factor; exact states only (lindbath.model.qutip_bridge.to_qutip)."""
        return to_qutip(self)

    def expect(self, name: str) -> np.ndarray:
        """Per-site ("sx", "sy", "sz") or per-bond ("sxsx", "sysy", "szsz", "energy") values;
        for steady states also "current" (sites 2..N-1), "spin_current" (per bond) and
        "heat_left", "heat_right" (0-d): docs/conventions.md, "Heat transport"."""
        allowed = OBSERVABLES + tuple(n for n in TRANSPORT_NAMES if n in self.values)
        value = self.values[validation.choice("observable", name, allowed)]
        return value[1:-1] if name == "current" else value

    def add_transport(self, baths: Sequence[Bath], expect: PauliExpect | None = None) -> None:
        """Add the energy and spin currents and the heat of each edge's baths
        (lindbath.model.currents) from ``expect`` (<P> of a Pauli string; default: the
        Pauli coefficients ``pauli``).  Davies baths need ``pauli`` (dense rho, N <= 8)."""
        if expect is None and self.pauli is None:
            raise ValueError("add_transport needs expect or the Pauli coefficients (pauli)")
        if expect is None:
            expect = self.pauli_expect
        rho = from_pauli(self.pauli / self.pauli[0]) if self.pauli is not None and is_global(
            baths) else None
        self.values.update(transport_values(self.chain, list(baths), expect, rho))

    def pauli_expect(self, ops: dict[int, str]) -> float:
        """<P> = c_s / c_0 of a Pauli string {site (0-based): label} from ``pauli``."""
        return float(self.pauli[string_index(self.chain.N, ops)] / self.pauli[0])

    def to_dataset(self) -> xr.Dataset:
        """xarray Dataset: one variable per observable over dims site (1..N) or bond (1..N-1),
        with the chain parameters, method, residual and diagnostics as attributes; long_name
        and units of each variable and coordinate from the registry (lindbath.outputs)."""
        data = {}
        for name, values in self.values.items():
            dim = () if np.ndim(values) == 0 else \
                "site" if name in SITE_OBSERVABLES + ("current",) else "bond"
            data[name] = xr.Variable(dim, values, output_attrs(name))
        coords = {"site": ("site", np.arange(1, self.chain.N + 1), output_attrs("site")),
                  "bond": ("bond", np.arange(1, self.chain.N), output_attrs("bond"))}
        attrs = {"state": self.kind, "method": self.method, "residual": self.residual,
                 **self.chain.params, **self.attrs,
                 **{f"diag_{k}": v for k, v in self.diagnostics.items()}}
        return xr.Dataset(data, coords=coords, attrs=attrs)
