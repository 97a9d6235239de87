"""Gather C(t) over (N, beta_bath, gamma_evolve, t), with the reflection time of each Fig. 6
length (first t where it departs from the chain reflection_offset sites longer) and the
power-law fit |C(t)| ~ t^-exponent of each Fig. 7 curve (lindbath.analysis.correlations)."""

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.analysis.correlations import fit_power_law, reflection_time
from lindbath.io import join_complex, split_complex

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
parts = [xr.load_dataset(path).drop_encoding()  # integers may gain NaN padding below
         .expand_dims(N=[int(n)], beta_bath=[float(beta)])
         for path, n, beta in zip(sm.input, sm.params.N, sm.params.beta_bath, strict=True)]
gamma_evolve = sorted({float(g) for part in parts for g in part["gamma_evolve"].values})
parts = [part.reindex(gamma_evolve=gamma_evolve) for part in parts]
data = join_complex(xr.combine_by_coords(parts, join="outer",  # (N, beta) grid is sparse
                                          combine_attrs="drop_conflicts"))
grid = {d: data[d].values for d in ("N", "beta_bath", "gamma_evolve")}
shape = tuple(len(v) for v in grid.values())
results = {name: np.full(shape, np.nan) for name in
           ("reflection_time", "power_law_exponent", "power_law_prefactor", "power_law_rms")}


def curve(n, beta, gamma_evolve):
    return data.sel(N=n, beta_bath=beta, gamma_evolve=gamma_evolve)


def index(n, beta, gamma_evolve):
    return tuple(int(np.flatnonzero(np.isclose(grid[d], v))[0])
                 for d, v in zip(grid, (n, beta, gamma_evolve), strict=True))


lengths = s["lengths"]
for n in lengths["N"]:
    for ge in lengths["gamma_evolve"]:
        args = (lengths["beta_bath"], ge)
        t_refl = reflection_time(curve(n, *args), curve(n + s["reflection_offset"], *args),
                                 s["reflection_tol"])
        results["reflection_time"][index(n, *args)] = t_refl
        log.info("N=%d gamma'=%g: reflection time %.3g", n, ge, t_refl)
temps = s["temperatures"]
for beta in temps["beta_bath"]:
    for ge in temps["gamma_evolve"]:
        try:
            fit = fit_power_law(curve(temps["N"], beta, ge), *temps["fit_window"])
        except ValueError as error:
            log.warning("beta_bath=%g gamma'=%g: no power-law fit: %s", beta, ge, error)
            continue
        i = index(temps["N"], beta, ge)
        results["power_law_exponent"][i] = fit["exponent"]
        results["power_law_prefactor"][i] = fit["prefactor"]
        results["power_law_rms"][i] = fit["residual"]
        log.info("beta_bath=%g gamma'=%g: |C| ~ t^-%.3f (rms %.2g)", beta, ge, fit["exponent"],
                 fit["residual"])
long_names = {
    "reflection_time": "first t where |C_N - C_N+offset| > reflection_tol (boundary felt)",
    "power_law_exponent": "a in |C(t)| ~ prefactor t^-a over fit_window",
    "power_law_prefactor": "prefactor of the power-law fit",
    "power_law_rms": "rms of log-residuals of the power-law fit",
}
units = {"reflection_time": "hbar / energy (J = 1)", "power_law_exponent": "1",
         "power_law_prefactor": "1", "power_law_rms": "1"}
for name, values in results.items():
    data[name] = (tuple(grid), values, {"long_name": long_names[name], "units": units[name]})
data.attrs.update(observable=s["observable"], observed_site="N (last site)",
                  bath=f"{s['bath']} on sites (1, 2) only", gamma=float(s["gamma"]),
                  reflection_offset=s["reflection_offset"], reflection_tol=s["reflection_tol"],
                  fit_window=list(temps["fit_window"]))
write_dataset(split_complex(data), sm.output[0], sm,
              "two-time correlations C(t) of [P] Eq. 12 (complex parts split)")
