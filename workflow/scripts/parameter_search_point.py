"""One grid point (hx, hz, Delta) of the parameter search: the figures of merit of DB and FR
steady states at each search beta_bath (parameter_search_common.chain_merits)."""

from parameter_search_common import chain_merits
from wfcommon import setup_logging, write_dataset

from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
chain = sm.params.chain
ds = chain_merits(chain, int(s["N"]), s["baths"], [float(b) for b in s["beta_bath"]],
                  float(s["gamma"]), [int(n) for n in s["N_ref"]], sm.params.betas,
                  float(sm.params.reference_tol), sm.params.solver, log)
ds = ds.expand_dims({key: [float(chain[key])] for key in ("hx", "hz", "Delta")})
for key in ("hx", "hz", "Delta"):
    ds[key].attrs = attrs(key)
write_dataset(ds, sm.output[0], sm, "parameter search: one grid point")
