"""Trace distance of the local, FR, DB and Davies steady states (full chain, edge pair and
middle pair) to exp(-beta_bath H)/Z, and the spread of their middle effective temperatures
across observables, for one chain length (lindbath.comparison.rank_bath_models)."""

from wfcommon import setup_logging, write_dataset

import lindbath as lb
from lindbath.comparison import rank_bath_models

sm = snakemake  # noqa: F821
setup_logging(sm)
settings = sm.params.settings
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
ds = rank_bath_models(chain, [float(b) for b in settings["beta_bath"]], settings["gamma"],
                      settings["methods"])
write_dataset(ds, sm.output[0], sm, "bath models versus exp(-beta H)/Z")
