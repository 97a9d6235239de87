"""One registry of the output variables: name -> CF attributes (long_name, units) of every
observable, coordinate and diagnostic that the package and the workflow write, so that each
meaning and unit is spelled once.  Units in the study's units (J = 1 energy, hbar = 1,
k_B = 1), one spelling each: energy "J", time "hbar / J", rate "J / hbar", "1" for
dimensionless numbers, counts and labels.  A rule stated in a long_name is formatted from
its constant (RESIDUAL_OK)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["DIAGNOSTICS", "DIMENSIONLESS", "ENERGY", "INVERSE_ENERGY", "OBSERVABLE_OUTPUTS",
           "OUTPUTS", "POWER", "RATE", "RESIDUALS", "RESIDUAL_OK", "TIME", "Output", "attrs"]

ENERGY = "J"
INVERSE_ENERGY = "1 / J"
TIME = "hbar / J"
RATE = "J / hbar"
POWER = "J^2 / hbar"
DIMENSIONLESS = "1"

# ||L(rho)||_F above this marks an exact steady state unconverged; lindbath.exact.sparse
# applies the same value (tests/test_outputs.py checks that they agree).
RESIDUAL_OK = 1e-8


class Output(NamedTuple):
    """CF attributes of one output variable."""

    long_name: str
    units: str = DIMENSIONLESS

    def attrs(self) -> dict[str, str]:
        """{"long_name": ..., "units": ...}."""
        return self._asdict()


def bond_correlation(a: str, b: str) -> Output:
    """<sigma^a_l sigma^b_l+1> on bond (l, l+1)."""
    return Output(f"<sigma^{a}_l sigma^{b}_l+1>")


OBSERVABLE_OUTPUTS = {
    **{f"s{a}": Output(f"<sigma^{a}_l>") for a in "xyz"},
    **{f"s{a}s{b}": bond_correlation(a, b) for a in "xyz" for b in "xyz"},
    "energy": Output("bond energy <h_b(l, l+1)> ([P] Eq. 11)", ENERGY),
}
TRANSPORT_OUTPUTS = {
    "current": Output("energy current j_l = i<[h_{l-1,l}, h_{l,l+1}]> through site l (> 0: "
                      "left to right; NaN at the edge sites)", POWER),
    "spin_current": Output("spin current j^z_l = 2J<sx_l sy_l+1 - sy_l sx_l+1> on bond "
                           "(l, l+1)", RATE),
    "heat_left": Output("heat injected by the left bath(s) Q = Tr[H D_left(rho)]", POWER),
    "heat_right": Output("heat injected by the right bath(s) Q = Tr[H D_right(rho)]", POWER),
}
COORDINATES = {
    "hamiltonian": Output("chain Hamiltonian (config key hamiltonians; [P] Eq. 1)"),
    "N": Output("chain length N", "sites"),
    "N_ref": Output("length of the thermal reference chain", "sites"),
    "N1": Output("shorter reference length N1 of a consecutive pair", "sites"),
    "N2": Output("longer reference length N2 of a consecutive pair", "sites"),
    "pair": Output("index of the consecutive reference-length pair (N1, N2)"),
    "bath": Output("bath: db (detailed balance), fr (fast relaxation), local, davies"),
    "convention": Output("bath convention: the defaults or one change from them "
                         "(lindbath.analysis.linear_response.CONVENTION_SETS)"),
    "edges": Output("edges with a bath: both (sites 1, 2 and N-1, N) or left (sites 1, 2)"),
    "beta_bath": Output("bath inverse temperature beta_bath (linear response: 0 = first "
                        "order, beta_bath -> 0)", INVERSE_ENERGY),
    "beta": Output("inverse temperature beta (reference tables: of the thermal state; "
                   "transport: the bath mean (beta_L + beta_R)/2)", INVERSE_ENERGY),
    "delta_beta": Output("beta_R - beta_L (left bath hotter if > 0)", INVERSE_ENERGY),
    "point": Output("index of the (beta, delta_beta) point"),
    "gamma": Output("bath coupling strength gamma", ENERGY),
    "gamma_evolve": Output("bath strength gamma' during the evolution", ENERGY),
    "J": Output("XY coupling J ([P] Eq. 1)", ENERGY),
    "Delta": Output("ZZ coupling Delta ([P] Eq. 1)", ENERGY),
    "hx": Output("transverse field h_x ([P] Eq. 1)", ENERGY),
    "hz": Output("longitudinal field h_z ([P] Eq. 1)", ENERGY),
    "chi": Output("MPS bond dimension chi (0: exact)"),
    "site": Output("site l (1 = left edge)"),
    "bond": Output("bond (l, l+1)"),
    "observable": Output("observable whose thermal value defines beta_eff"),
    "observable_bond": Output("bond observable whose thermal value defines beta_eff_bond"),
    "t": Output("time t", TIME),
}
# Diagnostics the solvers report (State.diagnostics, as diag_* attributes of its dataset).
DIAGNOSTICS = {
    # exact steady states (lindbath.exact.sparse, lindbath.model.state)
    "trace": Output("Tr rho of the computed steady state (1 up to rounding)"),
    "hermiticity_error": Output("max |rho - rho^dagger| of the steady state"),
    "min_eigenvalue": Output("smallest eigenvalue of the steady state rho (>= 0 up to "
                             "rounding)"),
    "iterations": Output("iterations of the steady-state solver"),
    "cycles": Output("restart cycles of the no-jump solver's flexible GMRES"),
    "nojump_min_decay": Output("smallest decay rate of the no-jump generator "
                               "(preconditioner)", RATE),
    "peak_rss_mb": Output("peak resident memory of the process", "MB"),
    "setup_time_s": Output("wall time to build the generator", "s"),
    "wall_time_s": Output("wall time of the computation", "s"),
    "converged": Output(f"steady state converged (exact: solver success and residual "
                        f"< {RESIDUAL_OK:g}; mps: error estimate < obs_tol)"),
    # MPS steady states (lindbath.mps.steady)
    "cutoff": Output("relative singular-value cutoff of the MPS truncation"),
    "discarded_weight": Output("total discarded weight of the MPS truncations"),
    "max_discarded": Output("largest discarded weight of one MPS truncation"),
    "max_bond": Output("largest MPS bond dimension reached"),
    "dt": Output("initial time step of the MPS evolution", TIME),
    "final_dt": Output("time step of the last MPS evolution stage", TIME),
    "finished": Output("1: the MPS evolution stopped by its convergence test within the "
                       "budget"),
    "init_beta": Output("inverse temperature of the initial thermal MPS", INVERSE_ENERGY),
    "obs_tol": Output("tolerance of the MPS observables' error estimate"),
    "simulated_time": Output("evolution time until the MPS steady state", TIME),
    "svd_from_time": Output("evolution time of the switch from QR to SVD truncation at the "
                            "QR update's noise floor (nan: none)", TIME),
    "stages": Output("number of time-step stages of the MPS evolution"),
    "steps": Output("number of MPS time steps"),
    "trotter_error": Output("Trotter error estimate of the MPS observables"),
    # MPS two-time correlations (lindbath.mps.correlation)
    "evolution_wall_time_s": Output("wall time of the MPS evolution of B rho", "s"),
    "t_reached": Output("last time the MPS evolution of B rho reached", TIME),
    "max_wall_s": Output("wall-time budget of the MPS steady state", "s"),
    "discard_rate": Output("weight discarded by the MPS truncation per unit time in the "
                           "final stage", RATE),
    "truncation_error": Output("observable bias implied by the discarded weight "
                               "(lindbath.mps.steady: TRUNCATION_BIAS sqrt(discard_rate))"),
    "truncation_ok": Output("1: truncation_error below obs_tol"),
    # Davies steady states (lindbath.exact.davies)
    "condition_number": Output("1-norm condition number of the bordered Davies generator"),
    # thermal reference tables (lindbath.analysis.tables)
    "ground_energy": Output("ground-state energy of the reference chain", ENERGY),
    "max_sector_dim": Output("largest symmetry-sector dimension diagonalized"),
    "n_sectors": Output("number of symmetry sectors"),
    # level statistics (lindbath.analysis.spectra)
    "n_ratios": Output("number of gap ratios"),
    "degeneracies": Output("exact degeneracies within sectors"),
    # two-time correlations (lindbath.exact.correlation)
    "state_residual": Output("residual ||L(rho)||_F / sqrt(2^N) of the steady state the "
                             "correlation starts from", RATE),
    "propagation_error_estimate": Output("error estimate of the propagation e^{L' t}"),
    "propagation_krylov_dim": Output("Krylov dimension of the propagation"),
    "propagation_matvecs": Output("Liouvillian-vector products of the propagation"),
    "propagation_max_step": Output("largest propagation time step", TIME),
    "propagation_min_step": Output("smallest propagation time step", TIME),
    "propagation_steps": Output("number of propagation time steps"),
    "propagation_tol": Output("tolerance of the propagation"),
    "propagation_wall_time_s": Output("wall time of the propagation", "s"),
}
# The steady state's residual: its meaning depends on the method (State.method).
RESIDUALS = {
    "exact": Output("steady-state residual ||L(rho)||_F / sqrt(2^N) (Pauli basis)", RATE),
    "mps": Output("error estimate of the MPS steady state's observables (Trotter plus "
                  "relaxation estimate; compare obs_tol)"),
}
# Results computed from states (lindbath.correlation, workflow/scripts).
RESULTS = {
    "full": Output("Tr[A e^{L't}(B rho)] ([P] Eq. 12)"),
    "connected": Output("C(t) = Tr[A e^{L't}(B rho)] - <A><B> ([P] Eq. 12)"),
    "reflection_time": Output("2 (N - 1) / v, v the largest group velocity (light cone)", TIME),
    "departure_time": Output("first t where |C_N - C_N+offset| > reflection_tol", TIME),
    "decay_exponent": Output("a of the least-squares fit log|C| = log(prefactor) - a log t to "
                             "the envelope points of |C| in [fit_window_start, "
                             "fit_window_stop]"),
    "decay_exponent_error": Output("standard error of the fitted slope a"),
    "power_law_prefactor": Output("prefactor of the power-law fit"),
    "fit_rms": Output("rms of the log-residuals of the envelope power-law fit"),
    "fit_points": Output("number of envelope points fitted (fit values NaN if < 3)"),
    "fit_window_start": Output("start of the time window of the power-law fit: fit_window "
                               "start", TIME),
    "fit_window_stop": Output("stop of the time window of the power-law fit: min(fit_window "
                              "stop, reflection time 2 (N - 1) / v)", TIME),
    "gap": Output("Liouvillian gap: slowest decay rate min -Re(lambda), lambda != 0", RATE),
    "relaxation_time": Output("relaxation time 1/gap", TIME),
    "gap_wall_time_s": Output("wall time of the gap", "s"),
    "t_relax": Output("measured time to the steady state: first time after which every local "
                      "observable stays within tol of its steady value, from the infinite-"
                      "temperature state (NaN: not within tol by t_max)", TIME),
    "t_relax_converged": Output("1 if the local observables came within tol of the steady "
                                "state by t_max, else 0 (t_relax NaN)"),
    "relaxation_distance": Output("max over local observables of |<O>(t) - <O>_ss|, from the "
                                  "infinite-temperature state"),
    "t_relax_estimate": Output("MPS relaxation: t_relax at the largest bond dimension that "
                               "has one", TIME),
    "t_relax_chi_error": Output("MPS relaxation: |t_relax(chi_1) - t_relax(chi_2)| between the "
                                "two largest bond dimensions with a time", TIME),
    "t_relax_chi_converged": Output("MPS relaxation: 1 if t_relax is converged at the largest "
                                    "chi and within chi_tol (relative) of the next chi"),
    "reference_spread": Output("MPS relaxation: max over local observables and over the last "
                               "quarter of the evolution of |<O>(t) - <O>_ss|, <O>_ss their "
                               "mean there (how well the steady values are known)"),
    "initial_distance": Output("max over local observables of |<O>(0) - <O>_ss|"),
    "final_distance": Output("max over local observables of |<O>(t_max) - <O>_ss|"),
    "t_relax_wall_time_s": Output("wall time of the relaxation-time evolution", "s"),
    "r": Output("symmetry-resolved mean gap ratio <r>"),
    "beta_global": Output("argmin_beta D(rho, exp(-beta H)/Z): inverse temperature of the "
                          "nearest Gibbs state of the whole chain", INVERSE_ENERGY),
    "d_global": Output("min_beta trace distance D(rho, exp(-beta H)/Z), whole chain"),
    "search_score": Output("search score S of the chain with this bath (max over the search "
                           "beta_bath of max(|beta_x/beta_z - 1|, |beta_zz/beta_z - 1|) in the "
                           "middle)"),
    "search_rank": Output("rank of the chain's search score among the finite scores of the "
                          "bath (1: best; 0: no score)"),
    "search_ranked": Output("number of grid points of the search with a finite score "
                            "(ranked)"),
    "winner_score": Output("score of the best point"),
    "region_score": Output("DB score of each listed point"),
    "region_point": Output("index of a point in the DB region"),
}
OUTPUTS = {**OBSERVABLE_OUTPUTS, **TRANSPORT_OUTPUTS, **COORDINATES, **DIAGNOSTICS,
           **RESULTS, "residual": RESIDUALS["exact"],
           "steady_residual": DIAGNOSTICS["state_residual"]}


def attrs(name: str) -> dict[str, str]:
    """CF attributes (long_name, units) of a registered output; KeyError if unregistered."""
    return OUTPUTS[name].attrs()
