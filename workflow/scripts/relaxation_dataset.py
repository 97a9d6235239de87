"""Gather the Liouvillian gaps and the measured times to the steady state of the relaxation
figure over the chain length N (outer join: the times may cover more lengths than the
gaps, whose cost grows faster)."""

import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)


def gather(paths, lengths):
    """The per-length files stacked along N."""
    parts = [xr.load_dataset(path).expand_dims(N=[int(n)])
             for path, n in zip(paths, lengths, strict=True)]
    combined = xr.concat(parts, "N", combine_attrs="drop_conflicts")
    combined.attrs.pop("N", None)
    return combined


gaps = gather(sm.input.gaps, sm.params.N)
times = gather(sm.input.times, sm.params.time_N)
combined = xr.merge([gaps, times], join="outer", combine_attrs="drop_conflicts")
for name in combined.data_vars:
    combined[name].attrs = attrs(name)
combined["N"].attrs = attrs("N")
log.info("gaps: %s", combined["gap"].round(6).to_dict()["data"])
log.info("t_relax: %s", combined["t_relax"].round(4).to_dict()["data"])
write_dataset(combined, sm.output[0], sm,
              "Liouvillian gap (relaxation rate) and measured time to the steady state of DB "
              "and FR baths versus N, [P] Sec. IV")
