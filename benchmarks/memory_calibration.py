"""Peak memory of ``lindbath`` commands against the estimate the command line refuses by
(lindbath.resources.estimate_memory_bytes, option --max-memory).

Each case runs ``python -m lindbath.cli ...`` under ``/usr/bin/time -v`` and reads its
"Maximum resident set size" (imports included).  Prints one row per case: command, N,
variant, measured peak MB, estimated MB, ratio estimate / measured, wall seconds.

    .venv/bin/python benchmarks/memory_calibration.py            # every case (~15 minutes)
    .venv/bin/python benchmarks/memory_calibration.py --quick    # N <= 8 only
    .venv/bin/python benchmarks/memory_calibration.py --command steady

Variant "transport": the default solver with baths at different temperatures (no mirror
symmetry: full-size blocks, single precision from N = 10).  Variant "grid": a reference
table over a long beta grid (its N: the longest of its lengths), for the grid term
reference_grid_bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

from machine import load

from lindbath.cli import parse_betas
from lindbath.resources import estimate_memory_bytes

BATHS = ["--bath", "db,left,0.5,1", "--bath", "db,right,0.5,1"]
TRANSPORT = ["--bath", "db,left,0.4,1", "--bath", "db,right,0.6,1"]  # no mirror symmetry
CASES = [  # (command, N, variant, extra arguments); direct N = 7 ran > 500 s, left out
    *[("steady", n, "auto", BATHS) for n in (6, 7, 8, 9, 10)],
    *[("steady", n, "transport", TRANSPORT) for n in (10, 11)],
    *[("steady", n, "direct", ["--solver", "direct", *BATHS]) for n in (5, 6)],
    *[("thermal", n, "", ["--beta", "0.5"]) for n in (10, 11, 12)],
    *[("levels", n, "", []) for n in (10, 12, 14)],
    *[("levels", n, "no-resolve", ["--no-resolve"]) for n in (12, 13)],
    *[("correlation", n, "", ["--t-max", "2", "--num-times", "5", "--bath", "db,left,0.5,1"])
      for n in (6, 7, 8)],
    *[("reference", (n,), "", ["--betas", "0:1:3"]) for n in (10, 12)],
    ("reference", (9,), "grid", ["--betas", "0:2:100001"]),
    ("reference", (4,), "grid", ["--betas", "0:2:1000001"]),
    ("reference", tuple(range(2, 10)), "grid", ["--betas", "0:2:100001"]),
]  # a reference case's N is its tuple of lengths


def sizes(command: str, n, extra: list[str]) -> tuple[list[str], int, dict]:
    """A case's size arguments, its N and its grid keywords of estimate_memory_bytes."""
    if command != "reference":
        return ["--N", str(n)], n, {}
    betas = parse_betas([extra[extra.index("--betas") + 1]]).size
    return ["--lengths", *map(str, n)], max(n), {"betas": betas, "lengths": len(n)}


def peak_rss_mb(command: list[str]) -> tuple[float, float]:
    """(peak resident set size in MB, wall seconds) of one command under /usr/bin/time -v."""
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True,
                         check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{run.stderr[-2000:]}")
    kbytes = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return int(kbytes.group(1)) / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N <= 8 only")
    parser.add_argument("--command", choices=sorted({case[0] for case in CASES}),
                        help="only the cases of this command")
    args = parser.parse_args()
    print(f"# load average {load()}, BLAS threads {os.environ.get('OPENBLAS_NUM_THREADS')}")
    print(f"{'command':<12} {'N':>3} {'variant':<10} {'peak MB':>8} {'estimate MB':>12} "
          f"{'est/peak':>8} {'wall s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for command, case_n, variant, extra in CASES:
            size, n, grid = sizes(command, case_n, extra)
            if (args.quick and n > 8) or args.command not in (None, command):
                continue
            argv = [sys.executable, "-m", "lindbath.cli", command, *size, *extra,
                    "--max-memory", "1e6", "--out", os.path.join(tmp, "out.nc")]
            peak, wall = peak_rss_mb(argv)
            estimate = estimate_memory_bytes(command, n, variant, **grid) / 2**20
            print(f"{command:<12} {n:>3} {variant:<10} {peak:>8.0f} {estimate:>12.0f} "
                  f"{estimate / peak:>8.2f} {wall:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
