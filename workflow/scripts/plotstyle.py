"""Shared look of the figures (matplotlib Agg): styles per bath kind, the chain parameters
as a mathtext title, masking of flagged points with a warning, marks for flagged points
(an 'x' in a strip kept free at the bottom of the axes, one legend entry per reason),
hatched missing cells of colour maps, colour maps of ratios centred on 1, panel labels, and
saving as PDF and PNG."""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.transforms as mtransforms  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from lindbath.analysis.inversion import UNCONVERGED_REFERENCE  # noqa: E402

plt.rcParams.update({"figure.dpi": 150, "font.size": 9, "axes.labelsize": 9,
                     "legend.fontsize": 7, "legend.frameon": False, "lines.linewidth": 1.3,
                     "lines.markersize": 4, "axes.grid": True, "grid.alpha": 0.3})

BATH_STYLE = {
    "db": {"color": "tab:blue", "marker": "s", "label": "DB (detailed balance)"},
    "fr": {"color": "tab:red", "marker": "^", "label": "FR (fast relaxation)"},
    "local": {"color": "tab:green", "marker": "o", "label": "local single-site"},
    "davies": {"color": "black", "marker": "D", "label": "Davies (global)"},
}
OBSERVABLE_LABEL = {"sx": r"$\beta_x$", "sz": r"$\beta_z$", "sy": r"$\beta_y$",
                    "sxsx": r"$\beta_{xx}$", "sysy": r"$\beta_{yy}$", "szsz": r"$\beta_{zz}$",
                    "energy": r"$\beta_{E}$"}
BETA_BATH = r"bath $\beta_\mathrm{bath}$ ($1/J$)"
TIME = r"time $t$ ($\hbar/J$)"
log = logging.getLogger("figure")
# Chain parameters ([P] Eq. 1) and bath strength as mathtext, in the order of a title.
PARAMETER_SYMBOL = {"N": "N", "J": "J", "Delta": r"\Delta", "hx": "h_x", "hz": "h_z",
                    "gamma": r"\gamma", "beta_bath": r"\beta_\mathrm{bath}"}
# Why an effective temperature is missing: its inversion flag (analysis.inversion).
FLAG_REASON = {1: "flag 1: out of range", 2: "flag 2: ambiguous branch",
               3: "flag 3: unresolved (stationary)", UNCONVERGED_REFERENCE:
               "flag 4: unconverged ref."}
# One marker per reason in the strip of flag marks (mark_flags), one legend entry each.
FLAG_MARKER = {1: "v", 2: "x", 3: "+", UNCONVERGED_REFERENCE: "*", "state": "D"}
STATE_UNCONVERGED = "steady state unconverged"
MISSING = {"facecolor": "0.85", "edgecolor": "0.4", "hatch": "xx"}  # missing map cells
GIBBS = r"$e^{-\beta_\mathrm{bath} H}/Z$"
STRIP = 0.035  # height (axes fraction) of one row of flag marks at the bottom of an axes


def subplots(nrows: int, ncols: int, width: float = 3.2, height: float = 2.6, **kwargs):
    """Figure with nrows x ncols panels of the given size in inches; axes as a 2-D array."""
    return plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False,
                        constrained_layout=True, **kwargs)


def label_panels(axes) -> None:
    """Prefix each panel's title with (a), (b), ..."""
    for k, ax in enumerate(np.ravel(axes)):
        ax.set_title(f"({chr(97 + k)}) {ax.get_title()}".rstrip())


def cell_edges(centers, log: bool = False) -> np.ndarray:
    """Edges of pcolormesh cells around sorted ``centers``: midpoints (geometric if ``log``),
    the outer edges mirrored."""
    x = np.log(np.asarray(centers, dtype=float)) if log else np.asarray(centers, dtype=float)
    if x.size == 1:
        edges = np.array([x[0] - 0.5, x[0] + 0.5])
    else:
        middle = (x[1:] + x[:-1]) / 2
        edges = np.concatenate([[2 * x[0] - middle[0]], middle, [2 * x[-1] - middle[-1]]])
    return np.exp(edges) if log else edges


