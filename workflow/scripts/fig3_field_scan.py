"""[P] Fig. 3: effective inverse temperatures of several observables in the middle of
the chain versus the transverse field hx (one panel per Hamiltonian), and the mean gap ratio
<r> versus hx with the Poisson and GOE values."""

import numpy as np
import xarray as xr
from plotstyle import OBSERVABLE_LABEL, drop_flagged, flagged, label_panels, save, subplots
from wfcommon import figure_data

from lindbath.model.observables import middle_position

sm = snakemake  # noqa: F821
s = sm.params.settings
data = figure_data(sm).isel({"bath": 0, "beta_bath": 0, "gamma": 0})
levels = xr.load_dataset(sm.input.levels)
n = int(data["N"].values[0])
data = data.sel(N=n)
hams = list(data["hamiltonian"].values)
fig, axes = subplots(1, len(hams) + 1, width=3.0)
for ax, ham in zip(axes[0], hams, strict=False):
    ds = data.sel(hamiltonian=ham)
    for k, name in enumerate(ds["observable"].values):
        site = middle_position(n, "site")
        bad = flagged(ds.sel(observable=name, site=site), "flag")
        ax.plot(ds["hx"], drop_flagged(ds["beta_eff"].sel(observable=name, site=site), bad,
                                       f"{ham} {name}"),
                marker="os"[k], label=OBSERVABLE_LABEL[str(name)])
    for k, name in enumerate(ds["observable_bond"].values):
        bond = middle_position(n, "bond")
        bad = flagged(ds.sel(observable_bond=name, bond=bond), "flag_bond")
        ax.plot(ds["hx"], drop_flagged(ds["beta_eff_bond"].sel(observable_bond=name, bond=bond),
                                       bad, f"{ham} {name}"),
                marker="^vD"[k], ls="--", label=OBSERVABLE_LABEL[str(name)])
    ax.axhline(float(data["beta_bath"]), color="gray", lw=0.8, ls=":")
    ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"$\beta_O$ in the middle ($1/J$)",
           title=f"{ham}, N = {n}, {str(data['bath'].values).upper()}, "
                 rf"$\beta_\mathrm{{bath}} = {float(data['beta_bath']):g}$")
    ax.legend(ncol=2)
ax = axes[0, -1]
for k, ham in enumerate(levels["hamiltonian"].values):
    ax.plot(levels["hx"], levels["r"].sel(hamiltonian=ham), color=f"C{k}", ls=["-", "--"][k % 2],
            marker="o", label=f"{ham}, N = {levels.attrs.get('N', s['levels_N'])}")
for value, name in ((levels.attrs["poisson_r"], "Poisson"), (levels.attrs["goe_r"], "GOE")):
    ax.axhline(value, color="k", ls="-.", lw=0.8)
    ax.text(float(np.min(levels["hx"])), value, f" {name} {value:.3f}", va="bottom", fontsize=7)
ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"mean gap ratio $\langle r\rangle$",
       title="level statistics")
ax.legend()
label_panels(axes)
save(fig, sm.output)
