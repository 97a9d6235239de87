"""Liouvillian gap g = min{-Re(lambda) : lambda != 0} of one chain length with the same bath
kind on both edges ([P] Sec. IV; lindbath.liouvillian_gap: dense up to N = 5, Arnoldi on
exp(tau L) beyond), for every bath kind and beta_bath of the relaxation settings. Rate
normalization: [P]'s "same gamma" for every kind (docs/conventions.md)."""

import time

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

import lindbath as lb
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
n = int(sm.wildcards.N)
chain = lb.Chain(n, **sm.params.chain)
baths, betas = list(s["baths"]), [float(b) for b in s["beta_bath"]]
gap = np.full((len(baths), len(betas)), np.nan)
wall = np.full_like(gap, np.nan)
for i, kind in enumerate(baths):
    for j, beta in enumerate(betas):
        start = time.perf_counter()
        edges = [lb.make_bath(kind, edge, beta, float(s["gamma"])) for edge in ("left", "right")]
        gap[i, j] = lb.liouvillian_gap(chain, edges)
        wall[i, j] = time.perf_counter() - start
        log.info("N=%d %s beta_bath=%g: gap %.8f (%.1f s)", n, kind, beta, gap[i, j], wall[i, j])
ds = xr.Dataset(
    {"gap": (("bath", "beta_bath"), gap, attrs("gap")),
     "relaxation_time": (("bath", "beta_bath"), 1 / gap, attrs("relaxation_time")),
     "gap_wall_time_s": (("bath", "beta_bath"), wall, attrs("gap_wall_time_s"))},
    coords={"bath": ("bath", baths, attrs("bath")),
            "beta_bath": ("beta_bath", betas, attrs("beta_bath"))},
    attrs={"gamma": float(s["gamma"]), "N": n, **{k: float(v) for k, v in sm.params.chain.items()},
           "normalization": "same gamma for every bath kind ([P]); baths on both edges"})
write_dataset(ds, sm.output[0], sm, "Liouvillian gap, DB versus FR, [P] Sec. IV")
