"""Chain bath models ranked: trace distance of the local, FR, DB and Davies steady states
(full chain and middle two sites) to exp(-beta_bath H)/Z, and the spread of the middle
effective temperatures across observables, versus beta_bath."""

import numpy as np
from plotstyle import BATH_STYLE, BETA_BATH, drop_flagged, label_panels, save, subplots
from wfcommon import figure_data

from lindbath.exact.sparse import RESIDUAL_OK

sm = snakemake  # noqa: F821
data = figure_data(sm)
unconverged = data["residual"] > RESIDUAL_OK
lengths = data["N"].values
line_styles = ["-", "--", ":", "-."]
approximate = [str(m) for m in data["bath"].values if m != "davies"]
fig, axes = subplots(1, 3, width=2.9, height=2.8)
panels = [("distance_full", "full chain", "trace distance to Gibbs"),
          ("distance_middle_pair", "two middle sites", "trace distance to Gibbs"),
          ("beta_spread", r"$\beta_O$ spread over $O$ (middle)",
           r"$(\max_O \beta_O - \min_O \beta_O)/\beta_\mathrm{bath}$")]
for ax, (var, title, ylabel) in zip(axes[0], panels, strict=True):
    for bath in data["bath"].values:
        style = BATH_STYLE[str(bath)]
        for k, n in enumerate(lengths):
            point = {"bath": bath, "N": n}
            values = drop_flagged(data[var].sel(point), unconverged.sel(point),
                                  f"{bath} N={n}")
            ax.semilogy(data["beta_bath"], values, color=style["color"], marker=style["marker"],
                        ls=line_styles[k % 4], label=style["label"] if n == lengths.max() else None)
    ax.set(title=title, xlabel=BETA_BATH, ylabel=ylabel)
    # Davies is Gibbs up to round-off (inversion error for the spread): keep it off scale
    floor = float(data[var].sel({"bath": approximate}).min()) if approximate else np.nan
    if "davies" in data["bath"].values and np.isfinite(floor) and floor > 0:
        ax.set_ylim(bottom=floor / 3)
        ax.text(0.97, 0.03, f"Davies < {float(data[var].sel({'bath': 'davies'}).max()):.0e}",
                transform=ax.transAxes, fontsize=7, ha="right")
ax = axes[0, 0]
for k, n in enumerate(lengths):
    ax.plot([], [], color="gray", ls=line_styles[k % 4], label=f"N = {n}")
fig.legend(*ax.get_legend_handles_labels(), loc="outside right center")
label_panels(axes)
chain = ", ".join(f"{k} = {data.attrs[k]:g}" for k in ("J", "Delta", "hx", "hz"))
fig.suptitle(f"bath models against exp(-beta_bath H)/Z: {chain}, gamma = "
             f"{data.attrs['gamma']:g}", fontsize=9)
save(fig, sm.output)
