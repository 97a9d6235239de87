"""Boundary baths: detailed-balance (DB), fast-relaxation (FR), local and global (Davies).

Formulas (docs/conventions.md): [P] Sec. III.1 (Eqs. 3-10) and Appendix A for DB and its
Pauli-basis rate matrix, Prosen and Znidaric (2009) for FR, [L] Eqs. 3-5 for the local bath
and Eqs. 6-50 for the global (Davies) bath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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

KINDS = ("db", "fr", "local", "davies")
EDGES = ("left", "right")
TARGETS = ("bond", "reduced_edge", "reduced_bulk")
# The conventions [P]'s lost formulas leave open (docs/conventions.md, "Bath conventions");
# the first entry of each is the default.
TARGET_FIELDS = ("half", "full", "edge")  # fields in the two-site target Hamiltonian
DB_RATES = ("lowering", "glauber", "sqrt")  # DB rates of a level pair (lowering, raising)
GAMMA_MIN_RATIO = 1e-12  # smallest gamma > 0 relative to hamiltonian_scale (Bath.check)
DB_PAIRS = ("all", "nearest")  # DB jumps between every level pair or neighbouring levels
GAMMA_PER = ("jump", "bath")  # gamma the rate unit of each jump, or the bath's total rate
CONVENTIONS = {"target_fields": TARGET_FIELDS, "rates": DB_RATES, "pairs": DB_PAIRS,
               "gamma_per": GAMMA_PER}
TARGET_OPTIONS = ("target", "target_length", *CONVENTIONS)  # what a target convention sets
CONVENTION_KINDS = {"target_fields": ("db", "fr"), "rates": ("db",), "pairs": ("db",),
                    "gamma_per": ("db", "fr")}  # the kinds each convention applies to
DAVIES_MAX_N = 8  # the global generator needs the full spectrum and 4^N-sized superoperator


@dataclass(frozen=True)
class Bath:
    """A bath on the two edge sites (1, 2) or (N-1, N) at inverse temperature ``beta``.

    kind: "db" | "fr" | "local" | "davies";  edge: "left" | "right";
    target: "bond" (thermal state of h_b, Eq. 11) | "reduced_edge" | "reduced_bulk"
    (two-site reduced state of a thermal chain of ``target_length`` sites);
    davies only: ``omega_c`` (Ohmic cut-off scale) and ``coupling`` (Pauli label of the
    system operator A on the edge site, default "X").
    Conventions (docs/conventions.md, "Bath conventions"; defaults first):
    target_fields "half" | "full" | "edge" (db and fr with target "bond": the fields in the
    target Hamiltonian h_T); rates "lowering" | "glauber" | "sqrt" and pairs "all" |
    "nearest" (db only); gamma_per "jump" | "bath" (db and fr).
    """

    kind: str
    edge: str
    beta: float
    gamma: float
    target: str = "bond"
    target_length: int = 8
    omega_c: float = 1.0
    coupling: str = "X"
    target_fields: str = "half"
    rates: str = "lowering"
    pairs: str = "all"
    gamma_per: str = "jump"

    def __post_init__(self) -> None:
        validation.choice("kind", self.kind, KINDS)
        validation.choice("edge", self.edge, EDGES)
        validation.choice("target", self.target, TARGETS)
        validation.choice("coupling", self.coupling, ("X", "Y", "Z"))
        self._check_conventions()
        strict_beta = self.kind in ("local", "davies")  # nbar diverges at beta = 0
        object.__setattr__(self, "beta", validation.real("beta", self.beta, 0.0, strict_beta))
        object.__setattr__(self, "gamma", validation.real("gamma", self.gamma, 0.0))
        object.__setattr__(self, "omega_c", validation.real("omega_c", self.omega_c, 0.0, True))
        length = validation.integer("target_length", self.target_length, minimum=2, maximum=14)
        object.__setattr__(self, "target_length", length)

    def _check_conventions(self) -> None:
        """Each convention from its allowed values, and set only for the kinds it applies to
        (a non-default value elsewhere would be silently ignored)."""
        for name, allowed in CONVENTIONS.items():
            validation.choice(name, getattr(self, name), allowed)
        for name, value in self.conventions().items():
            if not applies_to(self.kind, {name: value}):
                raise ValueError(f"{name}={value!r} applies to kind in "
                                 f"{CONVENTION_KINDS[name]} only; got kind={self.kind!r} "
                                 f"(leave {name} at {CONVENTIONS[name][0]!r})")
        if self.target_fields != "half" and self.target != "bond":
            raise ValueError(f"target_fields={self.target_fields!r} applies to target='bond' "
                             f"only; got target={self.target!r} (leave target_fields at 'half')")

    def conventions(self) -> dict[str, str]:
        """The conventions that differ from their defaults, e.g. {'rates': 'glauber'}."""
        return {name: getattr(self, name) for name, allowed in CONVENTIONS.items()
                if getattr(self, name) != allowed[0]}

    def describe(self) -> str:
        """One-line description, e.g. 'db,left,beta=0.5,gamma=1,target=bond', followed by
        the conventions that differ from their defaults (',rates=glauber')."""
        extra = "".join(f",{name}={value}" for name, value in self.conventions().items())
        return (f"{self.kind},{self.edge},beta={self.beta:g},gamma={self.gamma:g},"
                f"target={self.target}{extra}")

    def first_site(self, chain: Chain) -> int:
        """0-based index of the first of the two bath sites."""
        return 0 if self.edge == "left" else chain.N - 2

    def check(self, chain: Chain) -> None:
        """Raise ValueError if this bath cannot act on ``chain`` (before any heavy work);
        InputError for 0 < gamma < GAMMA_MIN_RATIO hamiltonian_scale(chain), a rate lost in
        the rounding of the generator (its steady state would be reported converged with a
        residual test that cannot see it)."""
        scale = hamiltonian_scale(chain)
        if 0 < self.gamma < GAMMA_MIN_RATIO * scale:
            raise InputError(f"gamma must be 0 (bath off) or >= {GAMMA_MIN_RATIO:g} x the "
                             f"Hamiltonian's scale max(|J|, |Delta|, |hx|, |hz|) = {scale:g}; "
                             f"got gamma={self.gamma:g}")
        if self.kind == "local" and chain.hz == 0:
            raise ValueError("hz must be nonzero for kind='local' (omega = 2|hz| is the site "
                             "splitting the local bath thermalizes); got hz=0")
        if self.kind == "davies" and chain.N > DAVIES_MAX_N:
            raise ValueError(f"N must be <= {DAVIES_MAX_N} for kind='davies' (the global "
                             f"generator needs the full spectrum); got N={chain.N}")

    def target_eigen(self, chain: Chain) -> tuple[np.ndarray, np.ndarray]:
        """Weights p_k (descending, i.e. energies ascending) and eigenvectors (columns) of
        the two-site target rho_T ([P] Eqs. 3-4 and 11)."""
        if self.target == "bond":
            energies, vectors = la.eigh(self.target_hamiltonian(chain))
            return gibbs_weights(energies, self.beta), vectors
        rho = _reduced_thermal_pair(chain, self.beta, self.target_length, self._pair_position())
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

    def _pair_position(self) -> str:
        if self.target == "reduced_bulk":
            return "middle"
        return self.edge

    def target_state(self, chain: Chain) -> np.ndarray:
        """rho_T = sum_k p_k |e_k><e_k| on the two bath sites."""
        p, v = self.target_eigen(chain)
        return (v * p) @ v.conj().T

    def jump_operators(self, chain: Chain) -> list[np.ndarray]:
        """Jump operators on the two bath sites (4x4), or, for kind='davies', on the
        whole chain (2^N x 2^N, computational basis): sqrt(G(w)) A(w) for each w."""
        self.check(chain)
        if self.kind == "davies":
            energies, vectors = la.eigh(chain.hamiltonian().toarray())
            t = davies_transitions(self, chain, energies, vectors)
            jumps = []
            for g in np.unique(t["group"]):
                sel = t["group"] == g
                a_w = np.zeros((energies.size,) * 2, dtype=complex)
                a_w[t["n"][sel], t["m"][sel]] = np.sqrt(t["rate"][sel]) * t["amplitude"][sel]
                jumps.append(vectors @ a_w @ vectors.conj().T)
            return jumps
        if self.kind == "local":
            return self._local_jumps(chain)
        p, v = self.target_eigen(chain)
        transitions = self._fr_transitions(p) if self.kind == "fr" else self._db_transitions(p)
        scale = self.gamma
        if self.gamma_per == "bath":
            scale /= sum(rate * p[source] for rate, to, source in transitions if to != source)
        return [np.sqrt(scale * rate) * np.outer(v[:, to], v[:, source].conj())
                for rate, to, source in transitions]

    @staticmethod
    def _fr_transitions(p: np.ndarray) -> list[tuple[float, int, int]]:
        """FR: |e_j><e_k| at rate p_j for all 16 pairs (Prosen and Znidaric 2009), as
        (rate in units of gamma, to, from)."""
        return [(p[j], j, k) for j in range(4) for k in range(4)]

    def _db_transitions(self, p: np.ndarray) -> list[tuple[float, int, int]]:
        """DB ([P] Eqs. 5-10): for levels j > k (E_j >= E_k) lowering |e_k><e_j| and
        raising |e_j><e_k| with r = p_j/p_k = exp(-beta(E_j - E_k)) at rates (1, r)
        ("lowering"), (1/(1 + r), r/(1 + r)) ("glauber") or (1/sqrt(r), sqrt(r)) ("sqrt");
        every pair, or neighbouring levels only (pairs "nearest")."""
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

    def _local_jumps(self, chain: Chain) -> list[np.ndarray]:
        """gamma(nbar+1) D[s_down] + gamma nbar D[s_up] on each bath site ([L] Eqs. 3-5),
        s_down the jump lowering the site energy hz sz, omega = 2|hz|."""
        nbar = bose(self.beta, 2 * abs(chain.hz))
        down = SIGMA_MINUS if chain.hz > 0 else SIGMA_MINUS.T
        jumps = []
        for op in (down, down.T):
            rate = self.gamma * (nbar + 1 if op is down else nbar)
            for single in (np.kron(op, np.eye(2)), np.kron(np.eye(2), op)):
                jumps.append(np.sqrt(rate) * single)
        return jumps

    def gamma_matrix(self, chain: Chain) -> np.ndarray:
        """Gamma_ij = sum_a c_ai conj(c_aj), c_ai = Tr(P_i L_a)/4, so that
        D(rho) = sum_ij Gamma_ij (P_i rho P_j - {P_j P_i, rho}/2) ([P] Appendix A).
        Checked Hermitian and positive semidefinite."""
        if self.kind == "davies":
            raise ValueError("kind='davies' acts on the whole chain and has no two-site "
                             "gamma_matrix; allowed kinds: 'db', 'fr', 'local'")
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


def applies_to(kind: str, conventions: dict[str, str]) -> bool:
    """Whether every convention named in ``conventions`` applies to bath ``kind``
    (CONVENTION_KINDS; target and target_length apply to every two-site kind)."""
    return all(kind in CONVENTION_KINDS.get(name, (kind,)) for name in conventions)


def hamiltonian_scale(chain: Chain) -> float:
    """max(|J|, |Delta|, |hx|, |hz|): the energy scale the bath rates are compared with."""
    return max(abs(chain.J), abs(chain.Delta), abs(chain.hx), abs(chain.hz))


def check_baths(chain: Chain, baths: Sequence[Bath]) -> None:
    """Validate a bath list against a chain before any heavy work."""
    for bath in baths:
        if not isinstance(bath, Bath):
            raise ValueError(f"baths must be lindbath.Bath objects; got {type(bath).__name__}")
        bath.check(chain)
    kinds = {bath.kind == "davies" for bath in baths}
    if len(kinds) > 1:
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


def is_davies(baths: Sequence[Bath]) -> bool:
    """True if the baths are global Davies baths (energy-basis generator)."""
    return any(bath.kind == "davies" for bath in baths)


def with_gamma(baths: Sequence[Bath], gamma: float | None) -> list[Bath]:
    """The baths of L' ([P] Eq. 12): every gamma replaced by ``gamma`` unless it is None."""
    if gamma is None:
        return list(baths)
    return [replace(bath, gamma=gamma) for bath in baths]


