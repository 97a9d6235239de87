"""Trace distance of the local, FR, DB and Davies steady states (full chain, edge pair and
middle pair) to exp(-beta_bath H)/Z, and the spread of their middle effective temperatures
across observables, for one chain length (lindbath.analysis.comparison.rank_bath_models);
the package's bath dimension ``kind`` is written as ``bath``, as in every workflow file."""

from wfcommon import setup_logging, write_dataset

import lindbath as lb
from lindbath.analysis.comparison import rank_bath_models

sm = snakemake  # noqa: F821
setup_logging(sm)
settings = sm.params.settings
chain = lb.Chain(int(sm.wildcards.N), **sm.params.chain)
ds = rank_bath_models(chain, [float(b) for b in settings["beta_bath"]], settings["gamma"],
                      settings["baths"]).rename(kind="bath")
write_dataset(ds, sm.output[0], sm, "bath models versus exp(-beta H)/Z")
