"""[P] Fig. 6: Re C(t) of sigma^z_N for several chain lengths, bath kept on during
the evolution (gamma' = gamma) versus switched off (gamma' = 0), with the reflection time."""

import numpy as np
from plotstyle import TIME, drop_flagged, label_panels, save, subplots
from wfcommon import figure_data

from lindbath.io import join_complex

PROPAGATION_TOL = 1e-6  # flag curves whose Krylov error estimate exceeds this
sm = snakemake  # noqa: F821
s = sm.params.settings
data = join_complex(figure_data(sm))
lengths = s["lengths"]
fig, axes = subplots(1, len(lengths["N"]), width=3.0)
for ax, n in zip(axes[0], lengths["N"], strict=True):
    for k, ge in enumerate(lengths["gamma_evolve"]):
        c = data.sel(N=n, beta_bath=lengths["beta_bath"], gamma_evolve=ge)
        if np.isclose(ge, s["gamma"]):
            style = {"color": "tab:red", "ls": "-", "label": r"$\gamma' = \gamma$"}
        elif ge == 0:
            style = {"color": "tab:blue", "ls": "--", "label": r"$\gamma' = 0$"}
        else:
            style = {"color": f"C{k + 2}", "ls": ":", "label": rf"$\gamma' = {ge:g}$"}
        bad = c["propagation_error_estimate"] > PROPAGATION_TOL
        ax.plot(c["t"], drop_flagged(c["connected"].real, bad, f"N={n} gamma'={ge:g}"),
                **style)
        t_refl = float(c["reflection_time"])
        if np.isfinite(t_refl) and np.isclose(ge, s["gamma"]):
            ax.axvline(t_refl, color="k", ls="-.", lw=0.9, label="reflection time")
    ax.set(title=rf"$N = {n}$, $\beta_\mathrm{{bath}} = {lengths['beta_bath']:g}$", xlabel=TIME,
           ylabel=r"Re $C(t)$, $\sigma^z_N$")
axes[0, 0].legend(loc="upper right")
label_panels(axes)
save(fig, sm.output)
