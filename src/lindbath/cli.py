"""Command line: ``lindbath steady|thermal|reference|levels|correlation ...`` write one netCDF
file each.  Every argparse parser of the package lives here; nothing below imports this module.

Exit status: 0 success; 2 bad input, an unusable --out or a run over --max-memory, found
before any computation (one-line message on stderr, no file written); 3 with --strict when
the result is not converged (the file is kept; without --strict a warning only).  Files
are written atomically (io.write_netcdf).
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import sys
from collections.abc import Callable, Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.spectra import goe_r, mean_gap_ratio
from lindbath.analysis.tables import reference_table
from lindbath.exact.correlation import EXACT_MAX_N as CORRELATION_MAX_N
from lindbath.exact.sparse import SOLVERS
from lindbath.exact.thermal import EXACT_MAX_N as THERMAL_MAX_N
from lindbath.io import check_output_path, package_version, split_complex, write_netcdf
from lindbath.model.baths import Bath
from lindbath.model.chain import DEFAULTS, PARAMETERS, Chain
from lindbath.model.observables import SITE_OBSERVABLES
from lindbath.resources import estimate_memory_bytes, physical_memory_bytes
from lindbath.solve import METHODS, correlation, steady_state, thermal_state

EXIT_BAD_INPUT, EXIT_UNCONVERGED = 2, 3
DEFAULT_MAX_WALL_S = 3600.0  # --max-wall of method mps: one hour unless told otherwise
MEMORY_FRACTION = 0.75  # default --max-memory: this fraction of the physical memory
EXACT_LIMIT_N = 20  # beyond this no exact route fits any machine (4^20 doubles = 8 TiB)
# commands whose exact route has its own limit on N, named by its own message
OWN_LIMITS = {"thermal": THERMAL_MAX_N, "reference": THERMAL_MAX_N,
              "correlation": CORRELATION_MAX_N}


def parse_bath(text: str) -> Bath:
    """'KIND,EDGE,BETA,GAMMA[,TARGET]', e.g. 'db,left,0.5,1' -> Bath."""
    parts = text.split(",")
    if len(parts) not in (4, 5):
        raise ValueError(f"--bath must be KIND,EDGE,BETA,GAMMA[,TARGET]; got {text!r}")
    kind, edge, beta, gamma, *target = parts
    return Bath(kind, edge, beta, gamma, *target)


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--out, --strict and --max-memory, shared by every command."""
    parser.add_argument("--out", required=True,
                        help="netCDF file to write (a new file or a regular file to replace)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 3 if the result is not converged (the file is "
                             "still written); default: a warning on stderr")
    parser.add_argument("--max-memory", type=float, default=None, metavar="GIB",
                        help="refuse (exit 2) a run whose estimated peak memory exceeds this "
                             f"many GiB (default: {MEMORY_FRACTION:.0%}% of physical memory; "
                             "method exact only)")


def add_parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """J, Delta, hx, hz of [P] Eq. 1 (defaults: lindbath.model.chain.DEFAULTS) and the
    output options."""
    for name in PARAMETERS:
        parser.add_argument(f"--{name}", type=float, default=DEFAULTS[name],
                            help=f"default {DEFAULTS[name]}")
    add_output_arguments(parser)


def add_chain_arguments(parser: argparse.ArgumentParser) -> None:
    """--N and the chain parameters of add_parameter_arguments."""
    parser.add_argument("--N", type=int, required=True, help="chain length (>= 2)")
    add_parameter_arguments(parser)


