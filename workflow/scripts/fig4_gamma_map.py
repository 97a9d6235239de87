"""[P] Fig. 4: beta_z, beta_x/beta_z and beta_zz/beta_z in the middle of the chain
over (beta_bath, gamma)."""

import numpy as np
from plotstyle import BETA_BATH, cell_edges, drop_flagged, flagged, label_panels, save, subplots
from wfcommon import figure_data

sm = snakemake  # noqa: F821
s = sm.params.settings
data = figure_data(sm).sel(hamiltonian=s["hamiltonian"], N=s["N"])
baths = list(data["bath"].values)
panels = [("beta_z", ("z",), r"$\beta_z$ ($1/J$)"),
          ("ratio_x_z", ("x", "z"), r"$\beta_x/\beta_z$"),
          ("ratio_zz_z", ("zz", "z"), r"$\beta_{zz}/\beta_z$")]
fig, axes = subplots(len(baths), 3, width=3.0, height=2.6)
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
        mesh = ax.pcolormesh(cell_edges(ds["beta_bath"]), cell_edges(ds["gamma"], log=True),
                             values, shading="flat", **kwargs)
        fig.colorbar(mesh, ax=ax, label=label)
        ax.set(yscale="log", xlabel=BETA_BATH, ylabel=r"bath strength $\gamma$ ($J$)",
               title=f"{str(bath).upper()}, N = {s['N']}")
label_panels(axes)
save(fig, sm.output)
