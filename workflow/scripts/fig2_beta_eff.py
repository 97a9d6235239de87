"""[P] Fig. 2 with the DB bath, one figure per placement of the baths (beta_scan.edges: both
edges, or the left edge only as in [P] Fig. 2). Top row: effective inverse temperatures
(a) in the middle of the chain versus beta_bath and (b, c) as profiles beta_O(l) along the
chain at the two figures.profile_beta_bath values; filled markers and thick lines: the
default thermometer (site l against site l of the Gibbs state of the same N-site chain),
open markers and thin lines of the same colour: [P]'s edge/bulk matching (edges against the
reference chain's edges, the other sites against the middle of the longest reference chain).
Bottom row: the trace-distance thermometer's d_min (distance of the two-site reduced state to
the closest same-length Gibbs state; log scale) (d) on the middle bond versus beta_bath and
(e, f) per bond at the two beta_bath. Error bars: interpolation plus reference truncation
error of the default thermometer (an annotation in (a) gives their largest size when they
are hidden by the markers). A value left out because its inversion is flagged (or its steady
state unconverged) is marked in the strip at the bottom of the panel, in the observable's
colour, one marker per flag (rows of [P]'s edge/bulk values are labelled "[P]")."""

import numpy as np
import plotstyle as ps
import xarray as xr
from matplotlib.lines import Line2D
from matplotlib.ticker import NullFormatter
from wfcommon import figure_data

from lindbath.model.observables import middle_position

sm = snakemake  # noqa: F821
f = sm.params.figures
edges = sm.params.edges
data = figure_data(sm)
bath = "db" if "db" in data["bath"].values else str(data["bath"].values[0])
ds = data.sel({"hamiltonian": f["hamiltonian"], "N": f["N"], "bath": bath,
               "edges": edges}).isel(gamma=0)
n = int(f["N"])
ds = ds.sel(site=ds["site"] <= n, bond=ds["bond"] < n)  # sites beyond N: padding
# energy unit of the chain: J, or Delta where J = 0 (tilted Ising)
UNIT = "J" if float(ds["J"]) != 0 else r"\Delta"
INVERSE = rf"($1/{UNIT}$)"
colors = {"sx": "tab:red", "sz": "tab:blue", "szsz": "tab:green", "energy": "tab:purple"}
styles = {"sx": "-.", "sz": "--", "szsz": "-", "energy": ":"}
markers = {"sx": "o", "sz": "s", "szsz": "^", "energy": "D"}
sizes = {"sx": 3.5, "sz": 5.0, "szsz": 4.5, "energy": 3.5}  # small markers drawn on top
zorders = {"sx": 2.6, "sz": 2.3, "szsz": 2.4, "energy": 2.5}
shift = {"sx": -0.1, "sz": 0.1, "szsz": 0.0, "energy": 0.0}  # profile x offsets (sites)
MIDDLE = {"sx": "x", "sz": "z", "szsz": "zz", "energy": "e"}  # beta_x, flag_x, ...
BOND = {"szsz", "energy", "sxsx"}
PLACEMENT = {"both": "baths on sites (1, 2) and (N-1, N)", "left": "bath on sites (1, 2) only"}
EDGE_BULK = "[P] edge/bulk (open, thin)"
THERMOMETERS = ("filled: same-length Gibbs reference (site $l$ of $N$ against site $l$ of "
                r"$e^{-\beta H_N}/Z$); open: [P] edge/bulk matching")
unconverged = ds["converged"] == 0
errors_seen = []


def sci(value: float) -> str:
    r"""mathtext of a positive number in scientific notation, e.g. 3 \times 10^{-5}."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def profile(point: xr.Dataset, name: str, matching: str):
    """(x, values, flags, errors) of one observable's profile; x is the site or the bond
    centre l + 1/2; errors: interpolation plus reference truncation error (NaN for the
    edge/bulk matching, which stores none)."""
    bond = name in BOND
    sel = {"observable_bond" if bond else "observable": name}
    suffix = "_bond" if bond else ""
    tag = "" if matching == "site" else "_edge_bulk"
    values = point[f"beta_eff{tag}{suffix}"].sel(sel)
    flags = point[f"flag{tag}{suffix}"].sel(sel)
    if matching == "site":
        errors = np.hypot(point[f"beta_error{suffix}"].sel(sel),
                          point[f"beta_reference_error{suffix}"].sel(sel).fillna(0.0))
    else:
        errors = xr.full_like(values, np.nan)
    x = point["bond"] + 0.5 if bond else point["site"]
    return x, values, flags, errors


def middle(name: str, matching: str):
    """(values, flags, errors) in the middle of the chain versus beta_bath: the default
    thermometer's beta_x, ..., beta_e (errors: the reference error plus the interpolation
    error of the profile there), or [P]'s edge/bulk profile at the middle site or bond."""
    dim = "bond" if name in BOND else "site"
    _, values, flags, errors = (v.sel({dim: middle_position(n, dim)})
                                for v in profile(ds, name, matching))
    if matching == "site":
        short = MIDDLE[name]
        values, flags = ds[f"beta_{short}"], ds[f"flag_{short}"]
        errors = np.hypot(errors, ds[f"reference_error_{short}"].fillna(0.0))
    return values, flags, errors


