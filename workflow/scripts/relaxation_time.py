"""Measured time to the steady state of one chain length with the same bath kind on both
edges ([P] Sec. IV.2: the time the local observables take to reach their steady values),
from the infinite-temperature state, for every bath kind and beta_bath of the relaxation
settings: exact (params.method "exact", lindbath.exact.relaxation_time: Krylov evolution of
[P] Eq. 2, steady values from the exact steady state, settings relaxation.time) or by TEBD
at every bond dimension chi ("mps", lindbath.mps.relaxation.mps_relaxation_time: steady
values from the evolution's own fixed point, settings relaxation.mps).  First time after
which max |<O>(t) - <O>_ss| over the local observables stays below tol."""

from itertools import product

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

import lindbath as lb
from lindbath.exact import ExactSettings, relaxation_time
from lindbath.mps import mps_relaxation_time
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s, exact = sm.params.settings, sm.params.method == "exact"
t = s["time"] if exact else s["mps"]
n = int(sm.wildcards.N)
chain = lb.Chain(n, **sm.params.chain)
baths, betas = list(s["baths"]), [float(b) for b in s["beta_bath"]]
chis = [0] if exact else [int(c) for c in t["chi"]]  # 0: exact
tol, t_max, num = float(t["tol"]), float(t["t_max"]), int(t["num"])
settings = ExactSettings(memory_bytes=sm.resources.mem_mb * 10**6)  # the job's mem_mb


def measure(edges, chi):
    """The relaxation time of one bath pair, exact (chi = 0) or by TEBD at chi."""
    if exact:
        return relaxation_time(chain, edges, tol, t_max, num, settings=settings)
    return mps_relaxation_time(chain, edges, tol, t_max, num, chi=chi, dt=float(t["dt"]))


shape = (len(baths), len(betas), len(chis))
names = ["t_relax", "t_relax_converged", "initial_distance", "final_distance",
         "t_relax_wall_time_s"] + ([] if exact else ["reference_spread", "max_bond",
                                                    "discarded_weight"])
values = {name: np.full(shape, np.nan) for name in names}
distance = np.full((*shape, num), np.nan)
for (i, kind), (j, beta), (k, chi) in product(enumerate(baths), enumerate(betas),
                                              enumerate(chis)):
    edges = [lb.make_bath(kind, edge, beta, float(s["gamma"])) for edge in ("left", "right")]
    result = measure(edges, chi)
    found = {**result, **result["diagnostics"], "t_relax_converged": float(result["converged"]),
             "t_relax_wall_time_s": result["diagnostics"]["wall_time_s"]}
    for name in names:
        values[name][i, j, k] = found[name]
    distance[i, j, k] = result["distance"]
    log.info("N=%d %s beta_bath=%g chi=%d: t_relax %.4f (d(0) %.3g, d(t_max) %.2e, %.1f s)",
             n, kind, beta, chi, result["t_relax"], result["initial_distance"],
             result["final_distance"], found["t_relax_wall_time_s"])
dims = ("bath", "beta_bath", "chi")
data = {name: (dims, v.astype(int) if name in ("t_relax_converged", "max_bond") else v,
               attrs(name)) for name, v in values.items()}
data["relaxation_distance"] = ((*dims, "t"), distance, attrs("relaxation_distance"))
ds = xr.Dataset(
    data,
    coords={"bath": ("bath", baths, attrs("bath")),
            "beta_bath": ("beta_bath", betas, attrs("beta_bath")),
            "chi": ("chi", chis, attrs("chi")),
            "t": ("t", np.linspace(0.0, t_max, num), attrs("t"))},
    attrs={"gamma": float(s["gamma"]), "N": n, "tol": tol, "t_max": t_max,
           "method": sm.params.method, "initial_state": "infinite temperature, 1/2^N",
           "steady_values": "exact steady state" if exact else
           "mean over the last quarter of the evolution (its own fixed point)",
           **({} if exact else {"dt": float(t["dt"])}),
           **{k: float(v) for k, v in sm.params.chain.items()},
           "normalization": "same gamma for every bath kind ([P]); baths on both edges"})
if exact:
    ds = ds.isel(chi=0, drop=True)
write_dataset(ds, sm.output[0], sm, "measured time to the steady state, DB versus FR, "
              f"[P] Sec. IV.2 ({sm.params.method})")
