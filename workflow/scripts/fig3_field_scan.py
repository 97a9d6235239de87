"""[P] Fig. 3: (a, b) effective inverse temperatures of several observables in the middle
of the chain versus the transverse field hx, one panel per Hamiltonian, for every computed
(bath, beta_bath) (the first in full colour, the others dashed and lighter), with the default
thermometer (site l of the N-site steady state against site l of the Gibbs state of the same
N-site chain); (c) a zoom on the hx where the observables' temperatures agree best (smallest
relative spread (max - min)/mean of the first (bath, beta_bath)); (d) the mean gap ratio <r>
versus hx with the Poisson and GOE values; (e) the trace-distance thermometer's d_min on the
middle bond (distance of the two-site reduced state to the closest same-length Gibbs state)
and (f) the relative spread of the beta_O, both versus hx, first (bath, beta_bath). Every
energy is in the unit of its chain: J, or Delta where J = 0 (tilted Ising). Error bars: the
reference's interpolation and truncation error; a mark in the strip at the bottom is an hx
whose inversion is flagged (one marker per flag, legend: which flag) or whose steady state
did not converge, in the observable's colour."""

import logging

import numpy as np
import plotstyle as ps
import xarray as xr
from matplotlib.ticker import NullFormatter
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
ham_colors = {str(h): f"C{k + 5}" for k, h in enumerate(
    dict.fromkeys([*levels["hamiltonian"].values, *hams]))}
ham_styles = {h: ["-", "--"][k % 2] for k, h in enumerate(ham_colors)}
THERMOMETER = (r"default thermometer: $\beta_O$ from the same-length Gibbs reference (site "
               r"$l$ of $N$ against site $l$ of $e^{-\beta H_N}/Z$), middle site $(N+1)/2$ "
               r"or bond $N/2$")


def unit(ham: str) -> str:
    """Energy unit of a chain as mathtext: J, or Delta where J = 0 (from the dataset's J,
    else the config's Hamiltonians)."""
    if ham in hams:
        J = float(data["J"].sel(hamiltonian=ham))
    else:
        J = float(sm.config.get("hamiltonians", {}).get(ham, {}).get("J", 1.0))
    return "J" if J != 0 else r"\Delta"


def hx_label(names) -> str:
    """x label of hx for the chains ``names``: one unit, or the unit of each chain."""
    units = {unit(h) for h in names}
    if len(units) == 1:
        return rf"transverse field $h_x$ (${units.pop()}$)"
    per = "; ".join(f"${unit(h)}$ for {h}" for h in names)
    return f"transverse field $h_x$\n({per})"


def series(ds: xr.Dataset) -> list[tuple[str, xr.Dataset, str, str, xr.DataArray]]:
    """(observable, its data at the middle, value and flag variable names, error bar: the
    interpolation and reference truncation errors in quadrature)."""
    site, bond = middle_position(n, "site"), middle_position(n, "bond")
    out = []
    for dim, position, suffix in (("observable", site, ""), ("observable_bond", bond, "_bond")):
        coord = "site" if dim == "observable" else "bond"
        for o in ds[dim].values:
            one = ds.sel({dim: o, coord: position})
            error = np.hypot(one[f"beta_error{suffix}"],
                             one[f"beta_reference_error{suffix}"].fillna(0.0))
            out.append((str(o), one, f"beta_eff{suffix}", f"flag{suffix}", error))
    return out


def next_row(ax, marked) -> int:
    """Strip row for the marks of one series: a new row only for a series with marks."""
    row = ax.__dict__.setdefault("_rows", 0)
    if np.asarray(marked).any():
        ax._rows = row + 1
    return row


def mark_state(ax, ds: xr.Dataset, color="black") -> None:
    """One row of marks at the hx whose steady state did not converge (every observable is
    missing there, so the observables' rows do not repeat it)."""
    state = (ds["converged"] == 0).values
    ps.mark_flags(ax, ds["hx"], np.zeros(state.shape), color=color,
                  offset=next_row(ax, state) * ps.STRIP, unconverged=state)


def draw(ax, ds: xr.Dataset, first: bool, label_suffix: str = "",
         marks: bool = True) -> None:
    """beta_O(hx) of every observable of one (Hamiltonian, bath, beta_bath)."""
    for name, one, var, flag, error in series(ds):
        bad = ps.flagged(one, flag)
        values = ps.drop_flagged(one[var], bad, f"{name}{label_suffix}")
        if np.isfinite(values).any():  # an all-flagged series shows as marks only
            ax.plot(ds["hx"], values, marker=markers[name], color=colors[name],
                    ls="-" if first else "--", alpha=1.0 if first else 0.5,
                    markerfacecolor=colors[name] if first else "none",
                    label=ps.OBSERVABLE_LABEL[name] + label_suffix)
        ps.error_bars(ax, ds["hx"], values, error, color=colors[name])
        if marks:  # flags of converged steady states; mark_state marks the others
            flags = np.where((one["converged"] == 0).values, 0.0,
                             np.nan_to_num(one[flag].values.astype(float)))
            ps.mark_flags(ax, ds["hx"], flags, color=colors[name],
                          offset=next_row(ax, flags > 0) * ps.STRIP)
    if marks:
        mark_state(ax, ds)


def middle_values(ds: xr.Dataset) -> np.ndarray:
    """(observable, hx) array of the beta_O in the middle, NaN where flagged."""
    return np.array([one[var].where(~ps.flagged(one, flag)).values
                     for _, one, var, flag, _ in series(ds)])