def next_row(ax, marked) -> int:
    """Strip row (in units of ps.STRIP) for the marks of one series: a new row only for a
    series that has something to mark (``marked``)."""
    rows = ax.__dict__.setdefault("_rows", 0)
    if np.asarray(marked).any():
        ax._rows = rows + 1
    return rows


def mark_state(ax, x, state) -> None:
    """One row of marks, in black, for the positions ``x`` whose steady state did not
    converge (every observable is missing there, so the series' rows do not repeat it)."""
    state = np.broadcast_to(np.asarray(state, dtype=bool), np.shape(x))
    ps.mark_flags(ax, x, np.zeros(np.shape(x)), offset=next_row(ax, state) * ps.STRIP,
                  unconverged=state)


def draw(ax, x, values, flags, errors, name, matching, state) -> None:
    """One series: the default thermometer filled and thick, [P]'s edge/bulk matching open
    and thin; error bars; the marks of its flagged points (edge/bulk rows labelled)."""
    state = np.broadcast_to(np.asarray(state, dtype=bool), np.shape(values))
    bad = xr.DataArray((np.nan_to_num(np.asarray(flags, dtype=float)) > 0) | state)
    what = f"{name}, {'same-length' if matching == 'site' else 'edge/bulk'} ({edges})"
    shown = ps.drop_flagged(xr.DataArray(np.asarray(values, dtype=float)), bad, what).values
    x = np.asarray(x, dtype=float)
    default = matching == "site"
    style = dict(color=colors[name], ls=styles[name], marker=markers[name])
    if default:
        style.update(markersize=sizes[name], zorder=zorders[name],
                     label=ps.OBSERVABLE_LABEL[name])
    else:
        style.update(markersize=sizes[name] + 2.5, markerfacecolor="none", lw=0.7,
                     mew=0.9, zorder=2.0)
    ps.plot_series(ax, x, shown, **style)
    if default:
        ps.error_bars(ax, x, shown, errors, color=colors[name], zorder=zorders[name])
        ok = np.isfinite(shown) & np.isfinite(np.asarray(errors, dtype=float))
        errors_seen.extend(np.asarray(errors, dtype=float)[ok])
    flags = np.where(state, 0.0, np.nan_to_num(np.asarray(flags, dtype=float)))  # mark_state
    row = next_row(ax, flags > 0)
    if ps.mark_flags(ax, x, flags, color=colors[name], offset=row * ps.STRIP) and not default:
        ax.__dict__.setdefault("_edge_bulk_rows", []).append(row)


def label_edge_bulk_rows(ax) -> None:
    """"[P]" at the left of the strip rows that hold marks of [P]'s edge/bulk values."""
    rows = getattr(ax, "_edge_bulk_rows", [])
    if rows:
        centre = ps.STRIP * (1.0 + (min(rows) + max(rows)) / 2)
        ax.text(0.01, centre, "[P]", transform=ax.transAxes, fontsize=5.5, color="0.35",
                ha="left", va="center")


profiles = f["profile_beta_bath"]
fig, axes = ps.subplots(2, 1 + len(profiles), width=3.3, height=2.5,
                        gridspec_kw={"height_ratios": [3, 2]})
# (a) the middle of the chain versus beta_bath
ax = axes[0, 0]
for matching in ("site", "edge_bulk"):
    for name in ("sx", "sz", "szsz", "energy"):
        draw(ax, ds["beta_bath"], *middle(name, matching), name, matching, unconverged)
mark_state(ax, ds["beta_bath"], unconverged)
limit = float(ds["beta_bath"].max())
ax.plot([0, limit], [0, limit], color="gray", lw=0.8, ls=":",
        label=r"$\beta_O = \beta_\mathrm{bath}$")
