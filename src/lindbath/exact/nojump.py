"""Matrix-free exact steady states: GMRES preconditioned by the no-jump generator.

[P] Eq. 2 written on the density matrix rho (dimension d = 2^N) splits as

    L(rho) = M(rho) + J(rho),   M(rho) = -i (G rho - rho G^+),   J(rho) = sum_a L_a rho L_a^+,
    G = H - (i/2) K,            K = sum_a L_a^+ L_a,

M being the generator of the no-jump evolution.  When every eigenstate of the effective
Hamiltonian G decays (K > 0 on the bath sites suffices: db and fr baths at any beta, local
baths at finite beta), M is invertible; M(rho) = X is a Sylvester equation, solved in the
eigenbasis G = V diag(g) V^-1 with four dense products of size d (the second and the fourth
give Hermitian matrices, so only their lower block triangle is computed: hermitian_product):

    M^-1(X) = V [ (V^-1 X V^-+)_jk / (-i (g_j - conj g_k)) ] V^+.

The trace condition enters through a rank-one border: with Z = M(1/d) = -K/d,

    L'(rho) = L(rho) + Tr(rho) Z

is nonsingular (Tr L'(rho) = -Tr(rho) Tr(K)/d, so L'(rho) = 0 forces Tr rho = 0 and then
L(rho) = 0, rho = 0 for a unique steady state), and L'(rho) = Z holds exactly for the
trace-one steady state.  Flexible GMRES solves L'(rho) = Z right-preconditioned by M^-1,
so its residual is the true residual ||L'(rho) - Z||_F; inexact eigenvectors only slow it
down.

Site reflection R|s_1 .. s_N> = |s_N .. s_1> commutes with H (Eq. 1 is uniform).  When the
baths are mirror images, it commutes with K and J too, the unique steady state obeys
R rho R = rho, and rho = Q_e A Q_e^T + Q_o B Q_o^T in the even/odd eigenbases Q_e, Q_o of R:
the Krylov vectors are the blocks (A, B) and G splits into two blocks of size ~d/2, which
makes the dense products four times cheaper.  The final residual ||L(rho)||_F is always
evaluated with the full generator.

Hermitian matrices travel as real arrays R = Re(rho) + Im(rho) (symmetric plus antisymmetric
part, same Frobenius norm), so a Krylov vector holds at most 4^N reals, as many as the Pauli
coefficients of docs/conventions.md, and the 4^N x 4^N Liouvillian is never stored.

The four dense products of M^-1 dominate from N = 10 on; in single precision (complex64)
they cost half as much.  Flexible GMRES (lindbath.exact.fgmres) stores the preconditioned
vectors as they come out of M^-1 and applies L' to exactly those in double precision, so
the preconditioner's rounding only perturbs the convergence rate and the final accuracy is
that of double precision.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp

from lindbath.errors import SolverError
from lindbath.exact.fgmres import flexible_gmres
from lindbath.exact.settings import ExactSettings
from lindbath.model.baths import Bath
from lindbath.model.chain import Chain
from lindbath.progress import progress
from lindbath.resources import estimate_memory_bytes, krylov_memory

__all__ = ["HERMITIAN_LEAF", "TILE", "HilbertGenerator", "NoJumpInverse", "Sectors",
           "hermitian_product", "krylov_limit", "nojump_steady", "reflection_sectors",
           "with_transpose"]

log = logging.getLogger(__name__)
DECAY_MIN = 1e-10  # slowest no-jump decay rate below which M counts as singular
MIRROR_TOL = 1e-12  # entrywise tolerance of the mirror-symmetry test of the baths
SINGLE_FROM_DIM = 2**10  # block size from which precision="auto" uses single precision
SWAP = np.array([0, 2, 1, 3])  # pair index 2 s1 + s2 -> 2 s2 + s1
HERMITIAN_LEAF = 256  # block size below which hermitian_product multiplies in full
TILE = 256  # tile size of with_transpose


def with_transpose(a: np.ndarray, combine: Callable[..., object],
                   out: np.ndarray | None = None) -> np.ndarray:
    """out[I, J] = combine(a[I, J], a[J, I]^T, out=out[I, J]) tile by tile: transposing a
    large matrix in one sweep is limited by cache misses, TILE x TILE tiles stay in cache."""
    out = np.empty_like(a) if out is None else out
    for i, j in np.ndindex(-(-a.shape[0] // TILE), -(-a.shape[1] // TILE)):
        rows, cols = slice(i * TILE, (i + 1) * TILE), slice(j * TILE, (j + 1) * TILE)
        combine(a[rows, cols], a[cols, rows].T, out=out[rows, cols])
    return out


@dataclass(frozen=True)
class PairTerm:
    """One two-site bath on sites (first, first + 1): K_b = sum_a L_a^+ L_a (4 x 4) and the
    jump superoperator S[a, c, b, e] = sum_j L_j[a, b] conj(L_j[c, e]) (4 x 4 x 4 x 4)."""

    first: int
    kernel: np.ndarray
    superop: np.ndarray

    @classmethod
    def from_jumps(cls, first: int, jumps: Sequence[np.ndarray]) -> PairTerm:
        """Build K_b and S from the 4 x 4 jump operators L_a of one bath."""
        stack = np.asarray(jumps, dtype=complex)
        kernel = np.einsum("jba,jbc->ac", stack.conj(), stack)
        superop = np.einsum("jab,jce->acbe", stack, stack.conj())
        return cls(first, kernel, superop)

    def mirrored(self, N: int) -> PairTerm:
        """The same bath reflected through the chain centre: sites N-2-first, N-1-first."""
        return PairTerm(N - 2 - self.first, self.kernel[np.ix_(SWAP, SWAP)],
                        self.superop[np.ix_(SWAP, SWAP, SWAP, SWAP)])


class HilbertGenerator:
    """L(rho) = M(rho) + J(rho) of [P] Eq. 2 on d x d density matrices, matrix-free:
    ``effective`` is the sparse G = H - (i/2) K, ``kernel`` the sparse K, and each bath's
    jumps a 16 x 16 superoperator acting on its two sites (module docstring)."""

    def __init__(self, chain: Chain, baths: Sequence[Bath]) -> None:
        self.N = chain.N
        self.dim = 2**chain.N
        self.terms = [PairTerm.from_jumps(bath.first_site(chain), bath.jump_operators(chain))
                      for bath in baths]
        self.kernel = sp.csr_array((self.dim, self.dim), dtype=complex)  # K, sparse
        for term in self.terms:
            left, right = self._split(term.first)
            self.kernel += sp.kron(sp.kron(sp.identity(left), term.kernel), sp.identity(right))
        self.effective = sp.csr_array(chain.hamiltonian() - 0.5j * self.kernel)  # G

    def _split(self, first: int) -> tuple[int, int]:
        return 2**first, 2 ** (self.N - first - 2)

    def nojump(self, rho: np.ndarray) -> np.ndarray:
        """M(rho) = -i (G rho - rho G^+) for Hermitian rho, G = H - (i/2) K."""
        g_rho = self.effective @ rho
        out = with_transpose(g_rho, lambda a, b, out: np.subtract(a, b.conj(), out=out))
        out *= -1j
        return out

    def jumps(self, rho: np.ndarray) -> np.ndarray:
        """J(rho) = sum_a L_a rho L_a^+ (each bath's 16 x 16 superoperator on its two sites)."""
        out = np.zeros(rho.shape, dtype=complex)
        for term in self.terms:
            left, right = self._split(term.first)
            source = rho.reshape(left, 4, right, left, 4, right)
            target = out.reshape(left, 4, right, left, 4, right)
            for a, b in np.ndindex(4, 4):  # [., a, ., ., c, .] += S[a, c, b, e] [., b, ., ., e, .]
                target[:, a] += np.matmul(term.superop[a, :, b, :], source[:, b])
        return out

    def __call__(self, rho: np.ndarray) -> np.ndarray:
        """L(rho) for Hermitian rho."""
        return self.nojump(rho) + self.jumps(rho)

    def effective_hamiltonian(self) -> np.ndarray:
        """Dense G = H - (i/2) sum_a L_a^+ L_a."""
        return self.effective.toarray()

    def is_mirror_symmetric(self) -> bool:
        """True if reflecting every bath through the chain centre leaves K and J unchanged
        (H of [P] Eq. 1 is always reflection symmetric), so that L commutes with R."""
        ours = _summed_terms(self.terms)
        mirror = _summed_terms([term.mirrored(self.N) for term in self.terms])
        return ours.keys() == mirror.keys() and all(
            np.allclose(ours[site][i], mirror[site][i], rtol=0.0, atol=MIRROR_TOL)
            for site in ours for i in (0, 1))


def _summed_terms(terms: Sequence[PairTerm]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Kernels and superoperators summed per first site."""
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for term in terms:
        kernel, superop = out.get(term.first, (0.0, 0.0))
        out[term.first] = (kernel + term.kernel, superop + term.superop)
    return out


def reflection_sectors(N: int) -> list[sp.csr_array]:
    """Real orthonormal bases (d x d_k) of the even and odd eigenspaces of the site reflection
    R|s_1 .. s_N> = |s_N .. s_1>: even = palindromes |s> and (|s> + |Rs>)/sqrt(2),
    odd = (|s> - |Rs>)/sqrt(2), over the pairs s < Rs."""
    dim = 2**N
    states = np.arange(dim, dtype=np.int64)
    mirror = np.zeros(dim, dtype=np.int64)
    for bit in range(N):
        mirror |= ((states >> bit) & 1) << (N - 1 - bit)
    fixed, low = states[mirror == states], states[states < mirror]
    high, pairs, half = mirror[low], np.arange(low.size), np.sqrt(0.5)
    even = sp.csr_array(
        (np.concatenate([np.ones(fixed.size), np.full(2 * low.size, half)]),
         (np.concatenate([fixed, low, high]),
          np.concatenate([np.arange(fixed.size), fixed.size + pairs, fixed.size + pairs]))),
        shape=(dim, fixed.size + low.size))
    odd = sp.csr_array((np.concatenate([np.full(low.size, half), np.full(low.size, -half)]),
                        (np.concatenate([low, high]), np.concatenate([pairs, pairs]))),
                       shape=(dim, low.size))
    return [even, odd]


class Sectors:
    """Block-diagonal form rho = sum_k Q_k B_k Q_k^T of matrices that commute with a symmetry
    (``bases`` = the Q_k), or the single identity block when ``bases`` is None; Hermitian
    blocks are packed into one real vector (module docstring)."""

    def __init__(self, bases: list[sp.csr_array] | None, dim: int) -> None:
        self.bases = bases
        self.sizes = [dim] if bases is None else [q.shape[1] for q in bases]

    def blocks(self, x: np.ndarray) -> list[np.ndarray]:
        """Diagonal blocks Q_k^T x Q_k."""
        if self.bases is None:
            return [x]
        return [(q.T @ (q.T @ x).T).T for q in self.bases]

    def assemble(self, blocks: Sequence[np.ndarray]) -> np.ndarray:
        """sum_k Q_k B_k Q_k^T."""
        if self.bases is None:
            return blocks[0]
        return np.ascontiguousarray(sum((q @ (q @ b).T).T for q, b in
                                        zip(self.bases, blocks, strict=True)))

    def pack(self, blocks: Sequence[np.ndarray]) -> np.ndarray:
        """Hermitian blocks -> one real vector of Re(B_k) + Im(B_k) (norm-preserving)."""
        return np.concatenate([(b.real + b.imag).ravel() for b in blocks])

    def unpack(self, vector: np.ndarray) -> list[np.ndarray]:
        """Inverse of :meth:`pack`: symmetric part -> real part, antisymmetric -> imaginary."""
        out, offset = [], 0
        for size in self.sizes:
            r = vector[offset:offset + size * size].reshape(size, size).astype(float, copy=False)
            block = np.empty((size, size), dtype=complex)
            with_transpose(r, np.add, block.real)
            with_transpose(r, np.subtract, block.imag)
            block *= 0.5
            out.append(block)
            offset += size * size
        return out


def hermitian_product(w: np.ndarray, b: np.ndarray, out: np.ndarray | None = None
                      ) -> np.ndarray:
    """w @ b for a product known to be Hermitian (w = A X, b = A^+, X Hermitian): the lower
    block triangle is computed by halving recursively down to HERMITIAN_LEAF, the upper one
    mirrored, so the product costs about half a full one and is exactly Hermitian."""
    n = w.shape[0]
    if out is None:
        out = np.empty((n, n), dtype=np.result_type(w, b))
    if n <= HERMITIAN_LEAF:
        np.matmul(w, b, out=out)
        out += out.conj().T
        out *= 0.5
        return out
    h = n // 2
    hermitian_product(w[:h], b[:, :h], out[:h, :h])
    hermitian_product(w[h:], b[:, h:], out[h:, h:])
    np.matmul(w[h:], b[:, :h], out=out[h:, :h])
    out[:h, h:] = out[h:, :h].conj().T
    return out


class NoJumpInverse:
    """X -> M^-1(X) on one block: the Sylvester solve of the module docstring in the
    eigenbasis of the block ``g`` of the effective Hamiltonian G, with the eigenvectors and
    the four dense products in ``dtype`` (complex64 halves their cost), which is also the
    precision of the result."""

    def __init__(self, g: np.ndarray, dtype: type = np.complex128) -> None:
        values, vectors = la.eig(g.astype(dtype), check_finite=False)
        self.dtype = dtype
        self.min_decay = float(-2.0 * values.imag.max())  # slowest no-jump decay rate
        if not self.min_decay > DECAY_MIN:
            raise SolverError(
                f"the no-jump generator is singular (slowest decay {self.min_decay:.2e}): "
                "an eigenstate of H - iK/2 does not feel the baths")
        inverse = la.inv(vectors, check_finite=False)
        self.left, self.left_h = inverse, np.ascontiguousarray(inverse.conj().T)
        self.right, self.right_h = vectors, np.ascontiguousarray(vectors.conj().T)
        self.denominator = -1j * np.subtract.outer(values, values.conj())

    def __call__(self, x: np.ndarray) -> np.ndarray:
        y = hermitian_product(self.left @ x.astype(self.dtype, copy=False), self.left_h)
        y /= self.denominator
        return hermitian_product(self.right @ y, self.right_h)


def krylov_limit(N: int, memory_bytes: int | None = None) -> int:
    """Bytes the GMRES basis of nojump_steady on N sites may take (it caps the restart
    length): krylov_memory() (lindbath.resources: a share of this machine's memory) and,
    in a run given memory_bytes in all, at most what the rest of its estimate leaves,
    memory_bytes - estimate_memory_bytes("steady", N, krylov_cap=0)."""
    if memory_bytes is None:
        return krylov_memory()
    return min(krylov_memory(), memory_bytes - estimate_memory_bytes("steady", N, krylov_cap=0))


def nojump_steady(chain: Chain, baths: Sequence[Bath], settings: ExactSettings | None = None
                  ) -> tuple[np.ndarray, dict]:
    """Trace-one rho with L(rho) = 0 ([P] Eq. 2) by flexible GMRES (lindbath.exact.fgmres)
    on L'(rho) = Z right-preconditioned by M^-1 (module docstring), stopped at
    ||L'(rho) - Z||_F <= tol ||Z||_F or after ``maxiter`` products; ``restart`` is capped
    by krylov_limit(N, memory_bytes) (``memory_bytes``: the run's memory budget, e.g. its
    scheduler allocation; None: krylov_memory() only).  ``symmetry``: use the reflection
    sectors when the baths are mirror images.

    ``precision``: "double", or "single": M^-1 (eigenvectors and the four dense products)
    works in complex64 and its outputs are stored in float32, while L' and the Arnoldi
    basis stay in double precision, so ``tol`` means what it means in double precision
    and the iteration count barely changes (flexible GMRES, lindbath.exact.fgmres); "auto":
    single from block size SINGLE_FROM_DIM on.

    Parameters
    ----------
    chain : Chain
        The spin chain ([P] Eq. 1).
    baths : sequence of Bath
        Two-site baths.
    settings : ExactSettings or None, default None
        tol, maxiter, restart, symmetry, precision and memory_bytes are read (the solver
        field is the caller's); None: ExactSettings().

    Returns
    -------
    rho : numpy.ndarray
        The dense 2^N x 2^N steady state, trace one.
    details : dict
        Diagnostics: solver, iterations, cycles (restart cycles), precision, converged
        (relative residual <= tol), symmetry, nojump_min_decay, setup_time_s and residual
        ||L(rho)||_F.

    Raises
    ------
    SolverError
        The no-jump generator is singular (slowest decay below DECAY_MIN).

    References
    ----------
    [P] Eq. 2; docs/conventions.md, "Master equation".
    """
    settings = ExactSettings() if settings is None else settings
    tol, maxiter, restart = settings.tol, settings.maxiter, settings.restart
    symmetry, precision, memory_bytes = settings.symmetry, settings.precision, settings.memory_bytes
    start = time.perf_counter()
    generator = HilbertGenerator(chain, baths)
    mirror = symmetry and generator.is_mirror_symmetric()
    sectors = Sectors(reflection_sectors(chain.N) if mirror else None, generator.dim)
    single = precision == "single" or (precision == "auto"
                                       and max(sectors.sizes) >= SINGLE_FROM_DIM)
    mode = "single" if single else "double"
    inverses = [NoJumpInverse(g, np.complex64 if single else np.complex128)
                for g in sectors.blocks(generator.effective_hamiltonian())]
    border = -generator.kernel.toarray() / generator.dim  # Z = M(1/d) = -K/d
    setup = time.perf_counter() - start
    min_decay = min(inverse.min_decay for inverse in inverses)
    log.info("no-jump preconditioner N=%d, blocks %s, %s precision: %.1f s, slowest no-jump "
             "decay %.3g", chain.N, sectors.sizes, mode, setup, min_decay)

    def precondition(vector: np.ndarray) -> np.ndarray:
        """M^-1 blockwise, packed in the preconditioner's precision."""
        return sectors.pack([inverse(b) for inverse, b in
                             zip(inverses, sectors.unpack(vector), strict=True)])

    def bordered(vector: np.ndarray) -> np.ndarray:
        """L'(rho) = L(rho) + Tr(rho) Z in double precision, rho given packed."""
        parts = sectors.unpack(vector)
        trace = sum(np.trace(part).real for part in parts)
        return sectors.pack(sectors.blocks(generator(sectors.assemble(parts)) + trace * border))

    iterations = 0
    bar = progress(total=maxiter, desc=f"no-jump GMRES N={chain.N}", unit="it")

    def report(relative: float) -> None:
        nonlocal iterations
        iterations += 1
        bar.update()
        bar.set_postfix_str(f"residual {relative:.1e}", refresh=False)
        if iterations % 10 == 0:
            log.info("GMRES iteration %d: relative residual %.2e, %.1f s", iterations,
                     relative, time.perf_counter() - start)

    size = sum(s * s for s in sectors.sizes)
    store = np.float32 if single else np.float64
    per_vector = size * (8 + np.dtype(store).itemsize)  # Arnoldi vector + preconditioned one
    restart = max(1, min(restart, maxiter, krylov_limit(chain.N, memory_bytes) // per_vector))
    rhs = sectors.pack(sectors.blocks(border))
    target = tol * np.linalg.norm(rhs)
    with bar:
        solution, residual, cycles = flexible_gmres(bordered, precondition, rhs, target,
                                                    restart, maxiter, store, report)
    rho = sectors.assemble(sectors.unpack(solution))
    rho /= np.trace(rho).real
    details = {"solver": "nojump", "iterations": iterations, "cycles": cycles,
               "precision": mode, "converged": int(residual <= target),
               "symmetry": "reflection" if mirror else "none", "nojump_min_decay": min_decay,
               "setup_time_s": setup, "residual": float(np.linalg.norm(generator(rho)))}
    return rho, details
