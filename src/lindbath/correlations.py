"""Two-time correlations in the steady state (seed 003, Sec. IV.3, Eq. 12; physics.md Sec. 6).

    C(t) = Tr[ A e^{L' t}( B rho ) ] - <A><B>,   <A> = Tr(A rho), <B> = Tr(B rho)

rho is the steady state of L (by default) or a given state; L' is L with every bath's
gamma replaced by gamma' (``gamma_evolve``; 0 switches the baths off).  A and B are
single-site Pauli operators, by default A = B = sigma^z_N.

Exact route (N <= 10), in the Pauli basis of pauli.py (rho = sum_s c_s P_s / 2^N):
B rho has complex coefficients d (Pauli-string products, ``left_multiply``), and since
Tr(P_A X) = x_A for X = sum_s x_s P_s / 2^N,

    full(t) = [e^{L' t} d]_A = (e^{L'^T t} e_A) . d,

so the real vector e_A is propagated with the real matrix L'^T (Heisenberg picture) by an
Arnoldi (Krylov) propagator with dense output and a posteriori error control; no matrix
exponential of the 4^N-dimensional generator is ever formed.  The MPS route (long chains)
is lindbath.tensor_networks.mps_correlation.

Datasets: dim ``t``, complex variables ``connected`` = C(t) and ``full`` = C(t) + <A><B>.
netCDF has no complex type: ``split_complex`` stores each as ``<name>_real`` and
``<name>_imag`` (attribute ``complex_parts``), ``join_complex`` restores them.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import time
from collections.abc import Sequence

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import xarray as xr

from lindbath import validation
from lindbath.baths import Bath
from lindbath.hamiltonians import Chain
from lindbath.liouvillian import check_baths, is_davies, liouvillian, steady_state
from lindbath.pauli import LABELS, PAULI, string_index
from lindbath.states import SITE_OBSERVABLES, State

log = logging.getLogger(__name__)
METHODS = ("exact", "mps")
EXACT_MAX_N = 10
EXACT_OPTIONS = ("krylov_dim", "krylov_tol", "solver", "tol", "maxiter")
STEADY_OPTIONS = ("solver", "tol", "maxiter")
COMPLEX_VARIABLES = ("connected", "full")
TRACE_TOL = 1e-8
TIME_ATTRS = {"long_name": "time t", "units": "hbar / energy unit (J = 1)"}


def _product_table() -> tuple[np.ndarray, np.ndarray]:
    """sigma^a sigma^p = phase[a, p] sigma^{index[a, p]} for Pauli indices 0..3 (I, X, Y, Z)."""
    index = np.bitwise_xor.outer(np.arange(4), np.arange(4))  # X=1, Y=2, Z=3: XY -> Z etc.
    phase = np.array([[np.trace(PAULI[index[a, p]].conj().T @ PAULI[a] @ PAULI[p]) / 2
                       for p in range(4)] for a in range(4)])
    return index, phase


PRODUCT_INDEX, PRODUCT_PHASE = _product_table()


def left_multiply(coeffs: np.ndarray, label: str, site: int, N: int) -> np.ndarray:
    """Pauli coefficients of sigma^label_site X from those of X (any N-site operator).

    With X = sum_s x_s P_s / 2^N and sigma^b P_s = phase(b, p) P_s' (p = the Pauli of P_s on
    ``site``, s' = s with that digit replaced by b xor p), the result is y_s' = phase x_s.
    """
    b = LABELS.index(label)
    digit = 4 ** (N - 1 - site)
    s = np.arange(4**N, dtype=np.int64)
    p = (s // digit) % 4
    out = np.zeros(4**N, dtype=complex)
    out[s + (PRODUCT_INDEX[b, p] - p) * digit] = PRODUCT_PHASE[b, p] * coeffs
    return out


def correlation(chain: Chain, baths: Sequence[Bath], times: Sequence[float] | np.ndarray,
                observable: str | tuple[str, str] = "sz", site: int | tuple[int, int] = -1,
                gamma_evolve: float | None = None, method: str = "exact",
                state: State | np.ndarray | None = None, **options) -> xr.Dataset:
    """Two-time correlation C(t) = Tr[A e^{L' t}(B rho)] - <A><B> (seed 003, Eq. 12).

    observable, site: A = B = sigma^observable on ``site`` (0-based array index, negative
    counts from the end; default the last site N), or a pair (A, B) for each.
    gamma_evolve: None keeps every bath's gamma in L'; a number replaces it (0: baths off).
    state: rho (exact only): Pauli coefficients c_s = Tr(P_s rho) or a State with .pauli;
    default the steady state of (chain, baths).
    method="exact" (N <= 10) options: krylov_dim (30), krylov_tol (1e-10, bound on the
    propagated vector's error), and solver, tol, maxiter for lb.steady_state.
    method="mps": options go to lindbath.tensor_networks.mps_correlation (A = B only).

    Returns an xarray Dataset over dim ``t`` with complex variables ``connected`` and
    ``full`` and attributes: chain, baths, observables, sites, gamma_evolve, method,
    <A>, <B>, steady-state residual and propagation diagnostics.
    """
    validation.choice("method", method, METHODS)
    times = _check_times(times)
    (label_a, site_a), (label_b, site_b) = _operators(chain, observable, site)
    gamma = None if gamma_evolve is None else validation.real("gamma_evolve", gamma_evolve, 0.0)
    check_baths(chain, baths)
    if is_davies(baths):
        raise ValueError("baths must be two-site baths ('db', 'fr', 'local') for correlation; "
                         "got kind='davies'")
    if method == "mps":
        result = _mps(chain, baths, times, (label_a, site_a), (label_b, site_b), gamma, state,
                      options)
    else:
        result = _exact(chain, baths, times, (label_a, site_a), (label_b, site_b), gamma, state,
                        options)
    attrs = {**chain.params, "method": method, "gamma_evolve": "none" if gamma is None else gamma,
             "observable_a": f"s{label_a.lower()}", "site_a": site_a + 1,
             "observable_b": f"s{label_b.lower()}", "site_b": site_b + 1,
             "expect_a": result["expect_A"], "expect_b": result["expect_B"],
             **{f"bath_{i}": bath.describe() for i, bath in enumerate(baths)},
             **{f"bath_evolve_{i}": bath.describe()
                for i, bath in enumerate(_evolution_baths(baths, gamma))},
             **{f"diag_{k}": v for k, v in result["diagnostics"].items()}}
    return _dataset(times, result["full"], result["expect_A"] * result["expect_B"], attrs)


def _check_times(times: Sequence[float] | np.ndarray) -> np.ndarray:
    """A 1-D, finite, non-negative, strictly increasing time grid."""
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"times must be a non-empty 1-D sequence; got shape {t.shape}")
    if not np.all(np.isfinite(t)) or t[0] < 0 or np.any(np.diff(t) <= 0):
        raise ValueError("times must be finite, >= 0 and strictly increasing")
    return t


def _operators(chain: Chain, observable: str | tuple[str, str],
               site: int | tuple[int, int]) -> tuple[tuple[str, int], tuple[str, int]]:
    """((label_A, site_A), (label_B, site_B)) with labels in X, Y, Z and 0-based sites."""
    pair = isinstance(observable, tuple | list)
    names = tuple(observable) if pair else (observable, observable)
    sites = (site, site) if np.ndim(site) == 0 else tuple(site)
    if len(names) != 2 or len(sites) != 2:
        raise ValueError("observable and site must be single values or pairs (A, B)")
    out = []
    for name, where in zip(names, sites, strict=True):
        validation.choice("observable", name, SITE_OBSERVABLES)
        index = validation.integer("site", where, minimum=-chain.N, maximum=chain.N - 1)
        out.append((name[1].upper(), index % chain.N))
    return out[0], out[1]


def _evolution_baths(baths: Sequence[Bath], gamma: float | None) -> list[Bath]:
    """The baths of L': every gamma replaced by ``gamma`` unless it is None."""
    if gamma is None:
        return list(baths)
    return [dataclasses.replace(bath, gamma=gamma) for bath in baths]


def _exact(chain: Chain, baths: Sequence[Bath], times: np.ndarray, op_a: tuple[str, int],
           op_b: tuple[str, int], gamma: float | None, state: State | np.ndarray | None,
           options: dict) -> dict:
    """full(t) = (e^{L'^T t} e_A) . d with d the Pauli coefficients of B rho (module doc)."""
    for key in options:
        validation.choice("option", key, EXACT_OPTIONS)
    if chain.N > EXACT_MAX_N:
        raise ValueError(f"N must be <= {EXACT_MAX_N} for method='exact'; got N={chain.N}")
    krylov_dim = validation.integer("krylov_dim", options.get("krylov_dim", 30), minimum=2)
    krylov_tol = validation.real("krylov_tol", options.get("krylov_tol", 1e-10), 0.0, True)
    rho, diagnostics = _initial_state(chain, baths, state,
                                      {k: options[k] for k in STEADY_OPTIONS if k in options})
    index_a = string_index(chain.N, {op_a[1]: op_a[0]})
    index_b = string_index(chain.N, {op_b[1]: op_b[0]})
    d = left_multiply(rho, op_b[0], op_b[1], chain.N)
    start = time.perf_counter()
    generator = liouvillian(chain, _evolution_baths(baths, gamma)).T.tocsr()
    log.info("L'^T built: dimension %d, %d nonzeros in %.1f s", generator.shape[0],
             generator.nnz, time.perf_counter() - start)
    e_a = np.zeros(4**chain.N)
    e_a[index_a] = 1.0
    full, propagation = krylov_observe(generator, e_a, times, d, krylov_dim, krylov_tol)
    diagnostics.update({f"propagation_{k}": v for k, v in propagation.items()})
    return {"full": full, "expect_A": float(rho[index_a]), "expect_B": float(rho[index_b]),
            "diagnostics": diagnostics}


def _initial_state(chain: Chain, baths: Sequence[Bath], state: State | np.ndarray | None,
                   steady_options: dict) -> tuple[np.ndarray, dict]:
    """Pauli coefficients of rho (given, or the steady state) and their diagnostics."""
    if state is None:
        steady = steady_state(chain, baths, **steady_options)
        details = {f"steady_{k}": v for k, v in steady.diagnostics.items()}
        return steady.pauli, {"state": "steady", "steady_residual": steady.residual, **details}
    coeffs = state.pauli if isinstance(state, State) else state
    if coeffs is None:
        raise ValueError("state has no Pauli coefficients (method='exact' states only)")
    coeffs = np.asarray(coeffs)
    if coeffs.shape != (4**chain.N,) or np.iscomplexobj(coeffs):
        raise ValueError(f"state must hold 4^N = {4**chain.N} real Pauli coefficients; "
                         f"got shape {coeffs.shape}, dtype {coeffs.dtype}")
    if abs(coeffs[0] - 1.0) > TRACE_TOL:
        raise ValueError(f"state must have trace c_0 = 1; got {coeffs[0]}")
    details = {"state": "given"}
    if isinstance(state, State):
        details.update(state_kind=state.kind, state_method=state.method,
                       state_residual=state.residual)
    return coeffs.astype(float), details


def _mps(chain: Chain, baths: Sequence[Bath], times: np.ndarray, op_a: tuple[str, int],
         op_b: tuple[str, int], gamma: float | None, state: State | np.ndarray | None,
         options: dict) -> dict:
    """Dispatch to lindbath.tensor_networks.mps_correlation (A = B only, own steady state)."""
    if op_a != op_b:
        raise ValueError("method='mps' needs A = B (one observable and one site); got "
                         f"A = {op_a}, B = {op_b} (label, 0-based site)")
    if state is not None:
        raise ValueError("state must be None for method='mps' (it uses its own steady state)")
    from lindbath.tensor_networks import mps_correlation

    result = mps_correlation(chain, baths, times, f"s{op_a[0].lower()}", op_a[1], gamma,
                             **options)
    return {"full": np.asarray(result["full"], dtype=complex),
            "expect_A": float(result["expect_A"]), "expect_B": float(result["expect_B"]),
            "diagnostics": dict(result["diagnostics"])}


def _dataset(times: np.ndarray, full: np.ndarray, product: float, attrs: dict) -> xr.Dataset:
    connected = full - product
    data = {"full": ("t", full, {"long_name": "Tr[A e^{L't}(B rho)] (seed 003, Eq. 12)"}),
            "connected": ("t", connected,
                          {"long_name": "C(t) = Tr[A e^{L't}(B rho)] - <A><B> (seed 003, Eq. 12)"})}
    return xr.Dataset(data, coords={"t": ("t", times, TIME_ATTRS)}, attrs=attrs)


def krylov_observe(op: sp.csr_matrix, v: np.ndarray, times: np.ndarray, weights: np.ndarray,
                   krylov_dim: int = 30, tol: float = 1e-10) -> tuple[np.ndarray, dict]:
    """weights . e^{op t} v for every t in ``times`` (sorted, >= 0), op real sparse, v real.

    Arnoldi steps (Saad 1992; Hochbruck and Lubich 1997): with op V_m = V_m H_m +
    h v_{m+1} e_m^T, e^{op tau} v ~ |v| V_m e^{tau H_m} e_1, and the error estimate
    |v| |F[m, 0]|, F = expm(tau [[H_m, 0], [h e_m^T, 0]]) (= |v| h int_0^tau e_m^T e^{s H_m}
    e_1 ds).  Each step takes a tau whose estimate is <= tol |v0| tau / t_end (so the
    estimates add up to <= tol |v0|) and reports every grid time inside it from the same
    basis (dense output).
    """
    start, t_end = time.perf_counter(), times[-1]
    out = np.zeros(times.size, dtype=complex)
    target = tol * np.linalg.norm(v) / max(t_end, 1e-300)
    now, tau, done = 0.0, t_end, int(np.count_nonzero(times == 0))
    out[:done] = weights @ v
    stats = {"steps": 0, "matvecs": 0, "error_estimate": 0.0, "min_step": t_end, "max_step": 0.0}
    while done < times.size:
        norm = np.linalg.norm(v)
        basis, hessenberg = _arnoldi(op, v / norm, min(krylov_dim, v.size))
        m = hessenberg.shape[1]
        tau, error, step_exp = _step(hessenberg, norm, min(2 * tau, t_end - now), target)
        stop = times.size if now + tau >= t_end else np.searchsorted(times, now + tau, "right")
        projected = basis[:m] @ weights.real + 1j * (basis[:m] @ weights.imag)
        out[done:stop] = norm * _dense_output(hessenberg[:m], times[done:stop] - now) @ projected
        v = norm * basis[:m].T @ step_exp[:m, 0]
        now, done = now + tau, int(stop)
        stats.update(steps=stats["steps"] + 1, matvecs=stats["matvecs"] + m,
                     error_estimate=stats["error_estimate"] + error,
                     min_step=min(stats["min_step"], tau), max_step=max(stats["max_step"], tau))
        log.info("Krylov step %d: t = %.4g (tau = %.3g, m = %d, error estimate %.1e), %.1f s",
                 stats["steps"], now, tau, m, error, time.perf_counter() - start)
    stats.update(krylov_dim=krylov_dim, tol=tol, wall_time_s=time.perf_counter() - start)
    return out, stats


def _dense_output(h: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Rows e^{s h} e_1 for increasing offsets s, chained as e^{(s_j - s_j-1) h} e^{s_j-1 h} e_1
    so that a uniform grid needs only two small matrix exponentials."""
    rows = np.zeros((offsets.size, h.shape[0]))
    y, previous, spacing, step = np.eye(h.shape[0])[0], 0.0, np.nan, None
    for j, s in enumerate(offsets):
        if not abs(s - previous - spacing) <= 1e-13 * max(s, 1.0):
            spacing = s - previous
            step = la.expm(spacing * h)
        y = step @ y
        rows[j], previous = y, s
    return rows


def _arnoldi(op: sp.csr_matrix, v: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal rows V (m+1, n) and Hessenberg H (m+1, m) with op V[:m].T = V.T H,
    classical Gram-Schmidt applied twice; stops early on an invariant subspace (then
    H has k+1 rows with a zero last row)."""
    basis = np.zeros((m + 1, v.size))
    hessenberg = np.zeros((m + 1, m))
    basis[0] = v
    for j in range(m):
        w = op @ basis[j]
        scale = np.linalg.norm(w)
        for _ in range(2):
            coeff = basis[: j + 1] @ w
            w -= basis[: j + 1].T @ coeff
            hessenberg[: j + 1, j] += coeff
        hessenberg[j + 1, j] = np.linalg.norm(w)
        if hessenberg[j + 1, j] <= 1e-13 * max(scale, 1e-300):
            hessenberg[j + 1, j] = 0.0
            return basis[: j + 2], hessenberg[: j + 2, : j + 1]
        basis[j + 1] = w / hessenberg[j + 1, j]
    return basis, hessenberg


def _step(hessenberg: np.ndarray, norm: float, tau_max: float,
          target: float) -> tuple[float, float, np.ndarray]:
    """Nearly the longest tau <= tau_max with error estimate <= target tau: starting at
    tau_max, tau is rescaled by the estimate's ~tau^m growth relative to target tau
    (shrinking by 0.1 to 0.5, growing by 1.1 to 4 per try).  Returns (tau, estimate, F) with
    F = expm(tau augmented H), whose top-left block is expm(tau H_m)."""
    m = hessenberg.shape[1]
    augmented = np.zeros((m + 1, m + 1))
    augmented[:, :m] = hessenberg
    tau, accepted = tau_max, None
    while True:
        exp = la.expm(tau * augmented)
        error = norm * abs(exp[m, 0]) if np.all(np.isfinite(exp)) else np.inf
        scale = 0.9 * (target * tau / error) ** (1.0 / m) if error > 0 else np.inf
        if error <= target * tau:
            accepted = (tau, error, exp)
            if tau >= tau_max or scale < 1.1:
                return accepted
            tau = min(tau_max, tau * min(scale, 4.0))
        elif accepted is not None:
            return accepted
        elif tau < 1e-12:
            raise ArithmeticError("Krylov propagation cannot meet its tolerance")
        else:
            tau *= max(0.1, min(0.5, scale))


def reflection_time(c_short: xr.Dataset, c_long: xr.Dataset, tol: float,
                    variable: str = "connected") -> float:
    """First t with |C_N(t) - C_N'(t)| > tol, C_N' a longer chain on the same grid: when the
    boundary is felt at the observed site (seed 003, Fig. 6, vertical line); NaN if never."""
    tol = validation.real("tol", tol, 0.0, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t = c_short["t"].values
    if c_long["t"].size != t.size or not np.allclose(c_long["t"].values, t):
        raise ValueError("c_short and c_long must share the same time grid t")
    beyond = np.nonzero(np.abs(c_short[variable].values - c_long[variable].values) > tol)[0]
    return float(t[beyond[0]]) if beyond.size else float("nan")


def fit_power_law(ds: xr.Dataset, t_min: float, t_max: float,
                  variable: str = "connected") -> dict:
    """Least-squares fit log|C(t)| = log(prefactor) - exponent log(t) on t_min <= t <= t_max
    (the early power-law decay of seed 003, Fig. 7).

    Returns exponent, prefactor, window (t_min, t_max), points, and residual: the rms of
    the log residuals (0 for an exact power law).
    """
    t_min = validation.real("t_min", t_min, 0.0, strict=True)
    t_max = validation.real("t_max", t_max, t_min, strict=True)
    validation.choice("variable", variable, COMPLEX_VARIABLES)
    t = ds["t"].values
    inside = (t >= t_min) & (t <= t_max)
    magnitude = np.abs(ds[variable].values[inside])
    if inside.sum() < 2 or np.any(magnitude == 0):
        raise ValueError(f"fit window [{t_min}, {t_max}] must hold >= 2 times with C != 0")
    x, y = np.log(t[inside]), np.log(magnitude)
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    return {"exponent": float(-slope), "prefactor": float(np.exp(intercept)),
            "window": (t_min, t_max), "points": int(inside.sum()),
            "residual": float(np.sqrt(np.mean(residual**2)))}


def split_complex(ds: xr.Dataset) -> xr.Dataset:
    """netCDF-storable copy: each complex variable V becomes V_real and V_imag."""
    out = ds.copy()
    names = [name for name, var in ds.data_vars.items() if np.iscomplexobj(var)]
    for name in names:
        out[f"{name}_real"] = ds[name].real.assign_attrs(ds[name].attrs, part="real")
        out[f"{name}_imag"] = ds[name].imag.assign_attrs(ds[name].attrs, part="imag")
    out.attrs["complex_parts"] = " ".join(names)
    return out.drop_vars(names)


def join_complex(ds: xr.Dataset) -> xr.Dataset:
    """Inverse of split_complex (e.g. after xr.open_dataset)."""
    out = ds.copy()
    names = str(ds.attrs.get("complex_parts", "")).split()
    for name in names:
        attrs = {k: v for k, v in ds[f"{name}_real"].attrs.items() if k != "part"}
        out[name] = (ds[f"{name}_real"] + 1j * ds[f"{name}_imag"]).assign_attrs(attrs)
    out.attrs.pop("complex_parts", None)
    return out.drop_vars([f"{n}_{part}" for n in names for part in ("real", "imag")])


def setup_correlation(parser: argparse.ArgumentParser):
    """``lindbath correlation``: C(t) on t = linspace(0, t_max, num_times), stored with
    split_complex (variables connected_real/imag, full_real/imag)."""
    from lindbath.cli import (
        add_chain_arguments,
        add_mps_arguments,
        chain_from,
        mps_options,
        parse_bath,
    )

    add_chain_arguments(parser)
    parser.add_argument("--bath", action="append", required=True, metavar="KIND,EDGE,BETA,GAMMA",
                        help="repeatable; the study uses one left bath, e.g. db,left,0.5,1")
    parser.add_argument("--t-max", type=float, required=True, help="last time of the grid")
    parser.add_argument("--num-times", type=int, default=201, help="grid points (default 201)")
    parser.add_argument("--observable", default="sz", choices=SITE_OBSERVABLES)
    parser.add_argument("--site", type=int, default=-1, help="0-based, negative from the end")
    parser.add_argument("--gamma-evolve", type=float, default=None,
                        help="gamma' of every bath during the evolution (default: unchanged)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain, baths = chain_from(args), [parse_bath(b) for b in args.bath]
        num = validation.integer("num_times", args.num_times, minimum=1)
        t_max = validation.real("t_max", args.t_max, 0.0, strict=num > 1)
        ds = correlation(chain, baths, np.linspace(0.0, t_max, num), args.observable,
                         args.site, args.gamma_evolve, args.method, **mps_options(args))
        return split_complex(ds)

    return run
