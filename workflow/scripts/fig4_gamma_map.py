"""[P] Fig. 4: beta_z, beta_x/beta_z and beta_zz/beta_z in the middle of the chain
over (beta_bath, gamma). Grey hatched cells: the reference is unconverged there (flag 4 of
one of the betas involved; the value is NaN); blank cells: other flags."""

import numpy as np
from matplotlib.patches import Patch
from plotstyle import (
    BETA_BATH,
    UNCONVERGED_LABEL,
    cell_edges,
    drop_flagged,
    flagged,
    hatch_cells,
    label_panels,
    save,
    subplots,
    unconverged,
)
from wfcommon import figure_data

sm = snakemake  # noqa: F821
s = sm.params.settings
data = figure_data(sm).sel(hamiltonian=s["hamiltonian"], N=s["N"])
baths = list(data["bath"].values)
panels = [("beta_z", ("z",), r"$\beta_z$ ($1/J$)"),
          ("ratio_x_z", ("x", "z"), r"$\beta_x/\beta_z$"),
          ("ratio_zz_z", ("zz", "z"), r"$\beta_{zz}/\beta_z$")]
fig, axes = subplots(len(baths), 3, width=3.0, height=2.6)
hatched = 0
for row, bath in enumerate(baths):
    ds = data.sel({"bath": bath})
    for col, (var, flags, label) in enumerate(panels):
        ax = axes[row, col]
        bad = flagged(ds, *(f"flag_{short}" for short in flags))
        values = drop_flagged(ds[var], bad, f"{bath} {var}").transpose("gamma", "beta_bath")
        centered = var != "beta_z"
        spread = float(np.nanmax(np.abs(values - 1))) if centered and values.notnull().any() \
            else None
        kwargs = {"cmap": "RdBu_r", "vmin": 1 - spread, "vmax": 1 + spread} if spread else \
            {"cmap": "viridis"}
        x_edges, y_edges = cell_edges(ds["beta_bath"]), cell_edges(ds["gamma"], log=True)
        mesh = ax.pcolormesh(x_edges, y_edges, values, shading="flat", **kwargs)
        fig.colorbar(mesh, ax=ax, label=label)
        cells = unconverged(ds, *(f"flag_{short}" for short in flags))
        hatched += hatch_cells(ax, x_edges, y_edges, cells.transpose("gamma", "beta_bath"))
        ax.set(yscale="log", xlabel=BETA_BATH, ylabel=r"bath strength $\gamma$ ($J$)",
               title=f"{str(bath).upper()}, N = {s['N']}")
label_panels(axes)
if hatched:
    fig.legend(handles=[Patch(facecolor="0.85", edgecolor="0.4", hatch="xx",
                              label=f"{UNCONVERGED_LABEL}: NaN")],
               loc="outside lower center")
save(fig, sm.output)
