"""Thermal reference values <O_l>(beta) of one Hamiltonian for one or several chain lengths
N_ref ([P] Sec. IV.1; lindbath.analysis.tables.reference_table): exact diagonalization, or
MPS purification when the rule's options say method="mps"."""

from wfcommon import setup_logging, write_dataset

from lindbath.analysis.tables import reference_table

sm = snakemake  # noqa: F821
setup_logging(sm)
table = reference_table(sm.params.chain, sm.params.lengths, sm.params.betas,
                        **sm.params.options)
write_dataset(table, sm.output[0], sm, "thermal reference table, [P] Sec. IV.1")
