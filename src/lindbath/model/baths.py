"""Boundary baths, one class per kind: detailed-balance (DB), fast-relaxation (FR), local
and global (Davies).

Formulas (docs/conventions.md): [P] Sec. III.1 (Eqs. 3-10) and Appendix A for DB and its
Pauli-basis rate matrix, Prosen and Znidaric (2009) for FR, [L] Eqs. 3-5 for the local bath
and Eqs. 6-50 for the global (Davies) bath.

Classes: :class:`Bath` (edge, beta, gamma) is the abstract base; :class:`TwoSiteBath` acts
on the edge pair (1, 2) or (N-1, N) through 4x4 jump operators and a 16x16 Pauli-basis
block, :class:`TargetBath` thermalizes that pair towards a target state rho_T
(:class:`DBBath`, :class:`FRBath`), :class:`LocalBath` acts on each of the two sites alone
and :class:`DaviesBath` acts on the whole chain in the energy basis of H.  Each class has
only the options that apply to it; :func:`make_bath` builds one from its kind label
("db", "fr", "local", "davies") and refuses an option the kind does not have.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar

import numpy as np
import scipy.linalg as la

from lindbath import validation
from lindbath.errors import InputError
from lindbath.model.chain import Chain, check_chain
from lindbath.model.gibbs import gibbs_weights
from lindbath.model.pauli import (
    LABELS,
    PAULI,
    SIGMA_MINUS,
    lindblad_superop,
    site_operator,
    string_matrix,
    superop_matrix,
)

__all__ = ["BATH_TYPES", "CONVENTIONS", "COUPLINGS", "DAVIES_MAX_N", "DB_PAIRS", "DB_RATES",
           "EDGES", "GAMMA_MIN_RATIO", "GAMMA_PER", "KINDS", "TARGETS", "TARGET_FIELDS",
           "TARGET_LENGTH", "TARGET_MAX_LENGTH", "TARGET_OPTIONS", "Bath", "DBBath", "DaviesBath",
           "FRBath", "LocalBath", "TargetBath", "TwoSiteBath", "applies_to", "bose", "check_baths",
           "check_inputs", "check_pauli_baths", "hamiltonian_scale", "is_global", "make_bath",
           "option_kinds", "with_gamma"]

EDGES = ("left", "right")
TARGETS = ("bond", "reduced_edge", "reduced_bulk")
# The conventions [P]'s lost formulas leave open (docs/conventions.md, "Bath conventions");
# the first entry of each is the default.
TARGET_FIELDS = ("half", "full", "edge")  # fields in the two-site target Hamiltonian
DB_RATES = ("lowering", "glauber", "sqrt")  # DB rates of a level pair (lowering, raising)
DB_PAIRS = ("all", "nearest")  # DB jumps between every level pair or neighbouring levels
GAMMA_PER = ("jump", "bath")  # gamma the rate unit of each jump, or the bath's total rate
CONVENTIONS = {"target_fields": TARGET_FIELDS, "rates": DB_RATES, "pairs": DB_PAIRS,
               "gamma_per": GAMMA_PER}
TARGET_OPTIONS = ("target", "target_length", *CONVENTIONS)  # what a target convention sets
COUPLINGS = ("X", "Y", "Z")  # Pauli label of the Davies coupling A on the edge site
GAMMA_MIN_RATIO = 1e-12  # smallest gamma > 0 relative to hamiltonian_scale (Bath.check)
DAVIES_MAX_N = 8  # the global generator needs the full spectrum and 4^N-sized superoperator
# A reduced target is the pair state of a thermal chain of target_length sites found by
# exact diagonalization (dense eigh of the 2^L x 2^L Hamiltonian): 14 sites are 16384
# levels, 2 GiB of eigenvectors, the most one bath's target should cost.
TARGET_MAX_LENGTH = 14
TARGET_LENGTH = 8  # default length of that chain
_BASE_FIELDS = ("edge", "beta", "gamma")  # every bath's fields; the rest are its options


@dataclass(frozen=True)
class Bath(ABC):
    """A boundary bath at inverse temperature ``beta`` with rate ``gamma`` on one ``edge``
    of the chain ("left": sites 1, 2, or site 1 for a Davies bath; "right": sites N-1, N,
    or site N).

    Abstract: build a kind (:class:`DBBath`, :class:`FRBath`, :class:`LocalBath`,
    :class:`DaviesBath`) or call :func:`make_bath` with its label.

    Attributes
    ----------
    kind : str
        The class's label ("db", "fr", "local", "davies") in outputs and provenance.
    acts_globally : bool
        True for a bath acting on the whole chain in the energy basis of H (its generator
        is built by lindbath.exact.davies), False for a two-site bath (Pauli-basis blocks).
    edge : str
        "left" or "right".
    beta : float
        Inverse temperature, >= 0 (> 0 for the kinds whose nbar diverges at beta = 0).
    gamma : float
        Rate, >= 0 (0: bath off).
    """

    kind: ClassVar[str]
    acts_globally: ClassVar[bool]
    allows_zero_beta: ClassVar[bool] = True
    always_described: ClassVar[tuple[str, ...]] = ()  # options describe() names at default

    edge: str
    beta: float
    gamma: float

    def __new__(cls, *args: Any, **kwargs: Any) -> Bath:
        if cls.__abstractmethods__:
            raise TypeError(f"{cls.__name__} is abstract: build one of {list(KINDS)} with "
                            "make_bath(kind, edge, beta, gamma, **options) or its class "
                            "(DBBath, FRBath, LocalBath, DaviesBath)")
        return super().__new__(cls)

    def __post_init__(self) -> None:
        validation.choice("edge", self.edge, EDGES)
        self._set("beta", validation.real("beta", self.beta, 0.0, not self.allows_zero_beta))
        self._set("gamma", validation.real("gamma", self.gamma, 0.0))

    def _set(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        """The fields of this kind beyond edge, beta and gamma (its options)."""
        return tuple(f.name for f in fields(cls) if f.name not in _BASE_FIELDS)

    def options(self) -> dict[str, Any]:
        """Every option of this bath with its value, e.g. {'target': 'bond', ...}."""
        return {name: getattr(self, name) for name in self.option_names()}

    def describe(self) -> str:
        """One-line description from the fields: kind, edge, beta, gamma, then the options
        that differ from their defaults (and target always), e.g.
        'db,left,beta=0.5,gamma=1,target=bond' or 'davies,right,beta=1,gamma=1,omega_c=2'."""
        defaults = {f.name: f.default for f in fields(self)}
        extra = "".join(f",{name}={_text(value)}" for name, value in self.options().items()
                        if name in self.always_described or value != defaults[name])
        return f"{self.kind},{self.edge},beta={self.beta:g},gamma={self.gamma:g}{extra}"

    def check(self, chain: Chain) -> None:
        """Raise InputError if this bath cannot act on ``chain`` (before any heavy work):
        here for 0 < gamma < GAMMA_MIN_RATIO hamiltonian_scale(chain), a rate lost in the
        rounding of the generator (its steady state would be reported converged with a
        residual test that cannot see it); the kinds add their own conditions."""
        scale = hamiltonian_scale(chain)
        if 0 < self.gamma < GAMMA_MIN_RATIO * scale:
            raise InputError(f"gamma must be 0 (bath off) or >= {GAMMA_MIN_RATIO:g} x the "
                             f"Hamiltonian's scale max(|J|, |Delta|, |hx|, |hz|) = {scale:g}; "
                             f"got gamma={self.gamma:g}")

    @abstractmethod
    def sites(self, chain: Chain) -> set[int]:
        """0-based sites the bath's jump operators act on."""

    @abstractmethod
    def chain_jump_operators(self, chain: Chain) -> list[np.ndarray]:
        """Jump operators on the whole chain (2^N x 2^N, computational basis)."""

    @abstractmethod
    def conserves(self, axis: str) -> bool:
        """Whether every jump operator commutes with the parity P^axis = prod_l
        sigma^axis_l (axis "X", "Y" or "Z"); then an H that conserves P^axis too leaves the
        steady state non-unique (lindbath.model.uniqueness)."""


