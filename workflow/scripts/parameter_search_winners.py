"""The two chains of [P] Fig. 5 from the parameter search (the best DB point and its FR
partner one parameter away): DB and FR figures of merit over a beta_bath sweep
(parameter_search_common.chain_merits)."""

import xarray as xr
from parameter_search_common import chain_merits
from wfcommon import ENERGY_UNITS, setup_logging, write_dataset

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
search = xr.load_dataset(sm.input[0])
parts = []
for chain in search["chain"].values:
    params = {"J": float(search.attrs["J"]),
              **{k: float(search[f"chain_{k}"].sel(chain=chain)) for k in ("hx", "hz", "Delta")}}
    merits = chain_merits(params, int(s["N"]), s["baths"],
                          [float(b) for b in s["winners_beta_bath"]], float(s["gamma"]),
                          [int(n) for n in s["N_ref"]], sm.params.betas,
                          float(sm.params.reference_tol), sm.params.solver, log)
    parts.append(merits.expand_dims(chain=[str(chain)]))
ds = xr.concat(parts, "chain", combine_attrs="drop_conflicts")
for key in ("hx", "hz", "Delta"):
    ds = ds.assign_coords({key: ("chain", search[f"chain_{key}"].values,
                                 {"long_name": f"chain parameter {key} ([P] Eq. 1)",
                                  "units": ENERGY_UNITS})})
ds["chain"].attrs = search["chain"].attrs
ds.attrs.update(J=float(search.attrs["J"]), fig5_chains=search.attrs["fig5_chains"])
write_dataset(ds, sm.output[0], sm, "the two chains of Fig. 5 over beta_bath")
