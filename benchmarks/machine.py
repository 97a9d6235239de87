"""What the benchmark scripts print about the machine they ran on (imported by them)."""

from __future__ import annotations

import importlib
import json
import os
import platform
from collections.abc import Callable


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def versions(peer: str, module: str) -> str:
    """'python ..., numpy ..., scipy ..., <peer> <version>' (peer: the compared package,
    imported as ``module``; 'not installed' when it is missing)."""
    found = {}
    for name in ("numpy", "scipy", module):
        try:
            found[name] = importlib.import_module(name).__version__
        except ImportError:
            found[name] = "not installed"
    return (f"python {platform.python_version()}, numpy {found['numpy']}, scipy "
            f"{found['scipy']}, {peer} {found[module]}")


def cores() -> str:
    """'<arch>, <n> cores'."""
    return f"{platform.machine()}, {os.cpu_count()} cores"


def header(problem: str, blas: str, load_at_start: str, peer: str, module: str) -> str:
    """The first lines of every benchmark table: the problem, the machine, the versions."""
    return (f"# {problem}\n# {cores()}, BLAS threads {blas}, load average at start "
            f"{load_at_start}\n# {versions(peer, module)}\n")


def serve_child(spec: str | None, child: Callable[[dict], None]) -> bool:
    """Run a benchmark's --child job (JSON ``spec``) in this process; False if there is none."""
    if not spec:
        return False
    child(json.loads(spec))
    return True
