"""Long chains by tensor networks, with the default thermometer (lindbath.analysis.thermometry:
site l of the N-site steady state against site l of the Gibbs state of the same N-site
chain, exact up to EXACT_MAX_N sites and MPS purification beyond): (a, b) beta_z and
beta_zz in the middle of the chain, relative to beta_bath, versus N for each bath kind and
bond dimension chi (the gap between two chi is the truncation check); (c) the profile
beta_z(l) of the longest chain; (d) the distance thermometer's d_min(l) on every bond of
the longest chain (the trace distance of the two-site state to the closest same-length
thermal two-site state, Mendoza-Arenas et al. 2015; 0: locally thermal).  Panels (a)-(c)
share their y range, kept at least SPAN wide around the data so that round-off-sized
differences do not fill the panel.  A missing value (unconverged steady state, or its
inversion flagged) is marked in the strip at the bottom of its panel, one row per
(bath, chi) in the bath's colour, one marker per reason (plotstyle.mark_flags); a bath
without any drawn value is named in the legend by its marks."""

import numpy as np
import plotstyle as ps
import xarray as xr
from matplotlib.ticker import MaxNLocator
from wfcommon import figure_data

from lindbath.exact.thermal import EXACT_MAX_N

sm = snakemake  # noqa: F821
SPAN = 0.1  # smallest y range of the beta/beta_bath panels (1: thermal)
data = figure_data(sm).isel(hamiltonian=0, gamma=0)
chis = data["chi"].values
chi_styles = {chi: ["--", "-", ":", "-."][k % 4] if len(chis) > 1 else "-"
              for k, chi in enumerate(chis)}
chi_fill = {chi: "white" if k % 2 == 0 and len(chis) > 1 else None  # open markers: first chi
            for k, chi in enumerate(chis)}
markers = {b: "os^Dv<>p"[k % 8] for k, b in enumerate(data["beta_bath"].values)}
series = [(bath, chi) for bath in data["bath"].values for chi in chis]
shown = set()  # (bath, chi, beta_bath) of the drawn series: only these get legend entries
marked = {}  # bath -> marker of its first strip mark (for baths without a drawn value)
fig, axes = ps.subplots(2, 2, width=3.6, height=2.7)
unconverged_state = data["converged"] == 0


def draw(ax, x, point, value, flag, row, what, scale):
    """One series over x: value/scale with flagged points left out and marked (flag None:
    only unconverged states are missing); records its (bath, chi, beta_bath) in ``shown``
    if anything was drawn."""
    bath, beta = str(point["bath"].values), float(point["beta_bath"])
    color = ps.BATH_STYLE[bath]["color"]
    state = (point["converged"] == 0).broadcast_like(value)
    flags = point[flag].where(~state, 0) if flag else xr.zeros_like(value)
    bad = state | (flags > 0)
    chi = int(point["chi"])
    line = ps.plot_series(ax, x, ps.drop_flagged(value / scale, bad, what), color=color,
                          ls=chi_styles[chi], marker=markers[beta], mfc=chi_fill[chi])
    if line is not None:
        shown.add((bath, int(point["chi"]), beta))
    if ps.mark_flags(ax, x, flags, color=color, offset=row * ps.STRIP, unconverged=state):
        first = int(np.flatnonzero(np.asarray(bad))[0])
        reason = "state" if bool(np.asarray(state)[first]) else int(np.asarray(flags)[first])
        marked.setdefault(bath, ps.FLAG_MARKER[reason])


def share_ratio_range(panels) -> None:
    """One y range for the beta/beta_bath panels: the data's, at least SPAN wide; the
    thermal value 1 as a line if it lies inside."""
    values = np.concatenate([line.get_ydata() for ax in panels for line in ax.lines
                             if line.get_transform() == ax.transData] or [[np.nan]])
    values = values[np.isfinite(values)]
    if not values.size:
        return
    low, high = values.min(), values.max()
    half = max(SPAN, 1.15 * (high - low)) / 2
    for ax in panels:
        ax.set_ylim((low + high) / 2 - half, (low + high) / 2 + half)
        if (low + high) / 2 - half <= 1.0 <= (low + high) / 2 + half:
            ax.axhline(1.0, color="gray", lw=0.8, ls=":")


