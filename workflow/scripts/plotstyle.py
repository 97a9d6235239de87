"""Shared look of the figures (matplotlib Agg): styles per bath kind, masking of flagged
points with a warning, panel labels, and saving as PDF and PNG."""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

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