@dataclass(frozen=True)
class TwoSiteBath(Bath):
    """A bath on the two edge sites (1, 2) or (N-1, N): 4x4 jump operators L_a and the
    16x16 Pauli-basis block of D(rho) = sum_a L_a rho L_a^+ - {L_a^+ L_a, rho}/2."""

    acts_globally: ClassVar[bool] = False

    def first_site(self, chain: Chain) -> int:
        """0-based index of the first of the two bath sites."""
        return 0 if self.edge == "left" else chain.N - 2

    def sites(self, chain: Chain) -> set[int]:
        first = self.first_site(chain)
        return {first, first + 1}

    def conserves(self, axis: str) -> bool:
        """False: the jumps of a two-site bath (gamma > 0, finite beta) generate every
        operator on its pair (lindbath.model.uniqueness)."""
        return False

    def jump_operators(self, chain: Chain) -> list[np.ndarray]:
        """Jump operators on the two bath sites (4x4), after check(chain)."""
        self.check(chain)
        return self._jumps(chain)

    @abstractmethod
    def _jumps(self, chain: Chain) -> list[np.ndarray]:
        """The 4x4 jump operators of this kind."""

    def chain_jump_operators(self, chain: Chain) -> list[np.ndarray]:
        """The 4x4 jumps with identities on the other sites (2^N x 2^N)."""
        first = self.first_site(chain)
        left, right = np.eye(2**first), np.eye(2 ** (chain.N - first - 2))
        return [np.kron(np.kron(left, jump), right) for jump in self.jump_operators(chain)]

    def gamma_matrix(self, chain: Chain) -> np.ndarray:
        """Gamma_ij = sum_a c_ai conj(c_aj), c_ai = Tr(P_i L_a)/4, so that
        D(rho) = sum_ij Gamma_ij (P_i rho P_j - {P_j P_i, rho}/2) ([P] Appendix A).
        Checked Hermitian and positive semidefinite."""
        strings = [string_matrix(a + b) for a in LABELS for b in LABELS]
        coeff = np.array([[np.trace(p.conj().T @ op) / 4 for p in strings]
                          for op in self.jump_operators(chain)])
        gamma = coeff.T @ coeff.conj()
        if not np.allclose(gamma, gamma.conj().T, atol=1e-12):
            raise ArithmeticError("Gamma matrix is not Hermitian")
        if la.eigvalsh(gamma).min() < -1e-12 * max(1.0, self.gamma):
            raise ArithmeticError("Gamma matrix is not positive semidefinite")
        return gamma

    def pauli_block(self, chain: Chain) -> np.ndarray:
        """Real 16x16 Pauli-basis matrix of this bath's dissipator on its two sites."""
        jumps = self.jump_operators(chain)
        return superop_matrix(lindblad_superop(np.zeros((4, 4)), jumps), 2)


