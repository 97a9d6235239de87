"""Jaynes-Cummings atom-cavity system with cavity losses: phenomenological versus
microscopic (dressed-state) master equation ([L] Eq. 1 and footnote 1; its Ref. [1]:
M. Scala et al., Phys. Rev. A 75, 013811 (2007)).

Conventions: hbar = k_B = 1.  Basis |n> (x) |atom>, the cavity Fock state n = 0..n_max is
the leftmost factor, atom index 0 = |e> (sigma^z = +1), 1 = |g>, sigma^- = |g><e|.
Superoperators use the row-major vectorization of :mod:`lindbath.open_qubits.qubits`.  The bath
occupation nbar is taken at the bare cavity frequency: beta = ln(1 + 1/nbar)/omega_c.
Seed footnote 1 writes omega for the cavity (here omega_c) and omega_0 for the atom
(here omega_a).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import xarray as xr
from numpy.typing import ArrayLike

from lindbath.model.gibbs import gibbs_from_eigen
from lindbath.open_qubits.qubits import (
    SIGMA_MINUS,
    SIGMA_Z,
    Superoperator,
    hamiltonian_superop,
    lindblad_dissipator,
    trace_distance,
    unique_steady_state,
)
from lindbath.validation import integer, real

__all__ = ["MODELS", "FockTruncationError", "atom_excited_population", "check_truncation",
           "inverse_temperature", "jc_eigensystem", "jc_gibbs_state", "jc_hamiltonian",
           "microscopic_liouvillian", "ohmic_rate", "phenomenological_liouvillian",
           "photon_number", "steady_state_sweep", "top_fock_population"]

MODELS = ("phenomenological", "microscopic")


class FockTruncationError(RuntimeError):
    """The top Fock level n_max of a state holds more population than allowed."""


# -------------------------------------------------------------------------- operators
def cavity_annihilation(n_max: int) -> np.ndarray:
    """a (x) I_2 on the truncated space (Fock states 0..n_max), shape (2(n_max+1),) * 2."""
    n_max = integer("n_max", n_max, 1)
    return np.kron(np.diag(np.sqrt(np.arange(1.0, n_max + 1)), k=1), np.eye(2)).astype(complex)


def atom_lowering(n_max: int) -> np.ndarray:
    """I_cavity (x) sigma^-."""
    return np.kron(np.eye(integer("n_max", n_max, 1) + 1), SIGMA_MINUS)


def jc_hamiltonian(omega_c: float, omega_a: float, g: float, n_max: int) -> np.ndarray:
    """H_JC = omega_c a^+ a + omega_a sigma^z / 2 + g (a^+ sigma^- + a sigma^+)
    ([L] footnote 1 of Eq. 1)."""
    omega_c = real("omega_c", omega_c, minimum=0.0, strict=True)
    omega_a = real("omega_a", omega_a, minimum=0.0, strict=True)
    g = real("g", g)
    n_max = integer("n_max", n_max, 1)
    a, sm = cavity_annihilation(n_max), atom_lowering(n_max)
    sz = np.kron(np.eye(n_max + 1), SIGMA_Z)
    coupling = a.conj().T @ sm
    return omega_c * a.conj().T @ a + omega_a / 2 * sz + g * (coupling + coupling.conj().T)


def jc_eigensystem(omega_c: float, omega_a: float, g: float,
                   n_max: int) -> tuple[np.ndarray, np.ndarray]:
    """Energies E_k and eigenvectors (columns of V) of H_JC, diagonalized within each sector
    of fixed excitation number N = a^+ a + sigma^+ sigma^- (conserved by H_JC), so that V
    has exact zeros between sectors and degenerate levels keep a definite N."""
    h = jc_hamiltonian(omega_c, omega_a, g, n_max)
    sectors = np.repeat(np.arange(n_max + 1), 2) + np.tile([1, 0], n_max + 1)
    energies = np.empty(h.shape[0])
    vectors = np.zeros_like(h)
    for number in np.unique(sectors):
        idx = np.flatnonzero(sectors == number)
        energies[idx], vectors[np.ix_(idx, idx)] = np.linalg.eigh(h[np.ix_(idx, idx)])
    return energies, vectors


def inverse_temperature(nbar: float, omega_c: float) -> float:
    """beta with nbar = 1/(exp(beta omega_c) - 1); inf for nbar = 0."""
    nbar = real("nbar", nbar, minimum=0.0)
    omega_c = real("omega_c", omega_c, minimum=0.0, strict=True)
    return np.inf if nbar == 0 else float(np.log1p(1 / nbar) / omega_c)


def jc_gibbs_state(omega_c: float, omega_a: float, g: float, nbar: float, n_max: int) -> np.ndarray:
    """exp(-beta H_JC)/Z of the truncated H_JC (ground-state projector, normalized, at nbar = 0)."""
    energies, vectors = jc_eigensystem(omega_c, omega_a, g, n_max)
    return gibbs_from_eigen(energies, vectors, inverse_temperature(nbar, omega_c))


# ------------------------------------------------------------------------ generators
def phenomenological_liouvillian(omega_c: float, omega_a: float, g: float, kappa: float,
                                 nbar: float, n_max: int) -> sp.csr_matrix:
    """[L] Eq. 1 at finite temperature: the bare-cavity dissipator added to H_JC,

        L rho = -i[H_JC, rho] + kappa (nbar + 1) D[a](rho) + kappa nbar D[a^+](rho)."""
    kappa = real("kappa", kappa, minimum=0.0)
    nbar = real("nbar", nbar, minimum=0.0)
    a = cavity_annihilation(n_max)
    return (hamiltonian_superop(jc_hamiltonian(omega_c, omega_a, g, n_max))
            + lindblad_dissipator([a, a.conj().T], [kappa * (nbar + 1), kappa * nbar]))


def ohmic_rate(w: ArrayLike, kappa: float, beta: float, omega_c: float) -> np.ndarray:
    """Transition rate at Bohr frequency w (w > 0: the system loses energy w) for the Ohmic
    spectral density J(w) = kappa w / omega_c without cutoff:

        G(w) = kappa (w / omega_c) (nbar(w) + 1),  G(-w) = exp(-beta w) G(w)  (KMS),
        G(0) = kappa / (beta omega_c),             nbar(w) = 1/(exp(beta w) - 1).

    At w = omega_c: G = kappa (nbar + 1), G(-omega_c) = kappa nbar, the phenomenological rates."""
    w = np.asarray(w, dtype=float)
    safe = np.where(w == 0, 1.0, w)
    return np.where(w == 0, kappa / (beta * omega_c),
                    kappa * safe / (omega_c * -np.expm1(-beta * safe)))


def bohr_components(energies: np.ndarray, x_eig: np.ndarray,
                    tol: float) -> list[tuple[float, sp.csr_matrix]]:
    """A(w) = sum_{E_m - E_n = w} x_nm |n><m| in the eigenbasis, grouping Bohr frequencies
    closer than ``tol`` (absolute, energy units).  Returns [(w, A(w)), ...]."""
    n, m = np.nonzero(np.abs(x_eig) > 1e-14 * max(1.0, np.abs(x_eig).max()))
    w = energies[m] - energies[n]
    order = np.argsort(w)
    n, m, w = n[order], m[order], w[order]
    groups = np.split(np.arange(w.size), np.nonzero(np.diff(w) > tol)[0] + 1)
    shape = x_eig.shape
    return [(float(w[k].mean()), sp.csr_matrix((x_eig[n[k], m[k]], (n[k], m[k])), shape=shape))
            for k in groups if k.size]


def microscopic_liouvillian(omega_c: float, omega_a: float, g: float, kappa: float,
                            nbar: float, n_max: int, bohr_tol: float = 1e-9) -> sp.csr_matrix:
    """Dressed-state (Davies) generator with the bath coupled to x = a + a^+ (Ref. [1] of
    [L]), secular approximation, Ohmic KMS rates (:func:`ohmic_rate`), Lamb shift
    neglected:

        L rho = -i[H_JC, rho] + sum_w G(w) D[A(w)](rho),   H_JC = sum_k E_k |k><k|.

    Built in the eigenbasis (:func:`jc_eigensystem`) and rotated back to the bare basis with
    U = kron(V, conj(V)).  Its steady state is exp(-beta H_JC)/Z.  Valid when kappa is small
    compared with the spacings between distinct Bohr frequencies (g sqrt(n) scale)."""
    kappa = real("kappa", kappa, minimum=0.0)
    bohr_tol = real("bohr_tol", bohr_tol, minimum=0.0, strict=True)
    energies, vectors = jc_eigensystem(omega_c, omega_a, g, n_max)
    a = cavity_annihilation(n_max)
    x_eig = vectors.conj().T @ (a + a.conj().T) @ vectors
    beta = inverse_temperature(nbar, omega_c)
    parts = bohr_components(energies, x_eig, bohr_tol)
    rates = ohmic_rate([w for w, _ in parts], kappa, beta, omega_c)
    gen = (hamiltonian_superop(np.diag(energies))
           + lindblad_dissipator([op for _, op in parts], rates))
    u = sp.kron(sp.csr_matrix(vectors), sp.csr_matrix(vectors.conj()), format="csr")
    return (u @ gen @ u.conj().T).tocsr()


# ------------------------------------------------------------------------ observables
def top_fock_population(rho: np.ndarray, n_max: int) -> float:
    """Tr[rho (|n_max><n_max| (x) I_2)]: population of the highest kept Fock level."""
    rho = np.asarray(rho)
    if rho.shape != (2 * (n_max + 1),) * 2:
        raise ValueError(f"rho must be {2 * (n_max + 1)} x {2 * (n_max + 1)} for n_max = {n_max}; "
                         f"got shape {rho.shape}")
    return float(np.diag(rho)[-2:].real.sum())


def check_truncation(rho: np.ndarray, n_max: int, tol: float = 1e-6) -> float:
    """Return :func:`top_fock_population`; raise FockTruncationError if it exceeds tol."""
    top = top_fock_population(rho, n_max)
    if top > tol:
        raise FockTruncationError(f"population {top:.3g} of the top Fock level n_max = {n_max} "
                                  f"exceeds tol = {tol:g}; increase n_max")
    return top


def photon_number(rho: np.ndarray, n_max: int) -> float:
    """<a^+ a>."""
    return float(np.einsum("ii,i->", rho, np.repeat(np.arange(n_max + 1.0), 2)).real)


def atom_excited_population(rho: np.ndarray) -> float:
    """<sigma^+ sigma^-> = Tr[rho (I (x) |e><e|)]."""
    return float(np.diag(rho)[0::2].real.sum())


# --------------------------------------------------------------------------- sweep
def _liouvillian(model: str, args: tuple) -> Superoperator:
    if model == "phenomenological":
        return phenomenological_liouvillian(*args)
    return microscopic_liouvillian(*args)


def _sweep_point(args: tuple, gibbs: np.ndarray, tol: float) -> list[list[float]]:
    n_max = args[-1]
    rows = []
    for model in MODELS:
        rho = unique_steady_state(_liouvillian(model, args))
        rows.append([trace_distance(rho, gibbs), atom_excited_population(rho),
                     photon_number(rho, n_max), check_truncation(rho, n_max, tol)])
    return rows


def steady_state_sweep(gs: ArrayLike, nbars: ArrayLike = (0.0, 0.5), omega_c: float = 1.0,
                       omega_a: float = 1.0, kappa: float = 0.05, n_max: int = 16,
                       truncation_tol: float = 1e-6) -> xr.Dataset:
    """Steady states of the phenomenological ([L] Eq. 1 with thermal cavity loss) and
    microscopic (dressed-state, Ref. [1]) master equations versus g and nbar: trace distance
    to the Gibbs state of H_JC, <sigma^+ sigma^->, <a^+ a>, top Fock population (checked
    against truncation_tol, FockTruncationError above it).  g > 0 (at g = 0 the atom
    decouples and the steady state is not unique); kappa > 0.  At an exact level crossing
    (e.g. g = omega on resonance, nbar = 0) the microscopic steady state is not unique and
    :func:`lindbath.open_qubits.qubits.unique_steady_state` raises ValueError."""
    g_vals = np.asarray(gs, dtype=float)
    n_vals = np.asarray(nbars, dtype=float)
    if g_vals.ndim != 1 or g_vals.size == 0 or not np.all(np.isfinite(g_vals) & (g_vals > 0)):
        raise ValueError(f"gs must be a non-empty 1-D array of finite couplings > 0; got {gs!r}")
    if n_vals.ndim != 1 or n_vals.size == 0 or not np.all(np.isfinite(n_vals) & (n_vals >= 0)):
        raise ValueError(f"nbars must be a non-empty 1-D array of finite values >= 0; "
                         f"got {nbars!r}")
    kappa = real("kappa", kappa, minimum=0.0, strict=True)
    n_max = integer("n_max", n_max, 1)
    truncation_tol = real("truncation_tol", truncation_tol, minimum=0.0, strict=True)
    out = np.empty((n_vals.size, g_vals.size, len(MODELS), 4))
    ref = np.empty((n_vals.size, g_vals.size, 2))
    for i, nbar in enumerate(n_vals):
        for j, g in enumerate(g_vals):
            gibbs = jc_gibbs_state(omega_c, omega_a, g, nbar, n_max)
            out[i, j] = _sweep_point((omega_c, omega_a, g, kappa, nbar, n_max), gibbs,
                                     truncation_tol)
            ref[i, j] = atom_excited_population(gibbs), photon_number(gibbs, n_max)
    return _sweep_dataset(g_vals, n_vals, out, ref,
                          {"omega_c": float(omega_c), "omega_a": float(omega_a),
                           "kappa": kappa, "n_max": int(n_max),
                           "truncation_tol": truncation_tol})


def _sweep_dataset(g_vals: np.ndarray, n_vals: np.ndarray, out: np.ndarray, ref: np.ndarray,
                   attrs: dict) -> xr.Dataset:
    dims = ("nbar", "g", "model")
    names = [("trace_distance_to_gibbs", "trace distance of the steady state to exp(-beta H_JC)/Z"),
             ("atom_excited_population", "excited-atom population <sigma^+ sigma^->"),
             ("photon_number", "mean photon number <a^+ a>"),
             ("top_fock_population", "population of the top Fock level n_max")]
    data = {name: (dims, out[..., k], {"long_name": long, "units": "1"})
            for k, (name, long) in enumerate(names)}
    data["gibbs_atom_excited_population"] = (
        ("nbar", "g"), ref[..., 0], {"long_name": "<sigma^+ sigma^-> in the Gibbs state of H_JC",
                                     "units": "1"})
    data["gibbs_photon_number"] = (
        ("nbar", "g"), ref[..., 1], {"long_name": "<a^+ a> in the Gibbs state of H_JC",
                                     "units": "1"})
    coords = {
        "nbar": ("nbar", n_vals, {"long_name": "bath occupation at omega_c", "units": "1"}),
        "g": ("g", g_vals, {"long_name": "atom-cavity coupling", "units": "energy"}),
        "model": ("model", list(MODELS), {"long_name": "master equation"}),
    }
    attrs = {**attrs, "spectral_density": "Ohmic J(w) = kappa w / omega_c, KMS rates",
             "lamb_shift": "neglected", "bath_coupling": "x = a + a^+",
             "conventions": "hbar = k_B = 1; basis |n> (x) |atom>, atom 0 = |e>"}
    return xr.Dataset(data, coords=coords, attrs=attrs)
