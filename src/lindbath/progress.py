"""Progress bars (tqdm) for long solver runs: shown when stderr is a terminal, quiet
otherwise (workflow logs keep the solvers' own log lines).  The environment variable
LINDBATH_PROGRESS=1 forces the bars on, LINDBATH_PROGRESS=0 off."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from tqdm import tqdm

__all__ = ["ENV", "enabled", "progress"]

ENV = "LINDBATH_PROGRESS"
SWITCH = {"0": False, "1": True}


def enabled() -> bool:
    """Whether bars are drawn: LINDBATH_PROGRESS ("0" or "1") if set, else stderr.isatty()."""
    value = os.environ.get(ENV)
    if value is None:
        return sys.stderr.isatty()
    if value not in SWITCH:
        raise ValueError(f"{ENV} must be one of {sorted(SWITCH)}; got {value!r}")
    return SWITCH[value]


def progress(iterable: Iterable | None = None, *, total: float | None = None,
             desc: str = "", unit: str = "it", leave: bool = False) -> tqdm:
    """A tqdm bar over ``iterable`` (or updated by hand up to ``total``; None: unknown),
    written to stderr, disabled unless :func:`enabled`.  Use as a context manager (or
    iterate over it) so that the bar is closed."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, leave=leave,
                disable=not enabled(), file=sys.stderr, dynamic_ncols=True)
