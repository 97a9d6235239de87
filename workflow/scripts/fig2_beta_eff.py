"""[P] Fig. 2: (a) effective inverse temperatures in the middle of the chain versus
beta_bath (DB bath), with the reference's finite-size error as error bars; (b, c) profiles
beta_O(l) along the chain at a low and a high beta_bath. One figure per placement of the
baths (beta_scan.edges: both edges, or the left edge only as in [P] Fig. 2). A point left
out because its inversion is flagged (or its steady state unconverged) is marked in the
strip at the bottom of the panel, in the observable's colour; the legend names the flags."""

import numpy as np
import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
f = sm.params.figures
edges = sm.params.edges
data = figure_data(sm)
bath = "db" if "db" in data["bath"].values else str(data["bath"].values[0])
ds = data.sel({"hamiltonian": f["hamiltonian"], "N": f["N"], "bath": bath,
               "edges": edges}).isel(gamma=0)
colors = {"sx": "tab:red", "sz": "tab:blue", "szsz": "tab:green"}
styles = {"sx": "-.", "sz": "--", "szsz": "-"}
markers = {"sx": "o", "sz": "s", "szsz": "^"}
FLAGS = ("flag_x", "flag_z", "flag_zz", "flag", "flag_bond")
# one legend entry for every flagged mark of the figure, naming every flag that occurs
FLAGGED = ps.flag_label(np.concatenate([ds[name].values.ravel() for name in FLAGS]))
PLACEMENT = {"both": "baths on sites (1, 2) and (N-1, N)", "left": "bath on sites (1, 2) only"}


def draw(ax, x, one, value, flag, error, name, k) -> None:
    """One series with its error bars and the marks of its flagged points."""
    bad = ps.flagged(one, flag)
    values = ps.drop_flagged(one[value], bad, f"{name} ({edges})")
    if np.isfinite(values).any():  # an all-flagged series shows as marks only
        ax.plot(x, values, color=colors[name], ls=styles[name], marker=markers[name],
                label=ps.OBSERVABLE_LABEL[name])
    ps.error_bars(ax, x, values, one[error], color=colors[name])
    ps.mark_flagged(ax, x, bad, FLAGGED, color=colors[name], offset=k * ps.STRIP)


profiles = f["profile_beta_bath"]
fig, axes = ps.subplots(1, 1 + len(profiles), width=3.3, height=3.0)
ax = axes[0, 0]
for k, (name, short) in enumerate((("sx", "x"), ("sz", "z"), ("szsz", "zz"))):
    draw(ax, ds["beta_bath"], ds, f"beta_{short}", f"flag_{short}", f"reference_error_{short}",
         name, k)
limit = float(ds["beta_bath"].max())
ax.plot([0, limit], [0, limit], color="gray", lw=0.8, ls=":",
        label=r"$\beta_O = \beta_\mathrm{bath}$ (a)")
ax.set(xlabel=ps.BETA_BATH, ylabel=r"$\beta_O$ in the middle ($1/J$)",
       title=f"{bath.upper()}, {PLACEMENT[edges]}")
for ax, beta in zip(axes[0, 1:], profiles, strict=True):
    point = ds.sel(beta_bath=beta)
    for k, name in enumerate(("sx", "sz")):
        draw(ax, point["site"], point.sel(observable=name), "beta_eff", "flag",
             "beta_reference_error", name, k)
    draw(ax, point["bond"] + 0.5, point.sel(observable_bond="szsz"), "beta_eff_bond",
         "flag_bond", "beta_reference_error_bond", "szsz", 2)
    ax.axhline(beta, color="gray", lw=0.8, ls=":", label=r"$\beta_\mathrm{bath}$ (b, c)")
    ax.set(xlabel="site $l$ (bonds at $l + 1/2$)", ylabel=r"$\beta_O(l)$ ($1/J$)",
           title=rf"$\beta_\mathrm{{bath}} = {beta:g}$",
           xticks=np.arange(1, int(point["site"].max()) + 1))
entries = {}
for ax in axes[0]:  # one legend under the figure: the same series in every panel
    for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
        entries.setdefault(label, handle)
fig.legend(entries.values(), entries.keys(), loc="outside lower center", ncol=6, fontsize=7)
params = {"N": int(f["N"]), **{k: float(ds[k]) for k in ("J", "Delta", "hx", "hz")},
          "gamma": float(ds["gamma"])}
fig.suptitle(f"{f['hamiltonian']}: " + ps.chain_title(params), fontsize=9)
ps.label_panels(axes)
ps.save(fig, sm.output)
