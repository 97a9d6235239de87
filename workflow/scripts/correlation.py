"""C(t) = Tr[A e^{L' t}(B rho_ss)] - <A><B> ([P] Eq. 12; docs/conventions.md) for one
(N, beta_bath), bath on the left edge only, for every requested gamma': exact up to
EXACT_MAX_N sites (the steady state computed once and shared), Pauli-basis MPS beyond
(lindbath.mps.correlation with correlations.mps, each gamma' with its own steady state).
Every curve gets ``converged``: 1 for exact curves, the MPS verdict otherwise."""

import numpy as np
import xarray as xr
from wfcommon import Timer, setup_logging, write_dataset

import lindbath as lb
from lindbath.exact.correlation import EXACT_MAX_N
from lindbath.io import split_complex

sm = snakemake  # noqa: F821
log = setup_logging(sm)
settings = sm.params.settings
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
baths = [lb.make_bath(settings["bath"], "left", float(sm.wildcards.beta), settings["gamma"])]
times = np.linspace(0.0, settings["times"]["stop"], settings["times"]["num"])
elapsed = Timer()
if chain.N <= EXACT_MAX_N:
    state = lb.steady_state(chain, baths, **sm.params.solver,
                            memory_bytes=sm.resources.mem_mb * 10**6)  # the job's mem_mb
    log.info("steady state N=%d: residual %.2e (%.1f s)", chain.N, state.residual, elapsed())
    method = {"state": state}
else:
    method = {"method": "mps", **sm.params.mps}
curves = []
for gamma_evolve in map(float, sm.params.gamma_evolve):
    ds = lb.correlation(chain, baths, times, settings["observable"], -1, gamma_evolve,
                        **method)
    ds.attrs.setdefault("diag_converged", 1)  # exact: Krylov error bounded by krylov_tol
    log.info("gamma'=%g: C(0)=%.4g, converged %d (%.1f s)", gamma_evolve,
             ds["connected"].values[0].real, ds.attrs["diag_converged"], elapsed())
    diag = {k.removeprefix("diag_"): v for k, v in ds.attrs.items() if k.startswith("diag_")}
    ds = ds.assign({k: xr.Variable((), v) for k, v in diag.items() if np.isscalar(v)
                    and not isinstance(v, str)})
    ds.attrs = {k: v for k, v in ds.attrs.items()
                if not k.startswith(("diag_", "bath_evolve_")) and k != "gamma_evolve"}
    curves.append(ds.expand_dims(gamma_evolve=[gamma_evolve]))
out = split_complex(xr.concat(curves, "gamma_evolve", combine_attrs="drop_conflicts"))
out.attrs.update(N=chain.N, beta_bath=float(sm.wildcards.beta), gamma=float(settings["gamma"]))
write_dataset(out, sm.output[0], sm, "two-time correlation C(t), [P] Eq. 12")
