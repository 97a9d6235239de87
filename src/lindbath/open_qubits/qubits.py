"""M two-level systems in a thermal bosonic bath: local (phenomenological) versus global
(microscopic) master equations ([L] Eqs. 2-5 and 49-50).

Conventions
-----------
* hbar = k_B = 1.  Single-qubit basis: index 0 = |e> (sigma^z = +1), index 1 = |g>;
  sigma^- = |g><e|, sigma^+ = |e><g|.  Qubit 1 (index 0 in the code) is the leftmost,
  most significant tensor factor.
* H_S = sum_i omega_i sigma^z_i / 2 ([L] Eq. 7), omega_i > 0.
* Superoperators act on the row-major vectorization vec(rho)[i*d + j] = rho[i, j]; in it
  A rho B -> kron(A, B.T) vec(rho).  They are scipy.sparse matrices (or dense ndarrays,
  which every function here also accepts).
* The bath occupation nbar is one number for all qubits ([L] assumes nearly equal
  omega_i, Eq. 46).  The product thermal state of :func:`product_thermal_state` equals
  exp(-beta H_S)/Z for identical qubits with nbar = 1/(exp(beta omega) - 1).

The generic tools (:func:`lindblad_dissipator`, :func:`evolve`, :func:`steady_states`,
:func:`stationary_state`, :func:`unique_steady_state`, :func:`trace_distance`) work for any
Hilbert-space dimension and are reused by :mod:`lindbath.open_qubits.jaynes_cummings`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
import xarray as xr
from numpy.typing import ArrayLike
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import expm_multiply

from lindbath.model.density import trace_distance
from lindbath.model.pauli import SIGMA_MINUS, site_operator
from lindbath.validation import integer, real

__all__ = ["MODELS", "SIGMA_Z", "Superoperator", "common_bath", "dark_state_trapping",
           "distance_bath", "evolve", "excitation_number", "global_liouvillian",
           "hamiltonian_superop", "initial_state_dependence", "lindblad_dissipator",
           "local_liouvillian", "product_thermal_state", "single_excitation_decay",
           "single_excitation_kets", "stationary_state", "steady_states", "unique_steady_state"]

Superoperator = sp.spmatrix | sp.sparray | np.ndarray

SIGMA_Z = np.diag([1.0, -1.0]).astype(complex)
MODELS = ("local", "global")
_MATRIX_TOL = 1e-12
_TIME_UNITS = "inverse energy (hbar = 1; the unit of 1/gamma)"


# ----------------------------------------------------------------------------- checks
def _frequencies(omegas: ArrayLike) -> np.ndarray:
    w = np.asarray(omegas, dtype=float)
    if w.ndim != 1 or w.size < 1 or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise ValueError(f"omegas must be a 1-D array of M >= 1 finite frequencies > 0; "
                         f"got {omegas!r}")
    return w


def hermitian_matrix(name: str, matrix: ArrayLike, M: int, psd: bool) -> np.ndarray:
    """Return ``matrix`` as an M x M complex array after checking it is finite and Hermitian
    (and positive semidefinite if ``psd``); raise ValueError naming ``name`` otherwise."""
    a = np.asarray(matrix, dtype=complex)
    if a.shape != (M, M) or not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be a finite {M} x {M} matrix; got shape {a.shape}")
    scale = max(1.0, float(np.abs(a).max()))
    if np.abs(a - a.conj().T).max() > _MATRIX_TOL * scale:
        raise ValueError(f"{name} must be Hermitian (equal to its conjugate transpose)")
    a = (a + a.conj().T) / 2
    lowest = np.linalg.eigvalsh(a).min()
    if psd and lowest < -_MATRIX_TOL * scale:
        raise ValueError(f"{name} must be positive semidefinite; smallest eigenvalue {lowest:.3g}")
    return a


def _single_rates(gamma: ArrayLike, M: int) -> np.ndarray:
    g = np.asarray(gamma, dtype=float)
    g = np.full(M, g) if g.ndim == 0 else g
    if g.shape != (M,) or not np.all(np.isfinite(g)) or np.any(g < 0):
        raise ValueError(f"gamma must be a finite number >= 0 or {M} such numbers; got {gamma!r}")
    return g


def _square_dim(L: Superoperator) -> int:
    n = L.shape[0]
    d = int(round(np.sqrt(n)))
    if L.shape != (n, n) or d * d != n:
        raise ValueError(f"L must be a square d^2 x d^2 superoperator; got shape {L.shape}")
    return d


def _operator(name: str, rho: ArrayLike, d: int) -> np.ndarray:
    r = np.asarray(rho, dtype=complex)
    if r.shape != (d, d):
        raise ValueError(f"{name} must be a {d} x {d} matrix to match L; got shape {r.shape}")
    return r


# -------------------------------------------------------------------------- operators
def qubit_operator(op: ArrayLike, i: int, M: int) -> sp.csr_matrix:
    """kron(I_{2^i}, op, I_{2^(M-i-1)}): a 2 x 2 operator on qubit i (0-based) of M."""
    M = integer("M", M, 1)
    i = integer("i", i, 0, M - 1)
    return site_operator(sp.csr_matrix(op), i, M)


def lowering(i: int, M: int) -> sp.csr_matrix:
    """sigma^-_i = |g><e| on qubit i (0-based) of M."""
    return qubit_operator(SIGMA_MINUS, i, M)


def system_hamiltonian(omegas: ArrayLike) -> sp.csr_matrix:
    """H_S = sum_i omega_i sigma^z_i / 2 ([L] Eq. 7)."""
    w = _frequencies(omegas)
    return sum((wi / 2 * qubit_operator(SIGMA_Z, i, w.size) for i, wi in enumerate(w)),
               sp.csr_matrix((2**w.size, 2**w.size), dtype=complex))


def effective_hamiltonian(omegas: ArrayLike, lamb_shift: ArrayLike, nbar: float) -> sp.csr_matrix:
    """[L] Eq. 50 (for Hermitian Lambda; the seed takes it real symmetric, Eqs. 45-46):

        H_eff = sum_i (omega_i - Lambda_ii (2 nbar + 1)) sigma^z_i / 2
                - sum_{i != j} Lambda_ij sigma^+_i sigma^-_j

    (sum_{i != j} Lambda_ij s+_i s-_j = sum_{i > j} Lambda_ij (s+_i s-_j + s-_i s+_j) for real
    symmetric Lambda, as written in Eq. 50).  Lambda_ij = P int dnu g_ik^* g_jk G(nu)/(nu - omega_i)
    (Eq. 41), hence the minus signs."""
    w = _frequencies(omegas)
    M = w.size
    lam = hermitian_matrix("lamb_shift", lamb_shift, M, psd=False)
    nbar = real("nbar", nbar, minimum=0.0)
    shifted = w - lam.diagonal().real * (2 * nbar + 1)
    h = sum((wi / 2 * qubit_operator(SIGMA_Z, i, M) for i, wi in enumerate(shifted)),
            sp.csr_matrix((2**M, 2**M), dtype=complex))
    for i in range(M):
        for j in range(M):
            if i != j and lam[i, j] != 0:
                h = h - lam[i, j] * (lowering(i, M).conj().T @ lowering(j, M))
    return h.tocsr()


# ---------------------------------------------------------------------- superoperators
def hamiltonian_superop(h: ArrayLike | sp.spmatrix) -> sp.csr_matrix:
    """rho -> -i[h, rho], i.e. -i (kron(h, I) - kron(I, h.T)) in row-major vectorization."""
    h = sp.csr_matrix(h)
    eye = sp.identity(h.shape[0], format="csr")
    return (-1j * (sp.kron(h, eye) - sp.kron(eye, h.T))).tocsr()


def _dissipator_term(a_j: sp.spmatrix, a_i: sp.spmatrix) -> sp.csr_matrix:
    """rho -> A_j rho A_i^+ - {A_i^+ A_j, rho}/2; the sandwich is kron(A_j, conj(A_i))."""
    return sp.kron(a_j, a_i.conj(), format="csr") - _anticommutator(a_i.conj().T @ a_j)


def _anticommutator(k: sp.spmatrix) -> sp.csr_matrix:
    """rho -> {k, rho}/2 as (kron(k, I) + kron(I, k.T))/2."""
    eye = sp.identity(k.shape[0], format="csr")
    return (0.5 * (sp.kron(k, eye) + sp.kron(eye, k.T))).tocsr()


def lindblad_dissipator(jumps: Sequence[ArrayLike | sp.spmatrix],
                        rates: ArrayLike) -> sp.csr_matrix:
    """sum_a r_a D[L_a], D[L](rho) = L rho L^+ - {L^+ L, rho}/2 ([L] Eq. 3), rates >= 0."""
    r = np.asarray(rates, dtype=float)
    if not jumps:
        raise ValueError("jumps must contain at least one jump operator")
    if r.shape != (len(jumps),) or np.any(r < 0) or not np.all(np.isfinite(r)):
        raise ValueError(f"rates must be {len(jumps)} finite numbers >= 0 (one per jump); "
                         f"got {rates!r}")
    ops = [sp.csr_matrix(a, dtype=complex) for a in jumps]
    d = ops[0].shape[0]
    sandwich = sp.csr_matrix((d * d, d * d), dtype=complex)
    decay = sp.csr_matrix((d, d), dtype=complex)
    for rate, a in zip(r, ops, strict=True):
        sandwich = sandwich + rate * sp.kron(a, a.conj(), format="csr")
        decay = decay + rate * (a.conj().T @ a)
    return (sandwich - _anticommutator(decay)).tocsr()


def collective_dissipator(ops: Sequence[sp.spmatrix], coefficients: np.ndarray) -> sp.csr_matrix:
    """sum_ij c_ij (A_j rho A_i^+ - {A_i^+ A_j, rho}/2): the Kossakowski form of Eq. 49."""
    d = ops[0].shape[0]
    out = sp.csr_matrix((d * d, d * d), dtype=complex)
    for i, a_i in enumerate(ops):
        for j, a_j in enumerate(ops):
            if coefficients[i, j] != 0:
                out = out + coefficients[i, j] * _dissipator_term(a_j, a_i)
    return out.tocsr()


def local_liouvillian(omegas: ArrayLike, gamma: ArrayLike, nbar: float) -> sp.csr_matrix:
    """Phenomenological (local) generator, [L] Eqs. 4-5:

        L rho = -i[H_S, rho] + sum_i gamma_i [(nbar + 1) D[s-_i] + nbar D[s+_i]](rho)

    ``gamma`` is one rate >= 0 for all qubits (as in Eq. 5) or one rate per qubit."""
    w = _frequencies(omegas)
    rates = _single_rates(gamma, w.size)
    nbar = real("nbar", nbar, minimum=0.0)
    lows = [lowering(i, w.size) for i in range(w.size)]
    jumps = lows + [s.conj().T for s in lows]
    return (hamiltonian_superop(system_hamiltonian(w))
            + lindblad_dissipator(jumps, np.concatenate([rates * (nbar + 1), rates * nbar])))


def global_liouvillian(omegas: ArrayLike, gamma_matrix: ArrayLike, nbar: float,
                       lamb_shift: ArrayLike | None = None) -> sp.csr_matrix:
    """Microscopic (global) generator, [L] Eqs. 49-50 (Schroedinger picture):

        L rho = -i[H_eff, rho]
                + sum_ij gamma_ij (nbar + 1) (s-_j rho s+_i - {s+_i s-_j, rho}/2)
                + sum_ij gamma_ij^* nbar     (s+_j rho s-_i - {s-_i s+_j, rho}/2)

    Index convention as in Eq. 40: gamma_ij = 2 pi sum_k g_ik^* g_jk delta(nu_k - omega_i),
    the emission coefficient of the pair (s-_j on the left, s+_i on the right).  The
    absorption term carries gamma_ij^* = gamma_ji (Eq. 43 contains g_ik g_jk^*); for the
    real symmetric gamma of Eqs. 45-46 this is Eq. 49 verbatim.  gamma_matrix must be
    Hermitian positive semidefinite.  H_eff is Eq. 50 (:func:`effective_hamiltonian`)
    with Lambda = ``lamb_shift`` (Hermitian; None means Lambda = 0, i.e. H_eff = H_S)."""
    w = _frequencies(omegas)
    M = w.size
    gam = hermitian_matrix("gamma_matrix", gamma_matrix, M, psd=True)
    nbar = real("nbar", nbar, minimum=0.0)
    lam = np.zeros((M, M)) if lamb_shift is None else lamb_shift
    lows = [lowering(i, M) for i in range(M)]
    raises = [s.conj().T.tocsr() for s in lows]
    return (hamiltonian_superop(effective_hamiltonian(w, lam, nbar))
            + (nbar + 1) * collective_dissipator(lows, gam)
            + nbar * collective_dissipator(raises, gam.conj())).tocsr()


# --------------------------------------------------------------------------- baths
def common_bath(M: int, gamma: float) -> np.ndarray:
    """gamma_ij = gamma for all i, j: M qubits at one point of a common bath ([L] Fig. 1a)."""
    M = integer("M", M, 1)
    return np.full((M, M), real("gamma", gamma, minimum=0.0))


def distance_bath(positions: ArrayLike, gamma: float, k0: float) -> np.ndarray:
    """gamma_ij = gamma sinc(k0 d_ij), sinc(x) = sin(x)/x, d_ij = |r_i - r_j| (3-D isotropic
    bath at wavenumber k0 = omega/c).  ``positions`` has shape (M,) or (M, D), D <= 3."""
    r = np.asarray(positions, dtype=float)
    r = r[:, None] if r.ndim == 1 else r
    if r.ndim != 2 or r.shape[0] < 1 or r.shape[1] > 3 or not np.all(np.isfinite(r)):
        raise ValueError(f"positions must be finite with shape (M,) or (M, D), M >= 1, D <= 3; "
                         f"got shape {np.shape(positions)}")
    gamma = real("gamma", gamma, minimum=0.0)
    k0 = real("k0", k0, minimum=0.0)
    dist = np.linalg.norm(r[:, None, :] - r[None, :, :], axis=-1)
    return gamma * np.sinc(k0 * dist / np.pi)


# ------------------------------------------------------------------------------ states
def product_thermal_state(M: int, nbar: float) -> np.ndarray:
    """Product state (x)_i diag(nbar, nbar + 1)/(2 nbar + 1): excited/ground ratio
    nbar/(nbar + 1) on every qubit; exp(-beta H_S)/Z for identical qubits ([L] Eq. 3)."""
    M = integer("M", M, 1)
    nbar = real("nbar", nbar, minimum=0.0)
    diag = np.ones(1)
    for _ in range(M):
        diag = np.kron(diag, np.array([nbar, nbar + 1]) / (2 * nbar + 1))
    return np.diag(diag).astype(complex)


def excitation_number(M: int) -> np.ndarray:
    """Diagonal of sum_i s+_i s-_i (number of excited qubits) in the computational basis."""
    M = integer("M", M, 1)
    return np.array([M - bin(k).count("1") for k in range(2**M)], dtype=float)


def single_excitation_kets(M: int) -> dict[str, np.ndarray]:
    """One-excitation kets: "localized" |e g ... g>; "symmetric" W = sum_j |1_j>/sqrt(M);
    "antisymmetric" sum_j exp(2 pi i j/M) |1_j>/sqrt(M), orthogonal to W (for M = 2 it is
    (|eg> - |ge>)/sqrt(2), dark for a common bath).  |1_j> = qubit j excited."""
    M = integer("M", M, 2)
    index = 2**M - 1 - 2 ** (M - 1 - np.arange(M))
    kets = {}
    for name, phases in (("localized", np.eye(M)[0]),
                         ("symmetric", np.ones(M) / np.sqrt(M)),
                         ("antisymmetric", np.exp(2j * np.pi * np.arange(M) / M) / np.sqrt(M))):
        ket = np.zeros(2**M, dtype=complex)
        ket[index] = phases
        kets[name] = ket
    return kets


# ------------------------------------------------------------------ dynamics and kernels
def evolve(L: Superoperator, rho0: ArrayLike, times: ArrayLike) -> np.ndarray:
    """rho(t) = exp(L t) rho(0) at each t in ``times`` (t >= 0, non-decreasing), by
    scipy.sparse.linalg.expm_multiply between consecutive times.  Shape (len(times), d, d)."""
    d = _square_dim(L)
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(np.diff(t) < 0):
        raise ValueError("times must be a 1-D array of finite, non-decreasing values >= 0")
    gen = sp.csr_matrix(L, dtype=complex)
    v = _operator("rho0", rho0, d).reshape(-1)
    out = np.empty((t.size, d, d), dtype=complex)
    previous = 0.0
    for k, tk in enumerate(t):
        v = expm_multiply(gen * (tk - previous), v) if tk > previous else v
        out[k] = v.reshape(d, d)
        previous = tk
    return out


def _kernels(L: Superoperator, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Right and left null vectors of L (columns).  L is split into the blocks given by the
    connected components of its sparsity graph (e.g. sectors of a conserved U(1) charge),
    and each block is handled by a dense SVD; singular values <= tol * ||L||_1 are zero."""
    gen = sp.csr_matrix(L, dtype=complex)
    gen.eliminate_zeros()
    n = gen.shape[0]
    scale = max(float(abs(gen).sum(axis=0).max()), np.finfo(float).tiny)
    pattern = sp.csr_matrix((np.ones(gen.nnz), gen.indices, gen.indptr), shape=gen.shape)
    labels = connected_components(pattern, directed=True, connection="weak")[1]
    order = np.argsort(labels, kind="stable")
    blocks = gen[order][:, order]
    edges = np.flatnonzero(np.diff(labels[order])) + 1
    right, left = [], []
    for start, stop in zip(np.r_[0, edges], np.r_[edges, n], strict=True):
        u, s, vh = np.linalg.svd(blocks[start:stop, start:stop].toarray())
        for vec, store in ((vh[s <= tol * scale].conj().T, right), (u[:, s <= tol * scale], left)):
            full = np.zeros((n, vec.shape[1]), dtype=complex)
            full[order[start:stop]] = vec
            store.append(full)
    return np.concatenate(right, axis=1), np.concatenate(left, axis=1)


