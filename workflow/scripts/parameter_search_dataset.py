"""Gather the parameter search (lindbath.analysis.search): figures of merit over (bath,
beta_bath, hx, hz, Delta), the deviation d and the score S of every point (NaN where
flagged), the best point of each bath, the two chains of [P] Fig. 5 (the best DB point
and the best FR point that differs from it in exactly one parameter), and the region where
the DB score is within the tolerance, listed point by point."""

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.analysis.search import (
    best_point,
    differing_parameters,
    partner_point,
    ratio_deviation,
    search_score,
    within,
)
from lindbath.outputs import ENERGY, attrs

PARAMETERS = ("hx", "hz", "Delta")
CHAINS = ["best_db", "fr_partner"]

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
tolerance = float(s["tolerance"])
ds = xr.combine_by_coords([xr.load_dataset(p) for p in sm.input], combine_attrs="drop_conflicts")
ds["deviation"] = ratio_deviation(ds)
ds["score"] = search_score(ds)
score = ds["score"].transpose("bath", *PARAMETERS)
flagged = score.isnull()
ds["flagged"] = flagged.astype("int8").assign_attrs(
    long_name="score is NaN: a flag != 0 or an unconverged steady state at some beta_bath",
    units="1")
for bath in ds["bath"].values:
    log.info("%s: %d of %d points flagged", bath, int(flagged.sel(bath=bath).sum()),
             flagged.sel(bath=bath).size)


def winner(bath: str) -> dict[str, float]:
    """The best point of one bath (NaN coordinates if every point is flagged)."""
    try:
        return best_point(score.sel(bath=bath))
    except ValueError:
        log.warning("%s: every grid point is flagged; no winner", bath)
        return dict.fromkeys(PARAMETERS, np.nan)


winners = {str(b): winner(str(b)) for b in ds["bath"].values}
for key in PARAMETERS:
    ds[f"winner_{key}"] = ("bath", [winners[str(b)][key] for b in ds["bath"].values],
                           {"long_name": f"{key} of the best (smallest finite score) point",
                            "units": ENERGY})
ds["winner_score"] = ("bath", [float(score.sel(bath=b).sel(winners[str(b)]))
                               if np.isfinite(winners[str(b)]["hx"]) else np.nan
                               for b in ds["bath"].values],
                      attrs("winner_score"))
anchor = winners["db"]
if not np.isfinite(anchor["hx"]):
    raise ValueError("parameter_search: every DB grid point is flagged; widen the grid "
                     "(parameter_search.hx, hz, Delta) or the reference (N_ref, reference.beta)")
try:
    partner = partner_point(score.sel(bath="fr"), anchor)
    note = "best FR point among those differing from the best DB point in one parameter"
except ValueError:  # none one parameter away: the best other FR point, and say so
    partner = best_point(score.sel(bath="fr"), exclude=anchor)
    note = ("no FR point one parameter away from the best DB point is unflagged: the best "
            "other FR point")
changed = differing_parameters(anchor, partner)
note += f"; the two chains differ in {', '.join(changed) or 'nothing'}"
if partner != winners["fr"]:
    away = differing_parameters(anchor, winners["fr"])
    note += (f"; the overall best FR point {winners['fr']} " + (
        f"differs from the best DB point in {', '.join(away)}" if away else
        "is the best DB point itself"))
log.info("Fig. 5 chains: %s and %s (%s)", anchor, partner, note)
chains = [anchor, partner]
for key in PARAMETERS:
    ds[f"chain_{key}"] = ("chain", [c[key] for c in chains],
                          {"long_name": f"{key} of the two chains of Fig. 5",
                           "units": ENERGY})
for bath in ds["bath"].values:
    ds[f"chain_score_{bath}"] = ("chain", [float(score.sel(bath=bath).sel(c)) for c in chains],
                                 {"long_name": f"score of the chain with the {bath} bath",
                                  "units": "1"})
ds = ds.assign_coords(chain=("chain", CHAINS, {"long_name": "the two chains of Fig. 5: best "
                                               "DB point and its FR partner"}))
region = within(score.sel(bath="db"), tolerance)
ds["db_within_tolerance"] = region.astype("int8").assign_attrs(
    long_name=f"DB score finite and <= {tolerance:g}", units="1", tolerance=tolerance)
inside = region.stack(point=PARAMETERS)
inside = inside.where(inside, drop=True)
for key in PARAMETERS:
    ds[f"region_{key}"] = ("region_point", inside[key].values.astype(float),
                           {"long_name": f"{key} of each point where the DB score is <= "
                                         f"{tolerance:g}", "units": ENERGY})
ds["region_score"] = ("region_point", [float(score.sel(bath="db").sel(
    {k: float(v) for k, v in zip(PARAMETERS, p, strict=True)})) for p in inside["point"].values],
                      attrs("region_score"))
ds = ds.assign_coords(region_point=("region_point", np.arange(inside.sizes["point"]),
                                    attrs("region_point")))
for key in PARAMETERS:
    ds[key].attrs = attrs(key)
ds.attrs.update(J=float(sm.params.J), tolerance=tolerance, fig5_chains=note,
                score="S = max over beta_bath of max(|beta_x/beta_z - 1|, "
                      "|beta_zz/beta_z - 1|) in the middle; NaN where flagged "
                      "(lindbath.analysis.search)")
log.info("DB region (score <= %g): %d points", tolerance, inside.sizes["point"])
write_dataset(ds, sm.output[0], sm, "parameter search over (hx, hz, Delta)")
