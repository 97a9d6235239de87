"""Settings of the MPS steady-state solvers (TEBD and variational), validated before work."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from lindbath import validation
from lindbath.errors import InputError
from lindbath.model.baths import Bath
from lindbath.model.chain import Chain

__all__ = ["ALGORITHMS", "TRUNCATIONS", "SteadySettings", "settings_from"]

ALGORITHMS = ("tebd", "variational")
# TEBD truncation: QR update only (default), QR then SVD from its noise floor, SVD only
TRUNCATIONS = ("qr", "qr-svd", "svd")


@dataclasses.dataclass
class SteadySettings:
    """Settings of the steady-state evolution (see mps_steady_state)."""

    dt: float = 0.4
    min_dt: float = 0.1
    obs_tol: float = 1e-3
    check_time: float | None = None
    average: int = 10
    t_max: float = 1e5
    max_wall_s: float = math.inf
    init_beta: float | None = None
    truncation: str = "qr"
    algorithm: str = "tebd"
    chi_start: int = 32
    max_sweeps: int = 20

    @property
    def gate_truncation(self) -> str:
        """The Truncation method a run starts with: "qr" for "qr-svd" (which switches to
        "svd" at the QR noise floor, lindbath.mps.steady._relax)."""
        return self.truncation.split("-")[0]

    def checked(self, chain: Chain, baths: Sequence[Bath]) -> SteadySettings:
        """Validated copy with check_time (default N/4, at least 2) and init_beta (default:
        mean bath beta) filled in; raises InputError naming the bad key."""
        for name in ("dt", "min_dt", "obs_tol", "t_max"):
            validation.real(name, getattr(self, name), 0.0, strict=True)
        if not float(self.max_wall_s) > 0:  # may be inf
            raise InputError(f"max_wall_s must be > 0; got {self.max_wall_s}")
        validation.integer("average", self.average, minimum=2)
        validation.choice("algorithm", self.algorithm, ALGORITHMS)
        validation.choice("truncation", self.truncation, TRUNCATIONS)
        validation.integer("chi_start", self.chi_start, minimum=1)
        validation.integer("max_sweeps", self.max_sweeps, minimum=1)
        check_time = max(2.0, chain.N / 4) if self.check_time is None else self.check_time
        beta = np.mean([b.beta for b in baths]) if self.init_beta is None else self.init_beta
        return dataclasses.replace(
            self, check_time=validation.real("check_time", check_time, 0.0, strict=True),
            init_beta=validation.real("init_beta", beta, 0.0))


def settings_from(options: dict) -> SteadySettings:
    names = {f.name for f in dataclasses.fields(SteadySettings)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise InputError(f"unknown mps option(s) {unknown}; allowed: chi, cutoff, "
                         f"{', '.join(sorted(names))}")
    return SteadySettings(**options)
