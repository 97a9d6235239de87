"""Summary of the beta scan: for each bath kind one map over (Hamiltonian, chain length N
and, if the scan has them, bath placements: both edges or the left edge only) x beta_bath
of the worst middle-of-chain ratio, the one of beta_x/beta_z and
beta_zz/beta_z farthest from 1 (largest |log ratio|; 1 = a thermal state), its value
written in the cell. Colours centred on 1 and clipped at 1 -+ 1. '*': only one of the two
ratios exists there. Grey hatched: neither exists; the legend names the flags."""

from itertools import product

import numpy as np
import plotstyle as ps
import xarray as xr
from wfcommon import figure_data

RATIOS = {"ratio_x_z": ("flag_x", "flag_z"), "ratio_zz_z": ("flag_zz", "flag_z")}
sm = snakemake  # noqa: F821
data = figure_data(sm).isel(gamma=0)
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
    bad = ps.flagged(data, *RATIOS[var])
    return ps.drop_flagged(data[var], bad, var)


ratios = xr.concat([masked(v) for v in RATIOS], "ratio")
distance = np.abs(np.log(np.abs(ratios)))
worst = ratios.isel(ratio=distance.fillna(-1).argmax("ratio"))
partial = ratios.notnull().sum("ratio") == 1
flags = xr.concat([data[f] for f in ("flag_x", "flag_z", "flag_zz")], "f").max("f")
norm = ps.ratio_norm(worst.values)
fig, axes = ps.subplots(1, len(baths), width=0.6 * len(beta) + 0.6,
                        height=0.45 * len(rows) + 1.4)  # cells wide enough for their values
missing_flags = set()
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
                missing_flags.add(int(flags.sel(point)))
                continue
            star = "*" if bool(partial.sel(point)) else ""
            dark = abs(float(norm(grid[r, c])) - 0.5) > 0.35
            ax.text(c, r, f"{grid[r, c]:.2f}{star}", ha="center", va="center", fontsize=5.5,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(beta)), [f"{b:g}" for b in beta], rotation=45)
    ax.set_yticks(range(len(rows)), [row_label(row) for row in rows])
    ax.grid(False)
    ax.invert_yaxis()
    ax.set(xlabel=ps.BETA_BATH, title=f"{ps.BATH_STYLE[bath]['label']}")
fig.colorbar(mesh, ax=axes[0, -1], extend="both",
             label=r"worst of $\beta_x/\beta_z$, $\beta_{zz}/\beta_z$")
ps.label_panels(axes)
if missing_flags:
    fig.legend(handles=[ps.missing_patch(f"no ratio: {ps.flag_label(missing_flags)}")],
               loc="outside lower center")
chains = "; ".join(f"{h.replace('_', ' ')}: " + ps.chain_title(
    {k: float(data[k].sel(hamiltonian=h)) for k in ("J", "Delta", "hx", "hz")})
    for h in data["hamiltonian"].values)
fig.suptitle(f"{chains}\n" + rf"middle of the chain, $\gamma = {float(data['gamma']):g}$; "
             "white = 1 (thermal); * = one ratio missing", fontsize=9)
ps.save(fig, sm.output)
