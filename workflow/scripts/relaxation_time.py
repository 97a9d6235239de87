"""Measured time to the steady state of one chain length with the same bath kind on both
edges ([P] Sec. IV.2: the time the local observables take to reach their steady values),
from the infinite-temperature state, for every bath kind and beta_bath of the relaxation
settings (lindbath.exact.relaxation_time: exact Krylov evolution of [P] Eq. 2, first time
after which max |<O>(t) - <O>_ss| over the local observables stays below tol)."""

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

import lindbath as lb
from lindbath.exact import ExactSettings, relaxation_time
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s, t = sm.params.settings, sm.params.settings["time"]
n = int(sm.wildcards.N)
chain = lb.Chain(n, **sm.params.chain)
settings = ExactSettings(memory_bytes=sm.resources.mem_mb * 10**6)  # the job's mem_mb
baths, betas = list(s["baths"]), [float(b) for b in s["beta_bath"]]
times = np.linspace(0.0, float(t["t_max"]), int(t["num"]))
shape = (len(baths), len(betas))
names = ("t_relax", "t_relax_converged", "initial_distance", "final_distance",
         "t_relax_wall_time_s")
values = {name: np.full(shape, np.nan) for name in names}
distance = np.full((*shape, times.size), np.nan)
for i, kind in enumerate(baths):
    for j, beta in enumerate(betas):
        edges = [lb.make_bath(kind, edge, beta, float(s["gamma"])) for edge in ("left", "right")]
        result = relaxation_time(chain, edges, float(t["tol"]), float(t["t_max"]),
                                 int(t["num"]), settings=settings)
        for name, value in (("t_relax", result["t_relax"]),
                            ("t_relax_converged", float(result["converged"])),
                            ("initial_distance", result["initial_distance"]),
                            ("final_distance", result["final_distance"]),
                            ("t_relax_wall_time_s", result["diagnostics"]["wall_time_s"])):
            values[name][i, j] = value
        distance[i, j] = result["distance"]
        log.info("N=%d %s beta_bath=%g: t_relax %.4f (d(0) %.3g, d(t_max) %.2e, %.1f s)",
                 n, kind, beta, result["t_relax"], result["initial_distance"],
                 result["final_distance"], result["diagnostics"]["wall_time_s"])
dims = ("bath", "beta_bath")
data = {name: (dims, v.astype(int) if name == "t_relax_converged" else v, attrs(name))
        for name, v in values.items()}
data["relaxation_distance"] = ((*dims, "t"), distance, attrs("relaxation_distance"))
ds = xr.Dataset(
    data,
    coords={"bath": ("bath", baths, attrs("bath")),
            "beta_bath": ("beta_bath", betas, attrs("beta_bath")),
            "t": ("t", times, attrs("t"))},
    attrs={"gamma": float(s["gamma"]), "N": n, "tol": float(t["tol"]),
           "t_max": float(t["t_max"]), "initial_state": "infinite temperature, 1/2^N",
           **{k: float(v) for k, v in sm.params.chain.items()},
           "normalization": "same gamma for every bath kind ([P]); baths on both edges"})
write_dataset(ds, sm.output[0], sm, "measured time to the steady state, DB versus FR, "
              "[P] Sec. IV.2")
