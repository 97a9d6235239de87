"""Gather one study's steady states over its grid (hamiltonian, N, bath, beta_bath, gamma,
and hx for the field scan, chi for the long chains) with their solver diagnostics, and add
the effective inverse temperatures of every point (lindbath.analysis.thermometry): the
profiles beta_O(l) against the Gibbs state of the same length (and [P]'s edge/bulk values),
the figures of merit beta_x, beta_z, beta_zz, beta_e and their ratios at the middle of the
chain, and the distance thermometer beta_rho, d_min per bond."""

import numpy as np
import xarray as xr
from wfcommon import (
    Timer,
    chain_coords,
    reference_tables,
    setup_logging,
    write_dataset,
)

from lindbath.analysis.thermometry import study_thermometry
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
elapsed = Timer()
tables = reference_tables(sm.input.reference, sm.params.reference_hamiltonian)
steady = {path: xr.load_dataset(path).drop_encoding() for path in sorted(set(sm.input.steady))}
points = []
for record in sm.params.records:
    point = steady[record["file"]].sel(beta_bath=record["beta_bath"])
    point = point.drop_vars([k for k in record["coords"] if k in point.data_vars])  # MPS chi
    thermometry = study_thermometry(point, tables[record["reference_key"]],
                                    reference_tol=sm.params.reference_tol)
    merged = xr.merge([point, thermometry], combine_attrs="drop_conflicts").expand_dims(
        "beta_bath")
    points.append(merged.expand_dims({k: [v] for k, v in record["coords"].items()}))
log.info("%d points inverted (%.1f s)", len(points), elapsed())
longest = max(p.sizes["site"] for p in points)
positions = {"site": np.arange(1, longest + 1), "bond": np.arange(1, longest)}
combined = xr.combine_by_coords([p.reindex(positions) for p in points], join="outer",
                                combine_attrs="drop_conflicts")  # grids need not be full
combined.attrs = {"n_ref": int(max(t["N_ref"].max() for t in tables.values())),
                  "reference_tol": float(sm.params.reference_tol),
                  "thermometry": "lindbath.analysis.thermometry: same-length references "
                                 "(match site), [P]'s edge/bulk matching as *_edge_bulk, "
                                 "two-site trace-distance thermometer beta_rho, d_min"}
combined["converged"].attrs = attrs("converged")
chains = {r["coords"]["hamiltonian"]: r["chain"] for r in sm.params.records}
keys = ("J", "Delta", "hz") if "hx" in combined.dims else ("J", "Delta", "hx", "hz")
combined = chain_coords(combined, chains, keys)
bad = int((combined["converged"] == 0).sum())
if bad:
    log.warning("%d unconverged steady state(s): flagged by converged = 0", bad)
for short in ("x", "z", "zz", "e"):
    values, counts = np.unique(combined[f"flag_{short}"].fillna(-1), return_counts=True)
    log.info("flags of beta_%s (-1: no point; lindbath.analysis.inversion): %s", short,
             {int(v): int(c) for v, c in zip(values, counts, strict=True)})
write_dataset(combined, sm.output[0], sm,
              f"steady states and effective temperatures: {sm.wildcards.study}")
