"""Effective inverse temperatures beta_O(l) ([P] Secs. IV.1-IV.2; docs/conventions.md,
"Thermometry").

For a value O_l of observable O at site (or bond) l of a steady state, beta_O(l) is the beta at
which the reference thermal value equals O_l.  Reference curves come from a table of
lindbath.analysis.tables.reference_table.

Matching (which reference position a site or bond is compared with):

- match="site" (default): site l (bond b) of an N-site state against site l (bond b) of the
  Gibbs state of the same N-site chain, exact up to N = 14 and by purification beyond.  A
  Gibbs state reads back its own beta everywhere (the null test,
  benchmarks/thermometry_null_test.py).  The check is the same length at the table's second
  bond dimension chi_check (purification lengths only).
- match="edge_bulk" ([P]): site 1 and bond 1 against the reference chain's own first
  site/bond, site N and bond N-1 against its last, every other site against the reference
  middle (site (n+1)//2, bond n//2) of the chain of length n = n_ref (default: the longest in
  the table); the check is the next shorter length (and chi_check).  This is [P]'s
  construction; its bias on a Gibbs state of length N != n_ref is measured in
  docs/conventions.md.

Each curve is inverted by lindbath.analysis.inversion: cubic spline, every root, the branch
chosen by the *energy temperature* beta_E of the same place (the bond energy of a bond; the
sum of the one or two bond energies next to a site, a monotone thermometer), the nearest
other root kept as beta_other_root, flags 0-4 of that module, an interpolation error bar
(beta_error) and the reference error (beta_reference_error: the check curves' difference at
the root, in beta).  beta_O is NaN whenever the flag is nonzero: never an extrapolation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.inversion import (
    FLAG_MEANINGS,
    FLAG_VALUES,
    Inversion,
    ReferenceCurve,
    invert,
)
from lindbath.errors import InputError
from lindbath.model.chain import PARAMETERS
from lindbath.model.observables import OBSERVABLES, middle_position, observable_dim
from lindbath.model.state import State

__all__ = ["DEFAULT_REFERENCE_TOL", "DEFAULT_TOL", "FLAG_MEANINGS", "FLAG_VALUES",
           "INVERSE_ENERGY", "SHORT_NAMES", "check_parameters", "effective_beta",
           "figures_of_merit", "result_values"]

MATCHES = ("site", "edge_bulk")
DEFAULT_TOL = 1e-3
DEFAULT_REFERENCE_TOL = 0.02
INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"
SHORT_NAMES = {"sx": "x", "sy": "y", "sz": "z", "sxsx": "xx", "sysy": "yy", "szsz": "zz",
               "energy": "e"}


def result_values(result: State | xr.Dataset, observable: str) -> tuple[np.ndarray, dict]:
    """The observable's values and the chain parameters of a State or State.to_dataset()."""
    if isinstance(result, State):
        return result.expect(observable), result.chain.params
    if observable not in result:
        raise ValueError(f"observable {observable!r} is not in the result dataset")
    return np.asarray(result[observable].values, dtype=float), _scalars(result)


def check_parameters(params: dict, table: xr.Dataset) -> None:
    """Refuse a table built for another Hamiltonian, or one (or a result) that does not say
    which: both must carry J, Delta, hx, hz (attributes or scalar coordinates)."""
    table_params = _scalars(table)
    for name, found in (("result", params), ("table", table_params)):
        missing = [key for key in PARAMETERS if key not in found]
        if missing:
            raise ValueError(f"the {name} must carry the chain parameters {', '.join(missing)} "
                             "(as reference_table and State.to_dataset write them)")
    for key in PARAMETERS:
        if not np.isclose(params[key], table_params[key], rtol=0, atol=1e-12):
            raise ValueError(f"{key} of the result ({params[key]}) differs from the table's "
                             f"({table_params[key]}): the table was built for another chain")


def sorted_by_beta(table: xr.Dataset) -> xr.Dataset:
    """``table`` with its beta grid increasing (a table with permuted betas holds the same
    curves); InputError if a beta repeats (two values for one temperature)."""
    betas = table["beta"].values
    if np.unique(betas).size != betas.size:
        raise InputError(f"the table's beta grid repeats a value; got {betas.tolist()}")
    return table.sortby("beta")