def no_value_note(ax) -> None:
    """A note in the middle of a panel whose values are all missing."""
    if not any(np.isfinite(line.get_ydata()).any() for line in ax.lines
               if line.get_transform() == ax.transData):
        ax.set_yticks([])
        ax.text(0.5, 0.6, "no value: every point flagged\n(marks at the bottom)",
                transform=ax.transAxes, ha="center", fontsize=7)


betas = data["beta_bath"].values
for ax, short in zip(axes[0], ("z", "zz"), strict=True):
    for row, (bath, chi) in enumerate(series):
        for beta in betas:
            point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta})
            draw(ax, data["N"], point, point[f"beta_{short}"], f"flag_{short}", row,
                 f"beta_{short} {bath} chi={chi} beta_bath={beta:g}", beta)
    ax.set(xlabel="chain length $N$",
           ylabel=rf"$\beta_{{{short}}}/\beta_\mathrm{{bath}}$ (1: thermal)",
           title=rf"$\beta_{{{short}}}$ in the middle", xticks=data["N"].values)
longest = int(data["N"].max())
profile, distance = axes[1]
for row, (bath, chi) in enumerate(series):
    for beta in betas:
        point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta, "N": longest})
        site = point.sel(observable="sz")
        draw(profile, site["site"], site, site["beta_eff"], "flag", row,
             f"profile {bath} chi={chi} beta_bath={beta:g}", beta)
        draw(distance, point["bond"], point, point["d_min"], None, row,
             f"d_min {bath} chi={chi} beta_bath={beta:g}", 1.0)
for ax in axes[1]:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
profile.set(xlabel="site $l$", ylabel=r"$\beta_z(l)/\beta_\mathrm{bath}$ (1: thermal)",
            title=rf"profile $\beta_z(l)$, $N = {longest}$")
distance.set_yscale("log")
distance.set(xlabel="bond $(l, l+1)$", ylabel=r"$d_\mathrm{min}(l)$ (0: thermal pair)",
             title=rf"$d_\mathrm{{min}}(l)$, $N = {longest}$")
share_ratio_range([axes[0, 0], axes[0, 1], profile])
for ax in axes.ravel():
    if ax is not distance:
        ax.ticklabel_format(axis="y", useOffset=False)
    no_value_note(ax)
flag_entries = {}
for ax in axes.ravel():
    flag_entries.update(zip(*ax.get_legend_handles_labels()[::-1], strict=True))
legend_axes = axes[0, 0]
handles = []
for bath in map(str, data["bath"].values):
    style = ps.BATH_STYLE[bath]
    drawn = sorted(key[1] for key in shown if key[0] == bath)
    if drawn:  # in the line style of one of its drawn chi
        handles += legend_axes.plot([], [], color=style["color"], ls=chi_styles[drawn[-1]],
                                    label=style["label"])
    elif bath in marked:
        handles += legend_axes.plot([], [], color=style["color"], ls="none",
                                    marker=marked[bath], label=f"{style['label']}: no value "
                                    "(marks only)")
marker = markers[min(key[2] for key in shown)] if shown else "o"
handles += [legend_axes.plot([], [], color="gray", ls=chi_styles[c], marker=marker,
                             mfc=chi_fill[c], label=rf"$\chi = {c}$")[0]
            for c in chis if int(c) in {key[1] for key in shown}]
handles += [legend_axes.plot([], [], color="gray", ls="none", marker=markers[b],
                             label=rf"$\beta_\mathrm{{bath}} = {b:g}$")[0]
            for b in betas if float(b) in {key[2] for key in shown}]
fig.legend(handles=handles + list(flag_entries.values()),
           labels=[h.get_label() for h in handles] + list(flag_entries),
           loc="outside lower center", ncols=3)
ps.label_panels(axes)
states = int(unconverged_state.size)
unconverged = int(unconverged_state.sum())
left_out = f"; {unconverged} of {states} steady states unconverged" if unconverged else ""
params = {k: float(data[k]) for k in ("J", "Delta", "hx", "hz", "gamma")}
fig.suptitle(f"MPS steady states, {ps.chain_title(params)}{left_out}\n"
             "thermometer: site $l$ against site $l$ of the same-length Gibbs state\n"
             f"(exact up to $N = {EXACT_MAX_N}$, MPS purification beyond)", fontsize=9)
ps.save(fig, sm.output)
