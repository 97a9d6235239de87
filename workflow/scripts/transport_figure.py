"""Heat transport between two baths (docs/conventions.md, "Heat transport"): (a) scaled
current J N versus N, log-log, with the diffusive (J N constant) and ballistic (J constant)
guide lines; (b) temperature profile T(b) = 1/beta_E(b) from the bond energies for two
lengths, the bath temperatures as dotted lines; (c) conductance kappa = J / (T_L - T_R)
versus the mean temperature for DB and FR at each delta_beta (linear response: the curves
merge as delta_beta -> 0); (d) internal current j in the middle versus injected heat
Q_left for the four bath models (two-site baths on the diagonal, Davies on j = 0)."""

import matplotlib.ticker as mticker
import numpy as np
import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm)
s = sm.params.settings
first = s["hamiltonians"][0]
ham_styles = {h: ["-", "--", ":", "-."][k % 4] for k, h in enumerate(s["hamiltonians"])}
fig, axes = ps.subplots(1, 4, width=3.0, height=2.9)
ax = axes[0, 0]
beta, delta = s["scaling"]["beta"], s["scaling"]["delta_beta"]
scaling_baths = sorted(set(s["scaling"]["baths"]) | set(s["mps"]["baths"]))
lengths = sorted(set(s["scaling"]["N"]) | set(s["mps"]["N"]))
scaling = data.sel(beta=s["scaling"]["beta"], delta_beta=s["scaling"]["delta_beta"],
                   bath=scaling_baths, N=lengths)
anchor, unconverged = None, 0
for ham in s["hamiltonians"]:
    params = data.sel(hamiltonian=ham)
    integrable = " (integrable)" if float(params["hx"]) == 0 or (
        float(params["J"]) == 0 and float(params["hz"]) == 0) else ""
    for bath in scaling["bath"].values:
        style = ps.BATH_STYLE[str(bath)]
        for chi in scaling["chi"].values:
            point = scaling.sel(hamiltonian=ham, bath=bath, chi=chi)
            values = point["scaled_current"]
            bad = np.isfinite(values) & ps.flagged(point)
            unconverged += int(bad.sum())
            ax.plot(values["N"][bad], values[bad], color=style["color"], ls="none", marker="x")
            ok = np.isfinite(values) & ~bad
            if not ok.any():
                continue
            label = (f"{ham.replace('_', ' ')}{integrable}, {bath.upper()}"
                     + (rf", MPS $\chi={chi}$" if chi else ""))
            ax.plot(values["N"][ok], values[ok], color=style["color"], ls=ham_styles[ham],
                    marker=style["marker"], mfc="white" if chi else style["color"],
                    label=label)
            if chi:  # MPS: the continuity spread (Trotter + truncation) times N
                ps.error_bars(ax, values["N"][ok], values[ok],
                              (point["continuity_error"] * point["N"])[ok],
                              color=style["color"])
            if anchor is None:
                anchor = (float(values["N"][ok][0]), float(values[ok][0]))
n_range = np.array([float(data["N"].min()), float(data["N"].max())])
ax.plot(n_range, anchor[1] * (n_range / anchor[0]) ** 0, color="gray", lw=0.8, ls=":",
        label=r"diffusive: $JN$ const")
ax.plot(n_range, anchor[1] * n_range / anchor[0], color="gray", lw=0.8, ls="-.",
        label=r"ballistic: $J$ const")
ax.set(xscale="log", yscale="log", xticks=lengths, xticklabels=[str(n) for n in lengths],
       xlabel=r"chain length $N$", ylabel=r"$J\,N$",
       title=rf"$JN$, $\beta={beta:g}$, $\Delta\beta={delta:g}$")
if unconverged:
    ax.plot([], [], color="gray", ls="none", marker="x",
            label=f"unconverged (converged = 0), {unconverged} point(s)")
ax.xaxis.set_minor_formatter(mticker.NullFormatter())
for axis_format in (ax.yaxis.set_major_formatter, ax.yaxis.set_minor_formatter):
    axis_format(mticker.FormatStrFormatter("%.3g"))
ax.legend(fontsize=5.5)

