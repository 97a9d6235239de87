"""Linear response of the steady state to the bath temperature: the first-order thermality
map (issue "linear-response thermality map", item 1; [P] Eq. 2 with the DB and FR baths of
[P] Sec. III.1 on the edge pairs).

Small bath inverse temperature b = beta_bath.  The Liouvillian depends on b only through
the baths, L(b) = L0 + b L1 + O(b^2): L0 is the Hamiltonian part plus the b = 0 baths
(unital: L0(I) = 0), L1 = dL/db at b = 0 lives on the edge-pair blocks.  With
rho0 = I/2^N, first order gives

    L0 rho1 = -L1 rho0,      rho = (I - b X)/2^N + O(b^2),      rho1 = -X/2^N,  Tr X = 0,

an equation on the traceless subspace (the identity row of L is zero since L preserves the
trace; a traceless right-hand side then has a unique traceless solution when the steady
state is unique).  X is stored as its Pauli coefficients x_s = Tr(P_s X)
(lindbath.model.pauli), so that the steady state has c_s = Tr(P_s rho) = -b x_s / 2^N +
O(b^2) for s != 0.

A traceless local observable O then has <O> = -b Tr(O X)/2^N, and the Gibbs state of the same
chain at beta' has <O> = -beta' Tr(O H)/2^N + O(beta'^2): to first order the effective
temperature of O is

    beta_O / beta_bath = Tr(O X) / Tr(O H)         (NaN where Tr(O H) = 0),

for sigma^x_l, sigma^z_l, sigma^x_l sigma^x_l+1, sigma^z_l sigma^z_l+1 and the bond energy
h_b (lindbath.model.observables.local_observables).  The chain is thermal to first order
exactly where X = c H.  Decomposition of X in the Hilbert-Schmidt product on traceless
operators, <A, B> = Tr(A B) = sum_s a_s b_s / 2^N:

    c_H = <X, H>/<H, H>              (projection on H alone; rest_H = |X - c_H H| / |X|)
    X ~ c_H_joint H + c_M M          (least squares on {H, M}, M = sum_l sigma^z_l;
                                      rest = |X - c_H_joint H - c_M M| / |X|)
    per bond b: X_b, H_b = the parts of X and H on the 15 Pauli strings within sites
    (b, b+1) (single-site strings of both sites included, so H_b carries the full fields),
    c_H_local = <X_b, H_b>/<H_b, H_b>, rest_local = |X_b - c_H_local H_b| / |X_b|.

L1 comes from the 16x16 bath blocks B(beta) (Bath.pauli_block, target "bond", with the
bath conventions of docs/conventions.md, "Bath conventions") by Richardson
extrapolation of one-sided differences (baths accept beta >= 0 only): F(h) = (B(h) -
B(0))/h at h = d, d/2, d/4, d/8 (d = STEP = 1e-3), two Richardson levels (error O(h^3)),
giving R(d) and R(d/2); R(d/2) is used and max |R(d) - R(d/2)| (about 7x the error of
R(d/2)) is reported as derivative_error.  Round-off is ~1e-16 |B| 8/d ~ 1e-11.  Against the
closed forms of DB and FR (tests/test_linear_response.py) the error is ~1e-10.

Solvers: "direct", sparse LU of L0[1:, 1:] (the 4^N - 1 traceless Pauli coefficients), the
default up to N = DIRECT_MAX_N = 5 (0.6 s): its fill-in explodes with N (N = 6: 5-11 s;
N = 7: 7.5 min and 2.5 GiB; N = 8 not attempted); "nojump", flexible GMRES on rho1 as a
2^N x 2^N matrix preconditioned by the inverse of the no-jump generator
(lindbath.exact.nojump) with the border L0'(y) = L0(y) + Tr(y) Z, Z = -K/2^N (a traceless
right-hand side forces Tr y = 0), the default from N = 6 on (N = 6: 0.5 s, N = 8: 3 s,
N = 10: ~1 min and 1 GiB, ~110 iterations).  N is capped at MAX_N = 10 (N = 11 already
takes ~6 min and 4 GiB).  A singular L0 (a non-unique steady state) is refused before any
solve by lindbath.model.uniqueness, and by the LU (exactly singular factor) or a residual
above RESIDUAL_OK; GMRES alone would converge to one of the solutions when the right-hand
side lies in the range of L0.  The formulas are also stated in
docs/conventions.md, "Linear response".

Energy-basis analysis (why X differs from c H; issue item 4).  With H = sum_n E_n |n><n|
(dense, N <= MAX_N) and P_k the projectors on its eigenspaces (eigenvalues within
DEGENERATE_TOL max(1, max|E|) of their neighbour form one eigenspace),

    X = X_diag + X_off,      X_diag = sum_k P_k X P_k,      X_off = X - X_diag:

X_diag commutes with H (the part of X that the dynamics of H keeps), X_off has no element
inside any eigenspace; since L0 X = 2^N L1 rho0 lives on the edge pairs, -i[H, X_off] =
-i[H, X] is set by the edge dissipators, so (X_off)_mn = (edge terms)_mn / (-i(E_m - E_n)).
Both parts have ratios Tr(O X_part)/Tr(O H) that add up to those of X (first_order_analysis
of each part's Pauli coefficients).  energy_diagonals gives E_n and the diagonal elements
<n|A|n> of given operators; diagonal_fit fits X_nn = c_0 + sum_k c_k f_k(n) by least
squares and returns the relative rest |X_nn - fit| / |X_nn - mean X_nn| (the "fit quality":
0 when X_nn is exactly such a function, 1 when the features explain nothing).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse.linalg as spla
import xarray as xr

from lindbath import validation
from lindbath.exact.fgmres import flexible_gmres
from lindbath.exact.liouvillian import liouvillian
from lindbath.exact.nojump import HilbertGenerator, NoJumpInverse, Sectors, reflection_sectors
from lindbath.model.baths import EDGES, TARGET_OPTIONS, Bath, make_bath
from lindbath.model.chain import Chain, check_chain
from lindbath.model.observables import local_observables, middle_position
from lindbath.model.pauli import from_pauli, string_index, to_pauli
from lindbath.model.uniqueness import check_unique_steady_state

KINDS = ("db", "fr")  # two-site baths defined at beta = 0 ("local" diverges there)
SOLVERS = ("auto", "direct", "nojump")
MAX_N = 10
DIRECT_MAX_N = 5
STEP = 1e-3  # d of the Richardson differences
RESIDUAL_OK = 1e-8  # relative residual of the first-order equation above which it is refused
DERIVATIVE_OK = 1e-6  # error estimate of dB/dbeta (in units of gamma) above which it is refused
# The thermality map's conventions: the defaults and one change from them each (labels used
# by benchmarks/linear_response.py and the workflow's linear_response study).
CONVENTION_SETS = {"default": {}, "fields=full": {"target_fields": "full"},
                   "fields=edge": {"target_fields": "edge"},
                   "rates=glauber": {"rates": "glauber"}, "pairs=nearest": {"pairs": "nearest"},
                   "gamma_per=bath": {"gamma_per": "bath"},
                   "reduced_edge": {"target": "reduced_edge"},
                   "reduced_bulk": {"target": "reduced_bulk"}}
GMRES_RESTART, GMRES_MAXITER = 100, 2000
DEGENERATE_TOL = 1e-9  # relative eigenvalue gap below which levels count as degenerate
RATIO_OBSERVABLES = ("sx", "sz", "sxsx", "szsz", "energy")
__all__ = ["CONVENTION_SETS", "KINDS", "MAX_N", "RATIO_OBSERVABLES", "SOLVERS", "bath_derivative",
           "diagonal_fit", "energy_basis_split", "energy_diagonals", "first_order_analysis",
           "first_order_ratios", "first_order_source",
           "first_order_middle", "first_order_state", "hamiltonian_pauli", "has_first_order",
           "magnetization_pauli"]


def check_arguments(chain: Chain, kind: str, gamma: float, edges: Sequence[str],
                    conventions: Mapping[str, str] | None = None
                    ) -> tuple[float, tuple[str, ...], list[Bath]]:
    """Validate the arguments of first_order_state; return gamma, edges and the baths at
    beta = 0 with the ``conventions`` (target, target_length and the names of
    lindbath.model.baths.CONVENTIONS, with their values)."""
    check_chain(chain)
    validation.integer("N", chain.N, minimum=2, maximum=MAX_N)
    validation.choice("kind", kind, KINDS)
    gamma = validation.real("gamma", gamma, 0.0, strict=True)
    if isinstance(edges, str) or len(edges) == 0 or len(set(edges)) != len(edges):
        raise ValueError(f"edges must be a non-empty sequence of distinct edges from {EDGES}; "
                         f"got {edges!r}")
    for edge in edges:
        validation.choice("edges", edge, EDGES)
    conventions = dict(conventions or {})
    for name in conventions:
        validation.choice("conventions", name, TARGET_OPTIONS)
    baths = [make_bath(kind, edge, 0.0, gamma, **conventions) for edge in edges]
    if not baths[0].has_first_order:
        raise ValueError(f"target={baths[0].target!r} has no first order for kind={kind!r}: the "
                         "DB jumps follow the eigenbasis of rho_T, which is arbitrary at "
                         "beta = 0 (rho_T = I/4) and jumps there; allowed: target='bond'")
    return gamma, tuple(edges), baths


def has_first_order(kind: str, conventions: Mapping[str, str]) -> bool:
    """False for DB with a reduced target (its eigenbasis is arbitrary at beta = 0;
    TargetBath.has_first_order)."""
    validation.choice("kind", kind, KINDS)
    return make_bath(kind, EDGES[0], 0.0, 1.0, **conventions).has_first_order


def bath_derivative(chain: Chain, bath: Bath, step: float = STEP) -> tuple[np.ndarray, float]:
    """dB/dbeta at beta = 0 of the bath's 16x16 Pauli block B, and its error estimate
    (Richardson extrapolation of one-sided differences; module docstring)."""
    base = replace(bath, beta=0.0).pauli_block(chain)
    table = [(replace(bath, beta=h).pauli_block(chain) - base) / h
             for h in step / 2.0 ** np.arange(4)]
    for level in (1, 2):  # removes the O(h) and O(h^2) terms
        table = [(2**level * fine - coarse) / (2**level - 1)
                 for coarse, fine in zip(table[:-1], table[1:], strict=True)]
    return table[-1], float(np.abs(table[-1] - table[-2]).max())


def first_order_source(chain: Chain, baths: Sequence[Bath]) -> tuple[np.ndarray, float]:
    """Pauli coefficients of L1(rho0), rho0 = I/2^N (the identity column of each bath's
    dB/dbeta block, on its pair), and the largest error estimate of those blocks."""
    source, error = np.zeros(4**chain.N), 0.0
    for bath in baths:
        block, err = bath_derivative(chain, bath)
        first = bath.first_site(chain)
        strings = [string_index(chain.N, {first: "IXYZ"[p], first + 1: "IXYZ"[q]})
                   for p in range(4) for q in range(4)]
        source[strings] += block[:, 0]
        error = max(error, err)
    return source, error


def _solve_direct(chain: Chain, baths: Sequence[Bath], source: np.ndarray
                  ) -> tuple[np.ndarray, float]:
    """Pauli coefficients of rho1 from L0[1:, 1:] c' = -source[1:] by sparse LU, and the
    relative residual."""
    l0 = liouvillian(chain, baths).tocsc()
    a, rhs = l0[1:, 1:], -source[1:]
    try:
        c1 = spla.splu(a).solve(rhs)
    except RuntimeError as err:
        raise ValueError(f"L0 is singular on the traceless subspace ({err}): the beta = 0 "
                         "steady state is not unique for these chain and baths") from None
    residual = np.linalg.norm(l0[:, 1:] @ c1 + source) / np.linalg.norm(source)
    return np.concatenate([[0.0], c1]), float(residual)


def _solve_nojump(chain: Chain, baths: Sequence[Bath], source: np.ndarray
                  ) -> tuple[np.ndarray, float]:
    """Pauli coefficients of rho1 from L0'(rho1) = -L1(rho0) by no-jump preconditioned
    flexible GMRES (module docstring), and the relative residual of L0 rho1 = -L1 rho0."""
    generator = HilbertGenerator(chain, baths)
    mirror = generator.is_mirror_symmetric()
    sectors = Sectors(reflection_sectors(chain.N) if mirror else None, generator.dim)
    inverses = [NoJumpInverse(g) for g in sectors.blocks(generator.effective_hamiltonian())]
    border = -generator.kernel.toarray() / generator.dim
    target = -from_pauli(source)

    def precondition(vector: np.ndarray) -> np.ndarray:
        return sectors.pack([inverse(b) for inverse, b in
                             zip(inverses, sectors.unpack(vector), strict=True)])

    def bordered(vector: np.ndarray) -> np.ndarray:
        parts = sectors.unpack(vector)
        trace = sum(np.trace(part).real for part in parts)
        return sectors.pack(sectors.blocks(generator(sectors.assemble(parts)) + trace * border))

    rhs = sectors.pack(sectors.blocks(target))
    solution, *_ = flexible_gmres(bordered, precondition, rhs, 1e-13 * np.linalg.norm(rhs),
                                  GMRES_RESTART, GMRES_MAXITER)
    rho1 = sectors.assemble(sectors.unpack(solution))
    residual = np.linalg.norm(generator(rho1) - target) / np.linalg.norm(target)
    c1 = to_pauli(rho1).real
    c1[0] = 0.0  # Tr rho1 = 0 up to the GMRES tolerance
    return c1, float(residual)


def _first_order(chain: Chain, kind: str, gamma: float, edges: Sequence[str],
                 solver: str, conventions: Mapping[str, str] | None
                 ) -> tuple[np.ndarray, dict]:
    """X and the diagnostics of first_order_state."""
    start = time.perf_counter()
    gamma, edges, baths = check_arguments(chain, kind, gamma, edges, conventions)
    validation.choice("solver", solver, SOLVERS)
    check_unique_steady_state(chain, baths)
    source, error = first_order_source(chain, baths)
    if error > DERIVATIVE_OK * gamma:
        raise ValueError(f"dB/dbeta at beta = 0 does not converge for these baths (error "
                         f"estimate {error:.1e} > {DERIVATIVE_OK:g} gamma): the bath is not "
                         "differentiable at beta = 0")
    if solver == "auto":
        solver = "direct" if chain.N <= DIRECT_MAX_N else "nojump"
    solve = _solve_direct if solver == "direct" else _solve_nojump
    c1, residual = solve(chain, baths, source)
    if not (np.all(np.isfinite(c1)) and residual <= RESIDUAL_OK):
        raise ValueError(f"L0 is singular or ill-conditioned on the traceless subspace "
                         f"(relative residual {residual:.1e} with solver={solver!r}): the "
                         "beta = 0 steady state is not unique for these chain and baths")
    details = {"solver": solver, "residual": residual, "derivative_error": error,
               "wall_time_s": time.perf_counter() - start,
               **baths[0].options()}
    return -(2.0**chain.N) * c1, details


def first_order_state(chain: Chain, kind: str, gamma: float = 1.0,
                      edges: Sequence[str] = EDGES, solver: str = "auto",
                      conventions: Mapping[str, str] | None = None) -> np.ndarray:
    """Pauli coefficients x_s = Tr(P_s X) of X, rho = (I - beta_bath X)/2^N + O(beta_bath^2),
    for ``kind`` ("db" | "fr") baths with rate ``gamma`` on ``edges`` (module docstring) and
    the bath ``conventions`` (e.g. {"target_fields": "edge"} or {"target": "reduced_bulk"};
    docs/conventions.md, "Bath conventions").  ``solver``: "direct" (sparse LU), "nojump"
    (preconditioned GMRES) or "auto" (direct up to N = DIRECT_MAX_N).  Raises ValueError
    for N > MAX_N, an unknown kind, edge, convention or solver, gamma <= 0, or a singular
    L0."""
    return _first_order(chain, kind, gamma, edges, solver, conventions)[0]


def hamiltonian_pauli(chain: Chain) -> np.ndarray:
    """Pauli coefficients h_s = Tr(P_s H) of the chain's H ([P] Eq. 1)."""
    N, h = chain.N, np.zeros(4**chain.N)
    for l in range(N - 1):
        for label, value in (("X", chain.J), ("Y", chain.J), ("Z", chain.Delta)):
            h[string_index(N, {l: label, l + 1: label})] += value
    for l in range(N):
        h[string_index(N, {l: "X"})] += chain.hx
        h[string_index(N, {l: "Z"})] += chain.hz
    return h * 2.0**N


