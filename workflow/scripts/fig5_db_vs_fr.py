"""Fig. 5 of seed 003: ratios beta_x/beta_z (filled) and beta_zz/beta_z (open) in the middle of
the chain versus beta_bath, DB (blue squares) versus FR (red triangles), for two Hamiltonians."""

import xarray as xr
from plotstyle import BETA_BATH, METHOD_STYLE, drop_flagged, flagged, label_panels, save, subplots
from wfcommon import setup_logging

sm = snakemake  # noqa: F821
setup_logging(sm)
data = xr.load_dataset(sm.input.data).sel(N=sm.params.N).isel(gamma=0)
hams = sm.params.hamiltonians
fig, axes = subplots(1, len(hams), width=3.3)
for ax, ham in zip(axes[0], hams, strict=True):
    for method in data["method"].values:
        ds = data.sel({"hamiltonian": ham, "method": method})
        style = METHOD_STYLE[str(method)]
        for var, flags, fill, name in (("ratio_x_z", ("x", "z"), style["color"], r"\beta_x"),
                                       ("ratio_zz_z", ("zz", "z"), "none", r"\beta_{zz}")):
            bad = flagged(ds, *(f"flag_{short}" for short in flags))
            ax.plot(ds["beta_bath"], drop_flagged(ds[var], bad, f"{ham} {method} {var}"),
                    color=style["color"], marker=style["marker"], markerfacecolor=fill, ls="-",
                    label=rf"${name}/\beta_z$, {str(method).upper()}")
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set(xlabel=BETA_BATH, ylabel=r"$\beta_O / \beta_z$ in the middle",
           title=f"{ham}, N = {sm.params.N}")
    ax.legend()
label_panels(axes)
save(fig, sm.output)
