"""How many (site or bond, observable) points of a study dataset have a temperature.

For a study dataset written by the workflow (``results/datasets/beta_scan.nc`` by default),
counts the points with flag 0 among the points that exist (a steady state that converged, a
site or bond inside its chain), per Hamiltonian and observable, for the default thermometer
(same-length reference, ``beta_eff``) and for [P]'s edge/bulk matching
(``beta_eff_edge_bulk``), and how often each flag occurs; and the distance thermometer's
d_min in the middle.

Run after the quick study:
    .venv/bin/python benchmarks/thermometry_coverage.py results/datasets/beta_scan.nc
"""

from __future__ import annotations

import argparse

import numpy as np
import xarray as xr

VARIANTS = {"default (same length)": "", "edge_bulk ([P])": "_edge_bulk"}


def coverage(ds: xr.Dataset, tag: str, suffix: str) -> tuple[xr.DataArray, xr.DataArray]:
    """(points with flag 0, points that exist) per observable."""
    flag = ds[f"flag{tag}{suffix}"].where(ds["converged"] == 1)
    dim = "observable_bond" if suffix else "observable"
    others = [d for d in flag.dims if d != dim]
    return (flag == 0).sum(others), flag.notnull().sum(others)


def flag_counts(ds: xr.Dataset, tag: str) -> dict[int, int]:
    """How often each flag occurs over site and bond observables."""
    values = np.concatenate([ds[f"flag{tag}{s}"].where(ds["converged"] == 1).values.ravel()
                             for s in ("", "_bond")])
    values = values[np.isfinite(values)].astype(int)
    return {int(v): int((values == v).sum()) for v in np.unique(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", default="results/datasets/beta_scan.nc")
    args = parser.parse_args()
    data = xr.load_dataset(args.dataset)
    for ham in data["hamiltonian"].values:
        ds = data.sel(hamiltonian=ham)
        print(f"{ham}:")
        for name, tag in VARIANTS.items():
            cells, total = [], [0, 0]
            for suffix in ("", "_bond"):
                ok, exist = coverage(ds, tag, suffix)
                for o in ok[ok.dims[0]].values:
                    cells.append(f"{o} {int(ok.sel({ok.dims[0]: o}))}/"
                                 f"{int(exist.sel({ok.dims[0]: o}))}")
                total = [total[0] + int(ok.sum()), total[1] + int(exist.sum())]
            print(f"  {name:22s} {total[0]}/{total[1]} = {total[0] / total[1]:.1%}  "
                  f"({', '.join(cells)}; flags {flag_counts(ds, tag)})")
        d_min = ds["d_min_middle"].where(ds["converged"] == 1)
        print(f"  d_min in the middle: {float(d_min.min()):.2e} .. {float(d_min.max()):.2e}")


if __name__ == "__main__":
    main()