def steady_states(L: Superoperator, tol: float = 1e-9) -> np.ndarray:
    """Basis of the null space of L (all steady states), shape (n, d, d): Hermitian matrices,
    orthonormal in the Hilbert-Schmidt product.  n > 1 means the stationary state depends
    on the initial state (e.g. dark states of the global model); see
    :func:`stationary_state`.  Dense SVD of each decoupled block of L (see ``_kernels``):
    fine while the largest block has up to a few thousand rows."""
    d = _square_dim(L)
    right, _ = _kernels(L, tol)
    mats = right.T.reshape(-1, d, d)
    if mats.shape[0] == 0:
        return mats
    herm = np.concatenate([mats + mats.conj().transpose(0, 2, 1),
                           -1j * (mats - mats.conj().transpose(0, 2, 1))]).reshape(-1, d * d)
    real_rows = np.concatenate([herm.real, herm.imag], axis=1)
    vh = np.linalg.svd(real_rows, full_matrices=False)[2]
    basis = vh[: mats.shape[0]]
    return (basis[:, : d * d] + 1j * basis[:, d * d:]).reshape(-1, d, d)


def stationary_state(L: Superoperator, rho0: ArrayLike, tol: float = 1e-9) -> np.ndarray:
    """State reached from rho0: P rho0, P = R (W^+ R)^{-1} W^+ the projector onto ker L along
    its range (R, W: right and left null vectors).  It is lim_{t->inf} exp(L t) rho0 when no
    oscillating (purely imaginary) mode is populated, and the time average otherwise."""
    d = _square_dim(L)
    right, left = _kernels(L, tol)
    v = _operator("rho0", rho0, d).reshape(-1)
    rho = (right @ np.linalg.solve(left.conj().T @ right, left.conj().T @ v)).reshape(d, d)
    return (rho + rho.conj().T) / 2