def _scalars(ds: xr.Dataset) -> dict:
    """Attributes and scalar coordinates of a Dataset, the coordinates winning."""
    coords = {str(k): v.item() for k, v in ds.coords.items() if v.ndim == 0}
    return {**ds.attrs, **coords}


def reference_positions(N: int, n_ref: int, dim: str, match: str) -> np.ndarray:
    """1-based reference site/bond used for each site/bond of an N-site result (module doc)."""
    count = N - 1 if dim == "bond" else N
    if match == "site":
        return np.arange(1, count + 1)
    positions = np.full(count, middle_position(n_ref, dim))
    positions[-1] = n_ref - 1 if dim == "bond" else n_ref
    positions[0] = 1
    return positions


def effective_beta(result: State | xr.Dataset, table: xr.Dataset, observable: str,
                   n_ref: int | None = None, match: str = "site",
                   tol: float = DEFAULT_TOL,
                   reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """beta_O(l) for every site (or bond) l of ``result`` ([P] Sec. IV.2; module docstring).

    Parameters
    ----------
    result : State or xarray.Dataset
        A steady (or thermal) state, or its State.to_dataset(); its chain parameters must
        equal the table's.
    table : xarray.Dataset
        A reference table of lindbath.analysis.tables.reference_table.
    observable : str
        One of OBSERVABLES: "sx", "sy", "sz" (per site), "sxsx", "sysy", "szsz", "energy" and
        the cross correlations (per bond).
    n_ref : int or None, default None
        match="edge_bulk": the reference length (default: the longest in the table); ignored
        by match="site".
    match : {"site", "edge_bulk"}, default "site"
        Which reference position each site or bond is compared with (module docstring).
    tol : float, default 1e-3
        Largest accepted interpolation error bar, relative to max(|beta|, 0.01), > 0
        (flag 3, unresolved, beyond).
    reference_tol : float, default 0.02
        Largest accepted reference error, relative to max(|beta|, 0.01), > 0 (flag 4,
        unconverged_reference, beyond).

    Returns
    -------
    xarray.Dataset
        Over ``site`` or ``bond``: beta_eff (NaN unless flag == 0), flag
        (lindbath.analysis.inversion), beta_error (interpolation error bar),
        beta_reference_error (finite-size and truncation error of the reference),
        beta_other_root, beta_hint (the energy temperature that chose the branch),
        reference_position, value; attributes observable, n_ref, n_ref_check (-1: none),
        match, tol, reference_tol.

    Raises
    ------
    InputError
        An unknown observable or match, tol or reference_tol <= 0, an n_ref not in the table,
        or a table whose beta grid repeats a value.
    ValueError
        The result's Hamiltonian differs from the table's, the result lacks the observable,
        or (match="site") the result's length is not in the table.

    References
    ----------
    [P] Secs. IV.1-IV.2 and Fig. 2; docs/conventions.md, "Thermometry".
    """
    validation.choice("observable", observable, OBSERVABLES)
    validation.choice("match", match, MATCHES)
    tol = validation.real("tol", tol, 0.0, strict=True)
    reference_tol = validation.real("reference_tol", reference_tol, 0.0, strict=True)
    values, params = result_values(result, observable)
    check_parameters(params, table)
    table = sorted_by_beta(table)
    dim = observable_dim(observable)
    N = values.size + (dim == "bond")
    n_ref = _reference_length(table, N, n_ref, match)
    lengths = [n_ref] + _check_lengths(table, n_ref, match)
    hints = _energy_hints(result, table, lengths, N, dim, match, tol, reference_tol)
    curves = _curves(table, observable, lengths, N, dim, match)
    inversions = [invert(c[0], v, c[1:], hint.beta, hint.error + _zero(hint.reference_error),
                         tol, reference_tol)
                  for c, v, hint in zip(curves, values, hints, strict=True)]
    return _dataset(inversions, hints, values, observable,
                    reference_positions(N, n_ref, dim, match), dim,
                    {"observable": observable, "n_ref": n_ref, "match": match, "tol": tol,
                     "n_ref_check": lengths[1] if len(lengths) > 1 else -1,
                     "reference_tol": reference_tol})


def _zero(x: float) -> float:
    return x if np.isfinite(x) else 0.0


def _dataset(inversions: list[Inversion], hints: list[Inversion], values: np.ndarray,
             observable: str, positions: np.ndarray, dim: str, attrs: dict) -> xr.Dataset:
    """The Dataset of effective_beta from the per-position inversions."""
    def column(items: list[Inversion], field: str) -> np.ndarray:
        return np.array([getattr(item, field) for item in items])

    beta_attrs = {"units": INVERSE_ENERGY}
    data = {
        "beta_eff": (dim, column(inversions, "beta"), {
            **beta_attrs, "long_name": f"effective inverse temperature from {observable}"}),
        "flag": (dim, column(inversions, "flag").astype(int), {
            "long_name": "inversion flag (0 = ok)", "units": "1", "flag_values": FLAG_VALUES,
            "flag_meanings": FLAG_MEANINGS}),
        "beta_error": (dim, column(inversions, "error"), {
            **beta_attrs, "long_name": "interpolation error bar of beta_eff"}),
        "beta_reference_error": (dim, column(inversions, "reference_error"), {
            **beta_attrs, "long_name": "finite-size and truncation error of the reference "
                                       "(check curves at the root)"}),
        "beta_other_root": (dim, column(inversions, "other_root"), {
            **beta_attrs, "long_name": "nearest other root of a non-monotone reference curve"}),
        "beta_hint": (dim, column(hints, "beta"), {
            **beta_attrs, "long_name": "energy temperature that chose the branch"}),
        "reference_position": (dim, positions, {"long_name": "reference site or bond",
                                                "units": "1"}),
        "value": (dim, values, {"long_name": f"steady-state {observable}", "units": "1"}),
    }
    return xr.Dataset(data, coords={dim: np.arange(1, values.size + 1)}, attrs=attrs)


def _reference_length(table: xr.Dataset, N: int, n_ref: int | None, match: str) -> int:
    """The reference length: N for match='site', else ``n_ref`` (default: the longest)."""
    lengths = [int(n) for n in table["N_ref"].values]
    if match == "site":
        if n_ref not in (None, N) or N not in lengths:
            raise ValueError(f"match='site' needs the chain length {N} in the table's N_ref "
                             f"{lengths} (and n_ref None or {N}); got n_ref={n_ref}")
        return N
    return max(lengths) if n_ref is None else validation.choice("n_ref", n_ref, lengths)


def _check_lengths(table: xr.Dataset, n_ref: int, match: str) -> list[int]:
    """The next shorter reference length (edge_bulk only; match='site' compares the same
    chain, which has no finite-size error), or none."""
    shorter = [int(n) for n in table["N_ref"].values if n < n_ref]
    return [max(shorter)] if shorter and match == "edge_bulk" else []


def _sources(table: xr.Dataset, name: str, lengths: list[int], N: int, dim: str,
             match: str) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Reference arrays (beta, position) of ``name`` with the reference position of each of
    the result's positions and the reference length: each of ``lengths``, then the
    chi_check variable of the first length where the table has one."""
    sources = [(table[name].sel(N_ref=n).values, n) for n in lengths]
    check = table.get(f"{name}_chi_check")
    if check is not None and bool(np.isfinite(check.sel(N_ref=lengths[0])).any()):
        sources.append((check.sel(N_ref=lengths[0]).values, lengths[0]))
    return [(array, reference_positions(N, n, dim, match), n) for array, n in sources]


def _curves(table: xr.Dataset, name: str, lengths: list[int], N: int, dim: str,
            match: str) -> list[list[ReferenceCurve]]:
    """Per position of the result: [primary, checks...] reference curves of ``name``."""
    betas = table["beta"].values
    sources = _sources(table, name, lengths, N, dim, match)
    return [[ReferenceCurve(betas, array[:, positions[i] - 1])
             for array, positions, _ in sources] for i in range(sources[0][1].size)]


def _window(position: int, n: int, dim: str, k: int) -> np.ndarray:
    """1-based bonds of an n-site chain within k bonds of a site's neighbouring bonds (l-1,
    l) or of a bond b itself."""
    low, high = (position - 1 - k, position + k) if dim == "site" else \
        (position - k, position + k)
    return np.arange(max(low, 1), min(high, n - 1) + 1)


def _energy_hints(result: State | xr.Dataset, table: xr.Dataset, lengths: list[int], N: int,
                  dim: str, match: str, tol: float, reference_tol: float) -> list[Inversion]:
    """beta_E of each position: the energy of the smallest window of bonds around it (the
    bond itself, or the bonds next to a site, grown by one bond on each side at a time)
    whose reference curve is monotone on the table's grid (single bond energies of an open
    chain can turn around; the total energy cannot), inverted like any observable."""
    energies, _ = result_values(result, "energy")
    betas = table["beta"].values
    sources = _sources(table, "energy", lengths, N, dim, match)
    hints = []
    for i, position in enumerate(np.arange(1, N + (dim == "site"))):
        for k in range(N):
            curves = [ReferenceCurve(betas, a[:, _window(r[i], n, dim, k) - 1].sum(axis=1))
                      for a, r, n in sources]
            if curves[0].flat or curves[0].turns.size == 0:
                break
        value = float(energies[_window(position, N, dim, k) - 1].sum())
        hints.append(invert(curves[0], value, curves[1:], tol=tol, reference_tol=reference_tol))
    return hints


def figures_of_merit(result: State | xr.Dataset, table: xr.Dataset,
                     observables: Sequence[str] = ("sx", "sz", "szsz"), reference: str = "sz",
                     n_ref: int | None = None, tol: float = DEFAULT_TOL,
                     reference_tol: float = DEFAULT_REFERENCE_TOL,
                     match: str = "site") -> xr.Dataset:
    """Named figures of merit of docs/conventions.md ([P] Figs. 2-5): beta_x, beta_z,
    beta_zz, ... at the middle site (N+1)//2 or bond N//2 of the result, with their flags, and
    the ratios beta_<o>/beta_<reference> (e.g. ratio_x_z = beta_x/beta_z, ratio_zz_z), and
    each one's reference error reference_error_<o> (see effective_beta; flag 4 when it
    exceeds reference_tol |beta|), all with the same ``match`` (effective_beta).

    Parameters
    ----------
    result : State or xarray.Dataset
        As in effective_beta.
    table : xarray.Dataset
        A reference table of lindbath.analysis.tables.reference_table.
    observables : sequence of str, default ("sx", "sz", "szsz")
        The observables O whose middle beta_O is reported.
    reference : str, default "sz"
        The denominator of the ratios; one of ``observables``.
    n_ref : int or None, default None
        As in effective_beta.
    tol : float, default 1e-3
        As in effective_beta.
    reference_tol : float, default 0.02
        As in effective_beta.
    match : {"site", "edge_bulk"}, default "site"
        As in effective_beta.

    Returns
    -------
    xarray.Dataset
        0-d variables beta_<o>, flag_<o>, reference_error_<o> per observable (<o> its short
        name: x, y, z, xx, yy, zz, e) and ratio_<o>_<reference>; attributes n_ref, reference,
        tol, reference_tol, match, flag_meanings.

    Raises
    ------
    InputError
        ``reference`` not among ``observables``, or any error of effective_beta.
    ValueError
        As in effective_beta.

    References
    ----------
    [P] Sec. IV.2 and Figs. 2-5; docs/conventions.md, "Thermometry".
    """
    validation.choice("reference", reference, observables)
    data, attrs = {}, {}
    for observable in observables:
        profile = effective_beta(result, table, observable, n_ref, match, tol, reference_tol)
        dim = observable_dim(observable)
        middle = profile.sel({dim: middle_position(profile.sizes[dim] + (dim == "bond"), dim)})
        short = SHORT_NAMES[observable]
        data[f"beta_{short}"] = float(middle["beta_eff"])
        data[f"flag_{short}"] = int(middle["flag"])
        data[f"reference_error_{short}"] = float(middle["beta_reference_error"])
        attrs["n_ref"] = profile.attrs["n_ref"]
    base = data[f"beta_{SHORT_NAMES[reference]}"]
    for observable in observables:
        if observable != reference:
            short = SHORT_NAMES[observable]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.float64(data[f"beta_{short}"]) / base
            data[f"ratio_{short}_{SHORT_NAMES[reference]}"] = float(ratio)
    return xr.Dataset({k: ((), v) for k, v in data.items()},
                      attrs={**attrs, "reference": reference, "tol": tol,
                             "reference_tol": reference_tol, "match": match,
                             "flag_meanings": FLAG_MEANINGS})