def spread(ds: xr.Dataset) -> np.ndarray:
    """(max - min)/mean over the observables of beta_O(hx) (NaN where any is flagged)."""
    rows = middle_values(ds)
    with np.errstate(invalid="ignore"):
        return (rows.max(axis=0) - rows.min(axis=0)) / rows.mean(axis=0)


fig, axes = ps.subplots(2, 3, width=3.7, height=3.0)


def figure_legend() -> None:
    """One legend under the figure for the entries of the beta_O panels (the same
    observables in each), so that long flag labels do not squeeze the panels; the panels
    of the bottom row have their own."""
    entries = {}
    for ax in (ax for ax in fig.axes if ax not in axes[1]):
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            entries.setdefault(label, handle)
    fig.legend(entries.values(), entries.keys(), loc="outside lower center", ncol=6,
               fontsize=7)


panels = [axes[0, 0], axes[0, 1]]
for ax, ham in zip(panels, hams, strict=False):
    for c, (bath, beta) in enumerate(combos):
        ds = data.sel(hamiltonian=ham, bath=bath, beta_bath=beta)
        suffix = "" if len(combos) == 1 else rf", {bath.upper()} $\beta_\mathrm{{bath}}={beta:g}$"
        draw(ax, ds, c == 0, suffix)
        ax.axhline(beta, color="gray", lw=0.8, ls=":",
                   label=rf"$\beta_\mathrm{{bath}} = {beta:g}$" if c == 0 else None)
    one = data.sel(hamiltonian=ham)
    params = {"N": n, "J": float(one["J"]), "Delta": float(one["Delta"]), "hz": float(one["hz"]),
              "gamma": float(data["gamma"])}
    first = f"{combos[0][0].upper()}, " + rf"$\beta_\mathrm{{bath}}={combos[0][1]:g}$"
    ax.set(xlabel=hx_label([ham]), ylabel=rf"$\beta_O$ in the middle ($1/{unit(ham)}$)",
           title=f"{ham}: {first}\n" + ps.chain_title(params))
# (c) zoom on the best agreement
ax = axes[0, 2]
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
    shown = middle_values(ds)[:, window]
    pad = 0.1 * (np.nanmax(shown) - np.nanmin(shown)) + 1e-3
    ax.set(xlim=(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)),
           ylim=(np.nanmin(shown) - pad, np.nanmax(shown) + pad),
           title=f"zoom: {ham}, best agreement\n"
                 f"at $h_x = {hx[i]:g}$ (spread {100 * finite[ham][i]:.1f} %)")
    ax.set(xlabel=hx_label([ham]), ylabel=rf"$\beta_O$ in the middle ($1/{unit(ham)}$)")
else:
    log.warning("every hx has a flagged observable: no zoom panel")
    ax.remove()
# (d) level statistics
ax = axes[1, 0]
for ham in levels["hamiltonian"].values:
    ax.plot(levels["hx"], levels["r"].sel(hamiltonian=ham), color=ham_colors[str(ham)],
            ls=ham_styles[str(ham)], marker="o",
            label=f"{ham}, $N = {levels.attrs.get('N', s['levels_N'])}$")
for value, name, ls in ((levels.attrs["poisson_r"], "Poisson", "-."),
                        (levels.attrs["goe_r"], "GOE", ":")):
    ax.axhline(value, color="k", ls=ls, lw=0.8, label=f"{name} {value:.3f}")
ax.set(xlabel=hx_label([str(h) for h in levels["hamiltonian"].values]),
       ylabel=r"mean gap ratio $\langle r\rangle$", title="level statistics")
ax.legend(fontsize=6, loc="center right")
# (e) d_min in the middle, (f) spread of the beta_O, first (bath, beta_bath)
first = f"{bath.upper()}, " + rf"$\beta_\mathrm{{bath}}={beta:g}$, $N = {n}$"
ax = axes[1, 1]
ax.set_yscale("log")
for ham in hams:
    ds = data.sel(hamiltonian=ham, bath=bath, beta_bath=beta)
    ps.plot_series(ax, ds["hx"], ds["d_min_middle"].where(ds["converged"] != 0),
                   color=ham_colors[ham], ls=ham_styles[ham], marker="s", label=ham)
    mark_state(ax, ds, ham_colors[ham])
shown_d = np.concatenate([np.ravel(line.get_ydata()) for line in ax.lines])
shown_d = shown_d[np.isfinite(shown_d) & (shown_d > 0)]
if shown_d.size:  # whole decades, so that the log axis has labelled ticks
    ax.set_ylim(10.0 ** np.floor(np.log10(shown_d.min())),
                10.0 ** np.ceil(np.log10(shown_d.max())))
ax.yaxis.set_minor_formatter(NullFormatter())
ax.set(xlabel=hx_label(hams), ylabel=r"$d_\mathrm{min}$ (trace distance), middle bond",
       title=f"distance to the closest Gibbs state\n{first}")
ax.legend(fontsize=6)
ax = axes[1, 2]
for ham in hams:
    ps.plot_series(ax, data["hx"], 100 * spreads[ham], color=ham_colors[ham],
                   ls=ham_styles[ham], marker="D", label=ham)
ax.set(xlabel=hx_label(hams), ylabel=r"(max $-$ min)/mean of the $\beta_O$ (%)",
       title=f"spread of the temperatures\n{first}")
if ax.lines:
    ax.legend(fontsize=6)
else:
    ax.remove()
for ax in panels[len(hams):]:  # fewer Hamiltonians than panels: no empty axes
    ax.remove()
figure_legend()
fig.suptitle(THERMOMETER, fontsize=9)
ps.label_panels([ax for ax in axes.ravel() if ax in fig.axes])
ps.save(fig, sm.output)