ax = axes[0, 1]
for k, n in enumerate(s["profile_N"]):
    for bath in scaling["bath"].values:
        point = scaling.sel(hamiltonian=first, bath=bath, N=n)
        chis = [c for c in point["chi"].values
                if np.isfinite(point["temperature"].sel(chi=c)).any()]
        if not chis:
            continue
        chi = 0 if 0 in chis else max(chis)
        profile = point["temperature"].sel(chi=chi)
        ax.plot(profile["bond"], profile, color=ps.BATH_STYLE[str(bath)]["color"],
                marker="os^D"[k % 4], ls=["-", "--"][k % 2],
                label=f"{bath.upper()}, N = {n}" + (rf" (MPS $\chi={chi}$)" if chi else ""))
for t_bath, name in ((1 / (beta - delta / 2), r"$T_L$"), (1 / (beta + delta / 2), r"$T_R$")):
    ax.axhline(t_bath, color="gray", lw=0.8, ls=":")
    ax.annotate(name, (1.0, t_bath), xycoords=("axes fraction", "data"), fontsize=7,
                ha="right", va="bottom")
ax.set(xlabel=r"bond $b$", ylabel=r"$T(b) = 1/\beta_E(b)$",
       title=rf"profile, {first.replace('_', ' ')}, $T_L={1 / (beta - delta / 2):.3g}$, "
             rf"$T_R={1 / (beta + delta / 2):.3g}$")
ax.legend(fontsize=6)

ax = axes[0, 2]
c = s["conductance"]
for bath in c["baths"]:
    for k, d in enumerate(sorted(c["delta_beta"])):
        kappa = data["conductance"].sel(hamiltonian=first, N=c["N"], bath=bath, chi=0,
                                        delta_beta=d, beta=c["beta"])
        ax.plot(1 / kappa["beta"], kappa, color=ps.BATH_STYLE[bath]["color"],
                marker=ps.BATH_STYLE[bath]["marker"], ls=["-", "--", ":", "-."][k % 4],
                label=rf"{bath.upper()}, $\Delta\beta={d:g}$")
temperatures = sorted(1 / np.asarray(c["beta"], dtype=float))
ax.set(xscale="log", xticks=temperatures, xticklabels=[f"{t:.3g}" for t in temperatures],
       xlabel=r"mean temperature $T = 1/\beta$",
       ylabel=r"$\kappa = J/(T_L - T_R)$", title=rf"conductance, $N = {c['N']}$")
ax.xaxis.set_minor_formatter(mticker.NullFormatter())
ax.legend(fontsize=6)

ax = axes[0, 3]
b = s["bath_models"]
models = data.sel(hamiltonian=first, N=b["N"], chi=0, beta=b["beta"])
extent = 0.0
for bath in b["baths"]:
    point = models.sel(bath=bath, delta_beta=b["delta_beta"])
    style = ps.BATH_STYLE[bath]
    ax.plot(point["heat_current"], point["internal_current"], color=style["color"],
            marker=style["marker"], ls="none", label=style["label"])
    extent = max(extent, float(np.abs(point["heat_current"]).max()))
ax.plot([0, extent], [0, extent], color="gray", lw=0.8, ls=":", label=r"$j = Q_\mathrm{left}$")
ax.set(xlabel=r"injected heat $Q_\mathrm{left} = \mathrm{Tr}[H\,D_\mathrm{left}(\rho)]$",
       ylabel=r"internal current $j_{(N+1)/2}$",
       title=rf"four baths, $N = {b['N']}$, $\beta = {b['beta']:g}$")
ax.legend(fontsize=6)
ps.label_panels(axes)
h = data.sel(hamiltonian=first)
fig.suptitle(rf"Heat transport, {first.replace('_', ' ')}: $J={float(h['J']):g}$, "
             rf"$\Delta={float(h['Delta']):g}$, "
             rf"$h_x={float(h['hx']):g}$, $h_z={float(h['hz']):g}$, "
             rf"$\gamma={data.attrs['gamma']:g}$; left bath hotter "
             r"($\beta_{L,R} = \beta \mp \Delta\beta/2$)", fontsize=9)
ps.save(fig, sm.output)