def bose(beta: float, omega: float) -> float:
    """Bose occupation nbar = 1 / (exp(beta omega) - 1)  ([L] Eq. 5)."""
    return 1.0 / np.expm1(beta * omega)


def davies_rate(bath: Bath, omega: np.ndarray) -> np.ndarray:
    """Ohmic rates G(w) = gamma (w/w_c)(nbar(w) + 1) for w > 0, G(-w) = exp(-beta w) G(w)
    (KMS), G(0) = gamma / (beta w_c)  ([L] Eqs. 6-50)."""
    omega = np.asarray(omega, dtype=float)
    x = bath.beta * omega
    safe = np.where(x == 0, 1.0, x)
    # gamma (w/w_c)(nbar(w)+1) = gamma/(beta w_c) * x / (1 - exp(-x)), valid for both signs
    ratio = np.where(x == 0, 1.0, safe / -np.expm1(-safe))
    return bath.gamma / (bath.beta * bath.omega_c) * ratio


def davies_transitions(bath: Bath, chain: Chain, energies: np.ndarray, vectors: np.ndarray,
                       tol: float = 1e-9) -> dict[str, np.ndarray]:
    """Transitions |n><m| of the jump operators A(w) = sum_{E_m - E_n = w} <n|A|m> |n><m|
    ([L] Eqs. 6-50), Bohr frequencies w grouped within ``tol``.

    Returns arrays sorted by group: n, m, amplitude <n|A|m>, group (index of A(w)) and
    rate G(w) of each transition.
    """
    site = 0 if bath.edge == "left" else chain.N - 1
    op = site_operator(PAULI[LABELS.index(bath.coupling)], site, chain.N).toarray()
    a_energy = vectors.conj().T @ op @ vectors
    n, m = np.nonzero(np.abs(a_energy) > 1e-12)
    omega = energies[m] - energies[n]
    order = np.argsort(omega, kind="stable")
    n, m, omega = n[order], m[order], omega[order]
    group = np.concatenate([[0], np.cumsum(np.diff(omega) > tol)])
    mean_omega = np.bincount(group, omega) / np.bincount(group)
    return {"n": n, "m": m, "amplitude": a_energy[n, m], "group": group,
            "rate": davies_rate(bath, mean_omega)[group]}


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
