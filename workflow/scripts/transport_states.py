"""Steady states of one (Hamiltonian, N, bath kind, method) with the left bath at beta -
delta_beta/2 and the right one at beta + delta_beta/2, for each (beta, delta_beta) point:
currents, bath heat flows and the transport summary (lindbath.analysis.transport), stacked
along ``point``."""

import xarray as xr
from wfcommon import (
    Timer,
    diagnostics_as_variables,
    setup_logging,
    write_dataset,
)

import lindbath as lb
from lindbath.analysis.transport import transport_baths, transport_dataset
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
elapsed = Timer()
points = []
for beta, delta_beta in ((float(b), float(d)) for b, d in sm.params.points):
    baths = transport_baths(sm.wildcards.bath, beta, delta_beta, sm.params.gamma)
    state = lb.steady_state(chain, baths, **sm.params.solver,
                            memory_bytes=sm.resources.mem_mb * 10**6)  # the job's mem_mb
    ds = diagnostics_as_variables(transport_dataset(state, beta, delta_beta))
    log.info("N=%d %s beta=%g delta_beta=%g: J=%.6g, internal %.6g, continuity %.1e, "
             "residual %.1e (%.1f s)", chain.N, sm.wildcards.bath, beta, delta_beta,
             float(ds["heat_current"]), float(ds["internal_current"]),
             float(ds["continuity_error"]), state.residual, elapsed())
    ds.attrs = {}
    points.append(ds.expand_dims(point=[len(points)]).assign_coords(
        beta=("point", [beta]), delta_beta=("point", [delta_beta])))
combined = xr.concat(points, "point", combine_attrs="drop_conflicts")
for name in ("point", "beta", "delta_beta"):
    combined[name].attrs = attrs(name)
combined.attrs.update(chain.params, bath=sm.wildcards.bath, gamma=sm.params.gamma,
                      method=sm.wildcards.method)
write_dataset(combined, sm.output[0], sm, "transport steady states, [P] Eq. 2")
