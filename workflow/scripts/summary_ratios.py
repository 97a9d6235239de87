"""Summary of the beta scan: for each bath kind one map over (Hamiltonian, chain length N
and, if the scan has them, bath placements: both edges or the left edge only) x beta_bath
of the worst middle-of-chain ratio, the one of beta_x/beta_z, beta_zz/beta_z and
beta_e/beta_z farthest from 1 (largest |log ratio|; 1 = a thermal state), with the default
thermometer (site l of the N-site steady state against site l of the Gibbs state of the
same N-site chain). The cell shows its value and which ratio it is (x, zz or E). Colours
centred on 1 and clipped at 1 -+ d (ps.ratio_norm). A cell where only some of the ratios
exist (the others flagged) is hatched lightly over its colour and starred, one hatch per set
of existing ratios (legend: which exist); grey hatched: none exists, the legend names the
flags."""

from itertools import product

import numpy as np
import plotstyle as ps
import xarray as xr
from matplotlib.patches import Patch, Rectangle
from wfcommon import figure_data

from lindbath.analysis.thermality import worst_ratio_index

# ratio -> (the flags of its two betas, short name in the cell, mathtext)
RATIOS = {"ratio_x_z": (("flag_x", "flag_z"), "x", r"$\beta_x/\beta_z$"),
          "ratio_zz_z": (("flag_zz", "flag_z"), "zz", r"$\beta_{zz}/\beta_z$"),
          "ratio_e_z": (("flag_e", "flag_z"), "E", r"$\beta_E/\beta_z$")}
PARTIAL_HATCHES = ["////", "\\\\\\\\", "||||", "----", "....", "++++"]
PARTIAL_EDGE = (0.25, 0.25, 0.25, 0.55)  # a light hatch: the colour stays readable
sm = snakemake  # noqa: F821
data = figure_data(sm).isel(gamma=0)
ratios_here = [v for v in RATIOS if v in data]
ROW_DIMS = [d for d in ("hamiltonian", "N", "edges") if d in data.dims]
rows = [dict(zip(ROW_DIMS, values, strict=True))
        for values in product(*(data[d].values for d in ROW_DIMS))]
baths = [str(b) for b in data["bath"].values]
beta = data["beta_bath"].values


def row_label(row):
    """e.g. "xxz fields, N=8, left edge"."""
    text = f"{str(row['hamiltonian']).replace('_', ' ')}, $N={int(row['N'])}$"
    return text + (f", {row['edges']} edge{'s' if row['edges'] == 'both' else ''}"
                   if "edges" in row else "")


def masked(var):
    """The ratio with flagged points (either beta's flag, or unconverged) set to NaN."""
    bad = ps.flagged(data, *RATIOS[var][0])
    return ps.drop_flagged(data[var], bad, var)


ratios = xr.concat([masked(v) for v in ratios_here], "ratio")
which = worst_ratio_index(ratios)
worst = ratios.isel(ratio=which)
exists = ratios.notnull()
count = exists.sum("ratio")
flag_names = sorted({f for v in ratios_here for f in RATIOS[v][0]})
norm = ps.ratio_norm(worst.values)
# cells wide enough for their values, plus the row labels (first panel only) and colour bar
width = max(len(baths) * (0.5 * len(beta) + 0.3) + 2.8, 7.5)
fig, axes = ps.subplots(1, len(baths), width=width / len(baths),
                        height=0.45 * len(rows) + 1.7, sharey=True)
missing_flags, missing_unconverged = set(), False
partial_sets = {}  # which ratios exist (tuple of names) -> hatch
for ax, bath in zip(axes[0], baths, strict=True):
    grid = np.array([[float(worst.sel({**row, "bath": bath, "beta_bath": b}))
                      for b in beta] for row in rows])
    x_edges, y_edges = np.arange(len(beta) + 1) - 0.5, np.arange(len(rows) + 1) - 0.5
    mesh = ax.pcolormesh(x_edges, y_edges, grid, norm=norm, cmap="RdBu_r", shading="flat")
    empty = ~np.isfinite(grid)
    ps.hatch_cells(ax, x_edges, y_edges, empty)
    for r, row in enumerate(rows):
        for c, b in enumerate(beta):
            point = {**row, "bath": bath, "beta_bath": b}
            if empty[r, c]:
                missing_flags |= {int(data[f].sel(point)) for f in flag_names
                                  if float(data[f].sel(point)) > 0}
                missing_unconverged |= bool(data["converged"].sel(point) == 0)
                continue
            star = ""
            if int(count.sel(point)) < len(ratios_here):  # some ratios missing
                present = tuple(v for v, ok in zip(ratios_here, exists.sel(point).values,
                                                   strict=True) if ok)
                hatch = partial_sets.setdefault(
                    present, PARTIAL_HATCHES[len(partial_sets) % len(PARTIAL_HATCHES)])
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor="none",
                                       edgecolor=PARTIAL_EDGE, hatch=hatch, lw=0, zorder=2))
                star = "*"
            name = RATIOS[ratios_here[int(which.sel(point))]][1]
            dark = abs(float(norm(grid[r, c])) - 0.5) > 0.35
            ax.text(c, r, f"{grid[r, c]:.2f}{star}\n({name})", ha="center", va="center",
                    fontsize=5.5, linespacing=1.0, color="white" if dark else "black",
                    zorder=3)
    ax.set_xticks(range(len(beta)), [f"{b:g}" for b in beta], rotation=45)
    ax.set_yticks(range(len(rows)), [row_label(row) for row in rows])
    ax.tick_params(labelleft=ax is axes[0, 0])
    ax.grid(False)
    ax.set(xlabel=ps.BETA_BATH.replace("$1/J$", r"$1/J$ or $1/\Delta$ where $J = 0$"),
           title=f"{ps.BATH_STYLE[bath]['label']}")
axes[0, 0].invert_yaxis()  # shared: once
worst_label = "worst of " + ", ".join(RATIOS[v][2] for v in ratios_here)
fig.colorbar(mesh, ax=axes[0, -1], extend="both", label=worst_label)
ps.label_panels(axes)
handles = []
for present, hatch in partial_sets.items():
    names = " and ".join(RATIOS[v][2] for v in present)
    handles.append(Patch(facecolor="white", edgecolor=PARTIAL_EDGE, hatch=hatch,
                         label=f"* only {names} exist{'s' if len(present) == 1 else ''}"))
if missing_flags or missing_unconverged:
    handles.append(ps.missing_patch(
        f"no ratio: {ps.flag_label(missing_flags, unconverged=missing_unconverged)}"))
if handles:
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3))
chains = "; ".join(f"{h.replace('_', ' ')}: " + ps.chain_title(
    {k: float(data[k].sel(hamiltonian=h)) for k in ("J", "Delta", "hx", "hz")})
    for h in data["hamiltonian"].values)
fig.suptitle(f"{chains}\n" + rf"middle of the chain, $\gamma = {float(data['gamma']):g}$, "
             "default thermometer (same-length Gibbs reference)\nwhite = 1 (thermal); "
             "in the cell: the worst ratio and its numerator (x, zz, E)", fontsize=9)
ps.save(fig, sm.output)