def magnetization_pauli(N: int) -> np.ndarray:
    """Pauli coefficients of M = sum_l sigma^z_l."""
    m = np.zeros(4**N)
    m[[string_index(N, {l: "Z"}) for l in range(N)]] = 2.0**N
    return m


def bond_strings(N: int, b: int) -> np.ndarray:
    """Indices of the 15 non-identity Pauli strings within sites (b, b+1), b 0-based."""
    return np.array([string_index(N, {b: "IXYZ"[p], b + 1: "IXYZ"[q]})
                     for p in range(4) for q in range(4) if p or q])


def _ratio(num: np.ndarray, den: np.ndarray, scale: float) -> np.ndarray:
    """num/den, NaN where |den| <= 1e-12 scale (Tr(O H) = 0: no first-order temperature)."""
    ok = np.abs(den) > 1e-12 * scale
    return np.where(ok, num / np.where(ok, den, 1.0), np.nan)


def _projection(x: np.ndarray, h: np.ndarray) -> tuple[float, float]:
    """c = <x, h>/<h, h> and |x - c h|/|x| (NaN where a norm vanishes)."""
    hh, xx = float(h @ h), float(np.linalg.norm(x))
    c = float(x @ h) / hh if hh > 0 else np.nan
    rest = float(np.linalg.norm(x - c * h)) / xx if xx > 0 and hh > 0 else np.nan
    return c, rest


