"""Gather the thermality map (one file per chain and N) over the Hamiltonian and N."""

import xarray as xr
from wfcommon import chain_coords, setup_logging, write_dataset

sm = snakemake  # noqa: F821
log = setup_logging(sm)
parts = [xr.load_dataset(path).expand_dims(hamiltonian=[ham], N=[int(n)])
         for path, ham, n in zip(sm.input, sm.params.hamiltonian, sm.params.N, strict=True)]
for part in parts:
    for key in ("N", "J", "Delta", "hx", "hz", "reference"):
        part.attrs.pop(key, None)
combined = xr.combine_by_coords(parts, combine_attrs="drop_conflicts")
combined = chain_coords(combined, sm.params.chains)
combined.attrs["reference"] = "exact Gibbs state of the same chain (N_ref = N)"
log.info("largest residual %.2e; middle spread at N = %d: %s", float(combined["residual"].max()),
         int(combined["N"].max()),
         combined["spread"].isel(N=-1).round(3).to_dict()["data"])
write_dataset(combined, sm.output[0], sm,
              "thermality map: beta_O / beta_bath in the middle, first order and finite "
              "beta_bath, per bath convention")
