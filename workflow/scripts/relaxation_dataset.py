"""Gather the Liouvillian gaps of the relaxation figure over the chain length N."""

import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
parts = [xr.load_dataset(path).expand_dims(N=[int(n)])
         for path, n in zip(sm.input, sm.params.N, strict=True)]
combined = xr.concat(parts, "N", combine_attrs="drop_conflicts")
combined.attrs.pop("N", None)
combined["gap_wall_time_s"].attrs = attrs("gap_wall_time_s")
log.info("gaps: %s", combined["gap"].round(6).to_dict()["data"])
write_dataset(combined, sm.output[0], sm,
              "Liouvillian gap (relaxation rate) of DB and FR baths versus N, [P] Sec. IV")