def unique_steady_state(L: Superoperator, tol: float = 1e-9) -> np.ndarray:
    """The unique steady state (trace 1) of L; ValueError if the null space is not 1-D."""
    basis = steady_states(L, tol)
    if basis.shape[0] != 1:
        raise ValueError(f"L has {basis.shape[0]} independent steady states, not a unique one; "
                         "use stationary_state(L, rho0)")
    return basis[0] / np.trace(basis[0])


# --------------------------------------------------------------------- demonstrations
def _bath_setup(gamma_matrix: ArrayLike | None) -> tuple[int, np.ndarray]:
    gam = common_bath(2, 1.0) if gamma_matrix is None else np.asarray(gamma_matrix)
    if gam.ndim != 2 or gam.shape[0] < 2:
        raise ValueError(f"gamma_matrix must be an M x M matrix with M >= 2; got shape {gam.shape}")
    return gam.shape[0], hermitian_matrix("gamma_matrix", gam, gam.shape[0], psd=True)


def _liouvillians(gam: np.ndarray, omega: float, nbar: float) -> dict[str, sp.csr_matrix]:
    omegas = np.full(gam.shape[0], real("omega", omega, minimum=0.0, strict=True))
    return {"local": local_liouvillian(omegas, gam.diagonal().real, nbar),
            "global": global_liouvillian(omegas, gam, nbar)}