@dataclass(frozen=True)
class TargetBath(TwoSiteBath):
    """A two-site bath whose jumps |e_j><e_k| connect the eigenvectors of a target state
    rho_T = sum_k p_k |e_k><e_k| of the pair ([P] Eqs. 3-4), its fixed point.

    Parameters
    ----------
    target : str
        "bond" (thermal state of h_T, [P] Eq. 11), "reduced_edge" or "reduced_bulk"
        (two-site reduced state at the edge or in the middle of a thermal chain of
        ``target_length`` sites; docs/conventions.md, "Target state").
    target_length : int
        Length of that thermal chain, 2..TARGET_MAX_LENGTH (reduced targets only).
    target_fields : str
        "half" | "full" | "edge": the fields in h_T (target "bond" only;
        docs/conventions.md, "Bath conventions").
    gamma_per : str
        "jump" (gamma the rate unit of each jump) | "bath" (gamma the bath's total rate out
        of its target).
    """

    always_described: ClassVar[tuple[str, ...]] = ("target",)

    target: str = "bond"
    target_length: int = TARGET_LENGTH
    target_fields: str = "half"
    gamma_per: str = "jump"

    def __post_init__(self) -> None:
        super().__post_init__()
        validation.choice("target", self.target, TARGETS)
        validation.choice("target_fields", self.target_fields, TARGET_FIELDS)
        validation.choice("gamma_per", self.gamma_per, GAMMA_PER)
        self._set("target_length", validation.integer("target_length", self.target_length,
                                                      minimum=2, maximum=TARGET_MAX_LENGTH))
        if self.target_fields != "half" and self.target != "bond":
            raise InputError(f"target_fields={self.target_fields!r} applies to target='bond' "
                             f"only; got target={self.target!r} (leave target_fields at 'half')")
        if self.target_length != TARGET_LENGTH and self.target == "bond":
            raise InputError(f"target_length={self.target_length} applies to the reduced "
                             "targets only ('reduced_edge', 'reduced_bulk'); got target='bond'")

    @property
    def has_first_order(self) -> bool:
        """Whether the bath is differentiable in beta at beta = 0, where rho_T = I/4
        (lindbath.analysis.linear_response)."""
        return True

    def target_eigen(self, chain: Chain) -> tuple[np.ndarray, np.ndarray]:
        """Weights p_k (descending, i.e. energies ascending) and eigenvectors (columns) of
        the two-site target rho_T ([P] Eqs. 3-4 and 11)."""
        if self.target == "bond":
            energies, vectors = la.eigh(self.target_hamiltonian(chain))
            return gibbs_weights(energies, self.beta), vectors
        where = "middle" if self.target == "reduced_bulk" else self.edge
        rho = _reduced_thermal_pair(chain, self.beta, self.target_length, where)
        weights, vectors = la.eigh(rho)
        return np.clip(weights[::-1], 0.0, None), vectors[:, ::-1]

    def target_hamiltonian(self, chain: Chain) -> np.ndarray:
        """h_T of target "bond": h_b with half fields on both sites ([P] Eq. 11;
        target_fields "half"), plus the other half on both sites ("full", the pair as a
        two-site chain) or on the outer site only ("edge", the pair's own part of H)."""
        field, one = chain.edge_field().real, np.eye(2)
        outer = np.kron(field, one) if self.edge == "left" else np.kron(one, field)
        extra = {"half": 0.0, "full": np.kron(field, one) + np.kron(one, field),
                 "edge": outer}[self.target_fields]
        return chain.bond_hamiltonian() + extra

    def target_state(self, chain: Chain) -> np.ndarray:
        """rho_T = sum_k p_k |e_k><e_k| on the two bath sites."""
        p, v = self.target_eigen(chain)
        return (v * p) @ v.conj().T

    @abstractmethod
    def transitions(self, p: np.ndarray) -> list[tuple[float, int, int]]:
        """(rate in units of gamma, to, from) of each jump |e_to><e_from| for the target
        weights ``p``."""

    def _jumps(self, chain: Chain) -> list[np.ndarray]:
        """sqrt(scale rate) |e_to><e_from| for each transition, scale = gamma (gamma_per
        "jump") or gamma / sum_k p_k sum_{j != k} W(k -> j) ("bath")."""
        p, v = self.target_eigen(chain)
        transitions = self.transitions(p)
        scale = self.gamma
        if self.gamma_per == "bath":
            scale /= sum(rate * p[source] for rate, to, source in transitions if to != source)
        return [np.sqrt(scale * rate) * np.outer(v[:, to], v[:, source].conj())
                for rate, to, source in transitions]