def chain_title(params, keys=("N", "J", "Delta", "hx", "hz", "gamma")) -> str:
    r"""The parameters ``keys`` found in the mapping ``params`` as mathtext, e.g.
    ``$N=8$, $J=1$, $\Delta=0.5$, $h_x=0.6$, $h_z=0.4$, $\gamma=1$`` (missing keys are
    skipped; a list or array value is written as {a, b})."""
    def value(v):
        v = np.atleast_1d(np.asarray(v, dtype=float))
        text = ", ".join(f"{x:g}" for x in v)
        return text if v.size == 1 else rf"\{{{text}\}}"

    return ", ".join(f"${PARAMETER_SYMBOL[k]}={value(params[k])}$" for k in keys if k in params)


def save(fig, outputs) -> None:
    """Write the figure to every output path (PDF and PNG) and close it; first lowers the
    y range of every axes holding flag marks so that the marks sit below the data."""
    for ax in fig.axes:
        make_room(ax)
    for path in outputs:
        fig.savefig(path)
    plt.close(fig)


def flagged(ds: xr.Dataset, *flags: str) -> xr.DataArray:
    """True where the steady state did not converge (``converged`` = 0) or one of the
    inversion ``flags`` is nonzero; padding (NaN) counts as not flagged."""
    bad = ds["converged"] == 0
    for name in flags:
        bad = bad | (ds[name] > 0)
    return bad


def plot_series(ax, x, y, **style):
    """ax.plot(x, y, **style) if some y is finite (positive on a log axis); a series with
    nothing to show is not drawn (so no legend entry or line without data). Returns the
    line or None."""
    y = np.asarray(y, dtype=float)
    shown = np.isfinite(y) & ((y > 0) if ax.get_yscale() == "log" else True)
    return ax.plot(x, y, **style)[0] if shown.any() else None


def drop_flagged(values: xr.DataArray, bad: xr.DataArray, what: str) -> xr.DataArray:
    """``values`` with the flagged points (``bad`` true) set to NaN, so they are not drawn;
    logs a warning naming how many were left out."""
    count = int(bad.sum())
    if count:
        log.warning("%s: %d flagged point(s) (unconverged, or beta_eff not invertible) left "
                    "out of the figure", what, count)
    return values.where(~bad)


UNCONVERGED_LABEL = "unconverged reference (flag 4)"


def unconverged(ds: xr.Dataset, *flags: str) -> xr.DataArray:
    """True where one of the ``flags`` is 4 (unconverged_reference): beta_eff is NaN there
    although the inversion itself worked, because the reference's truncation (or, edge/bulk,
    finite-size) error exceeds reference_tol |beta|."""
    bad = xr.zeros_like(ds[flags[0]], dtype=bool)
    for name in flags:
        bad = bad | (ds[name] == UNCONVERGED_REFERENCE)
    return bad


def mark_unconverged(ax, x, bad, color="black", label: str | None = UNCONVERGED_LABEL,
                     offset: float = 0.0) -> int:
    """Mark positions ``x`` where ``bad`` is true by an 'x' at the bottom of the axes (their
    beta_eff is NaN: flag 4); ``offset`` (axes fraction) separates several series. Returns
    the count. The label is given once per axes."""
    count = mark_flagged(ax, x, bad, label, color=color, offset=offset)
    if count:
        ax._unconverged_labelled = True
    return count


def mark_flagged(ax, x, bad, label: str | None, color="black", offset: float = 0.0,
                 marker: str = "x") -> int:
    """Mark positions ``x`` where ``bad`` is true by ``marker`` in a strip at the bottom of
    the axes (the value is missing there, so it has no y); ``offset`` (axes fraction, e.g.
    k * STRIP) separates several series. ``label`` (e.g. "flagged (flag 2: ...)") becomes one
    grey legend entry per axes and label. Returns the count; save() keeps the strip free of
    data (make_room)."""
    x, bad = np.asarray(x, dtype=float), np.asarray(bad, dtype=bool)
    if not bad.any():
        return 0
    trans = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    ax.plot(x[bad], np.full(int(bad.sum()), STRIP + offset), ls="none", marker=marker,
            color=color, markersize=5, mew=1.2, transform=trans, clip_on=False)
    labelled = ax.__dict__.setdefault("_flag_labels", set())
    if label is not None and label not in labelled:
        ax.plot([], [], ls="none", marker=marker, color="gray", mew=1.2, label=label)
        labelled.add(label)
    ax._flag_strip = max(getattr(ax, "_flag_strip", 0.0), 2 * STRIP + offset)
    return int(bad.sum())


