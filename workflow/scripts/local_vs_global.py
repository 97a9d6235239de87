"""[L], local versus global master equations: (a) decay of one excitation of two qubits
in a common bath (the local curves of the three initial states coincide, e^{-gamma t}, and
are drawn once), (b) population trapped in dark states at nbar = 0, (c) distance of the
stationary state to the Gibbs state for several initial states, (d) Jaynes-Cummings steady
states versus g (values near 1e-14 are round-off: the state is Gibbs)."""

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
markers = {"local": "o", "global": "s"}


def nbar_title(ds):
    return rf"$\bar n = {float(ds.attrs['nbar']):g}$"


def state_names(ds):
    return [str(s).replace("_", " ") for s in ds["initial_state"].values]


fig, axes = subplots(2, 2, width=3.4, height=2.8)
ax = axes[0, 0]
population = decay["excited_population"]
for model in decay["model"].values:
    curves = population.sel(model=model)
    if np.allclose(curves, curves.isel(initial_state=0)):  # one curve for every state
        ax.plot(decay["time"], curves.isel(initial_state=0), color="black", ls=line[str(model)],
                label=f"{model}, every initial state (identical)")
        continue
    for k, state in enumerate(state_names(decay)):
        ax.plot(decay["time"], curves.isel(initial_state=k), color=f"C{k}",
                ls=line[str(model)], label=f"{state}, {model}")
ax.set(title=f"one excitation, {nbar_title(decay)}", xlabel=r"time $t$ ($1/\gamma$)",
       ylabel="excited population")
ax.legend(fontsize=6)
for ax, ds, var, title, label in [
        (axes[0, 1], dark, "trapped_population", f"dark-state trapping, {nbar_title(dark)}",
         r"excited population at $t \to \infty$"),
        (axes[1, 0], initial, "trace_distance_to_gibbs", f"stationary state, {nbar_title(initial)}",
         "trace distance to Gibbs")]:
    x = np.arange(ds.sizes["initial_state"])
    for k, model in enumerate(ds["model"].values):
        ax.plot(x + (k - 0.5) * 0.2, ds[var].sel(model=model), ls="none", ms=6,
                marker=markers[str(model)], label=str(model))
    ax.set_xticks(x, state_names(ds), rotation=30, ha="right", fontsize=7)
    ax.set(title=title, ylabel=label)
    ax.legend()
ax = axes[1, 1]
for k, nbar in enumerate(jc["nbar"].values):
    for model, ls, marker in zip(jc["model"].values, ["--", "-"], ["o", "s"], strict=True):
        ax.semilogy(jc["g"], jc["trace_distance_to_gibbs"].sel(nbar=nbar, model=model),
                    color=f"C{k}", ls=ls, marker=marker, markerfacecolor="none",
                    label=rf"{model}, $\bar n = {nbar:g}$")
ax.set(title="Jaynes-Cummings steady state", xlabel=r"coupling $g$ ($\omega_c$)",
       ylabel="trace distance to Gibbs")
ax.legend(fontsize=6)
label_panels(axes)
gamma = float(decay["gamma_matrix"].max())
fig.suptitle(rf"(a-c) $M = {int(decay.attrs['M'])}$ qubits, $\omega = "
             rf"{float(decay.attrs['omega']):g}$, common bath $\gamma = {gamma:g}$; (d) "
             rf"$\omega_c = {float(jc.attrs['omega_c']):g}$, "
             rf"$\omega_a = {float(jc.attrs['omega_a']):g}$, "
             rf"$\kappa = {float(jc.attrs['kappa']):g}$", fontsize=9)
save(fig, sm.output)
