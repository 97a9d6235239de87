"""[P] Sec. IV, FR versus DB relaxation: (a) the Liouvillian gap g (slowest decay rate to the
steady state; exact) versus N for DB and FR baths on both edges at the same gamma, one line
style per beta_bath; (b) FR's speed relative to DB's by the gap, g_FR/g_DB (filled), and by
the measured time to the steady state, t_DB/t_FR (open); above 1: FR faster (the title
states which holds); (c) that measured time t_relax (exact evolution from the
infinite-temperature state until every local observable stays within tol of its steady
value, lindbath.exact.relaxation_time) versus N, DB versus FR; (d) the same time at the
coarser tolerance of the MPS evolutions (relaxation_mps.nc, lindbath.mps.relaxation), exact
(filled, from the exact distance curves) and by TEBD for the longer chains (open: the largest
chi, error bar: the change from the next chi), log axes.  Points without a time (t_relax not
within tol by t_max; MPS times not converged at the largest chi or not within chi_tol of the
next chi, t_relax_chi_converged = 0) are crosses on the top edge."""

import numpy as np
import xarray as xr
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter
from plotstyle import BATH_STYLE, chain_title, label_panels, plot_series, save, subplots
from wfcommon import figure_data

from lindbath.model.settling import settling_time

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
mps = xr.load_dataset(sm.input.mps)
tol = float(mps.attrs["tol"])
chis = [int(c) for c in mps["chi"].values]
ax.set(xscale="log", yscale="log")
missing, drawn = [], False  # MPS points without a time; any MPS point drawn
for bath in data["bath"].values:
    style = BATH_STYLE[str(bath)]
    for k, beta in enumerate(betas):
        at_tol = [settling_time(data["t"].values, d, tol) for d in
                  data["relaxation_distance"].sel(bath=bath, beta_bath=beta).values]
        plot_series(ax, data["N"], at_tol, color=style["color"], marker=style["marker"],
                    ls=styles[k % 4])
        point = mps.sel(bath=bath, beta_bath=beta)
        good = (point["t_relax_chi_converged"] == 1).values
        drawn |= bool(good.any())
        if good.any():
            ax.errorbar(mps["N"].values[good], point["t_relax_estimate"].values[good],
                        point["t_relax_chi_error"].values[good], color=style["color"],
                        marker=style["marker"], markerfacecolor="none", ls=styles[k % 4],
                        capsize=2)
        missing.append((mps["N"].values[~good], style["color"]))
stopped = mark_missing(ax, missing)
lengths = np.concatenate([data["N"].values, mps["N"].values])
ax.set(xlabel="chain length $N$", ylabel=r"$t_\mathrm{relax}$ ($\hbar/J$)",
       title=rf"until all $|\Delta O| < {tol:g}$:" + "\nexact filled, MPS open")
ax.set_xticks(lengths, [str(n) for n in lengths], minor=False)
ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
ax.yaxis.set_major_formatter(ScalarFormatter())
for axis in (ax.xaxis, ax.yaxis):
    axis.set_minor_formatter(NullFormatter())
handles = [Line2D([], [], color=BATH_STYLE[str(b)]["color"], marker=BATH_STYLE[str(b)]["marker"],
                  label=BATH_STYLE[str(b)]["label"]) for b in data["bath"].values]
handles += [Line2D([], [], color="gray", ls=styles[k % 4],
                   label=rf"(a-d) $\beta_\mathrm{{bath}} = {beta:g}$")
            for k, beta in enumerate(betas)]
handles += [Line2D([], [], color="black", marker="o", label=r"(b) $g_\mathrm{FR}/g_\mathrm{DB}$"),
            Line2D([], [], color="tab:purple", marker="s", markerfacecolor="none",
                   label=r"(b) $t_\mathrm{DB}/t_\mathrm{FR}$")] * both
handles += [Line2D([], [], color="gray", ls="none", marker="x",
                   label="(c) not within tol by $t_\\mathrm{max}$ (top)")] * exact_stopped
handles += [Line2D([], [], color="gray", marker="o", markerfacecolor="none",
                   label=rf"(d) MPS $\chi = {chis[-1]}$, bar: to $\chi = {chis[-2]}$"
                   if len(chis) > 1 else rf"(d) MPS $\chi = {chis[-1]}$")] * drawn
handles += [Line2D([], [], color="gray", ls="none", marker="x",
                   label="(d) MPS not converged in t or $\\chi$ (top)")] * stopped
fig.legend(handles=handles, loc="outside right center")
label_panels(axes)
fig.suptitle(chain_title({k: data.attrs[k] for k in ("J", "Delta", "hx", "hz", "gamma")}) +
             "; the same bath kind on both edges", fontsize=9)
save(fig, sm.output)
