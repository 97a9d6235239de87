"""Jaynes-Cummings steady states, phenomenological versus microscopic master equation, versus
the coupling g and the bath occupation nbar ([L] Eq. 1; lindbath.open_qubits.jaynes_cummings)."""

from wfcommon import setup_logging, write_dataset

from lindbath.open_qubits.jaynes_cummings import steady_state_sweep

sm = snakemake  # noqa: F821
setup_logging(sm)
s = sm.params.settings
ds = steady_state_sweep(s["g"], s["nbar"], s["omega_c"], s["omega_a"], s["kappa"], s["n_max"])
write_dataset(ds, sm.output[0], sm, "Jaynes-Cummings steady states versus g and nbar ([L])")