def _projector(ket: np.ndarray) -> np.ndarray:
    return np.outer(ket, ket.conj())


def _population(rho: np.ndarray) -> np.ndarray:
    """Total excitation Tr[rho sum_i s+_i s-_i] of one state or a stack of states."""
    M = int(round(np.log2(rho.shape[-1])))
    return np.einsum("...ii,i->...", rho, excitation_number(M)).real


def _coords(names: Sequence[str]) -> dict:
    return {
        "model": ("model", list(MODELS),
                  {"long_name": "master equation: local ([L] Eqs. 4-5) or global "
                                "(Eqs. 49-50)"}),
        "initial_state": ("initial_state", list(names), {"long_name": "initial state"}),
    }


def _dataset(data_vars: dict, coords: dict, gam: np.ndarray, attrs: dict) -> xr.Dataset:
    gamma_var = (("qubit", "qubit_b"), np.real_if_close(gam),
                 {"long_name": "collective decay matrix gamma_ij", "units": "energy"})
    return xr.Dataset({**data_vars, "gamma_matrix": gamma_var}, coords=coords,
                      attrs={"M": gam.shape[0], **attrs,
                             "conventions": "hbar = k_B = 1; qubit basis 0 = |e>; qubit 1 "
                                            "leftmost; Lamb shift Lambda = 0"})


