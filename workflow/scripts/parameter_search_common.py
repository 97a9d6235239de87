"""Figures of merit of one chain for the parameter search (lindbath.analysis.search):
steady states with the same bath kind on both edges ([P] Eq. 2) at each beta_bath, and the
middle beta_x, beta_z, beta_zz, beta_e and their ratios against the exact Gibbs state of the
same chain and length (lindbath.analysis.temperatures.figures_of_merit, match="site"; the
table's other N_ref are kept for Fig. 1-style checks), and the distance thermometer of the
middle bond N//2 (lindbath.thermal_distance: d_min, beta_rho, flag_rho against the same
chain's Gibbs state; Mendoza-Arenas et al., PRE 91, 042129 (2015))."""

from __future__ import annotations

import xarray as xr
from wfcommon import INVERSE_ENERGY, Timer

import lindbath as lb
from lindbath.analysis.thermometry import MERIT_OBSERVABLES, variable_attrs

CONVERGED_ATTRS = {"long_name": "steady state converged (solver success and residual < 1e-8)",
                   "units": "1"}
# The distance thermometer at the middle bond N//2: name in the dataset -> (name in
# lindbath.thermal_distance, CF attributes).
DISTANCE_MIDDLE = {
    "d_min_middle": ("d_min", {
        "long_name": "min_beta trace distance D(rho_b, rho_b^th(beta)) of the middle bond N//2 "
                     "(same-length Gibbs state)", "units": "1"}),
    "beta_rho_middle": ("beta_rho", {
        "long_name": "argmin_beta D(rho_b, rho_b^th(beta)) of the middle bond N//2: inverse "
                     "temperature of the closest thermal two-site state",
        "units": INVERSE_ENERGY}),
    "flag_rho_middle": ("flag_rho", {
        "long_name": "distance-thermometer flag of the middle bond (0 = ok, 1 = minimum at "
                     "the table's beta edge: d_min an upper bound)", "units": "1",
        "flag_values": [0, 1], "flag_meanings": "ok at_grid_edge"}),
}


def chain_merits(params: dict, N: int, baths: list[str], betas: list[float], gamma: float,
                 n_ref: list[int], reference_betas: list[float], reference_tol: float,
                 solver: dict, log) -> xr.Dataset:
    """Figures of merit over (bath, beta_bath) of the chain ``params`` (J, Delta, hx, hz) of
    N sites and the distance thermometer of its middle bond (DISTANCE_MIDDLE), with
    ``converged`` and ``residual`` of each steady state."""
    elapsed = Timer()
    table = lb.reference_table(params, n_ref, reference_betas)
    log.info("reference N_ref=%s for %s: %.1f s", n_ref, params, elapsed())
    chain = lb.Chain(N, **params)
    rows = []
    for bath in baths:
        points = []
        for beta in betas:
            state = lb.steady_state(chain, [lb.Bath(bath, "left", beta, gamma),
                                            lb.Bath(bath, "right", beta, gamma)], **solver)
            merit = lb.figures_of_merit(state, table, MERIT_OBSERVABLES,
                                        reference_tol=reference_tol)
            middle = lb.thermal_distance(state, table).sel(bond=N // 2)
            for name, (source, attrs) in DISTANCE_MIDDLE.items():
                merit[name] = ((), middle[source].values[()], attrs)
            merit["converged"] = ((), int(state.diagnostics["converged"]), CONVERGED_ATTRS)
            merit["residual"] = ((), float(state.residual),
                                 {"long_name": "||L(rho_ss)||_F", "units": "1"})
            points.append(merit)
        rows.append(xr.concat(points, "beta_bath", combine_attrs="drop_conflicts"))
        log.info("%s: %d steady states, %.1f s", bath, len(betas), elapsed())
    ds = xr.concat(rows, "bath", combine_attrs="drop_conflicts").assign_coords(
        bath=list(baths), beta_bath=[float(b) for b in betas])
    for name in ds.data_vars:
        if name not in ("converged", "residual", *DISTANCE_MIDDLE):
            ds[name].attrs = variable_attrs(str(name))
    ds.attrs = {"N": N, "gamma": gamma, "n_ref": N, "match": "site",
                "reference_tol": reference_tol,
                "baths": "the same kind on sites (1, 2) and (N-1, N), same beta_bath, gamma"}
    return ds
