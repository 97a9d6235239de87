"""Gather the relaxation files over the chain length N: for rule relaxation_dataset the
Liouvillian gaps and the exact measured times to the steady state (outer join: the times
may cover more lengths than the gaps, whose cost grows faster); for rule
relaxation_mps_dataset the times measured by TEBD, over N and chi."""

import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.analysis.thermality import across_bond_dimensions
from lindbath.outputs import attrs

sm = snakemake  # noqa: F821
log = setup_logging(sm)


def gather(paths, lengths):
    """The per-length files stacked along N."""
    parts = [xr.load_dataset(path).expand_dims(N=[int(n)])
             for path, n in zip(paths, lengths, strict=True)]
    combined = xr.concat(parts, "N", combine_attrs="drop_conflicts")
    combined.attrs.pop("N", None)
    return combined


def with_chi_check(ds, chi_tol):
    """The MPS times with their bond-dimension check (lindbath.analysis.thermality.
    across_bond_dimensions): t_relax at the largest chi, its gap to the next chi, and the
    verdict: converged at the largest chi and the gap within chi_tol relative."""
    best = across_bond_dimensions(ds["t_relax"], ds["t_relax_converged"])
    ok = (best["converged"] == 1) & (best["chi"] == ds["chi"].max()) \
        & (best["error"] <= chi_tol * best["value"])
    for (n, bath, beta), flagged in (~ok).stack(point=ok.dims).to_series().items():
        if flagged:
            log.warning("N=%d %s beta_bath=%g: t_relax not converged in chi (%.4g +- %.2g)",
                        n, bath, beta, best["value"].sel(N=n, bath=bath, beta_bath=beta),
                        best["error"].sel(N=n, bath=bath, beta_bath=beta))
    ds.attrs["chi_tol"] = chi_tol
    return ds.assign(t_relax_estimate=best["value"], t_relax_chi_error=best["error"],
                     t_relax_chi_converged=ok.astype(int))


if sm.rule == "relaxation_mps_dataset":
    combined = with_chi_check(gather(sm.input, sm.params.N), float(sm.params.chi_tol))
    description = ("measured time to the steady state of DB and FR baths versus N and the "
                   "bond dimension chi, by TEBD on a Pauli MPS, [P] Sec. IV.2")
else:
    gaps = gather(sm.input.gaps, sm.params.N)
    times = gather(sm.input.times, sm.params.time_N)
    combined = xr.merge([gaps, times], join="outer", combine_attrs="drop_conflicts")
    log.info("gaps: %s", combined["gap"].round(6).to_dict()["data"])
    description = ("Liouvillian gap (relaxation rate) and measured time to the steady state "
                   "of DB and FR baths versus N, [P] Sec. IV")
for name in combined.data_vars:
    combined[name].attrs = attrs(name)
combined["N"].attrs = attrs("N")
log.info("t_relax: %s", combined["t_relax"].round(4).to_dict()["data"])
write_dataset(combined, sm.output[0], sm, description)
