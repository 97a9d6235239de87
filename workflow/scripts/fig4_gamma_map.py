"""[P] Fig. 4: the middle of the chain over (beta_bath, gamma), one row per bath: (a) beta_z,
(b) beta_x/beta_z and (c) beta_zz/beta_z, every effective temperature against the Gibbs state
of the same N-site chain (the datasets' default thermometer), and (d) d_min of the middle
bond, the trace distance of its two-site state from the closest thermal one (Mendoza-Arenas
et al., PRE 91, 042129 (2015); log colour scale).

Cells are drawn by index along beta_bath (equal widths, tick labels the values) and on a log
axis with geometric cell edges along gamma. (b) and (c) share one colour scale centred on 1
(white: thermal), 1 -+ d with d the 90 % quantile of |ratio - 1| over both panels, at most 1
(plotstyle.ratio_norm); every ratio is written in its cell, those beyond the range (clipped:
arrows on the colour bar) in bold on a white box. (a) and (d) also share their colour scales
over the rows. Cells without a value are grey and hatched, one hatch per reason, named in
the legend: an unconverged steady state, each inversion flag (of the first flagged
inversion, numerator before beta_z), and in (a)-(c) a depolarised middle (beta_E of the
middle bond below DEPOLARISED beta_bath: the bulk is close to infinite temperature, the
Zeno regime of docs/conventions.md, and ratios of betas near 0 are not a thermometer; the
value is written in the cell). In (d) a triangle marks a d_min whose minimum lies at the
reference's beta edge (an upper bound)."""

import numpy as np
import plotstyle as ps
from matplotlib.colors import LogNorm, Normalize
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator
from wfcommon import figure_data

DEPOLARISED = 0.1  # beta_E (middle bond) < DEPOLARISED beta_bath: a depolarised middle
HATCH = {"state": "OO", 1: "//", 2: "\\\\", 3: "++", 4: "xx", "depolarised": ".."}
REASON = {"state": ps.STATE_UNCONVERGED, **ps.FLAG_REASON,
          "depolarised": rf"depolarised middle: $\beta_E < {DEPOLARISED:g}\,"
                         r"\beta_\mathrm{bath}$ (value written)"}
UPPER_BOUND = r"$d_\mathrm{min}$ an upper bound (minimum at the reference's $\beta$ edge)"

sm = snakemake  # noqa: F821
s = sm.params.settings
N = int(s["N"])
data = figure_data(sm).sel(hamiltonian=s["hamiltonian"], N=N)
baths = list(data["bath"].values)
# variable, flags of its inversions, kind of panel
panels = [("beta_z", ("flag_z",), "beta"), ("ratio_x_z", ("flag_x", "flag_z"), "ratio"),
          ("ratio_zz_z", ("flag_zz", "flag_z"), "ratio"), ("d_min_middle", (), "distance")]
TITLES = {"beta_z": r"$\beta_z$", "ratio_x_z": r"$\beta_x/\beta_z$",
          "ratio_zz_z": r"$\beta_{zz}/\beta_z$", "d_min_middle": r"$d_\mathrm{min}$ (middle bond)"}


def reasons(ds, flags, depolarised) -> dict:
    """Cells without a value, by reason (each cell under its first reason): unconverged
    steady state, the first nonzero inversion flag of ``flags``, a depolarised middle."""
    state = ds["converged"].values == 0
    first = np.zeros(state.shape)
    for name in flags:
        first = np.where(first > 0, first, np.nan_to_num(ds[name].values.astype(float)))
    out = {"state": state, **{v: (first == v) & ~state for v in sorted(ps.FLAG_REASON)}}
    if depolarised is not None:
        out["depolarised"] = depolarised & ~state & ~(first > 0)
    return out


frames = {bath: data.sel(bath=bath).transpose("gamma", "beta_bath", ...) for bath in baths}
depolarised = {bath: ((ds["flag_e"] == 0) & (ds["beta_e"] < DEPOLARISED * ds["beta_bath"])
                      ).values for bath, ds in frames.items()}
cells = {(bath, var): reasons(ds, flags, depolarised[bath] if kind != "distance" else None)
         for bath, ds in frames.items() for var, flags, kind in panels}
shown = {key: np.where(np.any(list(why.values()), axis=0), np.nan,
                       frames[key[0]][key[1]].values) for key, why in cells.items()}


def finite(var: str) -> np.ndarray:
    """The drawn values of ``var`` in every row, finite only."""
    values = np.concatenate([shown[k].ravel() for k in shown if k[1] == var])
    return values[np.isfinite(values)]


