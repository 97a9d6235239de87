"""The result object shared by steady and thermal states: local observables, residual and
diagnostics, and their xarray form."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.linalg as la
import xarray as xr

from lindbath import validation
from lindbath.model.chain import Chain
from lindbath.model.observables import (
    LONG_NAMES,
    OBSERVABLES,
    SITE_OBSERVABLES,
    local_observables,
)
from lindbath.model.pauli import from_pauli, string_index

DENSE_MAX_N = 10  # rho is rebuilt densely for diagnostics up to this size


@dataclass
class State:
    """A steady or thermal state: its local observables, residual and diagnostics.

    ``pauli`` holds the Pauli coefficients c_s = Tr(P_s rho) when the method produced them
    (exact steady states); ``values`` the observables listed in OBSERVABLES.
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

    def expect(self, name: str) -> np.ndarray:
        """Per-site ("sx", "sy", "sz") or per-bond ("sxsx", "sysy", "szsz", "energy") values."""
        return self.values[validation.choice("observable", name, OBSERVABLES)]

    def to_dataset(self) -> xr.Dataset:
        """xarray Dataset: one variable per observable over dims site (1..N) or bond (1..N-1),
        with the chain parameters, method, residual and diagnostics as attributes."""
        data = {}
        for name, values in self.values.items():
            dim = "site" if name in SITE_OBSERVABLES else "bond"
            units = "energy (units of J=1, hbar=1)" if name == "energy" else "1"
            data[name] = xr.Variable(dim, values, {"long_name": LONG_NAMES[name], "units": units})
        coords = {"site": np.arange(1, self.chain.N + 1), "bond": np.arange(1, self.chain.N)}
        attrs = {"state": self.kind, "method": self.method, "residual": self.residual,
                 **self.chain.params, **self.attrs,
                 **{f"diag_{k}": v for k, v in self.diagnostics.items()}}
        return xr.Dataset(data, coords=coords, attrs=attrs)
