"""Symmetry-resolved mean gap ratio <r> ([P] Sec. II) at one or several hx for one
Hamiltonian (lindbath.analysis.spectra.mean_gap_ratio)."""

import xarray as xr
from wfcommon import Timer, setup_logging, write_dataset

import lindbath as lb
from lindbath.analysis.spectra import mean_gap_ratio
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)
params = {k: v for k, v in sm.params.chain.items() if k != "hx"}
elapsed = Timer()
rows = []
for hx in map(float, sm.params.hx):
    ds = mean_gap_ratio(lb.Chain(sm.params.N, hx=hx, **params), sm.params.middle_fraction)
    log.info("hx=%g: <r> = %.4f over %d ratios (%.1f s)", hx, ds.attrs["r"],
             int(ds["n_ratios"].sum()), elapsed())
    rows.append(xr.Dataset({"r": ((), ds.attrs["r"]),
                            "n_ratios": ((), int(ds["n_ratios"].sum())),
                            "n_sectors": ((), ds.sizes["sector"]),
                            "degeneracies": ((), ds.attrs["total_degeneracies"])},
                           coords={"hx": hx}))
out = xr.concat(rows, "hx")
for name in ("r", "n_ratios", "degeneracies"):
    out[name].attrs = attrs(name)
out.attrs.update(N=sm.params.N, middle_fraction=float(sm.params.middle_fraction), **params)
write_dataset(out, sm.output[0], sm, "mean gap ratio <r> versus hx")
