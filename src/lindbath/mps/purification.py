"""Thermal states exp(-beta H)/Z by purification in the Pauli basis ([P] Sec. IV.1): one
imaginary-time TEBD run from the identity through a whole beta grid.

The tables evolve sigma(beta) = exp(-beta H/2) and measure <O> = Tr(sigma O sigma) /
Tr(sigma^2): sigma's operator entanglement is smaller than that of rho = exp(-beta H), so at
the same chi it is truncated less (benchmarks/README.md, "bench_tenpy.py").  The steady-state
solver starts from rho itself (evolve="rho")."""

from __future__ import annotations

import logging
import math
import time
import warnings
from collections.abc import Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.errors import InputError
from lindbath.model.chain import Chain
from lindbath.model.observables import LONG_NAMES, OBSERVABLES, observable_dim
from lindbath.model.state import State
from lindbath.mps.generators import purification_blocks
from lindbath.mps.pauli_mps import (
    PauliMPS,
    Propagator,
    Truncation,
    observables,
    square_observables,
)
from lindbath.progress import progress

__all__ = ["DEFAULT_CHI", "DEFAULT_DTAU", "MAX_N", "MAX_STEPS", "TRUNCATION_TOL", "check_run",
           "mps_thermal_state", "mps_thermal_table", "thermal_operator"]

log = logging.getLogger(__name__)
DEFAULT_CHI = 128  # purification bond dimension unless chi is given
DEFAULT_DTAU = 0.02  # imaginary-time step in beta unless dtau is given
DEFAULT_CUTOFF = 1e-18  # <O> from sigma turns a discarded weight eps into ~sqrt(eps)
TRUNCATION_TOL = 1e-4  # sqrt(summed discarded weight) above this: converged = 0
MAX_N = 1024  # longest chain purified (cost ~ N chi^3 per step)
MAX_STEPS = 100_000  # most imaginary-time steps of one run: beta_max / dtau
EVOLVED = {"sigma": "sigma = exp(-beta H/2), <O> = Tr(sigma O sigma)/Tr(sigma^2)",
           "rho": "rho = exp(-beta H), <O> = Tr(O rho)/Tr(rho)"}


def purify(chain: Chain, betas: np.ndarray, chi: int, dtau: float, cutoff: float,
           order: int, truncation: str = "qr", evolve: str = "sigma"
           ) -> tuple[list[dict[str, np.ndarray]], PauliMPS, Truncation]:
    """Imaginary-time TEBD of d X/d tau = -{H, X}/2 from X(0) = I through the sorted grid
    ``betas``, steps <= ``dtau`` in beta; returns the observables at each beta, the final
    MPS and the truncation stats.

    evolve="sigma": run to tau = beta/2, X = sigma = exp(-beta H/2), observables
    Tr(sigma O sigma)/Tr(sigma^2); evolve="rho": run to tau = beta, X = rho = exp(-beta H),
    observables Tr(O rho)/Tr(rho)."""
    validation.choice("evolve", evolve, tuple(EVOLVED))
    scale, measure = (0.5, square_observables) if evolve == "sigma" else (1.0, observables)
    trunc = Truncation(chi, cutoff, truncation)
    propagator = Propagator(purification_blocks(chain), order)
    mps = PauliMPS.identity(chain.N)
    results, done, start = [], 0.0, time.perf_counter()
    for beta in progress(betas, desc=f"purification N={chain.N} chi={chi}", unit="beta"):
        span = beta - done
        if span > 0:
            steps = math.ceil(span / dtau - 1e-9)
            propagator.evolve(mps, steps, scale * span / steps, trunc)
            done = beta
        results.append(measure(chain, mps))
        log.info("purification N=%d chi=%d: beta=%.4g bond %d discarded %.1e (%.0f s)",
                 chain.N, chi, beta, max(mps.bond_dimensions(), default=1), trunc.discarded,
                 time.perf_counter() - start)
    return results, mps, trunc


def check_run(N: int, betas: Sequence[float], dtau: float) -> np.ndarray:
    """The grid ``betas`` (non-empty, increasing, >= 0) of a purification of N sites at step
    ``dtau``, refused (InputError naming N or beta) beyond MAX_N sites or MAX_STEPS steps
    (beta <= MAX_STEPS dtau: 2000 at the default dtau 0.02), before any work."""
    validation.integer("N", N, minimum=2, maximum=MAX_N)
    dtau = validation.real("dtau", dtau, 0.0, strict=True)
    betas = np.asarray([validation.real("beta", b, 0.0, maximum=MAX_STEPS * dtau)
                        for b in np.atleast_1d(betas)])
    if betas.size == 0 or np.any(np.diff(betas) <= 0):
        raise InputError(f"betas must be a non-empty increasing grid; got {betas.tolist()}")
    return betas


def truncation_verdict(trunc: Truncation, chain: Chain, chi: int) -> dict:
    """{"truncation_error", "converged"}: truncation_error = sqrt(summed discarded weight)
    (<O> from sigma turns a discarded weight eps into an error ~sqrt(eps); at N = 10,
    beta = 2 it overestimates the largest observable error 10-100x), converged = 1 iff it is
    <= TRUNCATION_TOL, else 0 with a RuntimeWarning naming chi."""
    error = trunc.error()
    if error > TRUNCATION_TOL:
        warnings.warn(f"purification N={chain.N}: bond dimension chi={chi} is too small: "
                      f"discarded weight {trunc.discarded:.2e}, estimated observable error "
                      f"{error:.1e} > {TRUNCATION_TOL:g}; converged = 0 (increase chi)",
                      RuntimeWarning, stacklevel=3)
    return {"truncation_error": error, "converged": int(error <= TRUNCATION_TOL)}


