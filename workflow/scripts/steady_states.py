"""Steady states of one (Hamiltonian, N, bath, gamma) at one or several beta_bath values:
identical baths on both edges ([P] Eq. 2), or for a bath wildcard "<kind>_left"
(beta_scan.edges left) one bath on sites (1, 2) only; lindbath.steady_state for each
point.  Exact states of up to GLOBAL_MAX_N sites also get the whole chain's distance to the
nearest Gibbs state, d_global = min_beta D(rho, exp(-beta H)/Z), and its minimizer
beta_global (lindbath.analysis.distance): a grid over the reference's beta range brackets
the minimum, a bounded search refines it."""

import xarray as xr
from wfcommon import (
    Timer,
    diagnostics_as_variables,
    setup_logging,
    write_dataset,
)

import lindbath as lb
from lindbath.analysis.distance import GLOBAL_MAX_N
from lindbath.model.pauli import from_pauli
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
bath, _, edges = sm.wildcards.bath.partition("_")  # "db_left": one bath, on sites (1, 2)
edges = ["left"] if edges == "left" else ["left", "right"]
gamma = float(sm.wildcards.gamma)
elapsed = Timer()


def add_global_distance(ds, state):
    """d_global and beta_global of an exact state of at most GLOBAL_MAX_N sites."""
    if state.pauli is None or chain.N > GLOBAL_MAX_N:
        return ds
    rho = from_pauli(state.pauli / state.pauli[0])
    beta, distance = lb.global_thermal_distance(rho, chain, sm.params.global_betas)
    return ds.assign({name: ((), value, attrs(name)) for name, value in
                      (("beta_global", beta), ("d_global", distance))})


points = []
for beta in map(float, sm.params.betas):
    baths = [lb.make_bath(bath, edge, beta, gamma) for edge in edges]
    state = lb.steady_state(chain, baths, **sm.params.solver,
                            memory_bytes=sm.resources.mem_mb * 10**6)  # the job's mem_mb
    log.info("N=%d %s beta_bath=%g gamma=%g: residual %.2e, converged %s (%.1f s)", chain.N,
             bath, beta, gamma, state.residual, state.diagnostics["converged"], elapsed())
    ds = add_global_distance(diagnostics_as_variables(state.to_dataset()), state)
    ds.attrs = {k: v for k, v in ds.attrs.items() if not k.startswith("bath_")}
    points.append(ds.expand_dims(beta_bath=[beta]))
combined = xr.concat(points, "beta_bath", combine_attrs="drop_conflicts")
combined.attrs.update(N=chain.N, bath=bath, gamma=gamma,
                      baths=f"{bath} on sites (1, 2)" + (" and (N-1, N), same beta_bath and "
                                                         "gamma" if len(edges) == 2 else " only"),
                      **{f"solver_{k}": v for k, v in sm.params.solver.items()})
write_dataset(combined, sm.output[0], sm, "steady states, [P] Eq. 2")
