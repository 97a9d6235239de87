"""[L], local versus global master equations: (a) decay of one excitation of two qubits
in a common bath, (b) population trapped in dark states at nbar = 0, (c) distance of the
stationary state to the Gibbs state for several initial states, (d) Jaynes-Cummings steady
states versus g."""

import numpy as np
import xarray as xr
from plotstyle import label_panels, save, subplots
from wfcommon import setup_logging

sm = snakemake  # noqa: F821
setup_logging(sm)
decay = xr.load_dataset(sm.input.decay)
dark = xr.load_dataset(sm.input.dark)
initial = xr.load_dataset(sm.input.initial)
jc = xr.load_dataset(sm.input.jc)
line = {"local": "--", "global": "-"}
fig, axes = subplots(2, 2, width=3.4, height=2.7)
ax = axes[0, 0]
for k, state in enumerate(decay["initial_state"].values):
    for model in decay["model"].values:
        ax.plot(decay["time"], decay["excited_population"].sel(model=model, initial_state=state),
                color=f"C{k}", ls=line[str(model)], label=f"{state}, {model}")
ax.set(title=f"one excitation, M = {decay.attrs['M']}, nbar = 0", xlabel=r"time $t$ ($1/\gamma$)",
       ylabel="excited population")
ax.legend(fontsize=6)
markers = {"local": "o", "global": "s"}
for ax, ds, var, title, label in [
        (axes[0, 1], dark, "trapped_population", "dark-state trapping, nbar = 0",
         r"excited population at $t \to \infty$"),
        (axes[1, 0], initial, "trace_distance_to_gibbs",
         f"stationary state, nbar = {initial.attrs['nbar']:g}", "trace distance to Gibbs")]:
    x = np.arange(ds.sizes["initial_state"])
    for k, model in enumerate(ds["model"].values):
        ax.plot(x + (k - 0.5) * 0.2, ds[var].sel(model=model), ls="none", ms=6,
                marker=markers[str(model)], label=str(model))
    ax.set_xticks(x, ds["initial_state"].values, rotation=30, ha="right", fontsize=7)
    ax.set(title=title, ylabel=label)
    ax.legend()
ax = axes[1, 1]
for k, nbar in enumerate(jc["nbar"].values):
    for model, ls in zip(jc["model"].values, ["--", "-"], strict=True):
        ax.semilogy(jc["g"], jc["trace_distance_to_gibbs"].sel(nbar=nbar, model=model),
                    color=f"C{k}", ls=ls, marker="o", label=f"{model}, nbar = {nbar:g}")
ax.set(title="Jaynes-Cummings steady state", xlabel=r"coupling $g$ ($\omega_c$)",
       ylabel="trace distance to Gibbs")
ax.legend(fontsize=6)
label_panels(axes)
save(fig, sm.output)
