"""The thermality map of one chain and length N (issue "linear-response thermality map"):
beta_O/beta_bath of the middle site (sx, sz) and bond (szsz, energy) for DB and FR baths on
both edges under each bath convention (docs/conventions.md, "Bath conventions"), to first
order in beta_bath (beta_bath = 0 in the dataset: lindbath.analysis.linear_response) and from
exact steady states at the config's beta_bath, read with the same-length Gibbs state
(lindbath.effective_beta; docs/conventions.md, "Thermometry")."""

import time

import numpy as np
import xarray as xr
from wfcommon import cf, setup_logging, write_dataset

import lindbath as lb
from lindbath.analysis.linear_response import (
    CONVENTION_SETS,
    first_order_middle,
    first_order_ratios,
    has_first_order,
)
from lindbath.model.baths import applies_to
from lindbath.model.observables import middle_position
from lindbath.outputs import RESIDUAL_OK, attrs

OBSERVABLES = {"sx": "ratio_sx", "sz": "ratio_sz", "szsz": "ratio_szsz", "energy": "ratio_energy"}
EDGES = ("left", "right")

sm = snakemake  # noqa: F821
log = setup_logging(sm)
s = sm.params.settings
n = int(sm.wildcards.N)
chain = lb.Chain(n, **sm.params.chain)
kinds, labels = list(s["baths"]), list(s["conventions"])
betas = [0.0] + [float(b) for b in s["beta_bath"]]
middle = {"site": middle_position(n, "site"), "bond": middle_position(n, "bond")}
shape = (len(kinds), len(labels), len(betas))
ratio = np.full((*shape, len(OBSERVABLES)), np.nan)
error = np.full_like(ratio, np.nan)
flag = np.full(ratio.shape, -1, dtype=np.int8)
residual = np.full(shape, np.nan)
derivative_error = np.full(shape, np.nan)
rest_local = np.full(shape, np.nan)
solved = np.zeros(shape, dtype=bool)
wall = np.full(shape, np.nan)
applicable = np.zeros(shape, dtype=np.int8)
stop = max(1.0, 5 * max(betas))
table = lb.reference_table(sm.params.chain, sorted({max(n - 2, 2), n}),
                           np.linspace(0.0, stop, int(round(100 * stop)) + 1))


def first_order(i: int, j: int, conventions: dict) -> None:
    ds = first_order_ratios(chain, kinds[i], float(s["gamma"]), conventions=conventions)
    values = first_order_middle(ds)
    ratio[i, j, 0] = [values[name] for name in OBSERVABLES.values()]
    flag[i, j, 0] = 0
    residual[i, j, 0], wall[i, j, 0] = ds.attrs["residual"], ds.attrs["wall_time_s"]
    derivative_error[i, j, 0] = ds.attrs["derivative_error"]
    rest_local[i, j, 0] = values["rest_local"]
    solved[i, j, 0] = True  # first_order_ratios refuses a residual above RESIDUAL_OK


def steady(i: int, j: int, k: int, conventions: dict) -> None:
    baths = [lb.make_bath(kinds[i], edge, betas[k], float(s["gamma"]), **conventions)
             for edge in EDGES]
    state = lb.steady_state(chain, baths)
    for m, name in enumerate(OBSERVABLES):
        beta = lb.effective_beta(state, table, name)
        at = {dim: middle[dim] for dim in beta["beta_eff"].dims}
        ratio[i, j, k, m] = float(beta["beta_eff"].sel(at)) / betas[k]
        error[i, j, k, m] = float(beta["beta_error"].sel(at)) / betas[k]
        flag[i, j, k, m] = int(beta["flag"].sel(at))
    residual[i, j, k], wall[i, j, k] = state.residual, state.diagnostics["wall_time_s"]
    solved[i, j, k] = state.diagnostics["converged"] == 1


for i, kind in enumerate(kinds):
    for j, label in enumerate(labels):
        conventions = CONVENTION_SETS[label]
        if not applies_to(kind, conventions):
            continue
        for k, beta_bath in enumerate(betas):
            if k == 0 and not has_first_order(kind, conventions):
                continue
            start = time.perf_counter()
            if k == 0:
                first_order(i, j, conventions)
            else:
                steady(i, j, k, conventions)
            applicable[i, j, k] = 1
            log.info("N=%d %s %s beta_bath=%g: ratios %s (%.1f s)", n, kind, label, beta_bath,
                     np.round(ratio[i, j, k], 4).tolist(), time.perf_counter() - start)

ok = (flag == 0).all(axis=-1)
mean = ratio.mean(axis=-1)
spread = np.where(ok, np.ptp(ratio, axis=-1) / mean, np.nan)
dims, odims = ("bath", "convention", "beta_bath"), ("bath", "convention", "beta_bath",
                                                    "observable")
ds = xr.Dataset(
    {"ratio": (odims, np.where(flag == 0, ratio, np.nan),
               cf("beta_O / beta_bath in the middle (site (N+1)//2, bond N//2); "
                  "beta_bath = 0: first order")),
     "ratio_error": (odims, np.where(flag == 0, error, np.nan),
                     cf("error bar of beta_O / beta_bath from the inversion (NaN at first "
                        "order: see derivative_error)")),
     "flag": (odims, flag, cf("thermometry flag (lindbath.analysis.inversion; 0 ok; -1: no "
                              "such point)")),
     "spread": (dims, spread, cf("(max - min) / mean of the four middle ratios")),
     "rest_local": (dims, rest_local, cf("first order: |X_b - c H_b| / |X_b| on the middle "
                                         "bond")),
     "residual": (dims, residual, cf("relative residual of L0 rho1 = -L1 rho0 (first order) or "
                                     "||L rho||_F (steady state)")),
     "derivative_error": (dims, derivative_error,
                          cf("first order: error estimate of dL/dbeta_bath", "J^2")),
     "converged": (dims, solved.astype(np.int8),
                   cf(f"1: the point exists and its solver converged (steady states: "
                      f"||L rho||_F < {RESIDUAL_OK:g})")),
     "applicable": (dims, applicable, cf("1: the convention applies to the bath kind and, at "
                                         "beta_bath = 0, has a first order")),
     "point_wall_time_s": (dims, wall, cf("wall time of the point", "s"))},
    coords={"bath": kinds, "convention": labels, "observable": list(OBSERVABLES),
            "beta_bath": ("beta_bath", betas, attrs("beta_bath"))},
    attrs={"N": n, "gamma": float(s["gamma"]), "edges": "left,right",
           **{k: float(v) for k, v in sm.params.chain.items()},
           "reference": f"exact Gibbs state of the same chain, N_ref = {n}"})
write_dataset(ds, sm.output[0], sm, "first-order and finite-beta thermality map of one chain")
