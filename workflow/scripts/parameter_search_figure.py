"""Parameter search (lindbath.analysis.search): score maps S(hx, hz) of DB and FR side by
side (one row per Delta), S = max over the search beta_bath of max(|beta_x/beta_z - 1|,
|beta_zz/beta_z - 1|) in the middle, on a log colour scale. Hatched cells are flagged (some
inversion has flag != 0 or a steady state is unconverged: no score); a star marks each
bath's best point, a diamond the FR partner of Fig. 5 (one parameter away from the best
DB point), and a thick outline the cells where the DB score is within the tolerance."""

import numpy as np
import plotstyle as ps
from matplotlib.colors import LogNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm)
s = sm.params.settings
tolerance = float(data.attrs["tolerance"])
score = data["score"].transpose("bath", "Delta", "hz", "hx")
finite = score.values[np.isfinite(score.values)]
norm = LogNorm(vmin=max(float(finite.min()), 1e-4) if finite.size else 1e-3,
               vmax=float(finite.max()) if finite.size else 1.0)
hx_edges, hz_edges = ps.cell_edges(data["hx"].values), ps.cell_edges(data["hz"].values)
baths = [str(b) for b in data["bath"].values]
deltas = data["Delta"].values
fig, axes = ps.subplots(len(deltas), len(baths), width=3.4, height=2.9)
mesh = None


def mark(ax, point, delta, markersize=11, **style) -> None:
    """A marker at (hx, hz) of ``point`` if it lies in this Delta row."""
    if np.isclose(float(point["Delta"]), delta):
        ax.plot(float(point["hx"]), float(point["hz"]), ls="none", markersize=markersize,
                markeredgecolor="k", zorder=5, **style)


for row, delta in enumerate(deltas):
    for col, bath in enumerate(baths):
        ax = axes[row, col]
        values = score.sel(bath=bath, Delta=delta)
        mesh = ax.pcolormesh(hx_edges, hz_edges, values.values, norm=norm, cmap="viridis_r")
        ps.hatch_cells(ax, hx_edges, hz_edges, values.isnull().values)
        ax.grid(False)
        for (r, c), v in np.ndenumerate(values.values):
            if np.isfinite(v):
                ax.text(data["hx"].values[c], data["hz"].values[r] - 0.3 * (hz_edges[r + 1]
                        - hz_edges[r]), f"{v:.3g}", ha="center", va="center", fontsize=6,
                        color="k", zorder=6,
                        bbox={"facecolor": "w", "alpha": 0.7, "lw": 0, "pad": 0.5})
        if bath == "fr":
            mark(ax, {k: data[f"chain_{k}"].sel(chain="fr_partner")
                      for k in ("hx", "hz", "Delta")}, delta, marker="D", color="tab:red",
                 markersize=13)
        winner = {k: data[f"winner_{k}"].sel(bath=bath) for k in ("hx", "hz", "Delta")}
        mark(ax, winner, delta, marker="*", color="w")
        inside = data["db_within_tolerance"].transpose("Delta", "hz", "hx").sel(Delta=delta)
        for r, c in zip(*np.nonzero(inside.values), strict=True):
            ax.add_patch(Rectangle((hx_edges[c], hz_edges[r]), hx_edges[c + 1] - hx_edges[c],
                                   hz_edges[r + 1] - hz_edges[r], fill=False, lw=2.0,
                                   edgecolor="tab:orange" if bath == "db" else "none",
                                   zorder=4))
        params = {"N": int(s["N"]), "J": float(data.attrs["J"]), "Delta": float(delta),
                  "gamma": float(s["gamma"])}
        ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"longitudinal field $h_z$ ($J$)",
               title=f"{bath.upper()}: " + ps.chain_title(params))
handles = [Line2D([], [], ls="none", marker="*", markersize=11, color="w", markeredgecolor="k",
                  label="best point of the bath"),
           Line2D([], [], ls="none", marker="D", markersize=9, color="tab:red",
                  markeredgecolor="k", label="FR chain of Fig. 5")]
if bool(score.isnull().any()):  # legend entries only for what is drawn
    handles.append(ps.missing_patch("flagged: no score"))
if int(data["db_within_tolerance"].sum()):
    handles.append(Rectangle((0, 0), 1, 1, fill=False, lw=2.0, edgecolor="tab:orange",
                             label=f"DB score $\\leq$ {tolerance:g}"))
fig.legend(handles=handles, loc="outside lower center", ncol=4)
betas = ", ".join(f"{float(b):g}" for b in data["beta_bath"].values)
fig.colorbar(mesh, ax=axes, label=r"score $S$ (log scale)")
fig.suptitle(r"$S = \max_{\beta_\mathrm{bath}} \max(|\beta_x/\beta_z - 1|, "
             r"|\beta_{zz}/\beta_z - 1|)$ in the middle, $\beta_\mathrm{bath} \in$"
             f" {{{betas}}}", fontsize=8)
ps.label_panels(axes)
ps.save(fig, sm.output)
