"""Heat transport between two baths (docs/conventions.md, "Heat transport").

A transport point is a chain with a bath of one kind on each edge at beta_L = beta -
delta_beta/2 (left, hotter for delta_beta > 0) and beta_R = beta + delta_beta/2.  Its steady
state carries the energy current j_l through every inner site and the heat Q each bath
injects (lindbath.model.currents).  Continuity: d<h_b>/dt = j_l - j_{l+1} on every bond the
baths do not touch, so in a steady state j_l is the same for 3 <= l <= N-2 and equals
Q_left = -Q_right (energy balance of the part of the chain right of site 2); j_2 and
j_{N-1} differ from it by the baths' action on bonds (2, 3) and (N-2, N-1).

The transported current is J = (Q_left - Q_right)/2; with it the conductance
kappa = J / (T_L - T_R), its linear-response form J / (beta_R - beta_L) (-> kappa / T^2 as
delta_beta -> 0), and the scaled current J N (constant in N for diffusive transport,
Fourier's law; J constant for ballistic transport).  The temperature profile T(l) = 1 /
beta_E(l) inverts the bond energies <h_b> against a thermal reference table
(lindbath.analysis.temperatures).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.temperatures import effective_beta
from lindbath.model.baths import Bath, make_bath
from lindbath.model.chain import Chain
from lindbath.model.currents import POWER, dense_heat_flow, local_heat_flow
from lindbath.model.pauli import from_pauli
from lindbath.model.state import State

__all__ = ["bath_heat_flow", "bulk_sites", "summary", "temperature_profile", "transport_baths",
           "transport_dataset"]

INVERSE_ENERGY = "1 / energy (J = 1, k_B = 1)"


def transport_baths(kind: str, beta: float, delta_beta: float, gamma: float) -> list[Bath]:
    """Left bath at beta - delta_beta/2, right bath at beta + delta_beta/2 (both > 0 for
    local and Davies baths, >= 0 otherwise).

    Parameters
    ----------
    kind : str
        The bath kind of both baths ("db", "fr", "local", "davies"; lindbath.Bath).
    beta : float
        Mean inverse temperature, > 0.
    delta_beta : float
        beta_R - beta_L, |delta_beta| < 2 beta; > 0 makes the left bath hotter.
    gamma : float
        Coupling of both baths, >= 0.

    Returns
    -------
    list of Bath
        [left, right].

    Raises
    ------
    InputError
        beta <= 0 or a non-finite beta or delta_beta.
    ValueError
        |delta_beta| >= 2 beta, or a bath that lindbath.Bath refuses (kind, gamma, beta).

    References
    ----------
    [P] Eq. 2 (two baths at their own beta); docs/conventions.md, "Heat transport".
    """
    beta = validation.real("beta", beta, 0.0, strict=True)
    delta_beta = validation.real("delta_beta", delta_beta)
    if abs(delta_beta) >= 2 * beta:
        raise ValueError(f"|delta_beta| must be < 2 beta = {2 * beta} so both baths have "
                         f"beta > 0; got delta_beta={delta_beta}")
    return [make_bath(kind, "left", beta - delta_beta / 2, gamma),
            make_bath(kind, "right", beta + delta_beta / 2, gamma)]


def bath_heat_flow(chain: Chain, bath: Bath, state: State) -> float:
    """Q = Tr[H D_bath(rho)] for one bath of the list (> 0: heat into the chain).

    Exact states (``state.pauli``): two-site baths from the Pauli expectations on the bath
    pair and its inner neighbour (lindbath.model.currents.local_heat_flow), Davies baths
    from the dense rho (N <= 8).  MPS states hold no coefficients: their heat per edge
    (``heat_left``/``heat_right``, computed from the MPS when it was solved) is returned,
    which is this bath's if it is the only one on its edge.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    bath : Bath
        One of the baths the state was solved with.
    state : State
        A steady state of ``chain``.

    Returns
    -------
    float
        The heat current Q injected by the bath.

    Raises
    ------
    ValueError
        ``state`` belongs to another chain.

    References
    ----------
    [P] Eq. 2 and Appendix A (the bath's Pauli-basis block); docs/conventions.md, "Heat
    transport".
    """
    if state.chain != chain:
        raise ValueError(f"state belongs to {state.chain}, not to chain {chain}")
    if state.pauli is None:
        return float(state.expect(f"heat_{bath.edge}"))
    if bath.acts_globally:
        return dense_heat_flow(chain, bath, _dense(state))
    return local_heat_flow(chain, bath, state.pauli_expect)


def _dense(state: State) -> np.ndarray:
    return from_pauli(state.pauli / state.pauli[0])


def bulk_sites(N: int) -> np.ndarray:
    """1-based sites l with both bonds outside the bath pairs (3..N-2), where continuity
    makes j_l equal to Q_left; empty for N < 5."""
    return np.arange(3, N - 1)


def summary(state: State, beta_left: float, beta_right: float) -> dict[str, float]:
    """Scalar transport quantities of one steady state: J = (Q_left - Q_right)/2, the
    internal current j at the middle bulk site (NaN for N < 5), the continuity error
    max(|j_l - J| over bulk sites, |Q_left + Q_right|), kappa, the linear-response ratio
    and J N."""
    q_left, q_right = float(state.expect("heat_left")), float(state.expect("heat_right"))
    flow = (q_left - q_right) / 2
    currents = state.values["current"]
    bulk = bulk_sites(state.chain.N)
    inner = currents[bulk - 1]
    middle = float(currents[(state.chain.N + 1) // 2 - 1]) if bulk.size else np.nan
    continuity = max(float(np.abs(inner - flow).max(initial=0.0)), abs(q_left + q_right))
    return {"heat_current": flow, "internal_current": middle,
            "continuity_error": continuity,
            "conductance": flow / (1 / beta_left - 1 / beta_right),
            "response": flow / (beta_right - beta_left),
            "scaled_current": flow * state.chain.N}


SUMMARY_ATTRS = {
    "heat_current": {"long_name": "transported heat current J = (Q_left - Q_right)/2",
                     "units": POWER},
    "internal_current": {"long_name": "energy current j_l at the middle bulk site "
                         "(N+1)//2", "units": POWER},
    "continuity_error": {"long_name": "max(|j_l - J| over sites 3..N-2, |Q_left + Q_right|)",
                         "units": POWER},
    "conductance": {"long_name": "kappa = J / (T_L - T_R)", "units": "energy / time (J / hbar)"},
    "response": {"long_name": "J / (beta_R - beta_L) (-> kappa T^2 as delta_beta -> 0)",
                 "units": "energy^2 / time (J^3 / hbar)"},
    "scaled_current": {"long_name": "J N", "units": POWER},
}


def transport_dataset(state: State, beta: float, delta_beta: float) -> xr.Dataset:
    """State.to_dataset() plus the summary() variables for baths at beta -+ delta_beta/2."""
    ds = state.to_dataset()
    values = summary(state, beta - delta_beta / 2, beta + delta_beta / 2)
    for name, value in values.items():
        ds[name] = xr.Variable((), value, SUMMARY_ATTRS[name])
    return ds.assign_attrs(beta=beta, delta_beta=delta_beta)


def temperature_profile(result: State | xr.Dataset, table: xr.Dataset,
                        reference_tol: float = 0.02) -> xr.Dataset:
    """T(b) = 1 / beta_E(b) per bond from the bond energies <h_b>.

    If the table holds the result's own length N, bond b is compared with bond b of that
    thermal chain (match="site": the open chain's even-odd bond alternation cancels);
    otherwise edge bonds against the reference edges and the others against its middle
    (match="edge_bulk").  Flags of effective_beta (T is NaN unless 0); the reference error
    is propagated as beta_reference_error / beta_E^2 (NaN for match="site": no check)."""
    n_bonds = result.expect("energy").size if isinstance(result, State) else \
        result["energy"].sizes["bond"]
    match = "site" if n_bonds + 1 in table["N_ref"].values else "edge_bulk"
    beta = effective_beta(result, table, "energy", match=match, reference_tol=reference_tol)
    with np.errstate(divide="ignore", invalid="ignore"):
        temperature = 1.0 / beta["beta_eff"]
        error = beta["beta_reference_error"] / beta["beta_eff"] ** 2
    return xr.Dataset({
        "temperature": temperature.assign_attrs(
            long_name="local temperature T = 1/beta_E from the bond energy", units="energy (J)"),
        "temperature_error": error.assign_attrs(
            long_name="reference error of T: beta_reference_error / beta_E^2",
            units="energy (J)"),
        "temperature_flag": beta["flag"]}, attrs={"match": match})
