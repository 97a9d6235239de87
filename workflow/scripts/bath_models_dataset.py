"""Gather the bath-model rankings over the chain length N."""

import xarray as xr
from wfcommon import setup_logging, write_dataset

sm = snakemake  # noqa: F821
log = setup_logging(sm)
parts = [xr.load_dataset(path).expand_dims(N=[int(n)])
         for path, n in zip(sm.input, sm.params.N, strict=True)]
combined = xr.concat(parts, "N", combine_attrs="drop_conflicts")
log.info("largest residual %.2e", float(combined["residual"].max()))
write_dataset(combined, sm.output[0], sm,
              "trace distance of local/FR/DB/Davies steady states to exp(-beta_bath H)/Z")
