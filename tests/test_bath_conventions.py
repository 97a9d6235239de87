"""The bath conventions [P]'s lost formulas leave open (docs/conventions.md, "Bath
conventions"): each checked against an independent construction, and the first-order
equivalences that follow from them."""

import numpy as np
import pytest
import scipy.linalg as la
from conftest import XXZ_FIELDS
from test_baths import transition_rates

import lindbath as lb
from lindbath.analysis.linear_response import first_order_state
from lindbath.model.baths import CONVENTIONS
from lindbath.model.pauli import LABELS, PAULI, string_matrix, to_pauli

CHAIN2 = lb.Chain(2, **XXZ_FIELDS)
FIELD = 0.6 * PAULI[1] + 0.4 * PAULI[3]  # hx sigma^x + hz sigma^z of XXZ_FIELDS
ONE = np.eye(2)
DB_CONVENTIONS = [{"rates": r, "pairs": q} for r in CONVENTIONS["rates"]
                  for q in CONVENTIONS["pairs"]]


def gibbs(h, beta):
    rho = la.expm(-beta * h)
    return rho / np.trace(rho)


@pytest.mark.parametrize(("fields", "edge", "extra"), [
    ("half", "left", np.zeros((4, 4))), ("full", "left", np.kron(FIELD, ONE) + np.kron(ONE, FIELD)),
    ("edge", "left", np.kron(FIELD, ONE)), ("edge", "right", np.kron(ONE, FIELD))])
def test_target_fields_give_the_thermal_state_of_their_hamiltonian(fields, edge, extra):
    """h_T = h_b + the rest of the field on both sites ("full": the pair as a two-site
    chain, whose H carries the full fields) or on the outer site ("edge")."""
    bath = lb.make_bath("db", edge, 0.7, 1.0, target_fields=fields)
    h = CHAIN2.bond_hamiltonian() + extra / 2
    assert np.abs(bath.target_state(CHAIN2) - gibbs(h, 0.7)).max() < 1e-13
    if fields == "full":
        full = CHAIN2.hamiltonian().toarray()
        assert np.abs(bath.target_state(CHAIN2) - gibbs(full, 0.7)).max() < 1e-13


@pytest.mark.parametrize("conventions", DB_CONVENTIONS + [{"gamma_per": "bath"}])
@pytest.mark.parametrize("beta", [0.0, 0.4, 2.0])
def test_db_bath_alone_fixes_its_target_under_every_convention(conventions, beta):
    bath = lb.make_bath("db", "left", beta, 0.8, **conventions)
    block = bath.pauli_block(CHAIN2)
    target = bath.target_state(CHAIN2)
    coeffs = np.array([np.trace(string_matrix(a + b) @ target).real
                       for a in LABELS for b in LABELS])
    assert np.abs(block @ coeffs).max() < 1e-12
    assert la.null_space(block).shape[1] == 1  # unique: every level is connected


@pytest.mark.parametrize("beta", [0.3, 1.5])
def test_db_rate_conventions_by_their_formulas(beta):
    """Per level pair j > k: Glauber rates sum to gamma, square-root rates multiply to
    gamma^2; both keep the ratio raising/lowering = p_j/p_k; nearest drops the rest."""
    p, _ = lb.make_bath("db", "left", beta, 1.0).target_eigen(CHAIN2)
    glauber = transition_rates(lb.make_bath("db", "left", beta, 0.5, rates="glauber"), CHAIN2)
    root = transition_rates(lb.make_bath("db", "left", beta, 0.5, rates="sqrt"), CHAIN2)
    nearest = transition_rates(lb.make_bath("db", "left", beta, 0.5, pairs="nearest"), CHAIN2)
    for j in range(4):
        for k in range(j):
            assert abs(glauber[k, j] + glauber[j, k] - 0.5) < 1e-12
            assert abs(root[k, j] * root[j, k] - 0.25) < 1e-12
            for w in (glauber, root):
                assert abs(w[j, k] / w[k, j] - p[j] / p[k]) < 1e-12
            expected = 0.5 if j == k + 1 else 0.0
            assert abs(nearest[k, j] - expected) < 1e-12


@pytest.mark.parametrize("kind", ["db", "fr"])
@pytest.mark.parametrize("beta", [0.0, 0.9])
def test_gamma_per_bath_is_the_total_rate_out_of_the_target(kind, beta):
    """gamma_per "bath": sum_k p_k sum_{j != k} W(k -> j) = gamma; for FR that rescales
    D_FR = gamma (rho_T Tr rho - rho) by 1/(1 - sum_k p_k^2), for DB at beta = 0 (three
    exits per level at gamma) by 1/3."""
    per_jump = lb.make_bath(kind, "left", beta, 0.6)
    per_bath = lb.make_bath(kind, "left", beta, 0.6, gamma_per="bath")
    p, _ = per_jump.target_eigen(CHAIN2)
    w = transition_rates(per_bath, CHAIN2)
    assert abs(sum(p[k] * (w[:, k].sum() - w[k, k]) for k in range(4)) - 0.6) < 1e-12
    scale = 1 / (1 - np.sum(p**2)) if kind == "fr" else 1 / 3
    if kind == "fr" or beta == 0:
        expected = scale * per_jump.pauli_block(CHAIN2)
        assert np.abs(per_bath.pauli_block(CHAIN2) - expected).max() < 1e-12