def _decomposition(chain: Chain, x: np.ndarray, h: np.ndarray) -> dict[str, tuple]:
    """Global and per-bond decomposition of X on H and M (module docstring)."""
    m = magnetization_pauli(chain.N)
    c_h, rest_h = _projection(x, h)
    (c_joint, c_m), *_ = np.linalg.lstsq(np.stack([h, m], axis=1), x, rcond=None)
    rest = float(np.linalg.norm(x - c_joint * h - c_m * m) / np.linalg.norm(x))
    local = np.array([_projection(x[idx], h[idx])
                      for idx in (bond_strings(chain.N, b) for b in range(chain.N - 1))])
    return {"c_H": ((), c_h), "rest_H": ((), rest_h), "c_H_joint": ((), float(c_joint)),
            "c_M": ((), float(c_m)), "rest": ((), rest),
            "c_H_local": (("bond",), local[:, 0]), "rest_local": (("bond",), local[:, 1])}


ATTRS = {
    "ratio_sx": ("first-order beta_sx / beta_bath = Tr(sigma^x_l X) / Tr(sigma^x_l H)", "1"),
    "ratio_sz": ("first-order beta_sz / beta_bath = Tr(sigma^z_l X) / Tr(sigma^z_l H)", "1"),
    "ratio_sxsx": ("first-order beta_xx / beta_bath = Tr(sigma^x sigma^x X) / "
                   "Tr(sigma^x sigma^x H) on bond (l, l+1)", "1"),
    "ratio_szsz": ("first-order beta_zz / beta_bath = Tr(sigma^z sigma^z X) / "
                   "Tr(sigma^z sigma^z H) on bond (l, l+1)", "1"),
    "ratio_energy": ("first-order beta_E / beta_bath = Tr(h_b X) / Tr(h_b H)", "1"),
    "c_H": ("projection of X on H: <X, H>/<H, H> (Hilbert-Schmidt)", "1"),
    "rest_H": ("relative rest |X - c_H H| / |X|", "1"),
    "c_H_joint": ("coefficient of H in the least-squares fit X ~ c_H H + c_M M", "1"),
    "c_M": ("coefficient of M = sum_l sigma^z_l in the least-squares fit X ~ c_H H + c_M M",
            "energy (J)"),
    "rest": ("relative rest of the joint fit |X - c_H_joint H - c_M M| / |X|", "1"),
    "c_H_local": ("local projection <X_b, H_b>/<H_b, H_b> on the strings within bond "
                  "(l, l+1)", "1"),
    "rest_local": ("local relative rest |X_b - c_H_local H_b| / |X_b|", "1"),
}


