"""M qubits in a common bath, local versus global master equation ([L]): decay of one
excitation, dark-state trapping, and dependence of the stationary state on the initial one."""

import numpy as np
from wfcommon import setup_logging, write_dataset

from lindbath.open_qubits import qubits

sm = snakemake  # noqa: F821
setup_logging(sm)
s = sm.params.settings
bath = qubits.common_bath(s["M"], s["gamma"])
times = np.linspace(0.0, s["times"]["stop"], s["times"]["num"])
decay = qubits.single_excitation_decay(bath, s["omega"], 0.0, times)
write_dataset(decay, sm.output.decay, sm, "one-excitation decay, local vs global ([L])")
dark = qubits.dark_state_trapping(bath, s["omega"])
write_dataset(dark, sm.output.dark, sm, "dark-state trapping at nbar = 0 ([L])")
initial = qubits.initial_state_dependence(bath, s["omega"], s["nbar"])
write_dataset(initial, sm.output.initial, sm, "stationary state versus initial state ([L])")