def mps_thermal_table(chain: Chain, betas: Sequence[float], chi: int = DEFAULT_CHI,
                      dtau: float = DEFAULT_DTAU, cutoff: float = DEFAULT_CUTOFF, order: int = 4,
                      truncation: str = "qr") -> xr.Dataset:
    """Reference table of thermal observables over a beta grid in ONE purification run
    ([P] Sec. IV.1, Fig. 1).

    Purification in the Pauli basis: sigma(beta) = exp(-beta H/2) by TEBD of
    d sigma/d beta = -{H, sigma}/4 from sigma(0) = I, <O> = Tr(sigma O sigma)/Tr(sigma^2)
    (purify, evolve="sigma").  Accuracy against exact diagonalization in chi and dtau:
    benchmarks/README.md.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1), N <= MAX_N (1024).
    betas : sequence of float
        Non-empty, increasing grid, >= 0 and <= MAX_STEPS dtau (check_run).
    chi : int, default 128
        Largest bond dimension (DEFAULT_CHI).
    dtau : float, default 0.02
        Largest step in beta, > 0 (DEFAULT_DTAU).
    cutoff : float, default 1e-18
        SVD cutoff of the discarded weight (DEFAULT_CUTOFF).
    order : int, default 4
        Order of the Trotter splitting (lindbath.mps.pauli_mps.ORDERS).
    truncation : {"qr", "svd"}, default "qr"
        Bond truncation of lindbath.mps.pauli_mps.Truncation.

    Returns
    -------
    xarray.Dataset
        sx, sy, sz over (beta, site) and sxsx, sysy, szsz, energy and the cross correlations
        over (beta, bond); attributes: chain parameters, chi, dtau, cutoff, order,
        truncation, the truncation diagnostics (max_bond, discarded_weight, ...) and the
        verdict truncation_error, converged (truncation_verdict: converged = 0 with a
        RuntimeWarning when sqrt(discarded weight) > TRUNCATION_TOL).

    Raises
    ------
    InputError
        N or the grid beyond the limits of check_run, dtau <= 0, a beta < 0 or an empty or
        non-increasing grid.

    References
    ----------
    [P] Sec. IV.1 and Fig. 1; docs/conventions.md, "Tensor networks".
    """
    betas = check_run(chain.N, betas, dtau)
    start = time.perf_counter()
    results, mps, trunc = purify(chain, betas, chi, dtau, cutoff, order, truncation)
    wall = time.perf_counter() - start
    log.info("purification N=%d chi=%d to beta=%g: %.1f s, max bond %d, discarded %.2e",
             chain.N, chi, betas[-1], wall, trunc.max_bond, trunc.discarded)
    data = {}
    for name in OBSERVABLES:
        data[name] = xr.Variable(("beta", observable_dim(name)),
                                 np.array([r[name] for r in results]),
                                 {"long_name": LONG_NAMES[name]})
    coords = {"beta": betas, "site": np.arange(1, chain.N + 1), "bond": np.arange(1, chain.N)}
    attrs = {"state": "thermal", "method": "mps-purification", "evolved": EVOLVED["sigma"],
             **chain.params, "chi": chi,
             "dtau": dtau, "cutoff": cutoff, "order": order, "truncation": truncation,
             "max_bond": trunc.max_bond,
             "discarded_weight": trunc.discarded, "max_discarded": trunc.max_discarded,
             "wall_time_s": wall, **truncation_verdict(trunc, chain, chi)}
    return xr.Dataset(data, coords=coords, attrs=attrs)


def mps_thermal_state(chain: Chain, beta: float, chi: int = DEFAULT_CHI, dtau: float = DEFAULT_DTAU,
                      cutoff: float = DEFAULT_CUTOFF, order: int = 4, truncation: str = "qr"
                      ) -> State:
    """Thermal state exp(-beta H)/Z by purification in the Pauli basis (see
    mps_thermal_table).

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1), N <= MAX_N.
    beta : float
        Inverse temperature, >= 0 and <= MAX_STEPS dtau.
    chi : int, default 128
        As in mps_thermal_table.
    dtau : float, default 0.02
        As in mps_thermal_table.
    cutoff : float, default 1e-18
        As in mps_thermal_table.
    order : int, default 4
        As in mps_thermal_table.
    truncation : {"qr", "svd"}, default "qr"
        As in mps_thermal_table.

    Returns
    -------
    State
        kind "thermal", method "mps", residual 0; diagnostics: chi, dtau, cutoff, order,
        truncation, max bond, discarded weight, wall time and the verdict truncation_error,
        converged (truncation_verdict).

    Raises
    ------
    InputError
        As in mps_thermal_table.

    References
    ----------
    [P] Sec. IV.1; docs/conventions.md, "Tensor networks".
    """
    table = mps_thermal_table(chain, [beta], chi, dtau, cutoff, order, truncation)
    values = {name: table[name].values[0] for name in table.data_vars}
    keys = ("chi", "dtau", "cutoff", "order", "truncation", "max_bond", "discarded_weight",
            "max_discarded", "wall_time_s", "truncation_error", "converged")
    diagnostics = {key: table.attrs[key] for key in keys}
    return State(chain, "thermal", "mps", values, 0.0, diagnostics, {"beta": float(beta)})


def thermal_operator(chain: Chain, beta: float, chi: int, cutoff: float) -> PauliMPS:
    """Thermal MPS exp(-beta H)/Z (purification of rho, dtau = 0.025, fourth order),
    trace 1: the starting state of the steady-state searches (close to the answer)."""
    _, mps, _ = purify(chain, np.array([beta]), chi, 0.025, cutoff, 4, evolve="rho")
    mps.log_scale -= np.log(mps.trace())
    return mps