def first_order_analysis(chain: Chain, x: np.ndarray) -> xr.Dataset:
    """First-order ratios beta_O / beta_bath and the decomposition of X (Pauli coefficients
    x_s = Tr(P_s X), any normalization) over ``site`` and ``bond`` (module docstring).
    An X = c H gives every ratio, c_H, c_H_joint and c_H_local equal to c, and zero rests."""
    check_chain(chain)
    x = np.asarray(x, dtype=float)
    if x.shape != (4**chain.N,):
        raise ValueError(f"x must hold the 4^N = {4**chain.N} Pauli coefficients of X; "
                         f"got shape {x.shape}")
    x = np.concatenate([[0.0], x[1:]])  # traceless part
    h = hamiltonian_pauli(chain)
    obs_x = local_observables(chain, lambda ops: float(x[string_index(chain.N, ops)]))
    obs_h = local_observables(chain, lambda ops: float(h[string_index(chain.N, ops)]))
    scale = float(np.abs(h).max())
    data = {f"ratio_{name}": ("site" if name in ("sx", "sz") else "bond",
                              _ratio(obs_x[name], obs_h[name], scale))
            for name in RATIO_OBSERVABLES}
    data.update(_decomposition(chain, x, h))
    ds = xr.Dataset(data, coords={"site": np.arange(1, chain.N + 1),
                                  "bond": np.arange(1, chain.N)})
    for name, (long_name, units) in ATTRS.items():
        ds[name].attrs.update(long_name=long_name, units=units)
    ds["site"].attrs.update(long_name="site l (1-based)", units="1")
    ds["bond"].attrs.update(long_name="bond (l, l+1), l 1-based", units="1")
    return ds.assign_attrs(chain.params)