def add_bath_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Repeatable --bath KIND,EDGE,BETA,GAMMA[,TARGET] (parse_bath)."""
    parser.add_argument("--bath", action="append", required=True, metavar="KIND,EDGE,BETA,GAMMA",
                        help=help_text)


def add_mps_arguments(parser: argparse.ArgumentParser, evolution: bool = True) -> None:
    """Options of method "mps" (lindbath.mps), refused with method "exact": bond dimension,
    and for evolutions to the steady state the observable tolerance and the wall-clock
    limit; unset, the solver's defaults apply (wall clock: DEFAULT_MAX_WALL_S)."""
    parser.add_argument("--chi", type=int, default=None,
                        help="bond dimension (method mps; default: the solver's)")
    if evolution:
        parser.add_argument("--obs-tol", type=float, default=None,
                            help="tolerance of the observables (method mps; default: the "
                                 "solver's)")
        parser.add_argument("--max-wall", type=float, default=None, metavar="SECONDS",
                            help="wall-clock limit of the evolution to the steady state "
                                 f"(method mps; default {DEFAULT_MAX_WALL_S:g} s); when it "
                                 "is reached the unconverged result is written with its "
                                 "diagnostics")


MPS_OPTIONS = {"chi": "--chi", "obs_tol": "--obs-tol", "max_wall": "--max-wall"}


def mps_options(args: argparse.Namespace) -> dict:
    """The add_mps_arguments options as solver keywords (empty with method exact; given
    there, they are refused)."""
    given = {key: getattr(args, key, None) for key in MPS_OPTIONS}
    given = {key: value for key, value in given.items() if value is not None}
    if args.method != "mps":
        if given:
            names = ", ".join(MPS_OPTIONS[key] for key in given)
            raise ValueError(f"--method {args.method} does not take {names} (options of "
                             "--method mps)")
        return {}
    if hasattr(args, "max_wall"):  # the evolutions to a steady state
        wall = given.pop("max_wall", DEFAULT_MAX_WALL_S)
        given["max_wall_s"] = validation.real("--max-wall", wall, 0.0, strict=True)
    return given


def chain_from(args: argparse.Namespace) -> Chain:
    """The Chain named by parsed arguments."""
    return Chain(args.N, args.J, args.Delta, args.hx, args.hz)


Runner = Callable[[argparse.Namespace], xr.Dataset]


