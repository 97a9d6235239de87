"""Chain bath models ranked: trace distance of the local, FR, DB and Davies steady states
(full chain and middle two sites) to exp(-beta_bath H)/Z, and the relative spread
(max - min)/mean of the middle effective temperatures beta_O over the observables O of
lindbath.analysis.comparison.SPREAD_OBSERVABLES (the dataset's ``observable``), versus
beta_bath. The Davies state is Gibbs up to round-off: its points are drawn as arrows in the
strip below the data (its largest value in the legend). A missing value is marked in
that strip, one row per chain length N (N increasing upwards, above the Davies row) in its
bath's colour, its marker naming the reason (plotstyle.mark_flags): an unconverged steady
state, or for the spread (fewer than two observables with a beta_O) the inversion flag that
most of its observables carry; each is also a warning in the job's log."""

import numpy as np
import plotstyle as ps
from wfcommon import figure_data

from lindbath.outputs import RESIDUAL_OK

sm = snakemake  # noqa: F821
log = ps.log
data = figure_data(sm)
unconverged = data["residual"] > RESIDUAL_OK
lengths = data["N"].values
line_styles = ["-", "--", ":", "-."]
approximate = [str(m) for m in data["bath"].values if m != "davies"]
DAVIES_MARKER = r"$\downarrow$"
DAVIES = "Davies (global): below the axis (< {:.0e}; Gibbs up to round-off)"
observables = ", ".join(ps.OBSERVABLE_LABEL[str(o)] for o in data["observable"].values)
fig, axes = ps.subplots(1, 3, width=3.1, height=3.5)
panels = [("distance_full", "full chain", "trace distance to Gibbs"),
          ("distance_middle_pair", "middle pair", "trace distance to Gibbs"),
          ("beta_spread", rf"relative $\beta_O$ spread (middle)" "\n" rf"$O$: {observables}",
           r"$(\mathrm{max}\,\beta_O - \mathrm{min}\,\beta_O)\,/\,\mathrm{mean}\,\beta_O$")]


def common_flag(flags) -> int:
    """The nonzero inversion flag carried by most observables (the smaller on a tie)."""
    flags = np.asarray(flags, dtype=int)
    flags = flags[flags > 0]
    return int(np.bincount(flags).argmax()) if flags.size else 0


def spread_flags(bath, n, values):
    """Per beta_bath: the flag to mark where the converged spread is NaN (0 elsewhere),
    logged with every observable's flag."""
    point = {"bath": bath, "N": n}
    missing = (values.isnull() & ~unconverged.sel(point)).values
    flags = np.zeros(missing.shape, dtype=int)
    for j in np.flatnonzero(missing):
        beta = float(data["beta_bath"][j])
        observed = data["beta_flag"].sel({**point, "beta_bath": beta}).values
        flags[j] = common_flag(observed)
        log.warning("%s N=%d beta_bath=%g: beta spread is NaN (flags of %s: %s)", bath, n,
                    beta, data["observable"].values.tolist(), observed.tolist())
    return flags


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
            flags = spread_flags(bath, n, values) if var == "beta_spread" else 0
            ps.mark_flags(ax, data["beta_bath"], flags * np.ones(data.sizes["beta_bath"]),
                          color=style["color"], offset=(k + 1) * ps.STRIP,
                          unconverged=unconverged.sel(point))
    if "davies" in data["bath"].values:
        davies = data[[p[0] for p in panels]].sel(bath="davies").to_array()
        ps.mark_flagged(ax, data["beta_bath"], davies.notnull().any(("N", "variable")),
                        DAVIES.format(float(davies.max())), marker=DAVIES_MARKER)
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
