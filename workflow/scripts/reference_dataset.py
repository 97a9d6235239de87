"""Reference tables of the beta_scan Hamiltonians over (hamiltonian, N_ref, beta, site|bond),
with the middle-of-chain convergence |O_N2 - O_N1| of [P] Fig. 1."""

import xarray as xr
from wfcommon import chain_coords, reference_tables, setup_logging, write_dataset

sm = snakemake  # noqa: F821
setup_logging(sm)
tables = reference_tables(sm.input, sm.params.hamiltonian)
combined = xr.concat([t.expand_dims(hamiltonian=[ham]) for ham, t in tables.items()],
                     "hamiltonian", join="outer", combine_attrs="drop_conflicts")
combined = chain_coords(combined, {ham: t.attrs for ham, t in tables.items()})
write_dataset(combined, sm.output[0], sm, "thermal reference tables and their convergence (Fig. 1)")
