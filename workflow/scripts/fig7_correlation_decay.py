"""[P] Fig. 7: |C(t)| of sigma^z_N on log-log axes for several beta_bath, with the
bath on (gamma' = gamma), off (gamma' = 0) and at intermediate strength, plus the power-law
fit of the gamma' = gamma curve (drawn shifted up by a factor 2 to stay visible)."""

import numpy as np
from plotstyle import TIME, label_panels, save, subplots
from wfcommon import figure_data

from lindbath.io import join_complex

sm = snakemake  # noqa: F821
s = sm.params.settings
temps = s["temperatures"]
data = join_complex(figure_data(sm)).sel(N=temps["N"])
t = data["t"].values
late = t > 0
fig, axes = subplots(1, len(temps["beta_bath"]), width=2.8)
for ax, beta in zip(axes[0], temps["beta_bath"], strict=True):
    for ge in temps["gamma_evolve"]:
        c = data.sel(beta_bath=beta, gamma_evolve=ge)
        if np.isclose(ge, s["gamma"]):
            style = {"color": "tab:red", "ls": "-"}
        elif ge == 0:
            style = {"color": "tab:blue", "ls": "--"}
        else:
            style = {"color": "goldenrod", "ls": "-"}
        ax.loglog(t[late], np.abs(c["connected"].values[late]), label=rf"$\gamma' = {ge:g}$",
                  **style)
        exponent, prefactor = float(c["power_law_exponent"]), float(c["power_law_prefactor"])
        if np.isfinite(exponent) and np.isclose(ge, s["gamma"]):
            window = np.geomspace(*temps["fit_window"], 20)
            ax.loglog(window, 2 * prefactor * window**-exponent, color="k", lw=0.9, ls=":",
                      label=rf"$2\times$ fit $\propto t^{{-{exponent:.2f}}}$")
    ax.set(title=rf"$N = {temps['N']}$, $\beta_\mathrm{{bath}} = {beta:g}$", xlabel=TIME,
           ylabel=r"$|C(t)|$")
axes[0, 0].legend(loc="lower left")
label_panels(axes)
save(fig, sm.output)
