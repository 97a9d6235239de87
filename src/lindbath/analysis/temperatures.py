"""Effective inverse temperatures beta_O(l) ([P] Secs. IV.1-IV.2).

For a value O_l of observable O at site (or bond) l of a steady state, beta_O(l) is the beta at
which the reference thermal value equals O_l.  Reference curves come from a table of
lindbath.analysis.tables.reference_table.  With match="edge_bulk" ([P]): site 1 and bond 1 use
the reference chain's own first site/bond, site N and bond N-1 its last (the mirrored edge),
every other site the reference middle (site (n+1)//2, bond n//2) of the reference chain of
length n = n_ref (default: the longest in the table).  With match="site", site l uses site l
of the reference chain of the same length N (site-resolved finite-size reference).

Inversion: the curve O(beta) on the table's grid is split into strictly monotone stretches; a
value reached on one stretch only is found by root finding (brentq) on the stretch's
monotone PCHIP interpolant.  A non-monotone curve (e.g. the middle <sigma^z> of an
antiferromagnet in a field, which turns around near beta ~ 0.6: docs/conventions.md) is
inverted on the one branch that reaches the value and flagged where two branches do: the
branch is never guessed.  Flags (CF-style ``flag_values``/``flag_meanings``):

    0 ok            beta_O found;
    1 out_of_range  value outside [min, max] of the curve over the table's betas (or NaN);
    2 non_monotone  value reached on more than one monotone stretch, or on a flat stretch
                    (steps below 1e-12 relative: a constant curve such as <sigma^y>), or
                    on an earlier stretch while the last stretch, continued linearly past
                    beta_max over the grid's span again, would reach it too (a second root
                    beyond the table);
    3 too_coarse    the stretch has fewer than 3 grid points, or the interpolation error
                    estimate |beta_pchip - beta_linear| exceeds ``tol``;
    4 unconverged_reference
                    the reference itself is not converged: beta_O found against the longest
                    length N_ref and against the next shorter length N_ref' (and, for a
                    purification table, against the same length at the check bond dimension
                    chi_check) differ by more than ``reference_tol`` |beta_O|, or one of those
                    checks finds no beta at all.

beta_O is NaN whenever the flag is nonzero: never an extrapolation.  Every beta_O carries
beta_reference_error = max(|beta(N_ref) - beta(N_ref')|, |beta(chi) - beta(chi_check)|), the
finite-size (and truncation) error of the reference; NaN where the table has no check.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xarray as xr
from scipy.interpolate import PchipInterpolator
from scipy.optimize import brentq

from lindbath import validation
from lindbath.model.chain import PARAMETERS
from lindbath.model.observables import OBSERVABLES, middle_position, observable_dim
from lindbath.model.state import State

OK, OUT_OF_RANGE, NON_MONOTONE, TOO_COARSE, UNCONVERGED_REFERENCE = 0, 1, 2, 3, 4
FLAG_MEANINGS = "ok out_of_range non_monotone too_coarse unconverged_reference"
FLAG_VALUES = [OK, OUT_OF_RANGE, NON_MONOTONE, TOO_COARSE, UNCONVERGED_REFERENCE]
MATCHES = ("edge_bulk", "site")
DEFAULT_TOL = 1e-3
DEFAULT_REFERENCE_TOL = 0.02
INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"
FLAT_TOL = 1e-12
SHORT_NAMES = {"sx": "x", "sy": "y", "sz": "z", "sxsx": "xx", "sysy": "yy", "szsz": "zz",
               "energy": "e"}


def monotone_stretches(curve: np.ndarray) -> np.ndarray:
    """Stretch id of each grid interval [i, i+1]: maximal runs of intervals with the same
    sign of curve[i+1] - curve[i]; flat intervals (|difference| <= FLAT_TOL max(1, max|curve|),
    round-off of a constant curve) get id -1."""
    steps = np.diff(curve)
    signs = np.where(np.abs(steps) <= FLAT_TOL * max(1.0, float(np.abs(curve).max())), 0.0,
                     np.sign(steps))
    ids = np.cumsum(np.concatenate([[1], signs[1:] != signs[:-1]])) - 1
    return np.where(signs == 0, -1, ids)


def locate(curve: np.ndarray, value: float) -> tuple[int, int, np.ndarray]:
    """(flag, i, points): the first grid interval [i, i+1] bracketing ``value`` and the grid
    points of the one monotone stretch holding it (flag OK), or the flag that says why none."""
    none = np.zeros(0, dtype=int)
    if not np.isfinite(value) or not np.all(np.isfinite(curve)):
        return OUT_OF_RANGE, -1, none
    noise = FLAT_TOL * max(1.0, float(np.abs(curve).max()))
    if curve.max() - curve.min() <= noise:  # constant up to round-off: no beta can be told
        return (NON_MONOTONE if abs(value - curve.mean()) <= noise else OUT_OF_RANGE), -1, none
    if not curve.min() <= value <= curve.max():
        return OUT_OF_RANGE, -1, none
    shifted = curve - value
    hits = np.flatnonzero(shifted[:-1] * shifted[1:] <= 0)
    stretches = monotone_stretches(curve)
    ids = stretches[hits]
    if np.any(ids < 0) or np.unique(ids).size > 1:
        return NON_MONOTONE, -1, none
    if ids[0] != stretches[-1] and _reaches_beyond(curve, value):
        return NON_MONOTONE, -1, none
    intervals = np.flatnonzero(stretches == ids[0])
    return OK, int(hits[0]), np.arange(intervals[0], intervals[-1] + 2)


def _reaches_beyond(curve: np.ndarray, value: float) -> bool:
    """Whether the curve's last stretch, continued linearly past the grid's end over as many
    points again as the grid has, would reach ``value``: then a second root may lie beyond
    the table, and a value found on an earlier stretch is not unique."""
    slope = curve[-1] - curve[-2]
    return bool(slope * (value - curve[-1]) > 0 and abs(value - curve[-1]) <= abs(slope)
                * (curve.size - 1))


def invert_curve(betas: np.ndarray, curve: np.ndarray, value: float,
                 tol: float = DEFAULT_TOL) -> tuple[float, int, float]:
    """beta with curve(beta) = value on a sorted grid: (beta, flag, error estimate).

    Root of the PCHIP interpolant of the one monotone stretch holding the value (brentq);
    error estimate |beta_pchip - beta_linear| (NaN when no root is sought).  Flags as in the
    module docstring; beta is NaN unless the flag is OK."""
    betas, curve = np.asarray(betas, dtype=float), np.asarray(curve, dtype=float)
    flag, i, points = locate(curve, value)
    if flag != OK or points.size < 3:
        return np.nan, TOO_COARSE if flag == OK else flag, np.nan
    interpolant = PchipInterpolator(betas[points], curve[points])
    a, b = betas[i], betas[i + 1]
    linear = a + (value - curve[i]) * (b - a) / (curve[i + 1] - curve[i])
    if value in (curve[i], curve[i + 1]):
        beta = a if value == curve[i] else b
    else:
        beta = brentq(lambda x: interpolant(x) - value, a, b, xtol=1e-14, rtol=1e-14)
    error = abs(beta - linear)
    if error > tol:
        return np.nan, TOO_COARSE, error
    return float(beta), OK, error


def _result_values(result: State | xr.Dataset, observable: str) -> tuple[np.ndarray, dict]:
    """The observable's values and the chain parameters of a State or State.to_dataset()."""
    if isinstance(result, State):
        return result.expect(observable), result.chain.params
    if observable not in result:
        raise ValueError(f"observable {observable!r} is not in the result dataset")
    return np.asarray(result[observable].values, dtype=float), _scalars(result)


