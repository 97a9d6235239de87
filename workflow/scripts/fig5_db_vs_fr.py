"""[P] Fig. 5: ratios beta_x/beta_z (filled) and beta_zz/beta_z (open) in the middle of
the chain versus beta_bath, DB (blue squares) versus FR (red triangles), for two Hamiltonians."""

from plotstyle import BATH_STYLE, BETA_BATH, drop_flagged, flagged, label_panels, save, subplots
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm).sel(N=sm.params.N).isel(gamma=0)
hams = sm.params.hamiltonians
fig, axes = subplots(1, len(hams), width=3.3)
for ax, ham in zip(axes[0], hams, strict=True):
    for bath in data["bath"].values:
        ds = data.sel({"hamiltonian": ham, "bath": bath})
        style = BATH_STYLE[str(bath)]
        for var, flags, fill, name in (("ratio_x_z", ("x", "z"), style["color"], r"\beta_x"),
                                       ("ratio_zz_z", ("zz", "z"), "none", r"\beta_{zz}")):
            bad = flagged(ds, *(f"flag_{short}" for short in flags))
            ax.plot(ds["beta_bath"], drop_flagged(ds[var], bad, f"{ham} {bath} {var}"),
                    color=style["color"], marker=style["marker"], markerfacecolor=fill, ls="-",
                    label=rf"${name}/\beta_z$, {str(bath).upper()}")
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set(xlabel=BETA_BATH, ylabel=r"$\beta_O / \beta_z$ in the middle",
           title=f"{ham}, N = {sm.params.N}")
    ax.legend()
label_panels(axes)
save(fig, sm.output)
