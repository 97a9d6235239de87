"""The package's own exception classes, each mapped to an exit status by the command line
(lindbath.cli): InputError 2, SolverError 3.  Both subclass the built-in class a caller
would catch anyway, so ``except ValueError`` and ``except ArithmeticError`` keep working."""

__all__ = ["InputError", "SolverError"]


class InputError(ValueError):
    """Bad input, found by the checks (lindbath.validation) before any work is done."""


class SolverError(ArithmeticError):
    """A solver failed to produce a result (no convergence, a singular system)."""
