"""[P] Fig. 2: (a) effective inverse temperatures in the middle of the chain versus
beta_bath (DB bath); (b, c) profiles beta_O(l) along the chain at a low and a high beta_bath."""

import numpy as np
from plotstyle import (
    BETA_BATH,
    OBSERVABLE_LABEL,
    drop_flagged,
    flagged,
    label_panels,
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
for name, short in (("sx", "x"), ("sz", "z"), ("szsz", "zz")):
    bad = flagged(ds, f"flag_{short}")
    ax.plot(ds["beta_bath"], drop_flagged(ds[f"beta_{short}"], bad, f"beta_{short}"),
            color=colors[name], ls=styles[name], marker=markers[name],
            label=OBSERVABLE_LABEL[name])
limit = float(ds["beta_bath"].max())
ax.plot([0, limit], [0, limit], color="gray", lw=0.8, ls=":",
        label=r"$\beta = \beta_\mathrm{bath}$")
ax.set(xlabel=BETA_BATH, ylabel=r"$\beta_O$ in the middle ($1/J$)",
       title=f"{f['hamiltonian']}, N = {f['N']}, {bath.upper()}")
ax.legend()
for ax, beta in zip(axes[0, 1:], profiles, strict=True):
    point = ds.sel(beta_bath=beta)
    for name in ("sx", "sz"):
        values = point["beta_eff"].sel(observable=name)
        bad = flagged(point.sel(observable=name), "flag")
        ax.plot(point["site"], drop_flagged(values, bad, f"{name} profile"), color=colors[name],
                ls=styles[name], marker=markers[name], label=OBSERVABLE_LABEL[name])
    values = point["beta_eff_bond"].sel(observable_bond="szsz")
    bad = flagged(point.sel(observable_bond="szsz"), "flag_bond")
    ax.plot(point["bond"] + 0.5, drop_flagged(values, bad, "szsz profile"), color=colors["szsz"],
            ls=styles["szsz"], marker=markers["szsz"], label=OBSERVABLE_LABEL["szsz"])
    ax.axhline(beta, color="gray", lw=0.8, ls=":")
    ax.set(xlabel="site $l$ (bonds at $l + 1/2$)", ylabel=r"$\beta_O(l)$ ($1/J$)",
           title=rf"$\beta_\mathrm{{bath}} = {beta:g}$",
           xticks=np.arange(1, int(point["site"].max()) + 1))
    ax.legend()
label_panels(axes)
save(fig, sm.output)