def single_excitation_decay(gamma_matrix: ArrayLike | None = None, omega: float = 1.0,
                            nbar: float = 0.0, times: ArrayLike | None = None) -> xr.Dataset:
    """Total excited population Tr[rho(t) sum_i s+_i s-_i] from the one-excitation states of
    :func:`single_excitation_kets`, local versus global model ([L] Eqs. 4-5 vs 49-50;
    identical qubits of frequency omega, Lambda = 0).  The local model uses gamma_ii as the
    single-qubit rates.  gamma_matrix defaults to common_bath(2, 1); times to 0..5 (51 points).
    For a common bath at nbar = 0 the symmetric state decays at rate M gamma (superradiance),
    the antisymmetric one not at all, and |e g> as (1 + exp(-2 gamma t))/2 for M = 2."""
    M, gam = _bath_setup(gamma_matrix)
    t = np.linspace(0.0, 5.0, 51) if times is None else np.asarray(times, dtype=float)
    kets = single_excitation_kets(M)
    gens = _liouvillians(gam, omega, nbar)
    pops = np.array([[_population(evolve(gens[m], _projector(k), t)) for k in kets.values()]
                     for m in MODELS])
    coords = _coords(list(kets))
    coords["time"] = ("time", t, {"long_name": "time", "units": _TIME_UNITS})
    var = (("model", "initial_state", "time"), pops,
           {"long_name": "total excited population sum_i <s+_i s-_i>", "units": "1"})
    return _dataset({"excited_population": var}, coords, gam,
                    {"omega": float(omega), "nbar": float(nbar)})


