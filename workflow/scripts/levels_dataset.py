"""Gather <r>(hx) over the field-scan Hamiltonians, with the Poisson value and <r> of sampled
GOE matrices as references (lindbath.analysis.spectra)."""

import xarray as xr
from wfcommon import group_by_key, setup_logging, write_dataset

from lindbath import goe_r, poisson_r

sm = snakemake  # noqa: F821
setup_logging(sm)
files = group_by_key(sm.input, sm.params.hamiltonian)
parts = [xr.concat([xr.load_dataset(p) for p in paths], "hx", combine_attrs="drop_conflicts")
         .sortby("hx").expand_dims(hamiltonian=[ham]) for ham, paths in files.items()]
combined = xr.concat(parts, "hamiltonian", combine_attrs="drop_conflicts")
fraction = sm.params.middle_fraction
combined.attrs.update(poisson_r=poisson_r(), goe_r=goe_r(middle_fraction=fraction),
                      goe_samples="10 GOE matrices of size 1000, seed 0")
write_dataset(combined, sm.output[0], sm, "mean gap ratio <r> versus hx, [P] Sec. II")
