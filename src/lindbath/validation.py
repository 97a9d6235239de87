"""Input checks shared by the API and the command line: fail early, name the bad key.
Every check raises lindbath.errors.InputError (a ValueError)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from lindbath.errors import InputError

__all__ = ["choice", "integer", "real", "times"]

# a number given as text: a plain decimal or scientific literal (float() would also read
# '1_0' as 10, ' 1 ' and 'infinity')
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _plain(value: Any) -> bool:
    """False for text that is not a NUMBER literal; True for anything else."""
    return not isinstance(value, str) or NUMBER.fullmatch(value) is not None


def choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise InputError naming both."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def integer(name: str, value: Any, minimum: int, maximum: int | None = None) -> int:
    """Return ``value`` as int if it is an integer in [minimum, maximum]."""
    try:
        whole = not isinstance(value, bool) and _plain(value) and float(value).is_integer()
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole:
        raise InputError(f"{name} must be an integer; got {value!r}")
    value = int(value)
    upper = "" if maximum is None else f" and <= {maximum}"
    if value < minimum or (maximum is not None and value > maximum):
        raise InputError(f"{name} must be an integer >= {minimum}{upper}; got {value}")
    return value


def real(name: str, value: Any, minimum: float | None = None, strict: bool = False,
         maximum: float | None = None) -> float:
    """Return ``value`` as a finite float, optionally >= minimum (> if strict) and
    <= maximum; text must be a plain decimal or scientific literal (NUMBER)."""
    try:
        number = float(value) if _plain(value) else None
    except (TypeError, ValueError, OverflowError):
        number = None
    if number is None:
        raise InputError(f"{name} must be a real number (a decimal literal such as 0.5 or "
                         f"1e-3); got {value!r}")
    if not math.isfinite(number):
        raise InputError(f"{name} must be finite; got {number}")
    if minimum is not None and (number < minimum or (strict and number == minimum)):
        relation = ">" if strict else ">="
        raise InputError(f"{name} must be {relation} {minimum}; got {number}")
    if maximum is not None and number > maximum:
        raise InputError(f"{name} must be <= {maximum:g}; got {number:g}")
    return number


def times(name: str, values: Any) -> np.ndarray:
    """Return ``values`` as a non-empty 1-D grid of finite, non-negative, strictly increasing
    times (the one rule of every evolution in the package)."""
    t = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise InputError(f"{name} must be a non-empty 1-D sequence; got shape {t.shape}")
    if not np.all(np.isfinite(t)) or t[0] < 0 or np.any(np.diff(t) <= 0):
        raise InputError(f"{name} must be finite, >= 0 and strictly increasing; got {t.tolist()}")
    return t
