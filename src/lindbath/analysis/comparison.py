"""How thermal is a steady state?  Distances to exp(-beta H)/Z for the four bath models.

[L] contrasts local (phenomenological) with global (microscopic) baths; here the chain's
local, FR, DB and Davies baths (docs/conventions.md) are ranked by the trace distance of their
steady state, and of its two-site reduced states, to the Gibbs state at beta_bath, and by
the spread of the effective temperatures of different observables at the middle of the chain
([P] Sec. IV.2: a thermal state has one beta for every observable), relative to their
mean.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.tables import reference_table
from lindbath.analysis.temperatures import (
    FLAG_MEANINGS,
    FLAG_VALUES,
    SHORT_NAMES,
    figures_of_merit,
)
from lindbath.exact.sparse import exact_steady_state
from lindbath.model.baths import KINDS, make_bath
from lindbath.model.chain import Chain
from lindbath.model.density import reduced_pair, trace_distance
from lindbath.model.gibbs import gibbs_state
from lindbath.model.pauli import from_pauli
from lindbath.model.state import State

__all__ = ["rank_bath_models", "spread_grid", "temperature_spread"]

log = logging.getLogger(__name__)
COMPARE_MAX_N = 8
SPREAD_OBSERVABLES = ("sx", "sz", "sxsx", "szsz", "energy")


def thermal_distances(rho: np.ndarray, gibbs: np.ndarray) -> dict[str, float]:
    """Trace distances to the Gibbs state: full state, edge pair (1, 2), middle pair."""
    N = int(round(np.log2(rho.shape[0])))
    middle = N // 2 - 1
    return {
        "full": trace_distance(rho, gibbs),
        "edge_pair": trace_distance(reduced_pair(rho, 0), reduced_pair(gibbs, 0)),
        "middle_pair": trace_distance(reduced_pair(rho, middle), reduced_pair(gibbs, middle)),
    }


def temperature_spread(state: State, table: xr.Dataset
                       ) -> tuple[np.ndarray, np.ndarray, float]:
    """beta_O at the middle site (bond) for O in SPREAD_OBSERVABLES, NaN where the inversion
    is flagged, their inversion flags (lindbath.analysis.temperatures), and the relative
    spread of these thermometers, (max_O beta_O - min_O beta_O) / mean_O beta_O over the
    valid ones (NaN if fewer than two). It is normalised by the state's own effective
    temperature, not by beta_bath: a middle much hotter than its baths would otherwise look
    uniform, and a state thermal at some beta != beta_bath has zero spread. The table must
    hold N_ref = state.N, so the middle is compared with the same chain's Gibbs values: zero
    spread for an exactly thermal state."""
    merit = figures_of_merit(state, table, SPREAD_OBSERVABLES, n_ref=state.chain.N)
    betas = np.array([float(merit[f"beta_{SHORT_NAMES[o]}"]) for o in SPREAD_OBSERVABLES])
    flags = np.array([int(merit[f"flag_{SHORT_NAMES[o]}"]) for o in SPREAD_OBSERVABLES])
    valid = betas[np.isfinite(betas)]
    spread = (valid.max() - valid.min()) / valid.mean() if valid.size > 1 else np.nan
    return betas, flags, float(spread)


def _warn_missing_spread(kind: str, beta: float, flags: np.ndarray) -> None:
    """Log why the spread is NaN: the inversion flag of each observable."""
    reasons = ", ".join(f"{o}: flag {f}" for o, f in zip(SPREAD_OBSERVABLES, flags, strict=True))
    log.warning("%s beta_bath=%g: beta_eff spread is NaN: fewer than two observables have a "
                "beta_eff (%s; flags: %s)", kind, beta, reasons, FLAG_MEANINGS)


def spread_grid(betas: Sequence[float]) -> np.ndarray:
    """The beta grid of the same-N reference table: 0 to 3 max(beta_bath), step <= 0.02.
    The inversion at one beta_bath thus sees the grid of the whole list: a curve that turns
    beyond the smaller top of a shorter list can flag (non-monotone) a value that a longer
    list leaves ok; the flags in the dataset say which."""
    top = 3 * max(betas)
    return np.linspace(0.0, top, int(np.ceil(top / 0.02)) + 1)


def rank_bath_models(chain: Chain, betas: Sequence[float], gamma: float = 1.0,
                     kinds: Sequence[str] = KINDS) -> xr.Dataset:
    """Steady states with identical baths of each kind on both edges, compared with
    exp(-beta_bath H)/Z: Dataset over (kind, beta_bath) with trace distances of the full
    state and of the edge and middle two-site reduced states, the middle effective
    temperatures beta_eff (kind, beta_bath, observable) and their relative spread
    (temperature_spread), plus solver residuals."""
    validation.integer("N", chain.N, minimum=4, maximum=COMPARE_MAX_N)
    for kind in kinds:
        validation.choice("kinds", kind, KINDS)
    for beta in betas:
        validation.real("beta_bath", beta, 0.0, strict=True)
    baths_of = {(k, b): [make_bath(k, "left", b, gamma), make_bath(k, "right", b, gamma)]
                for k in kinds for b in betas}
    for baths in baths_of.values():
        for bath in baths:
            bath.check(chain)
    table = reference_table(chain, [chain.N], spread_grid(betas))
    shape = (len(kinds), len(betas))
    out = {name: np.full(shape, np.nan) for name in ("full", "edge_pair", "middle_pair",
                                                      "spread", "residual")}
    out["beta_eff"] = np.full(shape + (len(SPREAD_OBSERVABLES),), np.nan)
    out["beta_flag"] = np.zeros(shape + (len(SPREAD_OBSERVABLES),), dtype=int)
    start = time.perf_counter()
    for j, beta in enumerate(betas):
        gibbs = gibbs_state(chain, beta)
        for i, kind in enumerate(kinds):
            state = exact_steady_state(chain, baths_of[kind, beta])
            for name, value in thermal_distances(from_pauli(state.pauli), gibbs).items():
                out[name][i, j] = value
            out["beta_eff"][i, j], out["beta_flag"][i, j], out["spread"][i, j] = \
                temperature_spread(state, table)
            if np.isnan(out["spread"][i, j]):
                _warn_missing_spread(kind, beta, out["beta_flag"][i, j])
            out["residual"][i, j] = state.residual
            log.info("%s beta=%g: D_full=%.3g, beta_eff spread %.3g (%.1f s)", kind, beta,
                     out["full"][i, j], out["spread"][i, j], time.perf_counter() - start)
    return _ranking_dataset(chain, kinds, betas, gamma, out)


def _ranking_dataset(chain: Chain, kinds: Sequence[str], betas: Sequence[float],
                     gamma: float, out: dict[str, np.ndarray]) -> xr.Dataset:
    dims = ("kind", "beta_bath")
    names = {"full": "full chain", "edge_pair": "sites (1, 2)",
             "middle_pair": "middle two sites"}
    data = {f"distance_{k}": (dims, out[k], {"long_name": f"trace distance to Gibbs, {v}",
                                             "units": "1"}) for k, v in names.items()}
    data["beta_eff"] = (dims + ("observable",), out["beta_eff"], {
        "long_name": "effective inverse temperature at the middle (same-N reference)",
        "units": "1/J"})
    data["beta_flag"] = (dims + ("observable",), out["beta_flag"], {
        "long_name": "inversion flag of beta_eff (0 = ok)", "units": "1",
        "flag_values": FLAG_VALUES, "flag_meanings": FLAG_MEANINGS})
    data["beta_spread"] = (dims, out["spread"], {
        "long_name": "relative spread of beta_eff over observables: (max - min)/mean of the "
                     "valid ones", "units": "1"})
    data["residual"] = (dims, out["residual"], {"long_name": "||L(rho_ss)||_F", "units": "1"})
    coords = {"kind": list(kinds), "beta_bath": np.asarray(betas, dtype=float),
              "observable": list(SPREAD_OBSERVABLES)}
    return xr.Dataset(data, coords=coords, attrs={**chain.params, "gamma": gamma})
