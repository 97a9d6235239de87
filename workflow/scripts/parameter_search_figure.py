"""Parameter search (lindbath.analysis.search): maps over (hx, hz), one row per Delta, DB and
FR side by side, of the score S = max over the search beta_bath of max(|beta_x/beta_z - 1|,
|beta_zz/beta_z - 1|) in the middle (linear colour scale spanning the finite scores), and,
where the dataset has it, of D = max over the same beta_bath of d_min of the middle bond
(the trace distance of its two-site state from the closest thermal one; log colour scale
when the values span more than a decade). Every beta and d_min against the Gibbs state of
the same N-site chain. Each cell gives its value. Hatched cells have no value, one hatch per
reason named in the legend: an unconverged steady state at some beta_bath, or the lowest
inversion flag found over beta_bath and beta_x, beta_z, beta_zz (every flag found is written
in the cell). A star marks each bath's best point (smallest finite S; the chains of Fig. 5),
in the D maps too; a thick outline the cells where the DB score is within the tolerance."""

import numpy as np
import plotstyle as ps
from matplotlib.colors import LogNorm, Normalize
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from wfcommon import figure_data

HATCH = {"state": "OO", 1: "//", 2: "\\\\", 3: "++", 4: "xx"}
REASON = {"state": ps.STATE_UNCONVERGED + " (some $\\beta_\\mathrm{bath}$)", **ps.FLAG_REASON}
FLAGS = ("flag_x", "flag_z", "flag_zz")  # the inversions of the score

sm = snakemake  # noqa: F821
data = figure_data(sm)
s = sm.params.settings
tolerance = float(data.attrs["tolerance"])
order = ("bath", "Delta", "hz", "hx")
score = data["score"].transpose(*order)
unconverged = (data["converged"] == 0).any("beta_bath").transpose(*order)
inversions = data[list(FLAGS)].to_array("inversion").fillna(0)
flags_found = {v: (inversions == v).any(("inversion", "beta_bath")).transpose(*order)
               for v in sorted(ps.FLAG_REASON)}
maps = [("score", score, r"score $S$")]
if "d_min_middle" in data:
    distance = data["d_min_middle"].max("beta_bath", skipna=False).transpose(*order)
    maps.append(("distance", distance.where(~unconverged), r"$D$"))


def norm_of(values, kind: str):
    """Linear colour scale over the finite values (S); for D a log scale when they span
    more than a decade."""
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if kind == "distance" and finite.size and low > 0 and high / low > 10:
        return LogNorm(low, high)
    if high > low:
        return Normalize(low, high)
    pad = 0.05 * max(abs(high), 1e-3)  # one value: a range around it
    return Normalize(low - pad, high + pad)


norms = {kind: norm_of(values.values, kind) for kind, values, _ in maps}
hx, hz = data["hx"].values, data["hz"].values
hx_edges, hz_edges = ps.cell_edges(hx), ps.cell_edges(hz)
baths = [str(b) for b in data["bath"].values]
deltas = data["Delta"].values
fig, axes = ps.subplots(len(deltas), len(baths) * len(maps), width=3.1, height=2.8)
meshes, present = {}, set()


def star(ax, bath: str, delta) -> bool:
    """A star at the best point of ``bath`` if it lies in this Delta row."""
    point = {k: float(data[f"winner_{k}"].sel(bath=bath)) for k in ("hx", "hz", "Delta")}
    if not np.isclose(point["Delta"], float(delta)):
        return False
    ax.plot(point["hx"], point["hz"], ls="none", marker="*", markersize=11, color="w",
            markeredgecolor="k", zorder=5)
    return True


def cell_text(ax, r: int, c: int, text: str, **style) -> None:
    """``text`` in the lower part of cell (r, c) (the star sits in the middle)."""
    ax.text(hx[c], hz[r] - 0.3 * (hz_edges[r + 1] - hz_edges[r]), text, ha="center",
            va="center", fontsize=6, color="k", zorder=6,
            bbox={"facecolor": "w", "alpha": 0.7, "lw": 0, "pad": 0.5}, **style)