@dataclass(frozen=True)
class DBBath(TargetBath):
    """Detailed-balance bath ([P] Eqs. 5-10): for levels j > k (E_j >= E_k) of rho_T the
    lowering |e_k><e_j| and raising |e_j><e_k| jumps with r = p_j/p_k = exp(-beta(E_j - E_k)).

    Parameters
    ----------
    edge : str
        "left" (sites 1, 2) or "right" (sites N-1, N).
    beta : float
        Inverse temperature of the bath, >= 0.
    gamma : float
        Rate in units of J / hbar, >= 0 (0: bath off).
    target : str, default "bond"
        "bond" (thermal state of h_T, [P] Eq. 11), "reduced_edge" or "reduced_bulk"
        (two-site reduced state at the edge or in the middle of a thermal chain of
        ``target_length`` sites; docs/conventions.md, "Target state").
    target_length : int, default TARGET_LENGTH (8)
        Length of that thermal chain, 2..TARGET_MAX_LENGTH (reduced targets only).
    target_fields : str, default "half"
        "half" | "full" | "edge": the fields in h_T (target "bond" only;
        docs/conventions.md, "Bath conventions").
    gamma_per : str, default "jump"
        "jump" (gamma the rate unit of each jump) | "bath" (gamma the bath's total rate out
        of its target).
    rates : str, default "lowering"
        (lowering, raising) rates in units of gamma: (1, r) "lowering", (1/(1 + r), r/(1 + r))
        "glauber" or (1/sqrt(r), sqrt(r)) "sqrt".
    pairs : str, default "all"
        "all" level pairs, or neighbouring levels only ("nearest").

    References
    ----------
    [P] Eqs. 3-11 and Appendix A; docs/conventions.md, "Bath conventions".
    """

    kind: ClassVar[str] = "db"

    rates: str = "lowering"
    pairs: str = "all"

    def __post_init__(self) -> None:
        super().__post_init__()
        validation.choice("rates", self.rates, DB_RATES)
        validation.choice("pairs", self.pairs, DB_PAIRS)

    @property
    def has_first_order(self) -> bool:
        """False for a reduced target: the DB jumps follow the eigenbasis of rho_T, which is
        arbitrary at beta = 0 (rho_T = I/4) and jumps there."""
        return self.target == "bond"

    def transitions(self, p: np.ndarray) -> list[tuple[float, int, int]]:
        transitions = []
        for j in range(1, 4):
            for k in range(j - 1 if self.pairs == "nearest" else 0, j):
                down, up = self._db_rates(p[j] / p[k] if p[k] > 0 else 0.0)
                transitions += [(down, k, j), (up, j, k)]
        return transitions

    def _db_rates(self, ratio: float) -> tuple[float, float]:
        """(lowering, raising) rates in units of gamma for p_j/p_k = ``ratio``."""
        if self.rates == "lowering":
            return 1.0, ratio
        if self.rates == "glauber":
            return 1.0 / (1.0 + ratio), ratio / (1.0 + ratio)
        if ratio == 0:
            raise ValueError("rates='sqrt' needs every level weight p_k > 0 (the lowering rate "
                             f"gamma sqrt(p_k/p_j) diverges); got p_j/p_k = 0 at beta={self.beta}")
        return 1.0 / np.sqrt(ratio), np.sqrt(ratio)


