"""[P] Fig. 3: (a, b) effective inverse temperatures of several observables in the middle
of the chain versus the transverse field hx, one panel per Hamiltonian, for every computed
(bath, beta_bath) (the first in full colour, the others dashed and lighter); (c) the mean
gap ratio <r> versus hx with the Poisson and GOE values; (d) a zoom on the hx where the
observables' temperatures agree best (smallest relative spread (max - min)/mean of the
first (bath, beta_bath)). Error bars: the reference's finite-size and truncation error; a
mark in the strip at the bottom is an hx whose inversion is flagged (legend: which flag),
in the observable's colour."""

import logging

import numpy as np
import plotstyle as ps
import xarray as xr
from wfcommon import figure_data

from lindbath.model.observables import middle_position

sm = snakemake  # noqa: F821
log = logging.getLogger("figure")
s = sm.params.settings
data = figure_data(sm).isel(gamma=0)
levels = xr.load_dataset(sm.input.levels)
n = int(data["N"].values[0])
data = data.sel(N=n)
hams = [str(h) for h in data["hamiltonian"].values]
combos = [(str(b), float(beta)) for b in data["bath"].values for beta in data["beta_bath"].values]
colors = {"sx": "C0", "sz": "C1", "sxsx": "C2", "szsz": "C3", "energy": "C4"}
markers = {"sx": "o", "sz": "s", "sxsx": "^", "szsz": "v", "energy": "D"}


def series(ds: xr.Dataset) -> list[tuple[str, xr.Dataset, str, str, str]]:
    """(observable, its data at the middle, value, flag and error variable names)."""
    site, bond = middle_position(n, "site"), middle_position(n, "bond")
    out = [(str(o), ds.sel(observable=o, site=site), "beta_eff", "flag", "beta_reference_error")
           for o in ds["observable"].values]
    return out + [(str(o), ds.sel(observable_bond=o, bond=bond), "beta_eff_bond", "flag_bond",
                   "beta_reference_error_bond") for o in ds["observable_bond"].values]


def draw(ax, ds: xr.Dataset, first: bool, label_suffix: str = "", strip: int = 0,
         marks: bool = True) -> None:
    """beta_O(hx) of every observable of one (Hamiltonian, bath, beta_bath)."""
    for k, (name, one, var, flag, error) in enumerate(series(ds)):
        bad = ps.flagged(one, flag)
        values = ps.drop_flagged(one[var], bad, f"{name}{label_suffix}")
        if np.isfinite(values).any():  # an all-flagged series shows as marks only
            ax.plot(ds["hx"], values, marker=markers[name], color=colors[name],
                    ls="-" if first else "--", alpha=1.0 if first else 0.5,
                    markerfacecolor=colors[name] if first else "none",
                    label=ps.OBSERVABLE_LABEL[name] + label_suffix)
        ps.error_bars(ax, ds["hx"], values, one[error], color=colors[name])
        if marks:
            ps.mark_flagged(ax, ds["hx"], bad, ps.flag_label(one[flag].values[bad.values]),
                            color=colors[name], offset=(strip + k % 2) * ps.STRIP)


def spread(ds: xr.Dataset) -> np.ndarray:
    """(max - min)/mean over the observables of beta_O(hx) (NaN where any is flagged)."""
    rows = [one[var].where(~ps.flagged(one, flag)).values for _, one, var, flag, _ in series(ds)]
    rows = np.array(rows)
    with np.errstate(invalid="ignore"):
        return (rows.max(axis=0) - rows.min(axis=0)) / rows.mean(axis=0)


fig, axes = ps.subplots(2, 2, width=3.8, height=3.0)


def figure_legend() -> None:
    """One legend under the figure for the entries of the beta_O panels (the same
    observables in each), so that long flag labels do not squeeze the panels."""
    entries = {}
    for ax in (ax for ax in fig.axes if ax is not axes[1, 0]):  # (c) has its own
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            entries.setdefault(label, handle)
    fig.legend(entries.values(), entries.keys(), loc="outside lower center", ncol=4,
               fontsize=7)



panels = [axes[0, 0], axes[0, 1]]
for ax, ham in zip(panels, hams, strict=False):
    for c, (bath, beta) in enumerate(combos):
        ds = data.sel(hamiltonian=ham, bath=bath, beta_bath=beta)
        suffix = "" if len(combos) == 1 else rf", {bath.upper()} $\beta_\mathrm{{bath}}={beta:g}$"
        draw(ax, ds, c == 0, suffix, strip=2 * c)
        ax.axhline(beta, color="gray", lw=0.8, ls=":",
                   label=rf"$\beta_\mathrm{{bath}} = {beta:g}$" if c == 0 else None)
    one = data.sel(hamiltonian=ham)
    params = {"N": n, "J": float(one["J"]), "Delta": float(one["Delta"]), "hz": float(one["hz"]),
              "gamma": float(data["gamma"])}
    first = f"{combos[0][0].upper()}, " + rf"$\beta_\mathrm{{bath}}={combos[0][1]:g}$"
    ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"$\beta_O$ in the middle ($1/J$)",
           title=f"{ham}: {first}\n" + ps.chain_title(params))
ax = axes[1, 0]
for k, ham in enumerate(levels["hamiltonian"].values):
    ax.plot(levels["hx"], levels["r"].sel(hamiltonian=ham), color=f"C{k + 5}",
            ls=["-", "--"][k % 2], marker="o",
            label=f"{ham}, $N = {levels.attrs.get('N', s['levels_N'])}$")
for value, name, ls in ((levels.attrs["poisson_r"], "Poisson", "-."),
                        (levels.attrs["goe_r"], "GOE", ":")):
    ax.axhline(value, color="k", ls=ls, lw=0.8, label=f"{name} {value:.3f}")
ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"mean gap ratio $\langle r\rangle$",
       title="level statistics")
ax.legend(fontsize=6, loc="center right")
ax = axes[1, 1]
bath, beta = combos[0]
spreads = {ham: spread(data.sel(hamiltonian=ham, bath=bath, beta_bath=beta)) for ham in hams}
finite = {ham: v for ham, v in spreads.items() if np.isfinite(v).any()}
if finite:
    ham = min(finite, key=lambda h: np.nanmin(finite[h]))
    i = int(np.nanargmin(finite[ham]))
    hx = data["hx"].values
    lo, hi = hx[max(i - 1, 0)], hx[min(i + 1, hx.size - 1)]
    ds = data.sel(hamiltonian=ham, bath=bath, beta_bath=beta)
    draw(ax, ds, True, marks=False)  # the zoom shows unflagged points only
    window = (hx >= lo) & (hx <= hi)
    shown = np.array([one[var].where(~ps.flagged(one, flag)).values[window]
                      for _, one, var, flag, _ in series(ds)])
    pad = 0.1 * (np.nanmax(shown) - np.nanmin(shown)) + 1e-3
    ax.set(xlim=(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)),
           ylim=(np.nanmin(shown) - pad, np.nanmax(shown) + pad),
           title=f"zoom: {ham}, closest agreement\n"
                 f"at $h_x = {hx[i]:g}$ (spread {100 * finite[ham][i]:.1f} %)")
    ax.set(xlabel=r"transverse field $h_x$ ($J$)", ylabel=r"$\beta_O$ in the middle ($1/J$)")
else:
    log.warning("every hx has a flagged observable: no zoom panel")
    ax.remove()
for ax in panels[len(hams):]:  # fewer Hamiltonians than panels: no empty axes
    ax.remove()
figure_legend()
ps.label_panels([ax for ax in axes.ravel() if ax in fig.axes])
ps.save(fig, sm.output)
