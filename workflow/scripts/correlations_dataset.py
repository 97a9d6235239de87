"""Gather C(t) over (N, beta_bath, gamma_evolve, t), with, for each Fig. 6 length, the
reflection time 2 (N - 1) / v (v the largest group velocity of the chain) and the first t
where it departs from the chain reflection_offset sites longer, and the power-law fit
|C(t)| ~ t^-exponent of the upper envelope of each Fig. 7 curve from fit_window's start to
min(fit_window's stop, reflection time of that N), with the standard error of the exponent
and the log-rms of the fit (lindbath.analysis.correlations.fit_envelope_power_law); an
unconverged MPS curve (converged = 0) gets no fit."""

import numpy as np
import xarray as xr
from wfcommon import setup_logging, write_dataset

from lindbath.analysis.correlations import (
    fit_envelope_power_law,
    light_cone_reflection_time,
    max_group_velocity,
    reflection_time,
)
from lindbath.io import join_complex, split_complex
from lindbath.outputs import attrs

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
           ("reflection_time", "departure_time", "decay_exponent", "decay_exponent_error",
            "power_law_prefactor", "fit_rms", "fit_points")}
velocity = max_group_velocity(*(float(data.attrs[k]) for k in ("J", "Delta", "hx")))


def curve(n, beta, gamma_evolve):
    return data.sel(N=n, beta_bath=beta, gamma_evolve=gamma_evolve)


def index(n, beta, gamma_evolve):
    return tuple(int(np.flatnonzero(np.isclose(grid[d], v))[0])
                 for d, v in zip(grid, (n, beta, gamma_evolve), strict=True))


lengths = s["lengths"]
for n in lengths["N"]:
    for ge in lengths["gamma_evolve"]:
        args = (lengths["beta_bath"], ge)
        t_refl = light_cone_reflection_time(n, velocity)
        t_part = reflection_time(curve(n, *args), curve(n + s["reflection_offset"], *args),
                                 s["reflection_tol"])
        results["reflection_time"][index(n, *args)] = t_refl
        results["departure_time"][index(n, *args)] = t_part
        log.info("N=%d gamma'=%g: reflection time 2(N-1)/v = %.3g (v = %g); departs from "
                 "N+%d at t = %.3g", n, ge, t_refl, velocity, s["reflection_offset"], t_part)
temps = s["temperatures"]
window = (temps["fit_window"][0],  # finite-size effects start at the reflection time
          min(temps["fit_window"][1], light_cone_reflection_time(temps["N"], velocity)))
for beta in temps["beta_bath"]:
    for ge in temps["gamma_evolve"]:
        if int(curve(temps["N"], beta, ge)["converged"]) != 1:
            log.warning("beta_bath=%g gamma'=%g: MPS curve unconverged (converged = 0): no "
                        "power-law fit", beta, ge)
            continue
        fit = fit_envelope_power_law(curve(temps["N"], beta, ge), *window)
        i = index(temps["N"], beta, ge)
        for name, key in (("decay_exponent", "exponent"), ("fit_rms", "residual"),
                          ("decay_exponent_error", "exponent_error"),
                          ("power_law_prefactor", "prefactor"), ("fit_points", "points")):
            results[name][i] = fit[key]
        if fit["points"] < 3:
            log.warning("beta_bath=%g gamma'=%g: no power-law fit: %d envelope point(s) at "
                        "t = %s in [%g, %g], need >= 3", beta, ge, fit["points"],
                        fit["t"], *window)
            continue
        log.info("beta_bath=%g gamma'=%g: envelope |C| ~ t^-(%.3f +- %.3f) on t in "
                 "[%g, %g], %d points at t = %s (log-rms %.2g)", beta, ge, fit["exponent"],
                 fit["exponent_error"], *window, fit["points"], fit["t"], fit["residual"])
for name, values in results.items():
    data[name] = (tuple(grid), values, attrs(name))
for end, value in zip(("start", "stop"), window, strict=True):
    data[f"fit_window_{end}"] = ((), float(value), attrs(f"fit_window_{end}"))
data.attrs.update(observable=s["observable"], observed_site="N (last site)",
                  bath=f"{s['bath']} on sites (1, 2) only", gamma=float(s["gamma"]),
                  reflection_offset=s["reflection_offset"], reflection_tol=s["reflection_tol"],
                  fit_window=list(temps["fit_window"]), group_velocity=velocity)
write_dataset(split_complex(data), sm.output[0], sm,
              "two-time correlations C(t) of [P] Eq. 12 (complex parts split)")
