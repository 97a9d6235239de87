"""Structural check that the steady state of [P] Eq. 2 is unique, before any solver runs.

The stationary states of L are unique when the commutant of {H, L_a, L_a^+} is trivial and
a faithful stationary state exists (Frigerio, Commun. Math. Phys. 63, 269 (1978); Spohn,
Rev. Mod. Phys. 52, 569 (1980)).  The jumps of a db, fr or local bath with gamma > 0 at
finite beta generate every operator on its two sites, so an operator X in the commutant is
the identity there, X = 1_S (x) Y.  Through a bond (l, l+1) with l in S, [H, X] = 0 makes
Y commute with J sigma^x_{l+1} and J sigma^y_{l+1}, hence with every operator on l+1 when
J != 0: the bath sites grow along the chain and X = 1.  With J = 0 the bond is
Delta sigma^z sigma^z: a transverse field hx != 0 still couples the sites (tilted Ising
chain, checked against the dense null space in tests/test_verdicts.py), while hx = 0 leaves
every sigma^z_l outside the baths conserved and J = Delta = 0 leaves those sites free, so
the null space of L is degenerate.  A Davies bath couples only its edge site, through one
Pauli operator sigma^a, which commutes with the parity P^a = prod_l sigma^a_l.  Every bond
term commutes with each P^a and the field hx sx + hz sz with P^a when its components other
than a vanish (a = X: hz = 0; a = Z: hx = 0; a = Y: hx = hz = 0); then every A(w) commutes
with P^a too, Tr(rho P^a) is conserved and each value has its own steady state.
"""

from __future__ import annotations

from collections.abc import Sequence

from lindbath.errors import InputError
from lindbath.model.baths import Bath
from lindbath.model.chain import Chain

__all__ = ["check_unique_steady_state"]


def dissipated_sites(chain: Chain, baths: Sequence[Bath]) -> set[int]:
    """0-based sites acted on by a bath with gamma > 0 (two sites, or a Davies bath's edge)."""
    sites: set[int] = set()
    for bath in baths:
        if bath.gamma > 0:
            sites |= bath.sites(chain)
    return sites


def conserved_parities(chain: Chain) -> list[str]:
    """Axes a ("X", "Y", "Z") of the parities P^a = prod_l sigma^a_l that H conserves
    (module docstring): X for hz = 0, Y for hx = hz = 0, Z for hx = 0."""
    conserved = {"X": chain.hz == 0, "Y": chain.hx == chain.hz == 0, "Z": chain.hx == 0}
    return [axis for axis, kept in conserved.items() if kept]


def bonds_couple(chain: Chain) -> bool:
    """Whether every bond of H carries the bath sites' algebra on (module docstring):
    J != 0, or Delta != 0 with a transverse field hx != 0."""
    return chain.J != 0 or (chain.Delta != 0 and chain.hx != 0)


def check_unique_steady_state(chain: Chain, baths: Sequence[Bath]) -> None:
    """Raise ValueError, naming the parameters at fault, if the baths and H leave the steady
    state non-unique (no dissipation, a parity conserved by H and every bath, or
    sites the dissipation cannot reach)."""
    sites = dissipated_sites(chain, baths)
    if not sites:
        gammas = [bath.gamma for bath in baths]
        raise ValueError(f"gamma must be > 0 for at least one bath; got gamma={gammas}: "
                         "without dissipation every state commuting with H is stationary and "
                         "the steady state is not unique")
    for axis in conserved_parities(chain):
        if all(bath.conserves(axis) for bath in baths if bath.gamma > 0):
            raise InputError(
                f"the steady state is not unique: H (hx={chain.hx:g}, hz={chain.hz:g}) and "
                f"every bath (Davies, coupling={axis!r}) conserve the parity "
                f"P^{axis.lower()} = prod_l sigma^{axis.lower()}_l, so each of its values has "
                "its own steady state; change the coupling or the fields")
    if bonds_couple(chain):
        return
    free = sorted(set(range(chain.N)) - sites)
    if free:
        raise ValueError(
            f"the steady state is not unique: sites {[s + 1 for s in free]} feel no bath and "
            "the bonds do not connect them to the bath sites (a bond couples its sites when "
            f"J != 0, or Delta != 0 and hx != 0); got J={chain.J:g}, Delta={chain.Delta:g}, "
            f"hx={chain.hx:g}")