def _check_parameters(params: dict, table: xr.Dataset) -> None:
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
                   n_ref: int | None = None, match: str = "edge_bulk",
                   tol: float = DEFAULT_TOL,
                   reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """beta_O(l) for every site (or bond) l of ``result`` ([P] Sec. IV.2).

    Returns a Dataset over ``site`` or ``bond`` with beta_eff (NaN unless flag == 0), flag
    (module docstring), beta_error (interpolation error estimate), beta_reference_error
    (finite-size and truncation error of the reference), reference_position, value;
    attributes observable, n_ref, n_ref_check (-1: none), match, tol, reference_tol.  Raises
    ValueError if the result's Hamiltonian differs from the table's, or if n_ref is not in
    the table."""
    validation.choice("observable", observable, OBSERVABLES)
    validation.choice("match", match, MATCHES)
    tol = validation.real("tol", tol, 0.0, strict=True)
    reference_tol = validation.real("reference_tol", reference_tol, 0.0, strict=True)
    values, params = _result_values(result, observable)
    _check_parameters(params, table)
    dim = observable_dim(observable)
    N = values.size + (dim == "bond")
    n_ref = _reference_length(table, N, n_ref, match)
    primary = _invert(table[observable], n_ref, N, dim, match, values, tol)
    checked = _check_lengths(table, n_ref, match)
    checks = [_invert(table[observable], n, N, dim, match, values, tol) for n in checked]
    truncation = table.get(f"{observable}_chi_check")
    if truncation is not None and bool(np.isfinite(truncation.sel(N_ref=n_ref)).any()):
        checks.append(_invert(truncation, n_ref, N, dim, match, values, tol))
    beta, flag, error = _reference_check(primary, checks, reference_tol)
    positions = reference_positions(N, n_ref, dim, match)
    data = {
        "beta_eff": (dim, beta, {"long_name": f"effective inverse temperature from "
                                 f"{observable}", "units": INVERSE_ENERGY}),
        "flag": (dim, flag, {"long_name": "inversion flag (0 = ok)", "units": "1",
                             "flag_values": FLAG_VALUES, "flag_meanings": FLAG_MEANINGS}),
        "beta_error": (dim, primary[:, 2], {"long_name": "|beta_pchip - beta_linear|",
                                            "units": INVERSE_ENERGY}),
        "beta_reference_error": (dim, error, {
            "long_name": "finite-size and truncation error of the reference: max |beta(N_ref) "
                         "- beta(check)|", "units": INVERSE_ENERGY}),
        "reference_position": (dim, positions, {"long_name": "reference site or bond",
                                                "units": "1"}),
        "value": (dim, values, {"long_name": f"steady-state {observable}", "units": "1"}),
    }
    attrs = {"observable": observable, "n_ref": n_ref, "match": match, "tol": tol,
             "n_ref_check": checked[0] if checked else -1, "reference_tol": reference_tol}
    return xr.Dataset(data, coords={dim: np.arange(1, values.size + 1)}, attrs=attrs)


