"""[P] Sec. IV, FR versus DB relaxation: (a) the Liouvillian gap g (slowest decay rate to the
steady state; exact) versus N for DB and FR baths on both edges at the same gamma, one line
style per beta_bath; (b) the ratio g_FR/g_DB (above 1: FR relaxes faster; the title states
which holds); (c) the simulated time the MPS evolution of the long chains took to reach its
steady state (long_chains.nc, diagnostic simulated_time) versus N, DB versus FR, per bond
dimension chi (unconverged runs, which have no time to steady state, as crosses on the top
edge)."""

import numpy as np
import xarray as xr
from matplotlib.lines import Line2D
from plotstyle import BATH_STYLE, TIME, chain_title, label_panels, plot_series, save, subplots
from wfcommon import figure_data

sm = snakemake  # noqa: F821


def ratio_title(ratios: xr.DataArray | None) -> str:
    """Panel (b)'s title states what the data show: FR relaxes faster (ratio > 1) or slower
    at every N and beta_bath, or at some points only."""
    if ratios is None or not np.isfinite(ratios).any():
        return "FR / DB: no data"
    values = ratios.values[np.isfinite(ratios.values)]
    if (values > 1).all():
        return "FR faster at every N"
    if (values < 1).all():
        return "FR slower at every N"
    return "FR faster above 1"
data = figure_data(sm)
long = xr.load_dataset(sm.input.long).isel(hamiltonian=0, gamma=0)
styles = ["-", "--", ":", "-."]
betas = [float(b) for b in data["beta_bath"].values]
fig, axes = subplots(1, 3, width=2.9, height=2.8)
ax = axes[0, 0]
for bath in data["bath"].values:
    style = BATH_STYLE[str(bath)]
    for k, beta in enumerate(betas):
        ax.plot(data["N"], data["gap"].sel(bath=bath, beta_bath=beta), color=style["color"],
                marker=style["marker"], ls=styles[k % 4])
ax.set(xlabel="chain length $N$", ylabel=r"Liouvillian gap $g$ ($J/\hbar$)",
       xticks=data["N"].values, title="exact gap")
ax = axes[0, 1]
ratios = data["gap"].sel(bath="fr") / data["gap"].sel(bath="db") \
    if {"db", "fr"} <= set(data["bath"].values) else None
if ratios is not None:
    for k, beta in enumerate(betas):
        ax.plot(data["N"], ratios.sel(beta_bath=beta), color="black", marker="o",
                ls=styles[k % 4])
ax.axhline(1.0, color="gray", lw=0.8, ls=":")
ax.set(xlabel="chain length $N$", ylabel=r"$g_\mathrm{FR} / g_\mathrm{DB}$",
       xticks=data["N"].values, title=ratio_title(ratios))
ax = axes[0, 2]
chis = long["chi"].values
drawn, missing = np.zeros(len(chis), dtype=bool), []  # missing: no time to show
for bath in long["bath"].values:
    style = BATH_STYLE[str(bath)]
    for k, chi in enumerate(chis):
        for beta in long["beta_bath"].values:
            point = long.sel(bath=bath, chi=chi, beta_bath=beta)
            converged = (point["converged"] == 1).values
            times = point["simulated_time"].values
            drawn[k] |= plot_series(ax, long["N"], np.where(converged, times, np.nan),
                                    color=style["color"], marker=style["marker"],
                                    ls=styles[k % 4], markerfacecolor="none") is not None
            missing.append((long["N"].values[~converged], style["color"]))
bottom, top = ax.get_ylim()
top += 0.12 * (top - bottom)  # headroom for the marks above the data
for n_values, color in missing:  # unconverged: marked along the top edge, not as a value
    ax.plot(n_values, np.full(n_values.size, top - 0.03 * (top - bottom)), color=color,
            marker="x", ls="none")
ax.set_ylim(bottom, top)
stopped = any(n_values.size for n_values, _ in missing)
ax.set(xlabel="chain length $N$", ylabel=f"simulated {TIME}", xticks=long["N"].values,
       title="MPS: time to steady state\n" + rf"$\beta_\mathrm{{bath}} = "
             rf"{', '.join(f'{b:g}' for b in long['beta_bath'].values)}$")
c_handles = [Line2D([], [], color="gray", ls=styles[k % 4], label=rf"(c) $\chi = {int(chi)}$")
             for k, chi in enumerate(chis) if drawn[k]]
c_handles += [Line2D([], [], color="gray", ls="none", marker="x",
                     label="(c) not converged (top)")] * stopped
handles = [Line2D([], [], color=BATH_STYLE[str(b)]["color"], marker=BATH_STYLE[str(b)]["marker"],
                  label=BATH_STYLE[str(b)]["label"]) for b in data["bath"].values]
handles += [Line2D([], [], color="gray", ls=styles[k % 4],
                   label=rf"(a, b) $\beta_\mathrm{{bath}} = {beta:g}$")
            for k, beta in enumerate(betas)]
fig.legend(handles=handles + c_handles, loc="outside right center")
label_panels(axes)
fig.suptitle(chain_title({k: data.attrs[k] for k in ("J", "Delta", "hx", "hz", "gamma")}) +
             "; the same bath kind on both edges", fontsize=9)
save(fig, sm.output)