def _steady(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    add_bath_argument(parser, "repeatable; KIND in db|fr|local|davies, EDGE in left|right, "
                      "optional 5th field TARGET in bond|reduced_edge|reduced_bulk")
    parser.add_argument("--method", default="exact", choices=METHODS)
    parser.add_argument("--solver", default="auto", choices=SOLVERS)
    parser.add_argument("--tol", type=float, default=1e-12,
                        help="Krylov relative tolerance (method exact)")
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain, baths = chain_from(args), [parse_bath(b) for b in args.bath]
        options = mps_options(args) or {"solver": args.solver, "tol": args.tol}
        if args.method == "mps" and (args.solver, args.tol) != ("auto", 1e-12):
            raise ValueError("--method mps does not take --solver or --tol (options of "
                             "--method exact)")
        return steady_state(chain, baths, args.method, **options).to_dataset()

    return run


def _thermal(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    parser.add_argument("--beta", type=float, required=True, help="inverse temperature (>= 0)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, evolution=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        state = thermal_state(chain_from(args), args.beta, args.method, **mps_options(args))
        return state.to_dataset()

    return run


def parse_betas(items: Sequence[str]) -> np.ndarray:
    """CLI beta grid: 'START:STOP:NUM' (numpy.linspace, endpoints included) or a list of
    values; every beta >= 0.  Errors name --betas."""
    if len(items) == 1 and ":" in items[0]:
        parts = items[0].split(":")
        if len(parts) != 3:
            raise ValueError(f"--betas must be START:STOP:NUM or a list; got {items[0]!r}")
        start = validation.real("START of --betas", parts[0], 0.0)
        stop = validation.real("STOP of --betas", parts[1], 0.0)
        num = validation.integer("NUM of --betas", validation.real("NUM of --betas", parts[2]),
                                 minimum=1)
        return np.linspace(start, stop, num)
    return np.array([validation.real("--betas", b, 0.0) for b in items])


def _reference(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath reference``: the reference table of one Hamiltonian as netCDF."""
    add_parameter_arguments(parser)
    parser.add_argument("--lengths", type=int, nargs="+", required=True, help="N_ref values")
    parser.add_argument("--betas", nargs="+", required=True,
                        help="START:STOP:NUM (linspace) or a list of values, all >= 0")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, evolution=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        params = {k: getattr(args, k) for k in PARAMETERS}
        return reference_table(params, args.lengths, parse_betas(args.betas), args.method,
                               **mps_options(args))

    return run


def _levels(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath levels``: symmetry-resolved <r> of the chain, with Poisson and GOE references."""
    add_chain_arguments(parser)
    parser.add_argument("--middle-fraction", type=float, default=1.0,
                        help="keep this middle fraction of each sector's spectrum (default 1)")
    parser.add_argument("--no-resolve", action="store_true",
                        help="do not resolve symmetries (one sector: the whole spectrum)")
    parser.add_argument("--goe-size", type=int, default=1000, help="GOE matrix size (1000)")
    parser.add_argument("--goe-samples", type=int, default=10, help="GOE samples (10)")
    parser.add_argument("--seed", type=int, default=0, help="GOE random seed, >= 0 (0)")

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain = chain_from(args)
        validation.integer("--goe-size", args.goe_size, minimum=3)
        validation.integer("--goe-samples", args.goe_samples, minimum=1)
        validation.integer("--seed", args.seed, minimum=0)
        ds = mean_gap_ratio(chain, args.middle_fraction, not args.no_resolve)
        goe = goe_r(args.goe_size, args.goe_samples, args.middle_fraction, args.seed)
        return ds.assign_attrs(goe_r=goe, goe_size=args.goe_size, goe_samples=args.goe_samples,
                               goe_seed=args.seed)

    return run


def _correlation(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath correlation``: C(t) on t = linspace(0, t_max, num_times), stored with
    split_complex (variables connected_real/imag, full_real/imag)."""
    add_chain_arguments(parser)
    add_bath_argument(parser, "repeatable; the study uses one left bath, e.g. db,left,0.5,1")
    parser.add_argument("--t-max", type=float, required=True, help="last time of the grid")
    parser.add_argument("--num-times", type=int, default=201, help="grid points (default 201)")
    parser.add_argument("--observable", default="sz", choices=SITE_OBSERVABLES)
    parser.add_argument("--site", type=int, default=None,
                        help="site 1..N, as in the datasets' site coordinate (default N)")
    parser.add_argument("--gamma-evolve", type=float, default=None,
                        help="gamma' of every bath during the evolution (default: unchanged)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain, baths = chain_from(args), [parse_bath(b) for b in args.bath]
        site = chain.N if args.site is None else args.site
        site = validation.integer("--site", site, minimum=1, maximum=chain.N)
        num = validation.integer("--num-times", args.num_times, minimum=1)
        t_max = validation.real("--t-max", args.t_max, 0.0, strict=num > 1)
        ds = correlation(chain, baths, np.linspace(0.0, t_max, num), args.observable,
                         site - 1, args.gamma_evolve, args.method, **mps_options(args))
        return split_complex(ds)

    return run


# name -> (help, setup); setup(parser) adds the arguments and returns run(args) -> Dataset.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], Runner]]] = {
    "steady": ("steady state of the chain with boundary baths", _steady),
    "thermal": ("thermal state exp(-beta H)/Z of the chain", _thermal),
    "reference": ("reference thermal tables over N_ref and beta ([P] Sec. IV.1)", _reference),
    "levels": ("symmetry-resolved level statistics <r> ([P] Sec. II)", _levels),
    "correlation": ("two-time correlation C(t) in the steady state ([P] Eq. 12)", _correlation),
}

def _gib(size: float) -> str:
    return f"{size / 2**30:.3g} GiB" if size < 2**80 else f"about 10^{math.log10(size):.0f} bytes"


def check_memory(args: argparse.Namespace) -> None:
    """Refuse (ValueError naming N, the estimate and the limit) an exact run whose
    estimate_memory_bytes exceeds --max-memory (default MEMORY_FRACTION of physical memory),
    or one on more than EXACT_LIMIT_N sites; N beyond a command's OWN_LIMITS is left to that
    command's own message."""
    if getattr(args, "method", "exact") != "exact":
        return
    N = max(args.lengths) if args.command == "reference" else args.N
    if not isinstance(N, int) or N < 2 or N > OWN_LIMITS.get(args.command, N):
        return  # the command's own checks name the problem
    if args.max_memory is None:
        limit, source = MEMORY_FRACTION * physical_memory_bytes(), \
            f"default: {MEMORY_FRACTION:.0%} of physical memory"
    else:
        limit, source = validation.real("--max-memory", args.max_memory, 0.0, True) * 2**30, \
            "--max-memory"
    if N > EXACT_LIMIT_N:
        raise ValueError(f"N={N} is beyond the exact method (N <= {EXACT_LIMIT_N}; the "
                         f"estimated memory is {_gib(estimate_memory_bytes(args.command, N))})"
                         "; use --method mps where the command has it")
    variant = "no-resolve" if getattr(args, "no_resolve", False) else getattr(args, "solver", "")
    grid = {"betas": parse_betas(args.betas).size, "lengths": len(args.lengths)} \
        if args.command == "reference" else {}
    estimate = estimate_memory_bytes(args.command, N, variant, **grid)
    if limit and estimate > limit:
        raise ValueError(f"N={N} needs an estimated {_gib(estimate)} of memory ({args.command},"
                         f" method exact), above the limit {_gib(limit)} ({source}); use a "
                         "smaller N, --method mps where the command has it, or --max-memory")


def unconverged(ds: xr.Dataset) -> list[str]:
    """'name = value' for every convergence flag of ``ds`` (attributes ``converged`` or
    ``*_converged``) that is 0, with the residual or error estimate and, for MPS runs
    stopped by their budget, that reason."""
    flags = [k for k, v in ds.attrs.items() if re.fullmatch(r"(.*_)?converged", k) and v == 0]
    if not flags:
        return []
    notes = [f"{k} = 0" for k in flags]
    notes += [f"{k} = {ds.attrs[k]:.3g}" for k in ("residual", "diag_steady_residual",
                                                    "steady_residual") if k in ds.attrs]
    if any(ds.attrs.get(k) == 0 for k in ("diag_finished", "diag_steady_finished")):
        notes.append("time budget (--max-wall or t_max) exhausted")
    return notes


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose 'expected one argument' errors say how to pass a value that
    starts with '-' (e.g. --betas=-1:1:3)."""

    def error(self, message: str):
        option = re.match(r"argument (--[\w-]+)(/[^:]*)?: expected", message)
        if option:
            message += f" (a value starting with '-' must be attached: {option.group(1)}=VALUE)"
        super().error(message)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Runner]]:
    """The ``lindbath`` parser and the runner of each command."""
    parser = _Parser(
        prog="lindbath", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Boundary-driven spin chains: each command writes one netCDF file. "
                    "Run 'lindbath COMMAND --help' for its options.",
        epilog="exit status: 0 done; 2 bad input, unusable --out or over --max-memory "
               "(nothing written);\n3 result not converged with --strict (file written).")
    parser.add_argument("--version", action="version", version=f"lindbath {package_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runners = {name: setup(sub.add_parser(name, help=help_text, description=help_text))
               for name, (help_text, setup) in COMMANDS.items()}
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lindbath`` command (exit statuses: module docstring)."""
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s %(message)s")
    try:
        try:
            check_output_path(args.out)
        except ValueError as error:
            raise ValueError(f"--out: {error}") from None
        check_memory(args)
        dataset = runners[args.command](args)
    except ValueError as error:
        print(f"lindbath {args.command}: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    write_netcdf(dataset, args.out)
    notes = unconverged(dataset)
    if notes:
        level = "error" if args.strict else "warning"
        print(f"lindbath {args.command}: {level}: result not converged ({'; '.join(notes)}); "
              f"written to {args.out}", file=sys.stderr)
        return EXIT_UNCONVERGED if args.strict else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