def dark_state_trapping(gamma_matrix: ArrayLike | None = None,
                        omega: float = 1.0) -> xr.Dataset:
    """Excited population left at t -> infinity at nbar = 0 (:func:`stationary_state`) from
    the one-excitation states, local versus global model, and the number of independent
    steady states.  For a common bath the trapped population is 1 - |<W|psi>|^2 (every
    one-excitation state orthogonal to W is dark); the local model traps nothing."""
    M, gam = _bath_setup(gamma_matrix)
    kets = single_excitation_kets(M)
    gens = _liouvillians(gam, omega, 0.0)
    trapped = np.array([[_population(stationary_state(gens[m], _projector(k)))
                         for k in kets.values()] for m in MODELS])
    count = np.array([steady_states(gens[m]).shape[0] for m in MODELS])
    coords = _coords(list(kets))
    data = {
        "trapped_population": (("model", "initial_state"), trapped,
                               {"long_name": "excited population at t -> infinity", "units": "1"}),
        "n_steady_states": (("model",), count,
                            {"long_name": "dimension of the null space of L", "units": "1"}),
    }
    return _dataset(data, coords, gam, {"omega": float(omega), "nbar": 0.0})


def _demo_states(M: int) -> dict[str, np.ndarray]:
    d = 2**M
    states = {"ground": np.diag(np.eye(d)[-1]).astype(complex),
              "excited": np.diag(np.eye(d)[0]).astype(complex)}
    states.update({k: _projector(v) for k, v in single_excitation_kets(M).items()})
    states["maximally_mixed"] = np.eye(d, dtype=complex) / d
    return states