def mark_flags(ax, x, flags, color="black", offset: float = 0.0, unconverged=None) -> int:
    """Mark the positions ``x`` of missing values in the strip at the bottom of the axes,
    one marker per reason (FLAG_MARKER): the inversion ``flags`` 1-4
    (lindbath.analysis.inversion) and, with priority, ``unconverged`` steady states.  Each
    reason gets one grey legend entry per axes (FLAG_REASON).  Returns the count."""
    x = np.asarray(x, dtype=float)
    flags = np.nan_to_num(np.asarray(flags, dtype=float), nan=0.0)
    state = np.zeros(x.shape, bool) if unconverged is None else np.asarray(unconverged, bool)
    reasons = [("state", state)] + [(v, (flags == v) & ~state) for v in sorted(FLAG_REASON)]
    count = 0
    for reason, where in reasons:
        label = STATE_UNCONVERGED if reason == "state" else FLAG_REASON[reason]
        count += mark_flagged(ax, x, where, label, color=color, offset=offset,
                              marker=FLAG_MARKER[reason])
    return count


def make_room(ax) -> None:
    """Lower the bottom of the y range (linear or log) so that the data start above the
    strip of flag marks (mark_flagged), and separate the strip from the data by a thin
    line labelled "flagged"; no change for axes without marks."""
    strip = getattr(ax, "_flag_strip", 0.0)
    if not strip:
        return
    scale = ax.yaxis.get_transform()
    low, high = scale.transform(np.array(ax.get_ylim()))
    low -= strip / (1 - strip) * (high - low)
    ax.set_ylim(*scale.inverted().transform(np.array([low, high])))
    ax.plot([0, 1], [strip, strip], transform=ax.transAxes, color="0.5", lw=0.6,
            clip_on=False)
    ax.text(1.0, strip, "flagged ", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=6, color="0.4")


def flag_label(flags, unconverged: bool = False) -> str:
    """Legend text for points missing because of the inversion ``flags`` (values of
    analysis.temperatures): "flagged (flag 2: not monotone)", i.e. the reference curve is
    not monotone there, so beta is not unique; several reasons joined by ';', ending with
    "steady state unconverged" if ``unconverged``."""
    flat = np.asarray(list(flags) if isinstance(flags, set | frozenset) else flags, dtype=float)
    values = sorted({int(f) for f in flat.ravel() if np.isfinite(f) and f > 0})
    reasons = [FLAG_REASON.get(v, f"flag {v}") for v in values]
    return "flagged (" + "; ".join(reasons + ["steady state unconverged"] * unconverged) + ")"


def missing_patch(label: str, hatch: str = "xx") -> Patch:
    """Legend handle of the hatched cells drawn by hatch_cells."""
    return Patch(**{**MISSING, "hatch": hatch}, label=label)


def ratio_norm(values, quantile: float = 0.9, floor: float = 0.02,
               cap: float = 1.0) -> TwoSlopeNorm:
    """Colour scale of a ratio centred on 1 (white) with a symmetric range 1 -+ d, d the
    ``quantile`` of |values - 1| kept within [``floor``, ``cap``]: outliers are clipped
    (draw the colour bar with extend="both")."""
    spread = np.abs(np.asarray(values, dtype=float) - 1.0)
    spread = spread[np.isfinite(spread)]
    d = float(np.quantile(spread, quantile)) if spread.size else 0.0
    d = min(max(d, floor), cap)
    return TwoSlopeNorm(vcenter=1.0, vmin=1.0 - d, vmax=1.0 + d)


def hatch_cells(ax, x_edges, y_edges, bad, hatch: str = "xx") -> int:
    """Grey hatched cells of a pcolormesh (rows: y, columns: x) where ``bad`` is true."""
    bad = np.asarray(bad, dtype=bool)
    for row, col in zip(*np.nonzero(bad), strict=True):
        ax.add_patch(Rectangle((x_edges[col], y_edges[row]), x_edges[col + 1] - x_edges[col],
                               y_edges[row + 1] - y_edges[row], **{**MISSING, "hatch": hatch},
                               lw=0, zorder=3))
    return int(bad.sum())


def error_bars(ax, x, values, errors, **style) -> None:
    """Error bars of the reference error (beta_reference_error) where it is finite."""
    x, values, errors = (np.asarray(a, dtype=float) for a in (x, values, errors))
    ok = np.isfinite(values) & np.isfinite(errors)
    if ok.any():
        ax.errorbar(x[ok], values[ok], yerr=errors[ok], ls="none", capsize=2, lw=0.8,
                    **style)
