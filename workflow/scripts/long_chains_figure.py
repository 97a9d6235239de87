"""Long chains by tensor networks: (a, b) beta_z and beta_zz in the middle of the chain,
relative to beta_bath, versus N for each bath kind and bond dimension chi (the gap between
two chi is the truncation check); (c) the profile beta_z(l) of the longest chain. An 'x' at
the bottom (bath color) marks a point whose reference is unconverged (flag 4: NaN)."""

import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm).isel(hamiltonian=0, gamma=0)
chis = data["chi"].values
chi_styles = {chi: ["--", "-", ":", "-."][k % 4] for k, chi in enumerate(chis)}
markers = {b: "os^Dv<>p"[k % 8] for k, b in enumerate(data["beta_bath"].values)}
fig, axes = ps.subplots(1, 3, width=2.9, height=2.7)
flagged_4 = 0
for ax, short in zip(axes[0, :2], ("z", "zz"), strict=True):
    for bath in data["bath"].values:
        for chi in chis:
            for beta in data["beta_bath"].values:
                point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta})
                values = ps.drop_flagged(point[f"beta_{short}"] / beta,
                                      ps.flagged(point, f"flag_{short}"),
                                      f"beta_{short} {bath} chi={chi} beta_bath={beta:g}")
                ax.plot(data["N"], values, color=ps.BATH_STYLE[str(bath)]["color"],
                        ls=chi_styles[chi], marker=markers[beta])
                flagged_4 += ps.mark_unconverged(ax, data["N"], point[f"flag_{short}"] == 4,
                                              color=ps.BATH_STYLE[str(bath)]["color"], label=None)
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set(xlabel="chain length N", ylabel=rf"$\beta_{{{short}}}/\beta_\mathrm{{bath}}$ (middle)",
           title=rf"$\beta_{{{short}}}$ in the middle")
longest, ax = int(data["N"].max()), axes[0, 2]
for bath in data["bath"].values:
    for chi in chis:
        for beta in data["beta_bath"].values:
            point = data.sel({"bath": bath, "chi": chi, "beta_bath": beta, "N": longest})
            bad = ps.flagged(point, "flag").sel(observable="sz")
            ax.plot(point["site"], ps.drop_flagged(point["beta_eff"].sel(observable="sz") / beta,
                                                bad, f"profile {bath} chi={chi}"),
                    color=ps.BATH_STYLE[str(bath)]["color"], ls=chi_styles[chi],
                    marker=markers[beta], markersize=2.5)
            flagged_4 += ps.mark_unconverged(ax, point["site"],
                                          point["flag"].sel(observable="sz") == 4,
                                          color=ps.BATH_STYLE[str(bath)]["color"], label=None)
ax.axhline(1.0, color="gray", lw=0.8, ls=":")
ax.set(xlabel="site l", ylabel=r"$\beta_z(l)/\beta_\mathrm{bath}$",
       title=f"profile, N = {longest}")
handles = [axes[0, 0].plot([], [], color=ps.BATH_STYLE[str(m)]["color"],
                           label=ps.BATH_STYLE[str(m)]["label"])[0] for m in data["bath"].values]
handles += [axes[0, 0].plot([], [], color="gray", ls=chi_styles[c], label=f"chi = {c}")[0]
            for c in chis]
handles += [axes[0, 0].plot([], [], color="gray", ls="none", marker=markers[b],
                            label=f"beta_bath = {b:g}")[0] for b in data["beta_bath"].values]
if flagged_4:
    handles += [axes[0, 0].plot([], [], color="gray", ls="none", marker="x",
                                label=ps.UNCONVERGED_LABEL)[0]]
fig.legend(handles=handles, loc="outside right center")
ps.label_panels(axes)
unconverged = int((data["converged"] == 0).sum())
left_out = f"; {unconverged} unconverged point(s) left out" if unconverged else ""
fig.suptitle(f"MPS steady states, reference N_ref = {data.attrs['n_ref']} (purification)"
             f"{left_out}", fontsize=9)
ps.save(fig, sm.output)
