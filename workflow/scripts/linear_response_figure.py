"""Thermality map: how far the middle of the chain is from one temperature, per bath
convention (docs/conventions.md, "Bath conventions"), versus N. Per Hamiltonian (rows) and
bath kind: the spread (max - min)/mean of beta_x, beta_z, beta_zz, beta_E over beta_bath in
the middle (log scale, 1 % line), and the level beta_E/beta_bath; one colour per convention,
one line style per beta_bath (solid: first order, beta_bath -> 0). A point with a flagged
ratio or an unconverged solve is left out and marked in the strip at the bottom."""

import numpy as np
from matplotlib.lines import Line2D
from plotstyle import (
    BATH_STYLE,
    STRIP,
    chain_title,
    label_panels,
    make_room,
    mark_flagged,
    plot_series,
    save,
    subplots,
)
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm)
hams, baths = list(data["hamiltonian"].values), list(data["bath"].values)
labels, betas = list(data["convention"].values), [float(b) for b in data["beta_bath"].values]
colors = {label: f"C{k % 10}" for k, label in enumerate(labels)}
styles = ["-", "--", ":", "-."]
N = data["N"].values
fig, axes = subplots(len(hams), 2 * len(baths), width=2.9, height=2.7)
flagged_any = False
for row, ham in enumerate(hams):
    params = {k: float(data[k].sel(hamiltonian=ham)) for k in ("J", "Delta", "hx", "hz")}
    for col, bath in enumerate(baths):
        spread_ax, level_ax = axes[row, col], axes[row, len(baths) + col]
        spread_ax.set_yscale("log")
        for j, label in enumerate(labels):
            for k, beta in enumerate(betas):
                point = data.sel(hamiltonian=ham, bath=bath, convention=label, beta_bath=beta)
                exists = point["applicable"].values == 1
                good = exists & (point["converged"].values == 1)
                spread = np.where(good, point["spread"].values, np.nan)
                level = np.where(good, point["ratio"].sel(observable="energy").values, np.nan)
                style = {"color": colors[label], "ls": styles[k % 4], "marker": "o",
                         "markersize": 2.5}
                plot_series(spread_ax, N, spread, **style)
                plot_series(level_ax, N, level, **style)
                missing = exists & ~np.isfinite(spread)
                flagged_any |= mark_flagged(spread_ax, N, missing, "a ratio flagged or unsolved",
                                            color=colors[label], offset=(j % 3) * STRIP) > 0
        spread_ax.axhline(0.01, color="gray", lw=0.8, ls=":")
        title = f"{BATH_STYLE[str(bath)]['label'].split(' ')[0]}, {ham}\n" + chain_title(
            params, ("J", "Delta", "hx", "hz"))
        spread_ax.set(xlabel="chain length $N$", xticks=N,
                      ylabel=r"spread of $\beta_O/\beta_\mathrm{bath}$ (middle)")
        level_ax.set(xlabel="chain length $N$", xticks=N,
                     ylabel=r"$\beta_E/\beta_\mathrm{bath}$ (middle bond)")
        for ax in (spread_ax, level_ax):
            ax.set_title(title, fontsize=8)
        spread_ax.text(0.02, 0.01, "1 %", transform=spread_ax.get_yaxis_transform(),
                       fontsize=6, color="gray", va="bottom")
        make_room(spread_ax)
handles = [Line2D([], [], color=colors[label], marker="o", markersize=2.5, label=label)
           for label in labels]
handles += [Line2D([], [], color="gray", ls=styles[k % 4],
                   label="first order" if beta == 0 else
                   rf"$\beta_\mathrm{{bath}} = {beta:g}$")
            for k, beta in enumerate(betas)]
handles += [Line2D([], [], color="gray", ls="none", marker="x", label="flagged or unsolved")
            ] * flagged_any
fig.legend(handles=handles, loc="outside lower center", ncols=6, title="convention, line style")
label_panels(axes)
fig.suptitle(rf"DB and FR on both edges, $\gamma = {float(data.attrs['gamma']):g}$; "
             "ratios of the exact steady state read with the same-length Gibbs state",
             fontsize=9)
save(fig, sm.output)
