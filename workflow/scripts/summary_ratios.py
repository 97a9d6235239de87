"""Summary: beta_x/beta_z and beta_zz/beta_z in the middle of the chain versus beta_bath for
every Hamiltonian of the beta scan and every bath kind (1 = a thermal state). An 'x' at the
bottom (series color) marks a ratio whose reference is unconverged (flag 4: NaN)."""

import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm).sel(N=sm.params.N).isel(gamma=0)
line = {"db": "-", "fr": "--", "local": ":"}
fig, axes = ps.subplots(1, 2, width=3.6, height=2.9)
for ax, (var, flags, label) in zip(axes[0], [("ratio_x_z", ("x", "z"), r"$\beta_x/\beta_z$"),
                                             ("ratio_zz_z", ("zz", "z"), r"$\beta_{zz}/\beta_z$")],
                                   strict=True):
    series = 0
    for k, ham in enumerate(data["hamiltonian"].values):
        for bath in data["bath"].values:
            ds = data.sel({"hamiltonian": ham, "bath": bath})
            names = [f"flag_{short}" for short in flags]
            bad = ps.flagged(ds, *names)
            ps.mark_unconverged(ax, ds["beta_bath"], ps.unconverged(ds, *names), color=f"C{k}",
                             offset=0.03 * series)
            series += 1
            ax.plot(ds["beta_bath"], ps.drop_flagged(ds[var], bad, f"{ham} {bath} {var}"),
                    color=f"C{k}", ls=line.get(str(bath), "-."),
                    marker=ps.BATH_STYLE[str(bath)]["marker"],
                    label=f"{ham}, {str(bath).upper()}")
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set(xlabel=ps.BETA_BATH, ylabel=label, title=f"{label} in the middle, N = {sm.params.N}")
axes[0, 0].legend()
if getattr(axes[0, 1], "_unconverged_labelled", False):
    axes[0, 1].legend()
ps.label_panels(axes)
ps.save(fig, sm.output)
