"""[P] Sec. IV, FR versus DB relaxation: (a) the Liouvillian gap g (slowest decay rate to the
steady state; exact) versus N for DB and FR baths on both edges at the same gamma, one line
style per beta_bath; (b) FR's speed relative to DB's by the gap, g_FR/g_DB (filled), and by
the measured time to the steady state, t_DB/t_FR (open); above 1: FR faster (the title
states which holds); (c) that measured time t_relax (exact evolution from the
infinite-temperature state until every local observable stays within tol of its steady
value, lindbath.exact.relaxation_time) versus N, DB versus FR; (d) the simulated time the MPS
evolution of the long chains took to reach its steady state (long_chains.nc, diagnostic
simulated_time) versus N, DB versus FR, per bond dimension chi.  Points without a time
(t_relax not within tol by t_max; MPS runs unconverged) are crosses on the top edge."""

import numpy as np
import xarray as xr
from matplotlib.lines import Line2D
from plotstyle import BATH_STYLE, TIME, chain_title, label_panels, plot_series, save, subplots
from wfcommon import figure_data

sm = snakemake  # noqa: F821


def ratio_title(*ratios: xr.DataArray | None) -> str:
    """Panel (b)'s title states what the data show: FR relaxes faster (ratio > 1) or slower
    by every ratio at every N and beta_bath, or at some points only."""
    values = np.concatenate([r.values.ravel() for r in ratios if r is not None] or [[]])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return "FR / DB: no data"
    if (values > 1).all():
        return "FR faster at every N"
    if (values < 1).all():
        return "FR slower at every N"
    return "FR faster above 1"


def mark_missing(ax, missing: list) -> bool:
    """Crosses along the top edge at the N of ``missing`` [(N values, color)], with headroom
    above the data (not values: these points have no time); True if there were any."""
    bottom, top = ax.get_ylim()
    top += 0.12 * (top - bottom)
    for n_values, color in missing:
        ax.plot(n_values, np.full(n_values.size, top - 0.03 * (top - bottom)), color=color,
                marker="x", ls="none")
    ax.set_ylim(bottom, top)
    return any(n_values.size for n_values, _ in missing)


data = figure_data(sm)
long = xr.load_dataset(sm.input.long).isel(hamiltonian=0, gamma=0)
styles = ["-", "--", ":", "-."]
betas = [float(b) for b in data["beta_bath"].values]
n_ticks = data["N"].values
fig, axes = subplots(2, 2, width=3.4, height=2.7)
ax = axes[0, 0]
for bath in data["bath"].values:
    style = BATH_STYLE[str(bath)]
    for k, beta in enumerate(betas):
        plot_series(ax, data["N"], data["gap"].sel(bath=bath, beta_bath=beta),
                    color=style["color"], marker=style["marker"], ls=styles[k % 4])
ax.set(xlabel="chain length $N$", ylabel=r"Liouvillian gap $g$ ($J/\hbar$)",
       xticks=n_ticks, title="exact gap")
ax = axes[0, 1]
both = {"db", "fr"} <= set(data["bath"].values)
ratios = data["gap"].sel(bath="fr") / data["gap"].sel(bath="db") if both else None
time_ratios = data["t_relax"].sel(bath="db") / data["t_relax"].sel(bath="fr") if both else None
if both:
    for k, beta in enumerate(betas):
        plot_series(ax, data["N"], ratios.sel(beta_bath=beta), color="black", marker="o",
                    ls=styles[k % 4])
        plot_series(ax, data["N"], time_ratios.sel(beta_bath=beta), color="tab:purple",
                    marker="s", markerfacecolor="none", ls=styles[k % 4])
ax.axhline(1.0, color="gray", lw=0.8, ls=":")
ax.set(xlabel="chain length $N$", ylabel="FR speed / DB speed", xticks=n_ticks,
       title=ratio_title(ratios, time_ratios))
ax = axes[1, 0]
exact_missing = []
for bath in data["bath"].values:
    style = BATH_STYLE[str(bath)]
    for k, beta in enumerate(betas):
        point = data.sel(bath=bath, beta_bath=beta)
        plot_series(ax, data["N"], point["t_relax"], color=style["color"],
                    marker=style["marker"], ls=styles[k % 4])
        exact_missing.append((data["N"].values[(point["t_relax_converged"] == 0).values],
                              style["color"]))
exact_stopped = mark_missing(ax, exact_missing)
ax.set(xlabel="chain length $N$", ylabel=r"$t_\mathrm{relax}$ ($\hbar/J$)", xticks=n_ticks,
       title="exact, from $\\beta = 0$,\n" + rf"until all $|\Delta O| < {data.attrs['tol']:g}$")
ax = axes[1, 1]
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
stopped = mark_missing(ax, missing)
ax.set(xlabel="chain length $N$", ylabel=f"simulated {TIME}", xticks=long["N"].values,
       title="MPS: time to steady state\n" + rf"$\beta_\mathrm{{bath}} = "
             rf"{', '.join(f'{b:g}' for b in long['beta_bath'].values)}$")
handles = [Line2D([], [], color=BATH_STYLE[str(b)]["color"], marker=BATH_STYLE[str(b)]["marker"],
                  label=BATH_STYLE[str(b)]["label"]) for b in data["bath"].values]
handles += [Line2D([], [], color="gray", ls=styles[k % 4],
                   label=rf"(a-c) $\beta_\mathrm{{bath}} = {beta:g}$")
            for k, beta in enumerate(betas)]
handles += [Line2D([], [], color="black", marker="o", label=r"(b) $g_\mathrm{FR}/g_\mathrm{DB}$"),
            Line2D([], [], color="tab:purple", marker="s", markerfacecolor="none",
                   label=r"(b) $t_\mathrm{DB}/t_\mathrm{FR}$")] * both
handles += [Line2D([], [], color="gray", ls="none", marker="x",
                   label="(c) not within tol by $t_\\mathrm{max}$ (top)")] * exact_stopped
handles += [Line2D([], [], color="gray", ls=styles[k % 4], label=rf"(d) $\chi = {int(chi)}$")
            for k, chi in enumerate(chis) if drawn[k]]
handles += [Line2D([], [], color="gray", ls="none", marker="x",
                   label="(d) not converged (top)")] * stopped
fig.legend(handles=handles, loc="outside right center")
label_panels(axes)
fig.suptitle(chain_title({k: data.attrs[k] for k in ("J", "Delta", "hx", "hz", "gamma")}) +
             "; the same bath kind on both edges", fontsize=9)
save(fig, sm.output)
