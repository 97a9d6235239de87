"""Long chains by tensor networks: (a, b) beta_z and beta_zz in the middle of the chain,
relative to beta_bath, versus N for each bath kind and bond dimension chi (the gap between
two chi is the truncation check); (c) the profile beta_z(l) of the longest chain. A missing
value (its inversion flagged) is an 'x' in the strip at the bottom of its panel, one row per
(bath, chi) in the bath's colour; the legend below names the flags (e.g. flag 2: the
reference curve is not monotone there, so beta is not unique)."""

import numpy as np
import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm).isel(hamiltonian=0, gamma=0)
chis = data["chi"].values
chi_styles = {chi: ["--", "-", ":", "-."][k % 4] for k, chi in enumerate(chis)}
markers = {b: "os^Dv<>p"[k % 8] for k, b in enumerate(data["beta_bath"].values)}
series = [(bath, chi) for bath in data["bath"].values for chi in chis]
shown = set()  # (bath, chi, beta_bath) of the drawn series: only these get legend entries
fig, axes = ps.subplots(1, 3, width=2.9, height=2.7)


def draw(ax, x, point, beta, value, flag, row, what):
    """One series over x: value/beta_bath with flagged points left out and marked; records
    its (bath, chi, beta_bath) in ``shown`` if anything was drawn."""
    color = ps.BATH_STYLE[str(point["bath"].values)]["color"]
    bad = ps.flagged(point, flag)
    line = ps.plot_series(ax, x, ps.drop_flagged(value / beta, bad, what), color=color,
                          ls=chi_styles[int(point["chi"])], marker=markers[beta])
    if line is not None:
        shown.add((str(point["bath"].values), int(point["chi"]), float(beta)))
    flags = point[flag].where(bad)
    ps.mark_flagged(ax, x, bad, ps.flag_label(flags, bool((point["converged"] == 0).any())),
                    color=color, offset=row * ps.STRIP)


def thermal_line(ax):
    """The thermal value 1 as a line if it lies in the data's range (it is not allowed to
    stretch the axis); a note in the middle of a panel whose values are all missing."""
    low, high = ax.get_ylim()
    if low <= 1.0 <= high:
        ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    if not any(np.isfinite(line.get_ydata()).any() for line in ax.lines
               if line.get_transform() == ax.transData):
        ax.set_yticks([])
        ax.text(0.5, 0.6, "no value: every point flagged\n(marks at the bottom)",
                transform=ax.transAxes, ha="center", fontsize=7)


for ax, short in zip(axes[0, :2], ("z", "zz"), strict=True):
    for row, (bath, chi) in enumerate(series):
        for beta in data["beta_bath"].values:
            point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta})
            draw(ax, data["N"], point, beta, point[f"beta_{short}"], f"flag_{short}", row,
                 f"beta_{short} {bath} chi={chi} beta_bath={beta:g}")
    ax.set(xlabel="chain length $N$",
           ylabel=rf"$\beta_{{{short}}}/\beta_\mathrm{{bath}}$ (1: thermal)",
           title=rf"$\beta_{{{short}}}$ in the middle", xticks=data["N"].values)
longest, ax = int(data["N"].max()), axes[0, 2]
for row, (bath, chi) in enumerate(series):
    for beta in data["beta_bath"].values:
        point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta, "N": longest,
                          "observable": "sz"})
        draw(ax, point["site"], point, beta, point["beta_eff"], "flag", row,
             f"profile {bath} chi={chi}")
ax.set(xlabel="site $l$", ylabel=r"$\beta_z(l)/\beta_\mathrm{bath}$ (1: thermal)",
       title=f"profile, $N = {longest}$")
flag_entries = {}
for ax in axes[0]:
    ax.ticklabel_format(axis="y", useOffset=False)
    thermal_line(ax)
    flag_entries.update(zip(*ax.get_legend_handles_labels()[::-1], strict=True))
if flag_entries:
    fig.legend(list(flag_entries.values()), list(flag_entries), loc="outside lower center")
handles = [axes[0, 0].plot([], [], color=ps.BATH_STYLE[str(m)]["color"],
                           label=ps.BATH_STYLE[str(m)]["label"])[0] for m in data["bath"].values
           if str(m) in {key[0] for key in shown}]
handles += [axes[0, 0].plot([], [], color="gray", ls=chi_styles[c], label=rf"$\chi = {c}$")[0]
            for c in chis if int(c) in {key[1] for key in shown}]
handles += [axes[0, 0].plot([], [], color="gray", ls="none", marker=markers[b],
                            label=rf"$\beta_\mathrm{{bath}} = {b:g}$")[0]
            for b in data["beta_bath"].values if float(b) in {key[2] for key in shown}]
fig.legend(handles=handles, loc="outside right center")
ps.label_panels(axes)
unconverged = int((data["converged"] == 0).sum())
left_out = f"; {unconverged} unconverged point(s) left out" if unconverged else ""
params = {k: float(data[k]) for k in ("J", "Delta", "hx", "hz", "gamma")}
fig.suptitle(f"MPS steady states, {ps.chain_title(params)}; reference "
             rf"$N_\mathrm{{ref}} = {data.attrs['n_ref']}$ (purification){left_out}",
             fontsize=9)
ps.save(fig, sm.output)
