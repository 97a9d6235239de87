"""[P] Fig. 3: effective inverse temperatures of several observables in the middle of
the chain versus the transverse field hx (one panel per Hamiltonian), and the mean gap ratio
<r> versus hx with the Poisson and GOE values. Error bars: the reference's finite-size and
truncation error; an 'x' at the bottom marks an hx whose reference is unconverged (flag 4,
beta_eff NaN), in the observable's color."""

import numpy as np
import plotstyle as ps
import xarray as xr
from wfcommon import figure_data

from lindbath.model.observables import middle_position

sm = snakemake  # noqa: F821
s = sm.params.settings
data = figure_data(sm).isel({"bath": 0, "beta_bath": 0, "gamma": 0})
levels = xr.load_dataset(sm.input.levels)
n = int(data["N"].values[0])
data = data.sel(N=n)
hams = list(data["hamiltonian"].values)
fig, axes = ps.subplots(1, len(hams) + 1, width=3.0)
for ax, ham in zip(axes[0], hams, strict=False):
    ds = data.sel(hamiltonian=ham)
    site, bond = middle_position(n, "site"), middle_position(n, "bond")
    series = [(ds.sel(observable=name, site=site), "beta_eff", "flag", "beta_reference_error",
               name, "os"[k], "-") for k, name in enumerate(ds["observable"].values)]
    series += [(ds.sel(observable_bond=name, bond=bond), "beta_eff_bond", "flag_bond",
                "beta_reference_error_bond", name, "^vD"[k], "--")
               for k, name in enumerate(ds["observable_bond"].values)]
    for k, (one, var, flag, error, name, marker, ls) in enumerate(series):
        values = ps.drop_flagged(one[var], ps.flagged(one, flag), f"{ham} {name}")
        line, = ax.plot(ds["hx"], values, marker=marker, ls=ls,
                        label=ps.OBSERVABLE_LABEL[str(name)])
        ps.error_bars(ax, ds["hx"], values, one[error], color=line.get_color())
        ps.mark_unconverged(ax, ds["hx"], one[flag] == 4, color=line.get_color(), offset=0.03 * k)
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
ps.label_panels(axes)
ps.save(fig, sm.output)
