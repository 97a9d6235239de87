"""Input checks shared by the API and the command line: fail early, name the bad key."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np


def choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise ValueError naming both."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def integer(name: str, value: Any, minimum: int, maximum: int | None = None) -> int:
    """Return ``value`` as int if it is an integer in [minimum, maximum]."""
    try:
        whole = not isinstance(value, bool) and float(value).is_integer()
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole:
        raise ValueError(f"{name} must be an integer; got {value!r}")
    value = int(value)
    upper = "" if maximum is None else f" and <= {maximum}"
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be an integer >= {minimum}{upper}; got {value}")
    return value


def real(name: str, value: Any, minimum: float | None = None, strict: bool = False) -> float:
    """Return ``value`` as a finite float, optionally >= minimum (> if strict)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number; got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    if minimum is not None and (value < minimum or (strict and value == minimum)):
        relation = ">" if strict else ">="
        raise ValueError(f"{name} must be {relation} {minimum}; got {value}")
    return value


def times(name: str, values: Any) -> np.ndarray:
    """Return ``values`` as a non-empty 1-D grid of finite, non-negative, strictly increasing
    times (the one rule of every evolution in the package)."""
    t = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence; got shape {t.shape}")
    if not np.all(np.isfinite(t)) or t[0] < 0 or np.any(np.diff(t) <= 0):
        raise ValueError(f"{name} must be finite, >= 0 and strictly increasing; got {t.tolist()}")
    return t
