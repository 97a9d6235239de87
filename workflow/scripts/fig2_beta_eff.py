"""[P] Fig. 2: (a) effective inverse temperatures in the middle of the chain versus
beta_bath (DB bath), with the reference's finite-size error as error bars; (b, c) profiles
beta_O(l) along the chain at a low and a high beta_bath. Points whose reference is
unconverged (flag 4, beta_eff NaN) are marked by an 'x' at the bottom of the panel."""

import numpy as np
from plotstyle import (
    BETA_BATH,
    OBSERVABLE_LABEL,
    drop_flagged,
    error_bars,
    flagged,
    label_panels,
    mark_unconverged,
    save,
    subplots,
)
from wfcommon import figure_data

sm = snakemake  # noqa: F821
f = sm.params.figures
data = figure_data(sm)
bath = "db" if "db" in data["bath"].values else str(data["bath"].values[0])
ds = data.sel({"hamiltonian": f["hamiltonian"], "N": f["N"], "bath": bath}).isel(gamma=0)
colors = {"sx": "tab:red", "sz": "tab:blue", "szsz": "tab:green"}
styles = {"sx": "-.", "sz": "--", "szsz": "-"}
markers = {"sx": "o", "sz": "s", "szsz": "^"}
profiles = f["profile_beta_bath"]
fig, axes = subplots(1, 1 + len(profiles), width=3.0)
ax = axes[0, 0]
offsets = {"sx": 0.0, "sz": 0.04, "szsz": 0.08}
for name, short in (("sx", "x"), ("sz", "z"), ("szsz", "zz")):
    bad = flagged(ds, f"flag_{short}")
    values = drop_flagged(ds[f"beta_{short}"], bad, f"beta_{short}")
    ax.plot(ds["beta_bath"], values, color=colors[name], ls=styles[name], marker=markers[name],
            label=OBSERVABLE_LABEL[name])
    error_bars(ax, ds["beta_bath"], values, ds[f"reference_error_{short}"], color=colors[name])
    mark_unconverged(ax, ds["beta_bath"], ds[f"flag_{short}"] == 4, color=colors[name],
                     offset=offsets[name])
limit = float(ds["beta_bath"].max())
ax.plot([0, limit], [0, limit], color="gray", lw=0.8, ls=":",
        label=r"$\beta = \beta_\mathrm{bath}$")
ax.set(xlabel=BETA_BATH, ylabel=r"$\beta_O$ in the middle ($1/J$)",
       title=f"{f['hamiltonian']}, N = {f['N']}, {bath.upper()}")
ax.legend()
for ax, beta in zip(axes[0, 1:], profiles, strict=True):
    point = ds.sel(beta_bath=beta)
    for name in ("sx", "sz"):
        one = point.sel(observable=name)
        bad = flagged(one, "flag")
        values = drop_flagged(one["beta_eff"], bad, f"{name} profile")
        ax.plot(point["site"], values, color=colors[name], ls=styles[name],
                marker=markers[name], label=OBSERVABLE_LABEL[name])
        error_bars(ax, point["site"], values, one["beta_reference_error"], color=colors[name])
        mark_unconverged(ax, point["site"], one["flag"] == 4, color=colors[name],
                         offset=offsets[name])
    one = point.sel(observable_bond="szsz")
    bad = flagged(one, "flag_bond")
    values = drop_flagged(one["beta_eff_bond"], bad, "szsz profile")
    ax.plot(point["bond"] + 0.5, values, color=colors["szsz"], ls=styles["szsz"],
            marker=markers["szsz"], label=OBSERVABLE_LABEL["szsz"])
    error_bars(ax, point["bond"] + 0.5, values, one["beta_reference_error_bond"],
               color=colors["szsz"])
    mark_unconverged(ax, point["bond"] + 0.5, one["flag_bond"] == 4, color=colors["szsz"],
                     offset=offsets["szsz"])
    ax.axhline(beta, color="gray", lw=0.8, ls=":")
    ax.set(xlabel="site $l$ (bonds at $l + 1/2$)", ylabel=r"$\beta_O(l)$ ($1/J$)",
           title=rf"$\beta_\mathrm{{bath}} = {beta:g}$",
           xticks=np.arange(1, int(point["site"].max()) + 1))
    ax.legend()
label_panels(axes)
save(fig, sm.output)
