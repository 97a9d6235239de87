"""Result object shared by steady and thermal states: local observables and diagnostics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg as la
import xarray as xr

from lindbath import validation
from lindbath.hamiltonians import Chain
from lindbath.pauli import from_pauli, string_index

SITE_OBSERVABLES = ("sx", "sy", "sz")
BOND_OBSERVABLES = ("sxsx", "sysy", "szsz", "energy")
OBSERVABLES = SITE_OBSERVABLES + BOND_OBSERVABLES
LONG_NAMES = {
    "sx": "<sigma^x_l>", "sy": "<sigma^y_l>", "sz": "<sigma^z_l>",
    "sxsx": "<sigma^x_l sigma^x_l+1>", "sysy": "<sigma^y_l sigma^y_l+1>",
    "szsz": "<sigma^z_l sigma^z_l+1>",
    "energy": "bond energy <h_b(l, l+1)> (seed 003, Eq. 11)",
}
DENSE_MAX_N = 10  # rho is rebuilt densely for diagnostics up to this size

PauliExpect = Callable[[dict[int, str]], float]


def local_observables(chain: Chain, expect: PauliExpect) -> dict[str, np.ndarray]:
    """All of OBSERVABLES from a function giving <P> of a Pauli string {site: label}.

    energy_l = J(<xx> + <yy>) + Delta <zz> + (hx/2)(<x_l> + <x_l+1>) + (hz/2)(<z_l> + <z_l+1>).
    """
    sites, bonds = range(chain.N), range(chain.N - 1)
    out = {f"s{p.lower()}": np.array([expect({l: p}) for l in sites]) for p in "XYZ"}
    for p in "XYZ":
        out[f"s{p.lower()}s{p.lower()}"] = np.array([expect({l: p, l + 1: p}) for l in bonds])
    out["energy"] = (chain.J * (out["sxsx"] + out["sysy"]) + chain.Delta * out["szsz"]
                     + 0.5 * chain.hx * (out["sx"][:-1] + out["sx"][1:])
                     + 0.5 * chain.hz * (out["sz"][:-1] + out["sz"][1:]))
    return out


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