@dataclass(frozen=True)
class FRBath(TargetBath):
    """Fast-relaxation bath (Prosen and Znidaric 2009): |e_j><e_k| at rate gamma p_j for all
    16 pairs, D(rho) = gamma (rho_T (x) Tr_bath(rho) - rho).

    Parameters
    ----------
    edge : str
        "left" (sites 1, 2) or "right" (sites N-1, N).
    beta : float
        Inverse temperature of the bath, >= 0.
    gamma : float
        Rate in units of J / hbar, >= 0 (0: bath off).
    target : str, default "bond"
        "bond" (thermal state of h_T, [P] Eq. 11), "reduced_edge" or "reduced_bulk"
        (two-site reduced state at the edge or in the middle of a thermal chain of
        ``target_length`` sites; docs/conventions.md, "Target state").
    target_length : int, default TARGET_LENGTH (8)
        Length of that thermal chain, 2..TARGET_MAX_LENGTH (reduced targets only).
    target_fields : str, default "half"
        "half" | "full" | "edge": the fields in h_T (target "bond" only;
        docs/conventions.md, "Bath conventions").
    gamma_per : str, default "jump"
        "jump" (gamma the rate unit of each jump) | "bath" (gamma the bath's total rate out
        of its target).

    References
    ----------
    [P] Sec. III.1 (the FR bath it compares with); T. Prosen and M. Znidaric, J. Stat.
    Mech. (2009) P02035.
    """

    kind: ClassVar[str] = "fr"

    def transitions(self, p: np.ndarray) -> list[tuple[float, int, int]]:
        return [(p[j], j, k) for j in range(4) for k in range(4)]


