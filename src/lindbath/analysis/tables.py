"""Reference thermal tables ([P] Sec. IV.1, Fig. 1).

For chains of lengths N_ref and a grid of inverse temperatures beta, the thermal expectation
values <O> = Tr(O exp(-beta H))/Z of every local observable (lindbath.model.observables:
sx, sy, sz per site; sxsx, sysy, szsz, energy = <h_b> per bond), as an xarray Dataset over
(N_ref, beta, site) and (N_ref, beta, bond), padded with NaN beyond each chain's end.

method="exact": H is real symmetric and commutes with the reflection l -> N+1-l (and with M or
the spin flip where lindbath.analysis.sectors says so).  One dense eigh per symmetry block
gives every beta at once:  <O>(beta) = sum_n p_n(beta) <n|O|n>,
p_n = exp(-beta (E_n - E_0)) / Z (lindbath.model.gibbs), with <n|O|n> computed inside the
block (V^T O V is sparse).  method="mps" calls lindbath.mps.purification.mps_thermal_table
(one purification run for all betas); method="auto" uses exact diagonalization up to
EXACT_MAX_N sites and purification beyond, in one table, with the method and bond dimension
recorded per length.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import xarray as xr

from lindbath import validation
from lindbath.analysis.sectors import Sector, sector_block, symmetry_sectors
from lindbath.exact.thermal import EXACT_MAX_N
from lindbath.model.chain import Chain, chain_parameters
from lindbath.model.gibbs import gibbs_weights
from lindbath.model.observables import (
    LONG_NAMES,
    OBSERVABLES,
    local_observables,
    middle_position,
    observable_dim,
)
from lindbath.model.pauli import LABELS, PAULI
from lindbath.mps.purification import DEFAULT_CHI, DEFAULT_DTAU, check_run, mps_thermal_table
from lindbath.progress import progress

__all__ = ["convergence", "real_pauli_operator", "reference_table"]

log = logging.getLogger(__name__)

METHODS = ("exact", "mps", "auto")
# units of each observable's values (attributes of the tables)
UNITS = {name: "energy (units of J = 1, hbar = 1)" if name == "energy" else "1"
         for name in OBSERVABLES}


def real_pauli_operator(N: int, ops: dict[int, str]) -> sp.csr_matrix:
    """Sparse real 2^N matrix R of the Pauli string P = {site (0-based): "X"|"Y"|"Z"} with each
    sigma^y replaced by -i sigma^y = [[0, -1], [1, 0]], so that P = i^(number of Y) R."""
    result = sp.identity(1, format="csr")
    previous = -1
    for site in sorted(ops):
        factor = (-1j * PAULI[LABELS.index(ops[site])]).real if ops[site] == "Y" \
            else PAULI[LABELS.index(ops[site])].real
        result = sp.kron(sp.kron(result, sp.identity(2 ** (site - previous - 1))), factor)
        previous = site
    return sp.csr_matrix(sp.kron(result, sp.identity(2 ** (N - previous - 1))))


def _sector_diagonals(chain: Chain, hamiltonian: sp.spmatrix, sector: Sector,
                      operators: dict) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Energies E_n of one block and <n|P|n> of every observable, shape (positions, dim).

    The eigenvectors are real, so a string with an odd number k of sigma^y (i times a real
    antisymmetric matrix) has zero diagonal, and one with even k gives (-1)^(k/2) <n|R|n>.
    In a reflection sector the mirrored string has the same diagonal (computed once).
    ``operators`` caches the sparse strings R between blocks."""
    energies, vectors = la.eigh(sector_block(hamiltonian, sector).toarray())
    done: dict[tuple, np.ndarray] = {}

    def diagonal(ops: dict[int, str]) -> np.ndarray:
        key = tuple(sorted(ops.items()))
        mirror = tuple(sorted((chain.N - 1 - site, label) for site, label in key))
        if sector.reflection and mirror in done:  # <n|P|n> = <n|R P R|n> in a sector of R
            return done[mirror]
        n_y = sum(label == "Y" for label in ops.values())
        if n_y % 2:
            return np.zeros(energies.size)
        if key not in operators:
            operators[key] = real_pauli_operator(chain.N, ops)
        block = sector_block(operators[key], sector)
        done[key] = (-1) ** (n_y // 2) * np.einsum("in,in->n", vectors, block @ vectors)
        return done[key]

    return energies, local_observables(chain, diagonal)


def exact_values(chain: Chain, betas: np.ndarray) -> tuple[dict[str, np.ndarray], dict]:
    """Thermal values of every observable, shape (beta, position), from one diagonalization
    per symmetry block; diagnostics: sector count, largest block, ground energy, wall time."""
    start, hamiltonian = time.perf_counter(), chain.hamiltonian()
    sectors = symmetry_sectors(chain)
    energies, parts, operators = [], [], {}
    for sector in sectors:
        e, values = _sector_diagonals(chain, hamiltonian, sector, operators)
        energies.append(e)
        parts.append(values)
        log.info("N=%d sector %s (dim %d) done, %.1f s", chain.N, sector.label, sector.dim,
                 time.perf_counter() - start)
    energies = np.concatenate(energies)
    weights = gibbs_weights(energies, betas)
    values = {name: (np.concatenate([p[name] for p in parts], axis=1) @ weights).T
              for name in OBSERVABLES}
    diagnostics = {"n_sectors": len(sectors), "max_sector_dim": max(s.dim for s in sectors),
                   "ground_energy": float(energies.min()),
                   "wall_time_s": time.perf_counter() - start}
    return values, diagnostics


def mps_values(chain: Chain, betas: np.ndarray, **options) -> tuple[dict[str, np.ndarray], dict]:
    """Thermal values, shape (beta, position), from one purification run over the whole grid
    (lindbath.mps.purification.mps_thermal_table; ``options``: chi, dtau, cutoff, order);
    diagnostics: max bond dimension, discarded weight, wall time and the truncation
    verdict truncation_error, converged (lindbath.mps.purification.truncation_verdict)."""
    table = mps_thermal_table(chain, betas, **options)
    values = {name: table[name].values for name in OBSERVABLES}
    keys = ("max_bond", "discarded_weight", "max_discarded", "wall_time_s", "truncation_error",
            "converged")
    return values, {key: table.attrs[key] for key in keys}


def _validated_grid(lengths: Sequence[int], betas: Sequence[float],
                    method: str) -> tuple[list[int], np.ndarray]:
    validation.choice("method", method, METHODS)
    maximum = EXACT_MAX_N if method == "exact" else None
    lengths = sorted({validation.integer("N_ref", n, 2, maximum) for n in lengths})
    betas = np.unique([validation.real("beta", b, 0.0) for b in np.atleast_1d(betas)])
    if not lengths or not betas.size:
        raise ValueError("lengths and betas must each hold at least one value")
    return lengths, betas


def _length_method(method: str, N: int) -> str:
    """'exact' or 'mps' for one reference length (method 'auto': exact up to EXACT_MAX_N)."""
    if method == "auto":
        return "exact" if N <= EXACT_MAX_N else "mps"
    return method


def _check_options(method: str, chi_check: int | None, options: dict) -> dict:
    """Purification options (chi, dtau, cutoff, order, truncation) are for mps lengths only;
    chi_check, if given, must differ from chi."""
    if method == "exact" and (options or chi_check is not None):
        raise ValueError(f"options {sorted(options) + ['chi_check'] * (chi_check is not None)} "
                         "apply to method='mps' or 'auto' only")
    options = {"chi": DEFAULT_CHI, **options}
    if chi_check is not None:
        validation.integer("chi_check", chi_check, minimum=1)
        if chi_check == options["chi"]:
            raise ValueError(f"chi_check must differ from chi={options['chi']}; got {chi_check}")
    return options


def reference_table(chain: Mapping[str, Any] | Any, lengths: Sequence[int],
                    betas: Sequence[float], method: str = "exact",
                    chi_check: int | None = None, **options) -> xr.Dataset:
    """Thermal reference values <O_l>(N_ref, beta) of [P] Sec. IV.1.

    Variables: every observable over (N_ref, beta, site|bond), NaN-padded; per N_ref the
    method, bond dimension chi (0: exact) and diagnostics (wall time, sector count, ...);
    the Fig. 1 convergence data of :func:`convergence`.  Purification lengths and betas are
    checked against lindbath.mps.purification.check_run before any work.

    Parameters
    ----------
    chain : mapping or Chain-like
        A dict or object with J, Delta, hx, hz ([P] Eq. 1); its N, if any, is ignored.
    lengths : sequence of int
        The reference lengths N_ref, >= 2 (method="exact": <= 14); sorted, duplicates dropped.
    betas : sequence of float
        The beta grid, >= 0; sorted, duplicates dropped.
    method : {"exact", "mps", "auto"}, default "exact"
        "exact": diagonalization in symmetry blocks; "mps": purification
        (lindbath.mps.purification.mps_thermal_table); "auto": exact up to EXACT_MAX_N (14),
        purification beyond.
    chi_check : int or None, default None
        Purification lengths only: run each a second time at this bond dimension (>= 1,
        != chi), stored as <name>_chi_check, so that effective_beta can include the
        truncation error.
    **options
        Purification settings of mps_thermal_table: chi (128), dtau (0.02), cutoff (1e-18),
        order (4), truncation ("qr"); method="mps" or "auto" only.

    Returns
    -------
    xarray.Dataset
        The table; attributes J, Delta, hx, hz, method and converged (:func:`table_verdict`:
        0 if some purification length failed its truncation verdict), chi_check if given.

    Raises
    ------
    InputError
        An unknown method, a length < 2 (or > 14 with method="exact"), a beta < 0, a bad
        chi_check, or a purification grid beyond check_run's limits.
    ValueError
        Missing chain parameters, an empty grid, options or chi_check with method="exact",
        or chi_check equal to chi.

    References
    ----------
    [P] Sec. IV.1 and Fig. 1; docs/conventions.md, "Reference tables and effective
    temperatures".
    """
    params = chain_parameters(chain)
    lengths, betas = _validated_grid(lengths, betas, method)
    options = _check_options(method, chi_check, options)
    methods = [_length_method(method, N) for N in lengths]
    if "mps" in methods:
        check_run(lengths[-1], betas, options.get("dtau", DEFAULT_DTAU))
    chis = [options["chi"] if m == "mps" else 0 for m in methods]
    table = _table(params, lengths, betas, methods, options)
    table["reference_method"] = ("N_ref", methods, {"long_name": "exact or mps (purification)"})
    table["chi"] = ("N_ref", chis, {"long_name": "bond dimension (0: exact)", "units": "1"})
    if chi_check is not None and "mps" in methods:
        check = _table(params, lengths, betas, methods, {**options, "chi": chi_check},
                       only="mps")
        table = table.merge(_chi_check(table, check)).assign_attrs(chi_check=chi_check)
    return table_verdict(table.merge(convergence(table)))


def table_verdict(table: xr.Dataset) -> xr.Dataset:
    """``table`` with the attribute converged = 1 unless some purification length has
    diag_converged = 0 (its truncation verdict); exact lengths count as converged."""
    flags = table.get("diag_converged")
    ok = flags is None or bool((flags.fillna(1) != 0).all())
    return table.assign_attrs(converged=int(ok))


def _table(params: dict, lengths: list[int], betas: np.ndarray, methods: list[str],
           options: dict, only: str | None = None) -> xr.Dataset:
    """Observables over (N_ref, beta, site|bond) and diagnostics per N_ref (NaN where a
    length's method does not report a diagnostic, or where ``only`` skips the length)."""
    longest = max(lengths)
    padded = {name: np.full((len(lengths), betas.size, longest - (observable_dim(name) == "bond")),
                            np.nan) for name in OBSERVABLES}
    diagnostics: dict[str, np.ndarray] = {}
    start = time.perf_counter()
    rows = progress(list(zip(lengths, methods, strict=True)), desc="reference lengths",
                    unit="N_ref", leave=True)
    for i, (N, method) in enumerate(rows):
        if only not in (None, method):
            continue
        chain = Chain(N, **params)
        values, diag = exact_values(chain, betas) if method == "exact" else \
            mps_values(chain, betas, **options)
        for name, array in values.items():
            padded[name][i, :, :array.shape[1]] = array
        for key, value in diag.items():
            diagnostics.setdefault(key, np.full(len(lengths), np.nan))[i] = value
        log.info("N_ref=%d (%s) done (%d betas), %.1f s total", N, method, betas.size,
                 time.perf_counter() - start)
    data = {name: (("N_ref", "beta", observable_dim(name)), array,
                   {"long_name": f"thermal {LONG_NAMES[name]}", "units": UNITS[name]})
            for name, array in padded.items()}
    data.update({f"diag_{k}": ("N_ref", v) for k, v in diagnostics.items()})
    coords = {"N_ref": lengths, "beta": betas, "site": np.arange(1, longest + 1),
              "bond": np.arange(1, longest)}
    return xr.Dataset(data, coords=coords, attrs={**params, "method": "+".join(sorted(
        set(methods))), "table": "thermal reference values"})


def _chi_check(table: xr.Dataset, check: xr.Dataset) -> xr.Dataset:
    """<name>_chi_check values and truncation_error = max |O(chi) - O(chi_check)| per N_ref."""
    out = {f"{name}_chi_check": check[name].assign_attrs(
        long_name=f"thermal {LONG_NAMES[name]} at bond dimension chi_check", units=UNITS[name])
        for name in OBSERVABLES}
    differences = [np.abs(table[name] - check[name]).max(("beta", observable_dim(name)))
                   for name in OBSERVABLES]
    error = xr.concat(differences, "observable").max("observable")
    out["truncation_error"] = error.where(table["chi"] > 0).assign_attrs(
        long_name="max over observables, positions and beta of |O(chi) - O(chi_check)|",
        units="1")
    return xr.Dataset(out)


def middle_values(table: xr.Dataset, name: str) -> xr.DataArray:
    """<O> at the middle site (N+1)//2 or bond N//2 of each reference chain, over (N_ref, beta)."""
    dim = observable_dim(name)
    positions = [middle_position(int(N), dim) for N in table["N_ref"].values]
    return table[name].sel({dim: xr.DataArray(positions, dims="N_ref")}).drop_vars(dim)


def convergence(table: xr.Dataset) -> xr.Dataset:
    """[P] Fig. 1: middle_<O> over (N_ref, beta) and, for consecutive reference lengths
    N1 < N2, delta_<O> = |O_N2(beta) - O_N1(beta)| in the middle of the chain over (pair, beta)."""
    lengths = table["N_ref"].values
    out = {}
    for name in OBSERVABLES:
        middle = middle_values(table, name)
        out[f"middle_{name}"] = middle.assign_attrs(
            long_name=f"thermal {LONG_NAMES[name]} in the middle of the chain",
            units=UNITS[name])
        out[f"delta_{name}"] = xr.DataArray(
            np.abs(np.diff(middle.values, axis=0)), dims=("pair", "beta"),
            attrs={"long_name": f"|O_N2 - O_N1| of middle {name}, consecutive N_ref",
                   "units": UNITS[name]})
    coords = {"pair": np.arange(lengths.size - 1), "N1": ("pair", lengths[:-1]),
              "N2": ("pair", lengths[1:])}
    return xr.Dataset(out).assign_coords(coords)
