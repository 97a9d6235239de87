"""[P] Fig. 5: ratios beta_x/beta_z (filled) and beta_zz/beta_z (open) in the middle of
the chain versus beta_bath, DB (blue squares) versus FR (red triangles), for the two chains
of the parameter search that differ in one parameter (the best DB point and the best FR
point one parameter away from it; lindbath.analysis.search). Log ratio axis, so that a
ratio of 8 and one of 1.01 are both readable. A mark in the strip at the bottom (bath
colour; 'x' for beta_x/beta_z, '+' for beta_zz/beta_z) is a ratio left out because one of
its inversions is flagged, the legend names the flags."""

import numpy as np
import plotstyle as ps
from matplotlib.ticker import FuncFormatter, NullFormatter
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm)
s = sm.params.settings
SERIES = (("ratio_x_z", ("x", "z"), True, r"\beta_x", "x"),
          ("ratio_zz_z", ("zz", "z"), False, r"\beta_{zz}", "+"))
TICKS = (0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10, 20, 30, 50)
fig, axes = ps.subplots(1, data.sizes["chain"], width=4.0, height=3.0)
for ax, chain in zip(axes[0], data["chain"].values, strict=True):
    one = data.sel(chain=chain)
    for b, bath in enumerate(one["bath"].values):
        ds = one.sel(bath=bath)
        style = ps.BATH_STYLE[str(bath)]
        for k, (var, shorts, filled, name, marker) in enumerate(SERIES):
            names = [f"flag_{short}" for short in shorts]
            bad = ps.flagged(ds, *names)
            values = ps.drop_flagged(ds[var], bad, f"{chain} {bath} {var}")
            if np.isfinite(values).any():  # an all-flagged series shows as marks only
                ax.plot(ds["beta_bath"], values, color=style["color"], marker=style["marker"],
                        ls="-" if filled else "--",
                        markerfacecolor=style["color"] if filled else "none",
                        label=rf"${name}/\beta_z$, {str(bath).upper()}")
            flags = np.concatenate([ds[n].values[bad.values] for n in names])
            ps.mark_flagged(ax, ds["beta_bath"], bad, ps.flag_label(flags), marker=marker,
                            color=style["color"], offset=(2 * b + k) * ps.STRIP)
    ax.axhline(1.0, color="gray", lw=0.8, ls=":", label="thermal (ratio 1)")
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ax.set_yticks([t for t in TICKS if low <= t <= high])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    params = {"N": int(data.attrs["N"]), "J": float(data.attrs["J"]),
              **{k: float(one[k]) for k in ("Delta", "hx", "hz")}, "gamma": float(s["gamma"])}
    which = "best DB point" if str(chain) == "best_db" else "FR partner"
    ax.set(xlabel=ps.BETA_BATH, ylabel=r"$\beta_O / \beta_z$ in the middle (log scale)",
           title=f"{which}\n" + ps.chain_title(params))
    ax.title.set_fontsize(8)
entries = {}
for ax in axes[0]:  # one legend for both panels: the same series in each
    for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
        entries.setdefault(label, handle)
fig.legend(entries.values(), entries.keys(), loc="outside lower center", ncol=4, fontsize=7)
fig.suptitle(str(data.attrs["fig5_chains"]).split(";")[1].strip().capitalize(), fontsize=8)
ps.label_panels(axes)
ps.save(fig, sm.output)