@dataclass(frozen=True)
class LocalBath(TwoSiteBath):
    """Local bath ([L] Eqs. 3-5): gamma (nbar+1) D[s_down] + gamma nbar D[s_up] on each of
    the two bath sites, nbar = 1/(exp(beta omega) - 1) at the site splitting omega = 2|hz|
    (needs hz != 0, beta > 0), s_down the jump lowering the site energy hz sz.  No options.

    Parameters
    ----------
    edge : str
        "left" (sites 1, 2) or "right" (sites N-1, N).
    beta : float
        Inverse temperature of the bath, >= 0 (> 0 here: nbar diverges at beta = 0).
    gamma : float
        Rate in units of J / hbar, >= 0 (0: bath off).

    References
    ----------
    [L] Eqs. 3-5.
    """

    kind: ClassVar[str] = "local"
    allows_zero_beta: ClassVar[bool] = False  # nbar diverges at beta = 0

    def check(self, chain: Chain) -> None:
        super().check(chain)
        if chain.hz == 0:
            raise InputError("hz must be nonzero for kind='local' (omega = 2|hz| is the site "
                             "splitting the local bath thermalizes); got hz=0")

    def _jumps(self, chain: Chain) -> list[np.ndarray]:
        nbar = bose(self.beta, 2 * abs(chain.hz))
        down = SIGMA_MINUS if chain.hz > 0 else SIGMA_MINUS.T
        jumps = []
        for op in (down, down.T):
            rate = self.gamma * (nbar + 1 if op is down else nbar)
            for single in (np.kron(op, np.eye(2)), np.kron(np.eye(2), op)):
                jumps.append(np.sqrt(rate) * single)
        return jumps


