"""[P] Fig. 7: |C(t)| of sigma^z_N on log-log axes for several beta_bath, with the bath on
(gamma' = gamma), off (gamma' = 0) and at intermediate strength. Grey band: the fit window,
from fit_window's start to the reflection time (correlations.nc fit_window_start/stop);
each curve's exponent a of the power-law fit to the upper envelope of |C| there, with its
standard error and log-rms, is in the legend (decay_exponent, decay_exponent_error,
fit_rms; "no fit" with fewer than 3 envelope points); for gamma' = gamma the envelope points
are circled and the fit is drawn over the window (black dotted). An unconverged MPS curve
(converged = 0) is not drawn; the legend says so."""

import numpy as np
import plotstyle as ps
from matplotlib.ticker import NullFormatter
from wfcommon import figure_data

from lindbath.analysis.correlations import fit_envelope_power_law
from lindbath.io import join_complex

sm = snakemake  # noqa: F821
s = sm.params.settings
temps = s["temperatures"]
data = join_complex(figure_data(sm)).sel(N=temps["N"])
t = data["t"].values
late = t > 0
window = (float(data["fit_window_start"]), float(data["fit_window_stop"]))
fig, axes = ps.subplots(1, len(temps["beta_bath"]), width=2.8, height=3.8)
for ax, beta in zip(axes[0], temps["beta_bath"], strict=True):
    ax.axvspan(*window, color="0.9", zorder=0, label="fit window")
    for ge in temps["gamma_evolve"]:
        c = data.sel(beta_bath=beta, gamma_evolve=ge)
        if np.isclose(ge, s["gamma"]):
            style = {"color": "tab:red", "ls": "-"}
        elif ge == 0:
            style = {"color": "tab:blue", "ls": "--"}
        else:
            style = {"color": "goldenrod", "ls": "-"}
        exponent, error = float(c["decay_exponent"]), float(c["decay_exponent_error"])
        fitted = (rf": $a = {exponent:.2f} \pm {error:.2f}$, rms {float(c['fit_rms']):.2f}"
                  if np.isfinite(exponent) else ": no fit (< 3 envelope points)")
        if int(c["converged"]) != 1:  # an MPS curve over its budget or truncation error
            ax.plot([], [], label=rf"$\gamma' = {ge:g}$: unconverged, not drawn", **style)
            continue
        ax.loglog(t[late], np.abs(c["connected"].values[late]), lw=1.0,
                  label=rf"$\gamma' = {ge:g}${fitted}", **style)
        if np.isclose(ge, s["gamma"]):
            envelope = fit_envelope_power_law(c, *window)
            ax.loglog(envelope["t"], envelope["envelope"], "o", mfc="none", color="k", ms=5,
                      label=rf"envelope points, $\gamma' = {ge:g}$")
            if np.isfinite(exponent):
                span = np.geomspace(*window, 20)
                ax.loglog(span, float(c["power_law_prefactor"]) * span**-exponent, color="k",
                          lw=1.2, ls=":", label=rf"envelope fit, $\gamma' = {ge:g}$")
    if ax.get_xscale() != "log":  # nothing drawn: every curve unconverged
        ax.set_yticks([])
        ax.text(0.5, 0.5, "no converged curve\n(MPS, converged = 0)", ha="center",
                transform=ax.transAxes)
    ax.xaxis.set_minor_formatter(NullFormatter())  # short log ranges label minor ticks
    ax.set(title=rf"$\beta_\mathrm{{bath}} = {beta:g}$", xlabel=ps.TIME,
           ylabel=r"$|C(t)|$ of $\sigma^z_N$")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=6)
ps.label_panels(axes)
params = {"N": temps["N"], **{k: float(data.attrs[k]) for k in ("J", "Delta", "hx", "hz",
                                                                  "gamma")}}
fig.suptitle(f"{ps.chain_title(params)};\n{str(s['bath']).upper()} bath on sites 1, 2; "
             rf"envelope of $|C| \propto t^{{-a}}$ fitted on ${window[0]:g} \leq t \leq "
             rf"{window[1]:g}$ (reflection time)", fontsize=9)
ps.save(fig, sm.output)
