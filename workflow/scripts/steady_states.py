"""Steady states of one (Hamiltonian, N, bath, gamma) at one or several beta_bath values:
identical baths on both edges ([P] Eq. 2), lindbath.steady_state for each point."""

import xarray as xr
from wfcommon import Timer, diagnostics_as_variables, setup_logging, write_dataset

import lindbath as lb

sm = snakemake  # noqa: F821
log = setup_logging(sm)
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
bath, gamma = sm.wildcards.bath, float(sm.wildcards.gamma)
elapsed = Timer()
points = []
for beta in map(float, sm.params.betas):
    baths = [lb.Bath(bath, "left", beta, gamma), lb.Bath(bath, "right", beta, gamma)]
    state = lb.steady_state(chain, baths, **sm.params.solver)
    log.info("N=%d %s beta_bath=%g gamma=%g: residual %.2e, converged %s (%.1f s)", chain.N,
             bath, beta, gamma, state.residual, state.diagnostics["converged"], elapsed())
    ds = diagnostics_as_variables(state.to_dataset())
    ds.attrs = {k: v for k, v in ds.attrs.items() if not k.startswith("bath_")}
    points.append(ds.expand_dims(beta_bath=[beta]))
combined = xr.concat(points, "beta_bath", combine_attrs="drop_conflicts")
combined.attrs.update(N=chain.N, bath=bath, gamma=gamma,
                      baths=f"{bath} on sites (1, 2) and (N-1, N), same beta_bath and gamma")
write_dataset(combined, sm.output[0], sm, "steady states, [P] Eq. 2")