@dataclass(frozen=True)
class DaviesBath(Bath):
    """Global (Davies) bath ([L] Eqs. 6-50) coupled through A = sigma^coupling on the edge
    site: generator sum_w G(w) D[A(w)] on the whole chain in the energy basis of H (Lamb
    shift neglected; lindbath.exact.davies), N <= DAVIES_MAX_N, beta > 0.

    Parameters
    ----------
    edge : str
        "left" (A on site 1) or "right" (A on site N).
    beta : float
        Inverse temperature of the bath, >= 0 (> 0 here: nbar diverges at beta = 0).
    gamma : float
        Rate in units of J / hbar, >= 0 (0: bath off).
    omega_c : float, default 1.0
        Ohmic cut-off scale w_c > 0 of the rates G(w) (:meth:`rate`).
    coupling : str, default "X"
        Pauli label "X" | "Y" | "Z" of the system operator A.

    References
    ----------
    [L] Eqs. 6-50.
    """

    kind: ClassVar[str] = "davies"
    acts_globally: ClassVar[bool] = True
    allows_zero_beta: ClassVar[bool] = False  # nbar diverges at beta = 0

    omega_c: float = 1.0
    coupling: str = "X"

    def __post_init__(self) -> None:
        super().__post_init__()
        validation.choice("coupling", self.coupling, COUPLINGS)
        self._set("omega_c", validation.real("omega_c", self.omega_c, 0.0, True))

    def check(self, chain: Chain) -> None:
        super().check(chain)
        if chain.N > DAVIES_MAX_N:
            raise InputError(f"N must be <= {DAVIES_MAX_N} for kind='davies' (the global "
                             f"generator needs the full spectrum); got N={chain.N}")

    def site(self, chain: Chain) -> int:
        """0-based index of the edge site A acts on."""
        return 0 if self.edge == "left" else chain.N - 1

    def sites(self, chain: Chain) -> set[int]:
        return {self.site(chain)}

    def conserves(self, axis: str) -> bool:
        """sigma^axis on one site commutes with P^axis: the coupling along ``axis``."""
        return self.coupling == axis

    def rate(self, omega: np.ndarray | float) -> np.ndarray:
        """Ohmic rates G(w) = gamma (w/w_c)(nbar(w) + 1) for w > 0, G(-w) = exp(-beta w) G(w)
        (KMS), G(0) = gamma / (beta w_c)  ([L] Eqs. 6-50)."""
        omega = np.asarray(omega, dtype=float)
        x = self.beta * omega
        safe = np.where(x == 0, 1.0, x)
        # gamma (w/w_c)(nbar(w)+1) = gamma/(beta w_c) * x / (1 - exp(-x)), valid for both signs
        ratio = np.where(x == 0, 1.0, safe / -np.expm1(-safe))
        return self.gamma / (self.beta * self.omega_c) * ratio

    def bohr_transitions(self, chain: Chain, energies: np.ndarray, vectors: np.ndarray,
                         tol: float = 1e-9) -> dict[str, np.ndarray]:
        """Transitions |n><m| of the jump operators A(w) = sum_{E_m - E_n = w} <n|A|m> |n><m|
        ([L] Eqs. 6-50), Bohr frequencies w grouped within ``tol``.

        Returns arrays sorted by group: n, m, amplitude <n|A|m>, group (index of A(w)) and
        rate G(w) of each transition.
        """
        op = site_operator(PAULI[LABELS.index(self.coupling)], self.site(chain),
                           chain.N).toarray()
        a_energy = vectors.conj().T @ op @ vectors
        n, m = np.nonzero(np.abs(a_energy) > 1e-12)
        omega = energies[m] - energies[n]
        order = np.argsort(omega, kind="stable")
        n, m, omega = n[order], m[order], omega[order]
        group = np.concatenate([[0], np.cumsum(np.diff(omega) > tol)])
        mean_omega = np.bincount(group, omega) / np.bincount(group)
        return {"n": n, "m": m, "amplitude": a_energy[n, m], "group": group,
                "rate": self.rate(mean_omega)[group]}

    def jump_operators(self, chain: Chain) -> list[np.ndarray]:
        """sqrt(G(w)) A(w) for each Bohr frequency w, on the whole chain (2^N x 2^N,
        computational basis), after check(chain)."""
        self.check(chain)
        energies, vectors = la.eigh(chain.hamiltonian().toarray())
        t = self.bohr_transitions(chain, energies, vectors)
        jumps = []
        for g in np.unique(t["group"]):
            sel = t["group"] == g
            a_w = np.zeros((energies.size,) * 2, dtype=complex)
            a_w[t["n"][sel], t["m"][sel]] = np.sqrt(t["rate"][sel]) * t["amplitude"][sel]
            jumps.append(vectors @ a_w @ vectors.conj().T)
        return jumps

    chain_jump_operators = jump_operators


BATH_TYPES: dict[str, type[Bath]] = {cls.kind: cls for cls in (DBBath, FRBath, LocalBath,
                                                                DaviesBath)}
KINDS = tuple(BATH_TYPES)


def option_kinds(name: str) -> tuple[str, ...]:
    """The kinds that have the option ``name`` (a field of their class)."""
    return tuple(kind for kind, cls in BATH_TYPES.items() if name in cls.option_names())


def make_bath(kind: str, edge: str, beta: float, gamma: float, **options: Any) -> Bath:
    """The bath of kind ``kind`` ("db", "fr", "local", "davies"; BATH_TYPES) with its
    ``options`` (the fields of its class).

    Parameters
    ----------
    kind : str
        "db" (:class:`DBBath`), "fr" (:class:`FRBath`), "local" (:class:`LocalBath`) or
        "davies" (:class:`DaviesBath`).
    edge : str
        "left" or "right".
    beta : float
        Inverse temperature of the bath, >= 0 (> 0 for local and davies).
    gamma : float
        Rate in units of J / hbar, >= 0 (0: bath off).
    **options
        Fields of that class (e.g. target, rates, omega_c).

    Returns
    -------
    Bath
        An instance of the kind's class.

    Raises
    ------
    InputError
        An unknown kind, an option the kind does not have (naming the kinds that do) or a
        bad value.

    References
    ----------
    [P] Eqs. 3-11 (db, fr); [L] Eqs. 3-5 (local) and 6-50 (davies).
    """
    cls = BATH_TYPES[validation.choice("kind", kind, KINDS)]
    for name, value in options.items():
        if name not in cls.option_names():
            kinds = option_kinds(name)
            if not kinds:
                known = sorted({n for c in BATH_TYPES.values() for n in c.option_names()})
                raise InputError(f"{name} is not a bath option; options: {', '.join(known)}")
            raise InputError(f"{name}={value!r} applies to kind in {kinds} only; got "
                             f"kind={kind!r}")
    return cls(edge, beta, gamma, **options)


