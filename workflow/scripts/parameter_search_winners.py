"""The two chains of [P] Fig. 5 from the parameter search, as the search ranks them: the best
DB point (smallest finite DB score) and the best FR point (smallest finite FR score; the
search dataset's winner_hx, winner_hz, winner_Delta), each with DB and FR baths over a
beta_bath sweep (parameter_search_common.chain_merits), plus each chain's search score and
rank for both baths. (The dataset's fr_partner, the best FR point one parameter away from
the best DB point, is not drawn: it need not be the best FR point.)"""

import numpy as np
import xarray as xr
from parameter_search_common import chain_merits
from wfcommon import setup_logging, write_dataset

from lindbath.outputs import attrs

PARAMETERS = ("hx", "hz", "Delta")

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
search = xr.load_dataset(sm.input[0])
score = search["score"]
baths = [str(b) for b in search["bath"].values]
chains = {}  # chain name -> parameters, the best point of each bath that has one
for bath in ("db", "fr"):
    point = {k: float(search[f"winner_{k}"].sel(bath=bath)) for k in PARAMETERS}
    if all(np.isfinite(v) for v in point.values()):
        chains[f"best_{bath}"] = point
    else:
        log.warning("%s: every grid point of the search is flagged; no best %s chain", bath,
                    bath.upper())


def rank(bath: str, point: dict) -> tuple[float, int]:
    """Search score of ``point`` with ``bath`` and its rank among the finite scores (1: the
    best; 0 where the score is NaN)."""
    scores = score.sel(bath=bath)
    value = float(scores.sel(point))
    finite = scores.values[np.isfinite(scores.values)]
    return value, int(np.sum(finite < value)) + 1 if np.isfinite(value) else 0


parts = []
for name, point in chains.items():
    params = {"J": float(search.attrs["J"]), **point}
    merits = chain_merits(params, int(s["N"]), s["baths"],
                          [float(b) for b in s["winners_beta_bath"]], float(s["gamma"]),
                          [int(n) for n in s["N_ref"]], sm.params.betas,
                          float(sm.params.reference_tol), sm.params.solver, log)
    parts.append(merits.expand_dims(chain=[name]))
ds = xr.concat(parts, "chain", combine_attrs="drop_conflicts")
for key in PARAMETERS:
    ds = ds.assign_coords({key: ("chain", [chains[c][key] for c in ds["chain"].values],
                                 attrs(key))})
ranks = {(c, b): rank(b, chains[c]) for c in ds["chain"].values for b in baths}
ds["search_score"] = (("chain", "bath"), [[ranks[c, b][0] for b in baths]
                                           for c in ds["chain"].values],
                      attrs("search_score"))
ds["search_rank"] = (("chain", "bath"), [[ranks[c, b][1] for b in baths]
                                          for c in ds["chain"].values],
                     attrs("search_rank"))
ds["search_ranked"] = ("bath", [int(np.isfinite(score.sel(bath=b).values).sum())
                                for b in baths],
                       attrs("search_ranked"))
ds["chain"].attrs = {"long_name": "the chains of Fig. 5: best_db (smallest DB search score) "
                                  "and best_fr (smallest FR search score)", "units": "1"}
differ = [k for k in PARAMETERS if len(chains) == 2
          and not np.isclose(chains["best_db"][k], chains["best_fr"][k])]
note = ("the best DB and the best FR point of the parameter search; they differ in "
        + (", ".join(differ) if differ else "nothing (the same point)"))
log.info("Fig. 5 chains: %s (%s)", chains, note)
ds.attrs.update(J=float(search.attrs["J"]), fig5_chains=note,
                search_beta_bath=[float(b) for b in search["beta_bath"].values])
write_dataset(ds, sm.output[0], sm, "the chains of Fig. 5 over beta_bath")