ax.set(xlabel=rf"bath $\beta_\mathrm{{bath}}$ {INVERSE}",
       ylabel=rf"$\beta_O$ in the middle {INVERSE}", title="middle of the chain")
# (b, c) profiles
for ax, beta in zip(axes[0, 1:], profiles, strict=True):
    point = ds.sel(beta_bath=beta)
    state = bool(point["converged"] == 0)
    for matching in ("site", "edge_bulk"):
        for name in ("sx", "sz", "szsz"):
            x, values, flags, errors = profile(point, name, matching)
            draw(ax, x + shift[name], values, flags, errors, name, matching, state)
    mark_state(ax, point["site"], state)
    ax.axhline(beta, color="gray", lw=0.8, ls=":")
    ax.set(xlabel="site $l$ (bonds at $l + 1/2$)", ylabel=rf"$\beta_O(l)$ {INVERSE}",
           title=rf"$\beta_\mathrm{{bath}} = {beta:g}$",
           xticks=np.arange(1, n + 1))
largest = max(errors_seen, default=np.nan)
if np.isfinite(largest) and largest > 0:
    low, high = axes[0, 0].get_ylim()
    if largest < 0.01 * (high - low):  # error bars hidden by the markers: say how small
        axes[0, 0].text(0.03, 0.97, rf"error bars $\leq {sci(largest)}$" "\n(inside the markers)",
                        transform=axes[0, 0].transAxes, ha="left", va="top", fontsize=6,
                        color="0.3")
# (d) d_min in the middle versus beta_bath, (e, f) d_min per bond
d_style = dict(color="black", marker="o", markersize=3.5, label=r"$d_\mathrm{min}$")
ax = axes[1, 0]
ax.set_yscale("log")
ps.plot_series(ax, ds["beta_bath"],
               ds["d_min_middle"].where(~unconverged), **d_style)
mark_state(ax, ds["beta_bath"], unconverged)
ax.set(xlabel=rf"bath $\beta_\mathrm{{bath}}$ {INVERSE}",
       ylabel=r"$d_\mathrm{min}$ (trace distance)",
       title=r"$d_\mathrm{min}$ on the middle bond")
for ax, beta in zip(axes[1, 1:], profiles, strict=True):
    point = ds.sel(beta_bath=beta)
    ax.set_yscale("log")
    state = bool(point["converged"] == 0)
    ps.plot_series(ax, point["bond"] + 0.5, point["d_min"].where(not state), **d_style)
    mark_state(ax, point["bond"] + 0.5, state)
    ax.set(xlabel="bond $(l, l+1)$ at $l + 1/2$", ylabel=r"$d_\mathrm{min}(l + 1/2)$",
           title=rf"$d_\mathrm{{min}}$ per bond, $\beta_\mathrm{{bath}} = {beta:g}$",
           xticks=np.arange(1, n + 1), xlim=axes[0, 1].get_xlim())
shown_d = np.concatenate([np.ravel(line.get_ydata()) for a in axes[1] for line in a.lines])
shown_d = shown_d[np.isfinite(shown_d) & (shown_d > 0)]
for ax in axes[1]:
    if shown_d.size:  # one scale, whole decades, for the three d_min panels
        ax.set_ylim(10.0 ** np.floor(np.log10(shown_d.min())),
                    10.0 ** np.ceil(np.log10(shown_d.max())))
    ax.yaxis.set_minor_formatter(NullFormatter())
entries = {}
for ax in axes.ravel():  # one legend under the figure: the same series in every panel
    for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
        entries.setdefault(label, handle)
entries[EDGE_BULK] = Line2D([], [], color="gray", marker="^", markerfacecolor="none", lw=0.7,
                            ls="-", markersize=sizes["szsz"] + 2.5, mew=0.9)
first = [ps.OBSERVABLE_LABEL[o] for o in ("sx", "sz", "szsz", "energy")] + [EDGE_BULK]
order = [k for k in first if k in entries] + [k for k in entries if k not in first]
fig.legend([entries[k] for k in order], order, loc="outside lower center", ncol=5, fontsize=7)
for ax in axes[0]:
    label_edge_bulk_rows(ax)
params = {"N": n, **{k: float(ds[k]) for k in ("J", "Delta", "hx", "hz")},
          "gamma": float(ds["gamma"])}
fig.suptitle(f"{f['hamiltonian']}, {bath.upper()}, {PLACEMENT[edges]}: "
             + ps.chain_title(params) + f"\n{THERMOMETERS}", fontsize=9)
ps.label_panels(axes)
ps.save(fig, sm.output)