def applies_to(kind: str, conventions: dict[str, str]) -> bool:
    """Whether every option named in ``conventions`` is one of bath ``kind``'s."""
    names = BATH_TYPES[validation.choice("kind", kind, KINDS)].option_names()
    return all(name in names for name in conventions)


def _text(value: Any) -> str:
    """An option's value in describe(): numbers as in '%g', the rest as str."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def hamiltonian_scale(chain: Chain) -> float:
    """max(|J|, |Delta|, |hx|, |hz|): the energy scale the bath rates are compared with."""
    return max(abs(chain.J), abs(chain.Delta), abs(chain.hx), abs(chain.hz))


def check_baths(chain: Chain, baths: Sequence[Bath]) -> None:
    """Validate a bath list against a chain before any heavy work: Bath objects that can
    act on ``chain``, all global or all two-site (one generator basis)."""
    for bath in baths:
        if not isinstance(bath, Bath):
            raise ValueError(f"baths must be lindbath.Bath objects; got {type(bath).__name__}")
        bath.check(chain)
    if len({bath.acts_globally for bath in baths}) > 1:
        raise ValueError("kind='davies' cannot be combined with two-site baths "
                         "('db', 'fr', 'local') in one Liouvillian")


def check_inputs(chain: Chain, baths: Sequence[Bath]) -> list[Bath]:
    """The baths of an open chain as a list, validated: ``chain`` a Chain, ``baths`` a
    non-empty sequence of Bath objects that can act on it (check_baths)."""
    check_chain(chain)
    if isinstance(baths, Bath) or not isinstance(baths, Sequence) or len(baths) == 0:
        raise ValueError("baths must be a non-empty list of lindbath.Bath objects (without "
                         f"baths the steady state is not unique); got {baths!r}")
    check_baths(chain, baths)
    return list(baths)


def is_global(baths: Sequence[Bath]) -> bool:
    """True if the baths act on the whole chain (energy-basis generator, Davies)."""
    return any(bath.acts_globally for bath in baths)


def check_pauli_baths(baths: Sequence[Bath], routine: str) -> None:
    """InputError naming ``routine`` if a bath acts on the whole chain (Davies): routines
    that evolve the Pauli-basis generator need two-site or local baths."""
    if is_global(baths):
        raise InputError("baths must be two-site or local baths (Pauli-basis generator); "
                         f"Davies baths are not supported by {routine}")


def with_gamma(baths: Sequence[Bath], gamma: float | None) -> list[Bath]:
    """The baths of L' ([P] Eq. 12): every gamma replaced by ``gamma`` unless it is None."""
    if gamma is None:
        return list(baths)
    return [replace(bath, gamma=gamma) for bath in baths]


def bose(beta: float, omega: float) -> float:
    """Bose occupation nbar = 1 / (exp(beta omega) - 1)  ([L] Eq. 5)."""
    return 1.0 / np.expm1(beta * omega)


def _reduced_thermal_pair(chain: Chain, beta: float, length: int, where: str) -> np.ndarray:
    """Two-site reduced density matrix of exp(-beta H)/Z on ``length`` sites, at the
    left or right edge or in the middle ([P] Eqs. 3-4; docs/conventions.md, "Target state")."""
    long_chain = Chain(length, chain.J, chain.Delta, chain.hx, chain.hz)
    energies, vectors = la.eigh(long_chain.hamiltonian().toarray())
    weights = gibbs_weights(energies, beta)
    first = {"left": 0, "right": length - 2, "middle": length // 2 - 1}[where]
    psi = vectors.reshape(2**first, 4, 2 ** (length - first - 2), -1)
    rho = np.einsum("aibn,ajbn,n->ij", psi, psi.conj(), weights)
    return (rho + rho.conj().T) / 2
