"""Chain bath models ranked: trace distance of the local, FR, DB and Davies steady states
(full chain and middle two sites) to exp(-beta_bath H)/Z, and the spread of the middle
effective temperatures across observables, versus beta_bath. The Davies state is Gibbs up
to round-off: its points are drawn as triangles below the axis (its largest value written
in the panel). A spread that is NaN (fewer than two observables with a beta_eff) is an 'x'
in the strip at the bottom of (c), in its bath's colour, with the inversion flags in the
legend; each is also a warning in the job's log."""

import plotstyle as ps
from wfcommon import figure_data

from lindbath.exact.sparse import RESIDUAL_OK

sm = snakemake  # noqa: F821
log = ps.log
data = figure_data(sm)
unconverged = data["residual"] > RESIDUAL_OK
lengths = data["N"].values
line_styles = ["-", "--", ":", "-."]
approximate = [str(m) for m in data["bath"].values if m != "davies"]
DAVIES = "Davies (global): below the axis (< {:.0e})"
fig, axes = ps.subplots(1, 3, width=3.1, height=3.4)
panels = [("distance_full", "full chain", "trace distance to Gibbs"),
          ("distance_middle_pair", "middle pair", "trace distance to Gibbs"),
          ("beta_spread", r"$\beta_O$ spread (middle)",
           r"$(\max_O \beta_O - \min_O \beta_O)/\beta_\mathrm{bath}$")]


def mark_missing_spread(ax, bath, n, k, values):
    """'x' in the strip where the spread is NaN, logged with the observables' flags."""
    point = {"bath": bath, "N": n}
    missing = values.isnull() & ~unconverged.sel(point)
    flags = data["beta_flag"].sel(point).where(missing)
    for beta in data["beta_bath"].values[missing.values]:
        log.warning("%s N=%d beta_bath=%g: beta spread is NaN (flags %s)", bath, n, beta,
                    data["beta_flag"].sel({**point, "beta_bath": beta}).values.tolist())
    ps.mark_flagged(ax, data["beta_bath"], missing, f"spread missing: {ps.flag_label(flags)}",
                    color=ps.BATH_STYLE[str(bath)]["color"], offset=k * ps.STRIP)


for ax, (var, title, ylabel) in zip(axes[0], panels, strict=True):
    ax.set_yscale("log")
    for bath in approximate:
        style = ps.BATH_STYLE[bath]
        for k, n in enumerate(lengths):
            point = {"bath": bath, "N": n}
            values = ps.drop_flagged(data[var].sel(point), unconverged.sel(point),
                                     f"{bath} N={n}")
            ps.plot_series(ax, data["beta_bath"], values, color=style["color"],
                           marker=style["marker"], ls=line_styles[k % 4],
                           label=style["label"] if n == lengths.max() else None)
            if var == "beta_spread":
                mark_missing_spread(ax, bath, n, k, values)
    if "davies" in data["bath"].values:
        davies = data[["distance_full", "distance_middle_pair", "beta_spread"]].sel(
            bath="davies").to_array()
        ps.mark_flagged(ax, data["beta_bath"], davies.notnull().any(("N", "variable")),
                        DAVIES.format(float(davies.max())), marker="v",
                        offset=len(lengths) * ps.STRIP if var == "beta_spread" else 0.0)
    ax.set(title=title, xlabel=ps.BETA_BATH, ylabel=ylabel)
ax = axes[0, 0]
for k, n in enumerate(lengths):
    ax.plot([], [], color="gray", ls=line_styles[k % 4], label=f"$N = {n}$")
entries = {}
for panel in axes[0]:
    entries.update(zip(*panel.get_legend_handles_labels()[::-1], strict=True))
fig.legend(list(entries.values()), list(entries), loc="outside lower center", ncols=3)
ps.label_panels(axes)
fig.suptitle(f"bath models against {ps.GIBBS}: "
             f"{ps.chain_title({k: data.attrs[k] for k in ('J', 'Delta', 'hx', 'hz', 'gamma')})}",
             fontsize=9)
ps.save(fig, sm.output)