def initial_state_dependence(gamma_matrix: ArrayLike | None = None, omega: float = 1.0,
                             nbar: float = 0.5) -> xr.Dataset:
    """Stationary states reached from several initial states (:func:`stationary_state`):
    trace distance of each to the thermal state (:func:`product_thermal_state`, the Gibbs state of
    H_S at nbar), pairwise trace distances among them, their excited population and the
    number of steady states.  The local model (Eqs. 4-5) has a unique thermal steady state;
    the global one (Eqs. 49-50) with a common bath keeps the weight of every initial state
    in the dark (singlet) sector.  For M = 2 and a common bath, starting in |gg> it ends at
    trace distance a = nbar (nbar + 1)/(2 nbar + 1)^2 from the Gibbs state."""
    M, gam = _bath_setup(gamma_matrix)
    states = _demo_states(M)
    gens = _liouvillians(gam, omega, nbar)
    gibbs = product_thermal_state(M, nbar)
    final = {m: [stationary_state(gens[m], rho) for rho in states.values()] for m in MODELS}
    coords = _coords(list(states))
    coords["other_initial_state"] = ("other_initial_state", list(states),
                                     {"long_name": "second initial state"})
    pairs = [[[trace_distance(a, b) for b in final[m]] for a in final[m]] for m in MODELS]
    data = {
        "trace_distance_to_gibbs": (
            ("model", "initial_state"), [[trace_distance(r, gibbs) for r in final[m]]
                                         for m in MODELS],
            {"long_name": "trace distance of the stationary state to the Gibbs state of H_S",
             "units": "1"}),
        "pairwise_trace_distance": (
            ("model", "initial_state", "other_initial_state"), pairs,
            {"long_name": "trace distance between stationary states from two initial states",
             "units": "1"}),
        "excited_population": (
            ("model", "initial_state"), [[_population(r) for r in final[m]] for m in MODELS],
            {"long_name": "stationary total excited population", "units": "1"}),
        "n_steady_states": (("model",), [steady_states(gens[m]).shape[0] for m in MODELS],
                            {"long_name": "dimension of the null space of L", "units": "1"}),
    }
    return _dataset(data, coords, gam, {"omega": float(omega), "nbar": float(nbar)})