def first_order_ratios(chain: Chain, kind: str, gamma: float = 1.0,
                       edges: Sequence[str] = EDGES, solver: str = "auto",
                       conventions: Mapping[str, str] | None = None) -> xr.Dataset:
    """first_order_analysis of first_order_state(chain, kind, gamma, edges, solver,
    conventions), with attributes kind, gamma, edges, solver, residual (relative, of
    L0 rho1 = -L1 rho0), derivative_error (of L1), wall_time_s and every bath convention."""
    x, details = _first_order(chain, kind, gamma, edges, solver, conventions)
    return first_order_analysis(chain, x).assign_attrs(
        kind=kind, gamma=float(gamma), edges=",".join(edges), **details)


def first_order_middle(ds: xr.Dataset) -> dict[str, float]:
    """Every variable of a first_order_analysis dataset at the chain's middle site
    (N+1)//2 or bond N//2 (lindbath.model.observables.middle_position); global ones as
    they are."""
    N = ds.sizes["site"]
    at = {dim: middle_position(N, dim) for dim in ("site", "bond")}
    return {name: float(var.sel({dim: at[dim] for dim in var.dims}))
            for name, var in ds.data_vars.items()}


def _eigenbasis(chain: Chain) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and real orthonormal eigenvectors of the dense H."""
    check_chain(chain)
    validation.integer("N", chain.N, minimum=2, maximum=MAX_N)
    return np.linalg.eigh(from_pauli(hamiltonian_pauli(chain)).real)


def _dense(chain: Chain, a: np.ndarray) -> np.ndarray:
    """The 2^N x 2^N matrix of Pauli coefficients a_s = Tr(P_s A) (real when A is)."""
    a = np.asarray(a, dtype=float)
    if a.shape != (4**chain.N,):
        raise ValueError(f"operators must be given by their 4^N = {4**chain.N} Pauli "
                         f"coefficients; got shape {a.shape}")
    matrix = from_pauli(a)
    return matrix.real if not np.any(matrix.imag) else matrix


def energy_basis_split(chain: Chain, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pauli coefficients of X_diag = sum_k P_k X P_k (P_k the eigenspace projectors of H,
    levels within DEGENERATE_TOL max(1, max|E|) merged) and of X_off = X - X_diag, for X given
    by its Pauli coefficients x_s = Tr(P_s X) (module docstring).  Dense; N <= MAX_N."""
    energies, vectors = _eigenbasis(chain)
    xe = vectors.T @ _dense(chain, x) @ vectors
    starts = np.flatnonzero(np.diff(energies)
                            > DEGENERATE_TOL * max(1.0, float(np.abs(energies).max()))) + 1
    label = np.zeros(energies.size, dtype=int)
    label[starts] = 1
    label = np.cumsum(label)  # eigenspace of each level
    diag = vectors @ np.where(label[:, None] == label[None, :], xe, 0.0) @ vectors.T
    x_diag = to_pauli(diag).real
    return x_diag, np.asarray(x, dtype=float) - x_diag


