"""Thermality versus chain length (study "thermality"), one column per Hamiltonian, DB
(solid) and FR (dashed) on both edges, one colour per beta_bath, every state read against
the Gibbs state of its own length (lindbath.analysis.thermometry):
(a) |r - 1| of the worst middle ratio r among beta_x/beta_z, beta_zz/beta_z and
beta_E/beta_z (lindbath.analysis.thermality.worst_ratio; 0: every observable gives the same
temperature) versus N, the 1 % line dotted; (b) the distance thermometer's d_min on the
middle bond (0: the middle pair is thermal at some temperature); (c) the profile
beta_z(l)/beta_bath at the largest N drawn in (a), flagged sites marked 'x' at the bottom.
Exact states (chi = 0) where they exist, else the largest bond dimension, with the gap to
the next-largest as error bar (lindbath.analysis.thermality.across_bond_dimensions). A grid
point without a value is marked in the strip at the bottom of its panel: diamond, steady
state unconverged (its verdict at the bond dimension used, or at every bond dimension);
'x', no ratio (every inversion flagged)."""

from itertools import product

import numpy as np
import plotstyle as ps
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, NullFormatter
from wfcommon import figure_data

from lindbath.analysis.thermality import across_bond_dimensions

sm = snakemake  # noqa: F821
NO_RATIO = "no ratio: every inversion flagged"
BATH_LINE = {"db": "-", "fr": "--", "local": ":"}
data = figure_data(sm).isel(gamma=0)
hamiltonians = list(sm.params.settings["hamiltonians"])  # the config's order
baths = [str(b) for b in data["bath"].values]
betas = data["beta_bath"].values
colours = dict(zip(betas, ps.plt.cm.viridis(np.linspace(0.0, 0.85, len(betas))), strict=True))
exists = data["converged"].notnull().any("chi")
any_converged = (data["converged"] == 1).any("chi")


def estimate(name):
    """across_bond_dimensions of one variable, plus the marks of the missing points."""
    est = across_bond_dimensions(data[name], data["converged"])
    drawn = est["value"].notnull() & (est["converged"] == 1)
    flagged = exists & est["value"].isnull() & any_converged
    return est, drawn, exists & ~drawn & ~flagged, flagged


def draw(ax, est, drawn, marks, transform):
    """One line per (bath, beta_bath) over N with its error bars and strip marks (one strip
    row per line)."""
    unconverged, flagged = marks
    for row, (bath, beta) in enumerate(product(baths, betas)):
        point = {"bath": bath, "beta_bath": beta}
        n = est["N"].values
        value = transform(est["value"].sel(point)).where(drawn.sel(point))
        style = {"color": colours[beta], "marker": ps.BATH_STYLE[bath]["marker"]}
        if ps.plot_series(ax, n, value, ls=BATH_LINE[bath], **style) is not None:
            ps.error_bars(ax, n, value, est["error"].sel(point).where(drawn.sel(point)),
                          color=colours[beta])
        ps.mark_flagged(ax, n, unconverged.sel(point), ps.STATE_UNCONVERGED,
                        color=colours[beta], offset=row * ps.STRIP,
                        marker=ps.FLAG_MARKER["state"])
        ps.mark_flagged(ax, n, flagged.sel(point), NO_RATIO, color=colours[beta],
                        offset=row * ps.STRIP)


def n_axis(ax, lengths):
    ax.set_xscale("log")
    ax.set_xticks(lengths, [str(int(n)) for n in lengths])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("chain length $N$")


def profile(ax, ham, ratio, drawn):
    """beta_z(l)/beta_bath at the largest N drawn in row (a) (at its bond dimension)."""
    lengths = drawn.sel(hamiltonian=ham).any(("bath", "beta_bath"))
    if not lengths.any():
        ax.text(0.5, 0.5, "no converged state", transform=ax.transAxes, ha="center")
        return
    n = int(data["N"].where(lengths, drop=True).max())
    for bath in baths:
        for beta in betas:
            point = {"hamiltonian": ham, "N": n, "bath": bath, "beta_bath": beta}
            if not bool(drawn.sel(point)):
                continue
            state = data.sel(point).sel(chi=int(ratio["chi"].sel(point)), observable="sz")
            flagged = state["flag"] > 0
            ax.plot(state["site"], state["beta_eff"].where(~flagged) / beta,
                    ls=BATH_LINE[bath], color=colours[beta],
                    marker=ps.BATH_STYLE[bath]["marker"])
            ps.mark_flagged(ax, state["site"], flagged, "flagged inversion", color=colours[beta])
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="site $l$", ylabel=r"$\beta_z(l)/\beta_\mathrm{bath}$ (1: bath's)",
           title=f"{ham.replace('_', ' ')}: profile at $N = {n}$", xlim=(0.5, n + 0.5))


ratio, ratio_drawn, *ratio_marks = estimate("worst_ratio")
dmin, dmin_drawn, *dmin_marks = estimate("d_min_middle")
fig, axes = ps.subplots(3, len(hamiltonians), width=max(3.4, 7.0 / len(hamiltonians)),
                        height=2.6)
for col, ham in enumerate(hamiltonians):
    sel = {"hamiltonian": ham}
    lengths = data["N"].where(exists.sel(sel).any(("bath", "beta_bath")), drop=True).values
    draw(axes[0, col], ratio.sel(sel), ratio_drawn.sel(sel),
         [m.sel(sel) for m in ratio_marks], lambda r: np.abs(r - 1.0))
    draw(axes[1, col], dmin.sel(sel), dmin_drawn.sel(sel), [m.sel(sel) for m in dmin_marks],
         lambda d: d)
    for ax in axes[:2, col]:
        ax.set_yscale("log")
        n_axis(ax, lengths)
    axes[0, col].axhline(0.01, color="gray", lw=0.8, ls=":", label="1 %")
    axes[0, col].set(title=f"{ham.replace('_', ' ')}: worst ratio",
                     ylabel=r"$|r - 1|$, worst middle ratio $r$")
    axes[1, col].set(title=rf"{ham.replace('_', ' ')}: $d_\mathrm{{min}}$",
                     ylabel=r"$d_\mathrm{min}$, middle bond")
    profile(axes[2, col], ham, ratio, ratio_drawn)
handles = [Line2D([], [], color="gray", ls=BATH_LINE[b], marker=ps.BATH_STYLE[b]["marker"],
                  label=ps.BATH_STYLE[b]["label"]) for b in baths]
handles += [Line2D([], [], color=colours[b], lw=3, label=rf"$\beta_\mathrm{{bath}} = {b:g}$")
            for b in betas]
marks = {}
for ax in axes.ravel():
    marks.update(zip(*ax.get_legend_handles_labels()[::-1], strict=True))
fig.legend(handles=handles + list(marks.values()),
           labels=[h.get_label() for h in handles] + list(marks),
           loc="outside lower center", ncols=4)
ps.label_panels(axes)
states = int(exists.sum())
bad = int((exists & ~any_converged).sum())
fig.suptitle("Thermality versus $N$, baths on both edges, "
             f"{ps.chain_title({'gamma': float(data['gamma'])})}: exact states, MPS beyond\n"
             "(largest $\\chi$; error bar: gap to the next $\\chi$); "
             f"{bad} of {states} points unconverged at every $\\chi$\n"
             "thermometer: site $l$ against site $l$ of the same-length Gibbs state",
             fontsize=9)
ps.save(fig, sm.output)