def _reference_length(table: xr.Dataset, N: int, n_ref: int | None, match: str) -> int:
    """The reference length: N for match='site', else ``n_ref`` (default: the longest)."""
    lengths = [int(n) for n in table["N_ref"].values]
    if match == "site":
        if n_ref not in (None, N) or N not in lengths:
            raise ValueError(f"match='site' needs n_ref equal to the chain length {N} and in the "
                             f"table's N_ref {lengths}; got n_ref={n_ref}")
        return N
    return max(lengths) if n_ref is None else validation.choice("n_ref", n_ref, lengths)


def _check_lengths(table: xr.Dataset, n_ref: int, match: str) -> list[int]:
    """The next shorter reference length (edge_bulk only; match='site' compares the same
    chain, which has no finite-size error), or none."""
    shorter = [int(n) for n in table["N_ref"].values if n < n_ref]
    return [max(shorter)] if shorter and match == "edge_bulk" else []


def _invert(reference: xr.DataArray, n_ref: int, N: int, dim: str, match: str,
            values: np.ndarray, tol: float) -> np.ndarray:
    """(beta, flag, interpolation error) per position, shape (positions, 3)."""
    positions = reference_positions(N, n_ref, dim, match)
    curves = reference.sel(N_ref=n_ref)
    betas = curves["beta"].values
    return np.array([invert_curve(betas, curves.sel({dim: p}).values, v, tol)
                     for p, v in zip(positions, values, strict=True)])


def _reference_check(primary: np.ndarray, checks: list[np.ndarray], reference_tol: float
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """beta, flag and beta_reference_error from the primary inversion and its checks: flag 4
    where a check gives no beta or differs by more than reference_tol |beta|."""
    beta, flag = primary[:, 0].copy(), primary[:, 1].astype(int)
    if not checks:
        return beta, flag, np.full(beta.size, np.nan)
    others = np.stack([c[:, 0] for c in checks])
    failed = np.any(np.stack([c[:, 1] for c in checks]) != OK, axis=0)
    with np.errstate(invalid="ignore"):
        error = np.abs(others - beta).max(axis=0)
    error = np.where((flag == OK) & ~failed, error, np.nan)
    bad = (flag == OK) & (failed | (error > reference_tol * np.abs(beta)))
    flag[bad], beta[bad] = UNCONVERGED_REFERENCE, np.nan
    return beta, flag, error


def figures_of_merit(result: State | xr.Dataset, table: xr.Dataset,
                     observables: Sequence[str] = ("sx", "sz", "szsz"), reference: str = "sz",
                     n_ref: int | None = None, tol: float = DEFAULT_TOL,
                     reference_tol: float = DEFAULT_REFERENCE_TOL) -> xr.Dataset:
    """Named figures of merit of docs/conventions.md ([P] Figs. 2-5): beta_x, beta_z,
    beta_zz, ... at the middle site (N+1)//2 or bond N//2 of the result, with their flags, and
    the ratios beta_<o>/beta_<reference> (e.g. ratio_x_z = beta_x/beta_z, ratio_zz_z), and
    each one's reference error reference_error_<o> (see effective_beta; flag 4 when it
    exceeds reference_tol |beta|)."""
    validation.choice("reference", reference, observables)
    data, attrs = {}, {}
    for observable in observables:
        profile = effective_beta(result, table, observable, n_ref, "edge_bulk", tol,
                                 reference_tol)
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
                             "reference_tol": reference_tol, "flag_meanings": FLAG_MEANINGS})
