"""[P] Fig. 5: ratios beta_x/beta_z (filled) and beta_zz/beta_z (open) in the middle of
the chain versus beta_bath, DB (blue squares) versus FR (red triangles), for two Hamiltonians.
An 'x' at the bottom (bath color; upper row beta_x, lower row beta_zz) marks a ratio whose
reference is unconverged (flag 4 of one of its betas: the ratio is NaN)."""

import plotstyle as ps
from wfcommon import figure_data

sm = snakemake  # noqa: F821
data = figure_data(sm).sel(N=sm.params.N).isel(gamma=0)
hams = sm.params.hamiltonians
fig, axes = ps.subplots(1, len(hams), width=3.3)
for ax, ham in zip(axes[0], hams, strict=True):
    for bath in data["bath"].values:
        ds = data.sel({"hamiltonian": ham, "bath": bath})
        style = ps.BATH_STYLE[str(bath)]
        for k, (var, flags, fill, name) in enumerate(
                (("ratio_x_z", ("x", "z"), style["color"], r"\beta_x"),
                 ("ratio_zz_z", ("zz", "z"), "none", r"\beta_{zz}"))):
            names = [f"flag_{short}" for short in flags]
            bad = ps.flagged(ds, *names)
            ax.plot(ds["beta_bath"], ps.drop_flagged(ds[var], bad, f"{ham} {bath} {var}"),
                    color=style["color"], marker=style["marker"], markerfacecolor=fill, ls="-",
                    label=rf"${name}/\beta_z$, {str(bath).upper()}")
            offset = 0.03 * k + 0.06 * list(data["bath"].values).index(bath)
            ps.mark_unconverged(ax, ds["beta_bath"], ps.unconverged(ds, *names),
                                color=style["color"], offset=offset)
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set(xlabel=ps.BETA_BATH, ylabel=r"$\beta_O / \beta_z$ in the middle",
           title=f"{ham}, N = {sm.params.N}")
    ax.legend()
ps.label_panels(axes)
ps.save(fig, sm.output)
