"""The local observables of the study ([P] Sec. IV.1): sigma^a_l per site, sigma^a_l
sigma^a_l+1 and the bond energy <h_b> per bond, their names and positions; and the cross
correlations sigma^a_l sigma^b_l+1 (a != b), which with the others fix the two-site reduced
density matrix of every bond (lindbath.analysis.distance)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lindbath.model.chain import Chain
from lindbath.outputs import OBSERVABLE_OUTPUTS

__all__ = ["BOND_OBSERVABLES", "LONG_NAMES", "OBSERVABLES", "SITE_OBSERVABLES",
           "local_observables", "middle_position", "observable_dim"]

SITE_OBSERVABLES = ("sx", "sy", "sz")
BOND_OBSERVABLES = ("sxsx", "sysy", "szsz", "energy")
CROSS_OBSERVABLES = ("sxsy", "sxsz", "sysx", "sysz", "szsx", "szsy")
OBSERVABLES = SITE_OBSERVABLES + BOND_OBSERVABLES + CROSS_OBSERVABLES
# long_names from the registry (lindbath.outputs), for writers that qualify them
LONG_NAMES = {name: OBSERVABLE_OUTPUTS[name].long_name for name in OBSERVABLES}

PauliExpect = Callable[[dict[int, str]], float]


def local_observables(chain: Chain, expect: PauliExpect) -> dict[str, np.ndarray]:
    """All of OBSERVABLES from a function giving <P> of a Pauli string {site: label}.

    energy_l = J(<xx> + <yy>) + Delta <zz> + (hx/2)(<x_l> + <x_l+1>) + (hz/2)(<z_l> + <z_l+1>).
    """
    sites, bonds = range(chain.N), range(chain.N - 1)
    out = {f"s{p.lower()}": np.array([expect({l: p}) for l in sites]) for p in "XYZ"}
    for p in "XYZ":
        out[f"s{p.lower()}s{p.lower()}"] = np.array([expect({l: p, l + 1: p}) for l in bonds])
    for name in CROSS_OBSERVABLES:
        a, b = name[1].upper(), name[3].upper()
        out[name] = np.array([expect({l: a, l + 1: b}) for l in bonds])
    out["energy"] = (chain.J * (out["sxsx"] + out["sysy"]) + chain.Delta * out["szsz"]
                     + 0.5 * chain.hx * (out["sx"][:-1] + out["sx"][1:])
                     + 0.5 * chain.hz * (out["sz"][:-1] + out["sz"][1:]))
    return out


def observable_dim(name: str) -> str:
    """'bond' for two-site observables and the bond energy, 'site' otherwise."""
    return "site" if name in SITE_OBSERVABLES else "bond"


def middle_position(N: int, dim: str) -> int:
    """1-based middle site (N+1)//2 or middle bond N//2: reflection-invariant choices."""
    return N // 2 if dim == "bond" else (N + 1) // 2
