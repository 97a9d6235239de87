"""[P] Fig. 4: beta_z, beta_x/beta_z and beta_zz/beta_z in the middle of the chain over
(beta_bath, gamma). The ratio maps are centred on 1 (white: a thermal state) with a
symmetric range clipped at the 90% quantile of |ratio - 1|, at most 1 -+ 1 (arrows on
the colour bar).
Missing values are grey and hatched, never white: 'xx' where the reference is unconverged
(flag 4), '//' for the other flags or an unconverged steady state; the legend names the
flags present."""

import numpy as np
import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
s = sm.params.settings
data = figure_data(sm).sel(hamiltonian=s["hamiltonian"], N=s["N"])
baths = list(data["bath"].values)
panels = [("beta_z", ("z",), r"$\beta_z$ ($1/J$)"),
          ("ratio_x_z", ("x", "z"), r"$\beta_x/\beta_z$"),
          ("ratio_zz_z", ("zz", "z"), r"$\beta_{zz}/\beta_z$")]
fig, axes = ps.subplots(len(baths), 3, width=3.0, height=2.6)
missing = {"xx": set(), "//": set()}  # hatch -> flags present (0: steady state unconverged)
for row, bath in enumerate(baths):
    ds = data.sel({"bath": bath}).transpose("gamma", "beta_bath", ...)
    for col, (var, flags, label) in enumerate(panels):
        ax = axes[row, col]
        names = [f"flag_{short}" for short in flags]
        bad = ps.flagged(ds, *names)
        values = ps.drop_flagged(ds[var], bad, f"{bath} {var}")
        kwargs = {"norm": ps.ratio_norm(values), "cmap": "RdBu_r"} if var != "beta_z" else \
            {"cmap": "viridis"}
        x_edges, y_edges = ps.cell_edges(ds["beta_bath"]), ps.cell_edges(ds["gamma"], log=True)
        mesh = ax.pcolormesh(x_edges, y_edges, values, shading="flat", **kwargs)
        fig.colorbar(mesh, ax=ax, label=label, extend="both" if var != "beta_z" else "neither")
        four = ps.unconverged(ds, *names)
        ps.hatch_cells(ax, x_edges, y_edges, four)
        ps.hatch_cells(ax, x_edges, y_edges, bad & ~four, hatch="//")
        for hatch, cells in (("xx", four), ("//", bad & ~four)):
            codes = np.stack([ds[n].values[cells.values] for n in names])
            missing[hatch] |= {int(f) for f in codes.ravel() if f > 0 and (hatch == "//" or f == 4)}
            missing[hatch] |= {0} if (ds["converged"].values[cells.values] == 0).any() else set()
        ax.set(yscale="log", xlabel=ps.BETA_BATH, ylabel=r"bath strength $\gamma$ ($J$)",
               title=f"{label.split(' (')[0]}, {str(bath).upper()} bath")
ps.label_panels(axes)
handles = [ps.missing_patch("missing: " + "; ".join(
    ([ps.flag_label(flags)] if flags - {0} else []) +
    (["steady state unconverged"] if 0 in flags else [])), hatch=hatch)
    for hatch, flags in missing.items() if flags]
if handles:
    fig.legend(handles=handles, loc="outside lower center")
params = {"N": s["N"], **{k: float(data[k]) for k in ("J", "Delta", "hx", "hz")}}
fig.suptitle(f"{s['hamiltonian'].replace('_', ' ')}: {ps.chain_title(params)}, middle of the "
             "chain; white = 1 (thermal)", fontsize=9)
ps.save(fig, sm.output)
