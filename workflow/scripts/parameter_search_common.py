"""Figures of merit of one chain for the parameter search (lindbath.analysis.search):
steady states with the same bath kind on both edges ([P] Eq. 2) at each beta_bath, and the
figures of merit of each against the Gibbs state of the same chain and length
(lindbath.analysis.search.steady_state_merits, which states them; the table's other N_ref
are kept for Fig. 1-style checks)."""

from __future__ import annotations

import xarray as xr
from wfcommon import Timer

import lindbath as lb
from lindbath.analysis.search import steady_state_merits


def chain_merits(params: dict, N: int, baths: list[str], betas: list[float], gamma: float,
                 n_ref: list[int], reference_betas: list[float], reference_tol: float,
                 solver: dict, log) -> xr.Dataset:
    """steady_state_merits over (bath, beta_bath) of the chain ``params`` (J, Delta, hx, hz)
    of N sites."""
    elapsed = Timer()
    table = lb.reference_table(params, n_ref, reference_betas)
    log.info("reference N_ref=%s for %s: %.1f s", n_ref, params, elapsed())
    chain = lb.Chain(N, **params)
    rows = []
    for bath in baths:
        points = []
        for beta in betas:
            state = lb.steady_state(chain, [lb.make_bath(bath, "left", beta, gamma),
                                            lb.make_bath(bath, "right", beta, gamma)], **solver)
            points.append(steady_state_merits(state, table, reference_tol))
        rows.append(xr.concat(points, "beta_bath", combine_attrs="drop_conflicts"))
        log.info("%s: %d steady states, %.1f s", bath, len(betas), elapsed())
    ds = xr.concat(rows, "bath", combine_attrs="drop_conflicts").assign_coords(
        bath=list(baths), beta_bath=[float(b) for b in betas])
    ds.attrs = {"N": N, "gamma": gamma, "n_ref": N, "match": "site",
                "reference_tol": reference_tol,
                "baths": "the same kind on sites (1, 2) and (N-1, N), same beta_bath, gamma"}
    return ds