def energy_diagonals(chain: Chain, operators: Sequence[np.ndarray]
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues E_n of H (ascending) and the diagonal elements D[k, n] = <n|A_k|n> of the
    ``operators`` A_k (Pauli coefficients Tr(P_s A_k)) in H's real eigenvectors.  Within a
    degenerate eigenspace these depend on the chosen eigenvectors (none at hz, hx != 0 for
    the chains of the map).  Dense; N <= MAX_N."""
    energies, vectors = _eigenbasis(chain)
    diagonals = np.array([np.einsum("in,in->n", vectors, _dense(chain, a) @ vectors).real
                          for a in operators]).reshape(len(operators), energies.size)
    return energies, diagonals


def diagonal_fit(values: np.ndarray, features: Sequence[np.ndarray]
                 ) -> tuple[np.ndarray, float]:
    """Least-squares fit values_n = c_0 + sum_k c_k features_k(n); returns (c_0, c_1, ...)
    and the relative rest |values - fit| / |values - mean(values)| (NaN for constant
    values)."""
    values = np.asarray(values, dtype=float)
    design = np.stack([np.ones_like(values), *map(np.asarray, features)], axis=1)
    coefficients, *_ = np.linalg.lstsq(design, values, rcond=None)
    spread = float(np.linalg.norm(values - values.mean()))
    rest = float(np.linalg.norm(values - design @ coefficients)) / spread if spread else np.nan
    return coefficients, rest