ratios = np.r_[finite("ratio_x_z"), finite("ratio_zz_z")]
ratio_norm = ps.ratio_norm(ratios)
distances = finite("d_min_middle")
distances = distances[distances > 0]
distance_norm = LogNorm(*((distances.min(), distances.max()) if distances.size else (1e-3, 1)))
betas = finite("beta_z")
beta_norm = Normalize(*((betas.min(), betas.max()) if betas.size else (0, 1)))
low = bool(ratios.size) and ratios.min() < ratio_norm.vmin
high = bool(ratios.size) and ratios.max() > ratio_norm.vmax
ratio_extend = {(False, False): "neither", (True, False): "min", (False, True): "max",
                (True, True): "both"}[(bool(low), bool(high))]

fig, axes = ps.subplots(len(baths), len(panels), width=3.1, height=2.7)
present, upper_bounds = set(), False
for row, bath in enumerate(baths):
    ds = frames[bath]
    gamma, beta_bath = ds["gamma"].values, ds["beta_bath"].values
    x_edges = np.arange(beta_bath.size + 1) - 0.5
    y_edges = ps.cell_edges(gamma, log=True)
    meshes = {}
    for col, (var, _, kind) in enumerate(panels):
        ax = axes[row, col]
        values = shown[bath, var]
        style = {"beta": {"cmap": "viridis", "norm": beta_norm},
                 "distance": {"cmap": "magma_r", "norm": distance_norm},
                 "ratio": {"cmap": "RdBu_r", "norm": ratio_norm}}[kind]
        meshes[var] = ax.pcolormesh(x_edges, y_edges, values, shading="flat", **style)
        for reason, where in cells[bath, var].items():
            if ps.hatch_cells(ax, x_edges, y_edges, where, hatch=HATCH[reason]):
                present.add(reason)
        raw = ds[var].values
        written = cells[bath, var].get("depolarised", np.zeros(raw.shape, bool))
        for r, c in zip(*np.nonzero(written & np.isfinite(raw)), strict=True):
            ax.text(c, gamma[r], f"{raw[r, c]:.2g}", ha="center", va="center", fontsize=6,
                    color="0.2", zorder=6,
                    bbox={"facecolor": "w", "alpha": 0.8, "lw": 0, "pad": 0.6})
        if kind == "ratio":  # every value written; clipped ones bold on a white box
            for (r, c), v in np.ndenumerate(values):
                clipped = not ratio_norm.vmin <= v <= ratio_norm.vmax
                if np.isfinite(v):
                    dark = abs(float(ratio_norm(v)) - 0.5) > 0.35
                    ax.text(c, gamma[r], f"{v:.3g}" if clipped else f"{v:.2f}", ha="center",
                            va="center", fontsize=6 if clipped else 5.5, zorder=6,
                            fontweight="bold" if clipped else "normal",
                            color="w" if dark and not clipped else "k",
                            bbox={"facecolor": "w", "alpha": 0.75, "lw": 0, "pad": 0.6}
                            if clipped else None)
        if kind == "distance":
            edge = (ds["flag_rho"].sel(bond=N // 2).values == 1) & np.isfinite(values)
            if edge.any():
                upper_bounds = True
                r, c = np.nonzero(edge)
                ax.plot(c, gamma[r], ls="none", marker="^", color="w", markeredgecolor="k",
                        zorder=6)
        ax.set(yscale="log", xlim=(x_edges[0], x_edges[-1]), ylim=(y_edges[0], y_edges[-1]),
               xlabel=ps.BETA_BATH + " (equal cells)", ylabel=r"bath strength $\gamma$ ($J$)",
               title=f"{TITLES[var]}, {str(bath).upper()} bath")
        ax.set_xticks(np.arange(beta_bath.size), [f"{b:g}" for b in beta_bath])
        ax.set_yticks(gamma, [f"{g:g}" for g in gamma])
        ax.yaxis.set_minor_locator(NullLocator())
        ax.grid(False)
    fig.colorbar(meshes["beta_z"], ax=axes[row, 0], label=r"$\beta_z$ ($1/J$)")
    fig.colorbar(meshes["ratio_x_z"], ax=axes[row, 1:3], extend=ratio_extend,
                 label=r"$\beta_O/\beta_z$ (shared by (b), (c))")
    fig.colorbar(meshes["d_min_middle"], ax=axes[row, 3],
                 label=r"$d_\mathrm{min}$ (log scale; 0: thermal)")
ps.label_panels(axes)
order = ["state", *sorted(ps.FLAG_REASON), "depolarised"]
handles = [ps.missing_patch(REASON[reason], hatch=HATCH[reason]) for reason in order
           if reason in present]
if upper_bounds:
    handles.append(Line2D([], [], ls="none", marker="^", color="gray", label=UPPER_BOUND))
if handles:
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3))
params = {"N": N, **{k: float(data[k]) for k in ("J", "Delta", "hx", "hz")}}
fig.suptitle(f"{s['hamiltonian'].replace('_', ' ')}: {ps.chain_title(params)}; middle site "
             f"{(N + 1) // 2}, bond {N // 2}\nthermometers against the same-length Gibbs "
             r"reference $e^{-\beta H_N}/Z$; white = ratio 1 (thermal)", fontsize=9)
ps.save(fig, sm.output)