starred = False
for row, delta in enumerate(deltas):
    for m, (kind, values, name) in enumerate(maps):
        for b, bath in enumerate(baths):
            ax = axes[row, m * len(baths) + b]
            cell = values.sel(bath=bath, Delta=delta).values
            meshes[kind] = ax.pcolormesh(hx_edges, hz_edges, cell, norm=norms[kind],
                                         cmap="viridis_r")
            state = unconverged.sel(bath=bath, Delta=delta).values
            found = {v: f.sel(bath=bath, Delta=delta).values for v, f in flags_found.items()}
            missing = ~np.isfinite(cell)
            why = {"state": state & missing}
            taken = why["state"].copy()
            for v, where in found.items():  # the lowest flag found names the hatch
                why[v] = where & missing & ~taken
                taken |= why[v]
            for reason, where in why.items():
                if ps.hatch_cells(ax, hx_edges, hz_edges, where, hatch=HATCH[reason]):
                    present.add(reason)
            for (r, c), v in np.ndenumerate(cell):
                if np.isfinite(v):
                    cell_text(ax, r, c, f"{v:.3f}" if kind == "score" else f"{v:#.2g}")
                elif taken[r, c]:
                    codes = [str(f) for f, where in found.items() if where[r, c]]
                    text = "; ".join((["unconv."] if state[r, c] else []) + (
                        [("flags " if len(codes) > 1 else "flag ") + ", ".join(codes)]
                        if codes and kind == "score" else []))
                    cell_text(ax, r, c, text, style="italic")
            starred |= star(ax, bath, delta)
            if bath == "db" and kind == "score":
                inside = data["db_within_tolerance"].transpose("Delta", "hz", "hx").sel(
                    Delta=delta)
                for r, c in zip(*np.nonzero(inside.values), strict=True):
                    ax.add_patch(Rectangle((hx_edges[c], hz_edges[r]),
                                           hx_edges[c + 1] - hx_edges[c],
                                           hz_edges[r + 1] - hz_edges[r], fill=False, lw=2.0,
                                           edgecolor="tab:orange", zorder=4))
            ax.grid(False)
            ax.set(xlabel=r"transverse field $h_x$ ($J$)",
                   ylabel=r"longitudinal field $h_z$ ($J$)",
                   title=rf"{name}, {bath.upper()} bath, $\Delta={float(delta):g}$")
            ax.set_xticks(hx, [f"{v:g}" for v in hx])
            ax.set_yticks(hz, [f"{v:g}" for v in hz])
handles = [Line2D([], [], ls="none", marker="*", markersize=11, color="w", markeredgecolor="k",
                  label="best point of the bath (smallest $S$; a chain of Fig. 5)")] * starred
handles += [ps.missing_patch(REASON[r], hatch=HATCH[r]) for r in HATCH if r in present]
if int(data["db_within_tolerance"].sum()):
    handles.append(Rectangle((0, 0), 1, 1, fill=False, lw=2.0, edgecolor="tab:orange",
                             label=f"DB score $\\leq$ {tolerance:g}"))
if handles:
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3))
for m, (kind, _, name) in enumerate(maps):
    scale = "log" if isinstance(norms[kind], LogNorm) else "linear"
    fig.colorbar(meshes[kind], ax=axes[:, m * len(baths):(m + 1) * len(baths)],
                 label=f"{name} ({scale}; 0: thermal)")
betas = ", ".join(f"{float(b):g}" for b in data["beta_bath"].values)
params = {"N": int(s["N"]), "J": float(data.attrs["J"]), "gamma": float(s["gamma"])}
fig.suptitle(rf"{ps.chain_title(params)}, middle of the chain against the same-length Gibbs "
             r"state, over $\beta_\mathrm{bath} \in \{" + betas + r"\}$:" + "\n"
             r"score $S$ = largest $|\beta_x/\beta_z - 1|$ or $|\beta_{zz}/\beta_z - 1|$"
             + (r";  $D$ = largest $d_\mathrm{min}$ of the middle bond" if len(maps) > 1
                else ""), fontsize=9)
ps.label_panels(axes)
ps.save(fig, sm.output)
