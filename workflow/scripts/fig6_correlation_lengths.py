"""[P] Fig. 6: Re C(t) of sigma^z_N for several chain lengths N, bath (on sites 1, 2) kept on
during the evolution (gamma' = gamma) versus switched off (gamma' = 0). Vertical line: the
reflection time 2 (N - 1) / v, when a signal leaving site N at the largest group velocity v
has reached the bath edge and come back (correlations.nc, reflection_time). Curves with a
Krylov error estimate above PROPAGATION_TOL or unconverged (MPS, converged = 0) are left
out with a warning in the log."""

import numpy as np
import plotstyle as ps
from wfcommon import figure_data

from lindbath.io import join_complex

PROPAGATION_TOL = 1e-6  # flag exact curves whose Krylov error estimate exceeds this
sm = snakemake  # noqa: F821
s = sm.params.settings
data = join_complex(figure_data(sm))
lengths = s["lengths"]
fig, axes = ps.subplots(1, len(lengths["N"]), width=3.0)
for ax, n in zip(axes[0], lengths["N"], strict=True):
    for k, ge in enumerate(lengths["gamma_evolve"]):
        c = data.sel(N=n, beta_bath=lengths["beta_bath"], gamma_evolve=ge)
        if np.isclose(ge, s["gamma"]):
            style = {"color": "tab:red", "ls": "-", "label": r"$\gamma' = \gamma$ (bath on)"}
        elif ge == 0:
            style = {"color": "tab:blue", "ls": "--", "label": r"$\gamma' = 0$ (bath off)"}
        else:
            style = {"color": f"C{k + 2}", "ls": ":", "label": rf"$\gamma' = {ge:g}$"}
        bad = (c["propagation_error_estimate"] > PROPAGATION_TOL) | (c["converged"] == 0)
        ax.plot(c["t"], ps.drop_flagged(c["connected"].real, bad, f"N={n} gamma'={ge:g}"),
                **style)
    t_refl = float(data["reflection_time"].sel(N=n, beta_bath=lengths["beta_bath"]).max())
    if np.isfinite(t_refl):
        ax.axvline(t_refl, color="k", ls="-.", lw=0.9,
                   label=r"reflection time $2(N-1)/v$")
    ax.set(title=rf"$N = {n}$", xlabel=ps.TIME, ylabel=r"Re $C(t)$ of $\sigma^z_N$")
fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
ps.label_panels(axes)
params = {**{k: float(data.attrs[k]) for k in ("J", "Delta", "hx", "hz", "gamma")},
          "beta_bath": lengths["beta_bath"]}
fig.suptitle(f"{ps.chain_title(params, ('J', 'Delta', 'hx', 'hz', 'gamma', 'beta_bath'))}; "
             rf"{str(s['bath']).upper()} bath on sites 1, 2; $v = "
             rf"{float(data.attrs['group_velocity']):g}\,J$", fontsize=9)
ps.save(fig, sm.output)