def test_default_conventions_leave_the_bath_unchanged():
    explicit = lb.make_bath("db", "right", 0.5, 1.0, target_fields="half", rates="lowering",
                            pairs="all", gamma_per="jump")
    assert explicit == lb.make_bath("db", "right", 0.5, 1.0)
    assert explicit.describe() == "db,right,beta=0.5,gamma=1,target=bond"
    other = lb.make_bath("db", "right", 0.5, 1.0, rates="glauber", gamma_per="bath")
    assert other.describe().endswith(",target=bond,gamma_per=bath,rates=glauber")


@pytest.mark.parametrize(("arguments", "message"), [
    ({"kind": "db", "rates": "fast"}, "rates"),
    ({"kind": "fr", "rates": "glauber"}, "rates='glauber' applies to kind in ('db',)"),
    ({"kind": "fr", "pairs": "nearest"}, "pairs='nearest' applies"),
    ({"kind": "local", "gamma_per": "bath"}, "gamma_per='bath' applies"),
    ({"kind": "db", "target": "reduced_edge", "target_fields": "edge"},
     "target_fields='edge' applies to target='bond' only"),
])
def test_a_convention_where_it_does_not_apply_is_refused(arguments, message):
    kind = arguments.pop("kind")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        lb.make_bath(kind, "left", 0.5, 1.0, **arguments)


@pytest.mark.parametrize(("kind", "conventions", "message"), [
    ("db", {"rate": "sqrt"}, "conventions"),
    ("db", {"target": "reduced_edge"}, "target='reduced_edge' has no first order"),
])
def test_the_linear_response_refuses_what_it_cannot_differentiate(kind, conventions, message):
    """An unknown convention name, and DB with a reduced target, whose eigenbasis jumps at
    beta = 0 (its finite-difference derivative estimate is ~1e3 there, not ~1e-10)."""
    with pytest.raises(ValueError, match=message):
        first_order_state(lb.Chain(4, **XXZ_FIELDS), kind, conventions=conventions)


def test_fr_reduced_targets_agree_with_full_fields_to_first_order():
    """To first order a thermal chain's reduced pair state is (I - beta h)/4 with h the part
    of H on the pair, fields in full: every FR target but "half"/"edge" fields is the same."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    full = first_order_state(chain, "fr", conventions={"target_fields": "full"})
    for target in ("reduced_edge", "reduced_bulk"):
        reduced = first_order_state(chain, "fr", conventions={"target": target})
        assert np.abs(reduced - full).max() < 1e-7 * np.abs(full).max()


def test_rate_conventions_that_agree_to_first_order():
    """At first order in beta only the beta = 0 rates and the first-order change of the
    raising/lowering ratio enter (a rate change symmetric in both directions acts on the
    identity as zero): "sqrt" gives the same X as "lowering", "glauber" the X of
    "lowering" at gamma/2, gamma_per "bath" at gamma/3 (a common factor c(beta) enters as
    c(0)); "nearest" pairs change the beta = 0 dissipator and hence X."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    default = first_order_state(chain, "db")
    root = first_order_state(chain, "db", conventions={"rates": "sqrt"})
    glauber = first_order_state(chain, "db", conventions={"rates": "glauber"})
    half_gamma = first_order_state(chain, "db", gamma=0.5)
    per_bath = first_order_state(chain, "db", conventions={"gamma_per": "bath"})
    third_gamma = first_order_state(chain, "db", gamma=1 / 3)
    nearest = first_order_state(chain, "db", conventions={"pairs": "nearest"})
    scale = np.abs(default).max()
    assert np.abs(root - default).max() < 1e-7 * scale
    assert np.abs(glauber - half_gamma).max() < 1e-7 * scale
    assert np.abs(per_bath - third_gamma).max() < 1e-7 * scale  # 3 exits per level at beta 0
    assert np.abs(nearest - default).max() > 1e-2 * scale


@pytest.mark.parametrize("kind", ["db", "fr"])
def test_a_gibbs_preserving_bath_gives_x_equal_to_h(kind):
    """The Gibbs-preserving case of the first order: on a two-site chain a bath whose target
    is the chain's own Gibbs state (target_fields "full": H of two sites carries the full
    fields) has exp(-beta H)/Z as its steady state, so X = H exactly."""
    chain = lb.Chain(2, **XXZ_FIELDS)
    x = first_order_state(chain, kind, edges=["left"], conventions={"target_fields": "full"})
    h = to_pauli(chain.hamiltonian().toarray()).real
    assert np.abs(x - h).max() < 1e-8 * np.abs(h).max()
