"""[P] Fig. 5: beta_x/beta_z (top row) and beta_zz/beta_z (bottom row) in the middle of the
chain versus beta_bath, DB bath (blue open squares, solid) and FR bath (red filled
triangles, dashed: visible also where they coincide), on the two chains the parameter
search ranks best (lindbath.analysis.search): its best DB point (left) and its best FR point
(right; one column if they coincide). The titles give each chain's search scores and ranks
for both baths; the grey span is the beta_bath range the search scores. Every beta against
the Gibbs state of the same N-site chain.

The ratio axis is a symmetric log scale of (ratio - 1), linear within -+1 % (the green band)
and logarithmic beyond, with tick labels the ratios themselves: a ratio of 20 and one of
1.005 are both readable. A mark in the strip at the bottom (bath colour; one marker per
reason, named in the legend) is a ratio left out: a steady state that did not converge or
the flag of the first flagged inversion (numerator, then beta_z)."""

import numpy as np
import plotstyle as ps
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from wfcommon import figure_data

BAND = 0.01  # -+1 % around ratio 1, the linear part of the ratio axis
LINSCALE = 0.5  # decades of axis given to each half of the linear part
# Ratios to label, most wanted first (ratio_ticks keeps those that fit).
TICKS = (1, 2, 0.5, 10, 0.9, 1.1, 5, 20, 0.99, 1.01, 100, 50, 3, 0.7, 1.5, 0.95, 1.05, 0.8, 1.2,
         0.3, 0.2, 0.1)
SERIES = (("ratio_x_z", ("flag_x", "flag_z"), r"$\beta_x/\beta_z$"),
          ("ratio_zz_z", ("flag_zz", "flag_z"), r"$\beta_{zz}/\beta_z$"))
LINE = {"db": {"ls": "-", "markerfacecolor": "none", "markersize": 6, "mew": 1.2},
        "fr": {"ls": "--", "markersize": 4}}

sm = snakemake  # noqa: F821
data = figure_data(sm)
s = sm.params.settings
PARAMS = ("hx", "hz", "Delta")
chains = []  # one column per distinct chain
for chain in data["chain"].values:
    point = [float(data[k].sel(chain=chain)) for k in PARAMS]
    if not any(np.allclose(point, [float(data[k].sel(chain=c)) for k in PARAMS])
               for c in chains):
        chains.append(str(chain))
fig, axes = ps.subplots(len(SERIES), len(chains), width=8.0 / len(chains), height=2.9)


def ratio_ticks(ax, deviations) -> None:
    """Ticks at the TICKS ratios within the range of the ``deviations`` (ratio - 1) and the
    band, in their order of preference, at least 8 % of that range apart (so that none
    falls into the strip of flag marks that plotstyle.save adds below)."""
    scale = ax.yaxis.get_transform()
    y = scale.transform(np.r_[deviations[np.isfinite(deviations)], -BAND, BAND])
    low, high = y.min(), y.max()
    low, high = low - 0.02 * (high - low), high + 0.02 * (high - low)
    kept = []
    for t in TICKS:
        y = float(scale.transform(np.array([t - 1.0]))[0])
        if low <= y <= high and all(abs(y - k) > 0.08 * (high - low) for k, _ in kept):
            kept.append((y, t))
    ax.yaxis.set_major_locator(FixedLocator(sorted(t - 1.0 for _, t in kept)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{1.0 + y:g}"))
    ax.yaxis.set_minor_locator(NullLocator())


def title(chain: str) -> str:
    """Which chain, its search scores and ranks for both baths, its parameters."""
    one = data.sel(chain=chain)
    same = len(chains) < data.sizes["chain"]
    name = ("best DB and best FR chain (the same point)" if same else
            f"best {chain.removeprefix('best_').upper()} chain of the search")
    scores = ", ".join(
        rf"$S_\mathrm{{{str(b).upper()}}}={float(one['search_score'].sel(bath=b)):.3f}$ "
        f"(rank {int(one['search_rank'].sel(bath=b))}/"
        f"{int(data['search_ranked'].sel(bath=b))})" for b in one["bath"].values)
    params = {"N": int(data.attrs["N"]), "J": float(data.attrs["J"]),
              **{k: float(one[k]) for k in PARAMS}, "gamma": float(s["gamma"])}
    return f"{name}\n{scores}\n{ps.chain_title(params)}"


search = [float(b) for b in np.atleast_1d(data.attrs["search_beta_bath"])]
for col, chain in enumerate(chains):
    one = data.sel(chain=chain)
    for row, (var, flags, name) in enumerate(SERIES):
        ax = axes[row, col]
        ax.set_yscale("symlog", linthresh=BAND, linscale=LINSCALE)
        drawn = []
        if max(search) > min(search):
            ax.axvspan(min(search), max(search), color="0.88", lw=0, zorder=0,
                       label=r"$\beta_\mathrm{bath}$ range scored by the search")
        else:  # one beta_bath: a span of no width would not show
            ax.axvline(search[0], color="0.85", lw=5, zorder=0,
                       label=r"$\beta_\mathrm{bath}$ scored by the search")
        ax.axhspan(-BAND, BAND, color="tab:green", alpha=0.25, lw=0, zorder=1,
                   label=r"$\pm 1\,\%$ of ratio 1")
        ax.axhline(0.0, color="tab:green", lw=0.8, ls=":", zorder=1, label="thermal (ratio 1)")
        for b, bath in enumerate(one["bath"].values):
            ds = one.sel(bath=bath)
            style = ps.BATH_STYLE[str(bath)]
            first = np.zeros(ds.sizes["beta_bath"])
            for flag in flags:
                first = np.where(first > 0, first, np.nan_to_num(ds[flag].values.astype(float)))
            unconverged = ds["converged"].values == 0
            values = np.where((first > 0) | unconverged, np.nan, ds[var].values)
            drawn.append(values - 1.0)
            ps.plot_series(ax, ds["beta_bath"].values, values - 1.0, color=style["color"],
                           marker=style["marker"], label=style["label"], zorder=3,
                           **LINE.get(str(bath), {}))
            ps.mark_flags(ax, ds["beta_bath"].values, first, color=style["color"],
                          offset=b * ps.STRIP, unconverged=unconverged)
        ratio_ticks(ax, np.concatenate(drawn))
        ax.set(xlabel=ps.BETA_BATH, ylabel=f"{name} in the middle")
        ax.set_title(title(chain) if row == 0 else f"{name}, " + title(chain).split("\n")[0])
entries = {}
for ax in axes.ravel():  # one legend for every panel: the same series in each
    for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
        entries.setdefault(label, handle)
fig.legend(entries.values(), entries.keys(), loc="outside lower center", ncol=4, fontsize=7)
differ = [k for k in PARAMS if len(chains) > 1
          and not np.isclose(*(float(data[k].sel(chain=c)) for c in chains[:2]))]
fig.suptitle("DB versus FR baths on the best chains of the parameter search" + (
    f" (they differ in {ps.chain_title({k: 0 for k in differ}).replace('=0', '')})"
    if differ else "") + ";\nmiddle of the chain against the same-length Gibbs state; "
    r"ratio axis: log of $|$ratio$ - 1|$, linear within $\pm 1\,\%$", fontsize=8)
ps.label_panels(axes)
for ax in axes.ravel():
    ax.title.set_fontsize(8)
ps.save(fig, sm.output)
