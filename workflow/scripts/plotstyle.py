"""Shared look of the figures (matplotlib Agg): styles per bath kind, masking of flagged
points with a warning, marks for effective temperatures whose reference is unconverged
(flag 4), panel labels, and saving as PDF and PNG."""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.transforms as mtransforms  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from lindbath.analysis.temperatures import UNCONVERGED_REFERENCE  # noqa: E402

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


def save(fig, outputs) -> None:
    """Write the figure to every output path (PDF and PNG) and close it."""
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
    although the inversion itself worked, because the reference's finite-size or truncation
    error exceeds reference_tol |beta|."""
    bad = xr.zeros_like(ds[flags[0]], dtype=bool)
    for name in flags:
        bad = bad | (ds[name] == UNCONVERGED_REFERENCE)
    return bad


def mark_unconverged(ax, x, bad, color="black", label: str | None = UNCONVERGED_LABEL,
                     offset: float = 0.0) -> int:
    """Mark positions ``x`` where ``bad`` is true by an 'x' at the bottom of the axes (their
    beta_eff is NaN: flag 4); ``offset`` (axes fraction) separates several series. Returns
    the count. The label is given once per axes."""
    x, bad = np.asarray(x, dtype=float), np.asarray(bad, dtype=bool)
    if not bad.any():
        return 0
    trans = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    done = getattr(ax, "_unconverged_labelled", False)
    ax.plot(x[bad], np.full(int(bad.sum()), 0.04 + offset), ls="none", marker="x",
            color=color, markersize=5, mew=1.2, transform=trans, clip_on=False)
    if not done and label is not None:  # one grey legend entry per axes
        ax.plot([], [], ls="none", marker="x", color="gray", mew=1.2, label=label)
    ax._unconverged_labelled = True
    return int(bad.sum())


def hatch_cells(ax, x_edges, y_edges, bad) -> int:
    """Grey hatched cells of a pcolormesh (rows: y, columns: x) where ``bad`` is true."""
    bad = np.asarray(bad, dtype=bool)
    for row, col in zip(*np.nonzero(bad), strict=True):
        ax.add_patch(Rectangle((x_edges[col], y_edges[row]), x_edges[col + 1] - x_edges[col],
                               y_edges[row + 1] - y_edges[row], facecolor="0.85",
                               edgecolor="0.4", hatch="xx", lw=0, zorder=3))
    return int(bad.sum())


def error_bars(ax, x, values, errors, **style) -> None:
    """Error bars of the reference error (beta_reference_error) where it is finite."""
    x, values, errors = (np.asarray(a, dtype=float) for a in (x, values, errors))
    ok = np.isfinite(values) & np.isfinite(errors)
    if ok.any():
        ax.errorbar(x[ok], values[ok], yerr=errors[ok], ls="none", capsize=2, lw=0.8,
                    **style)
