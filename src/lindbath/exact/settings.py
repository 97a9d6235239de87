"""Settings of the exact steady-state solver, validated in one place before any work.

lindbath.solve.steady_state(method="exact", **options) builds them from its keyword options
(ExactSettings.from_options), lindbath.exact.sparse.exact_steady_state chooses the route
from them and lindbath.exact.nojump.nojump_steady reads its own fields; each layer passes the
one frozen object on instead of loose keywords.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from lindbath import validation
from lindbath.errors import InputError

__all__ = ["NOJUMP_FIELDS", "PRECISIONS", "SOLVERS", "ExactSettings"]

SOLVERS = ("auto", "direct", "krylov", "nojump")
PRECISIONS = ("auto", "double", "single")
NOJUMP_FIELDS = ("restart", "symmetry", "precision")  # read by the no-jump solver only


@dataclasses.dataclass(frozen=True)
class ExactSettings:
    """Options of the exact steady state L(rho) = 0, Tr rho = 1 of [P] Eq. 2
    (lindbath.exact.sparse.exact_steady_state), checked when built.

    Parameters
    ----------
    solver : {"auto", "nojump", "direct", "krylov"}, default "auto"
        Route for two-site baths (Davies baths always solve directly in the energy basis):
        "nojump" is flexible GMRES on rho preconditioned by the inverse no-jump generator
        (lindbath.exact.nojump); "direct" sparse LU of the real Pauli-basis Liouvillian with
        c_0 = Tr rho = 1 fixed; "krylov" GCROT(m, k) on the same Pauli-basis system; "auto"
        is "nojump", falling back to "direct" up to dimension 4^6 and "krylov" beyond when
        the no-jump generator is singular.
    tol : float, default 1e-12
        Relative residual tolerance of the Krylov solvers ("nojump", "krylov"), > 0.
    maxiter : int, default 5000
        Most operator products ("nojump") or outer iterations ("krylov"), >= 1.
    restart : int, default 150
        GMRES restart length of "nojump", >= 1; capped by the memory the basis may take
        (lindbath.exact.nojump.krylov_limit) and by ``maxiter``.
    symmetry : bool, default True
        "nojump": use the site-reflection sectors when the baths are mirror images.
    precision : {"auto", "double", "single"}, default "auto"
        Precision of the no-jump preconditioner: "auto" is single precision from block size
        2^10 on; the tolerance keeps its double-precision meaning either way.
    memory_bytes : int or None, default None
        The run's memory budget in bytes (e.g. a scheduler's allocation), >= 1, into which
        "nojump" fits its GMRES basis; None: a share of this machine's memory
        (lindbath.resources.krylov_memory).  The other solvers have no basis to fit.

    Raises
    ------
    InputError
        Naming the field and its allowed values: an unknown solver or precision, tol <= 0,
        maxiter, restart or memory_bytes not an integer >= 1, symmetry not a bool, or a
        no-jump field (restart, symmetry, precision) changed from its default while solver
        is "direct" or "krylov".

    References
    ----------
    [P] Eq. 2 (the Lindblad equation whose steady state is solved for); the solvers are
    described in lindbath.exact.sparse and lindbath.exact.nojump.
    """

    solver: str = "auto"
    tol: float = 1e-12
    maxiter: int = 5000
    restart: int = 150
    symmetry: bool = True
    precision: str = "auto"
    memory_bytes: int | None = None

    def __post_init__(self) -> None:
        validation.choice("solver", self.solver, SOLVERS)
        object.__setattr__(self, "tol", validation.real("tol", self.tol, 0.0, strict=True))
        object.__setattr__(self, "maxiter", validation.integer("maxiter", self.maxiter, 1))
        if self.memory_bytes is not None:
            object.__setattr__(self, "memory_bytes",
                               validation.integer("memory_bytes", self.memory_bytes, 1))
        object.__setattr__(self, "restart", validation.integer("restart", self.restart, 1))
        validation.choice("symmetry", self.symmetry, (True, False))
        validation.choice("precision", self.precision, PRECISIONS)
        changed = sorted(name for name in NOJUMP_FIELDS
                         if getattr(self, name) != _DEFAULTS[name])
        if changed and self.solver not in ("auto", "nojump"):
            raise InputError(f"options {changed} apply to solver='nojump' or 'auto' only; "
                             f"got solver={self.solver!r}")

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> ExactSettings:
        """Settings from keyword options, as lindbath.solve.steady_state takes them.

        Parameters
        ----------
        options : mapping of str to object
            Any of the fields; the others keep their defaults.

        Returns
        -------
        ExactSettings

        Raises
        ------
        InputError
            An unknown option (naming it and the allowed ones) or a bad value (see the class).
        """
        for key in options:
            validation.choice("option", key, _FIELDS)
        return cls(**options)


_FIELDS = tuple(field.name for field in dataclasses.fields(ExactSettings))
_DEFAULTS = {field.name: field.default for field in dataclasses.fields(ExactSettings)}
