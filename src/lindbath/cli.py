"""Command line: ``lindbath steady|thermal|reference|levels|correlation ...`` write one netCDF
file each.  Every argparse parser of the package lives here; nothing below imports this module.

Exit status (EXIT_HELP; one line on stderr, the traceback too with --debug): 0 success;
1 any unexpected error; 2 bad input (lindbath.errors.InputError), an unusable --out or a run
over --max-memory, found before any computation (no file written); 3 a solver failed
(lindbath.errors.SolverError, no file written) or, with --strict, the result is not
converged (the file is kept; without --strict a warning only); 130 interrupted (Ctrl-C).
Numbers are plain decimal literals (validation.NUMBER) within the limits below.  Files are
written atomically (io.write_netcdf).
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import sys
import traceback
from collections.abc import Callable, Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.spectra import goe_r, mean_gap_ratio
from lindbath.analysis.tables import reference_table
from lindbath.errors import InputError, SolverError
from lindbath.exact.correlation import EXACT_MAX_N as CORRELATION_MAX_N
from lindbath.exact.settings import SOLVERS
from lindbath.exact.thermal import EXACT_MAX_N as THERMAL_MAX_N
from lindbath.io import check_output_path, package_version, split_complex, write_netcdf
from lindbath.model.baths import Bath, check_baths, make_bath
from lindbath.model.chain import DEFAULTS, PARAMETERS, Chain
from lindbath.model.observables import SITE_OBSERVABLES
from lindbath.model.uniqueness import check_unique_steady_state
from lindbath.mps.purification import DEFAULT_DTAU, MAX_STEPS
from lindbath.mps.purification import MAX_N as PURIFICATION_MAX_N
from lindbath.mps.settings import ALGORITHMS
from lindbath.resources import estimate_memory_bytes, physical_memory_bytes
from lindbath.solve import METHODS, correlation, steady_state, thermal_state

__all__ = ["COMMANDS", "DEFAULT_MAX_WALL_S", "EXIT_BAD_INPUT", "EXIT_ERROR", "EXIT_HELP",
           "EXIT_INTERRUPTED", "EXIT_SOLVER", "EXIT_UNCONVERGED", "build_parser", "main",
           "parse_betas", "unconverged"]

EXIT_ERROR, EXIT_BAD_INPUT, EXIT_UNCONVERGED, EXIT_INTERRUPTED = 1, 2, 3, 130
EXIT_SOLVER = EXIT_UNCONVERGED  # no converged result: the solver failed or did not converge
VALUE_MAX = 1e6  # largest |J|, |Delta|, |hx|, |hz|, beta, gamma, --t-max, --gamma-evolve
EXIT_HELP = ("exit status: 0 done; 1 unexpected error (--debug: with its traceback);\n"
             "2 bad input, unusable --out or over --max-memory (nothing computed or written);\n"
             "3 solver failed (nothing written) or, with --strict, result not converged (file "
             "written);\n130 interrupted.  Numbers are plain decimal literals (0.5, 1e-3, no "
             "'1_0');\n|J|, |Delta|, |hx|, |hz|, beta, gamma, --t-max and --gamma-evolve are "
             f"at most {VALUE_MAX:g}.")
TIMES_MAX = 100_000  # largest --num-times
BETAS_MAX = 10_000  # largest NUM of --betas START:STOP:NUM
GOE_SIZE_MAX, GOE_SAMPLES_MAX = 5000, 1000  # largest --goe-size, --goe-samples
SEED_MAX = 2**32 - 1  # largest --seed
DEFAULT_MAX_WALL_S = 3600.0  # --max-wall of method mps: one hour unless told otherwise
MEMORY_FRACTION = 0.75  # default --max-memory: this fraction of the physical memory
EXACT_LIMIT_N = 20  # beyond this no exact route fits any machine (4^20 doubles = 8 TiB)
# commands whose exact route has its own limit on N (checked by exact_size, naming the flag)
OWN_LIMITS = {"thermal": THERMAL_MAX_N, "reference": THERMAL_MAX_N,
              "correlation": CORRELATION_MAX_N}
# purification (thermal, reference --method mps): longest chain and largest beta
MPS_LIMITS = {"thermal": PURIFICATION_MAX_N, "reference": PURIFICATION_MAX_N}
PURIFICATION_MAX_BETA = MAX_STEPS * DEFAULT_DTAU


def number(text: str) -> float:
    """argparse type of the real options: a finite plain decimal literal (validation.real);
    argparse reports a failure as 'argument --X: invalid number value'."""
    return validation.real("value", text)


def integer(text: str) -> int:
    """argparse type of the integer options: a plain literal (int() would read '1_0')."""
    return validation.integer("value", text, minimum=-(2**63))


def parse_bath(text: str) -> Bath:
    """'KIND,EDGE,BETA,GAMMA[,TARGET]', e.g. 'db,left,0.5,1' -> Bath, beta and gamma at
    most VALUE_MAX; InputError naming --bath."""
    parts = text.split(",")
    if len(parts) not in (4, 5):
        raise InputError(f"--bath must be KIND,EDGE,BETA,GAMMA[,TARGET]; got {text!r}")
    kind, edge, beta, gamma, *target = parts
    options = {"target": target[0]} if target else {}
    try:
        bath = make_bath(kind, edge, beta, gamma, **options)
        validation.real("beta", bath.beta, maximum=VALUE_MAX)
        validation.real("gamma", bath.gamma, maximum=VALUE_MAX)
    except ValueError as error:  # Bath checks only its arguments: bad input whatever its class
        raise InputError(f"--bath {text!r}: {error}") from None
    return bath


def baths_from(args: argparse.Namespace, chain: Chain) -> list[Bath]:
    """The --bath options, checked against ``chain`` (check_baths, a unique steady state)
    before any work; InputError naming --bath."""
    baths = [parse_bath(text) for text in args.bath]
    try:
        check_baths(chain, baths)
        check_unique_steady_state(chain, baths)
    except ValueError as error:  # both are input checks, whatever the class of their error
        raise InputError(f"--bath: {error}") from None
    return baths


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--out, --strict and --max-memory, shared by every command."""
    parser.add_argument("--out", required=True,
                        help="netCDF file to write (a new file or a writable regular file "
                             "to replace, which keeps its mode)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 3 if the result is not converged (the file is "
                             "still written); default: a warning on stderr")
    parser.add_argument("--max-memory", type=number, default=None, metavar="GIB",
                        help="refuse (exit 2) a run whose estimated peak memory exceeds this "
                             f"many GiB (default: {MEMORY_FRACTION:.0%}% of physical memory; "
                             "method exact only)")


def add_parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """J, Delta, hx, hz of [P] Eq. 1 (defaults: lindbath.model.chain.DEFAULTS) and the
    output options."""
    for name in PARAMETERS:
        parser.add_argument(f"--{name}", type=number, default=DEFAULTS[name],
                            help=f"default {DEFAULTS[name]}")
    add_output_arguments(parser)


def add_chain_arguments(parser: argparse.ArgumentParser) -> None:
    """--N and the chain parameters of add_parameter_arguments."""
    parser.add_argument("--N", type=integer, required=True, help="chain length (>= 2)")
    add_parameter_arguments(parser)


def add_bath_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Repeatable --bath KIND,EDGE,BETA,GAMMA[,TARGET] (parse_bath)."""
    parser.add_argument("--bath", action="append", required=True, metavar="KIND,EDGE,BETA,GAMMA",
                        help=help_text)


def add_mps_arguments(parser: argparse.ArgumentParser, evolution: bool = True) -> None:
    """Options of method "mps" (lindbath.mps), refused with method "exact": bond dimension,
    and for evolutions to the steady state the observable tolerance and the wall-clock
    limit; unset, the solver's defaults apply (wall clock: DEFAULT_MAX_WALL_S)."""
    parser.add_argument("--chi", type=integer, default=None,
                        help="bond dimension (method mps; default: the solver's)")
    if evolution:
        parser.add_argument("--obs-tol", type=number, default=None,
                            help="tolerance of the observables, in (0, 1] (method mps; "
                                 "default: the solver's)")
        parser.add_argument("--max-wall", type=number, default=None, metavar="SECONDS",
                            help="wall-clock limit of the evolution to the steady state "
                                 f"(method mps; default {DEFAULT_MAX_WALL_S:g} s); when it "
                                 "is reached the unconverged result is written with its "
                                 "diagnostics")


MPS_OPTIONS = {"chi": "--chi", "obs_tol": "--obs-tol", "max_wall": "--max-wall",
               "algorithm": "--algorithm"}


def mps_options(args: argparse.Namespace) -> dict:
    """The add_mps_arguments options as solver keywords, checked under their flag names
    (empty with method exact; given there, they are refused)."""
    given = {key: getattr(args, key, None) for key in MPS_OPTIONS}
    given = {key: value for key, value in given.items() if value is not None}
    if args.method != "mps":
        if given:
            names = ", ".join(MPS_OPTIONS[key] for key in given)
            raise InputError(f"--method {args.method} does not take {names} (options of "
                             "--method mps)")
        return {}
    if "chi" in given:
        validation.integer("--chi", given["chi"], minimum=1)
    if "obs_tol" in given:
        validation.real("--obs-tol", given["obs_tol"], 0.0, strict=True, maximum=1.0)
    if hasattr(args, "max_wall"):  # the evolutions to a steady state
        wall = given.pop("max_wall", DEFAULT_MAX_WALL_S)
        given["max_wall_s"] = validation.real("--max-wall", wall, 0.0, strict=True)
    return given


def parameters(args: argparse.Namespace) -> dict[str, float]:
    """J, Delta, hx, hz, each checked to be at most VALUE_MAX in size (InputError naming
    the flag)."""
    return {name: validation.real(f"--{name}", getattr(args, name), -VALUE_MAX,
                                  maximum=VALUE_MAX) for name in PARAMETERS}


def exact_size(args: argparse.Namespace, name: str, N: int) -> int:
    """``N`` if it is an integer >= 2 and within the command's own limit for its method
    (exact: OWN_LIMITS, mps: MPS_LIMITS); else InputError naming it ``name``."""
    N = validation.integer(name, N, minimum=2)
    method = getattr(args, "method", "exact")
    limit = (OWN_LIMITS if method == "exact" else MPS_LIMITS).get(args.command, N)
    if N > limit:
        raise InputError(f"{name} must be an integer >= 2 and <= {limit} for {args.command} "
                         f"--method {method}; got {N}")
    return N


def purification_beta(args: argparse.Namespace, name: str, beta: float) -> float:
    """``beta``, refused (InputError naming ``name``) above PURIFICATION_MAX_BETA (MAX_STEPS
    steps of DEFAULT_DTAU) with method mps."""
    if args.method == "mps" and beta > PURIFICATION_MAX_BETA:
        raise InputError(f"{name} must be <= {PURIFICATION_MAX_BETA:g} with --method mps "
                         f"({MAX_STEPS} purification steps of {DEFAULT_DTAU:g}); got {beta:g}")
    return beta


def chain_from(args: argparse.Namespace) -> Chain:
    """The Chain named by parsed arguments, checked under the flag names (exact_size,
    parameters)."""
    return Chain(exact_size(args, "--N", args.N), **parameters(args))


Runner = Callable[[argparse.Namespace], xr.Dataset]


def _steady(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    add_bath_argument(parser, "repeatable; KIND in db|fr|local|davies, EDGE in left|right, "
                      "optional 5th field TARGET in bond|reduced_edge|reduced_bulk (db, fr)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    parser.add_argument("--solver", default=None, choices=SOLVERS,
                        help="method exact (default: auto)")
    parser.add_argument("--tol", type=number, default=None,
                        help="Krylov relative tolerance, in (0, 1] (method exact; default "
                             "1e-12)")
    add_mps_arguments(parser)
    parser.add_argument("--algorithm", default=None, choices=ALGORITHMS,
                        help="method mps: tebd (real-time evolution, default) or variational "
                             "(sweeps at chi 32, 64, .. --chi; no time step, deterministic)")

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain = chain_from(args)
        baths = baths_from(args, chain)
        options = mps_options(args)  # refuses them with method exact
        exact = {key: getattr(args, key) for key in ("solver", "tol")
                 if getattr(args, key) is not None}
        if args.method == "mps" and exact:
            raise InputError("--method mps does not take --solver or --tol (options of "
                             "--method exact)")
        if "tol" in exact:
            validation.real("--tol", exact["tol"], 0.0, strict=True, maximum=1.0)
        options = options or exact
        return steady_state(chain, baths, args.method, **options).to_dataset()

    return run


def _thermal(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    parser.add_argument("--beta", type=number, required=True,
                        help="inverse temperature (>= 0)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, evolution=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        beta = validation.real("--beta", args.beta, 0.0, maximum=VALUE_MAX)
        purification_beta(args, "--beta", beta)
        state = thermal_state(chain_from(args), beta, args.method, **mps_options(args))
        return state.to_dataset()

    return run


def parse_betas(items: Sequence[str]) -> np.ndarray:
    """CLI beta grid: 'START:STOP:NUM' (numpy.linspace, endpoints included, NUM at most
    BETAS_MAX) or a list of values; every beta in [0, VALUE_MAX].  Errors name --betas."""
    if len(items) == 1 and ":" in items[0]:
        parts = items[0].split(":")
        if len(parts) != 3:
            raise InputError(f"--betas must be START:STOP:NUM or a list; got {items[0]!r}")
        start = validation.real("START of --betas", parts[0], 0.0, maximum=VALUE_MAX)
        stop = validation.real("STOP of --betas", parts[1], 0.0, maximum=VALUE_MAX)
        num = validation.integer("NUM of --betas", validation.real("NUM of --betas", parts[2]),
                                 minimum=1, maximum=BETAS_MAX)
        return np.linspace(start, stop, num)
    return np.array([validation.real("--betas", b, 0.0, maximum=VALUE_MAX) for b in items])


def _reference(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath reference``: the reference table of one Hamiltonian as netCDF."""
    add_parameter_arguments(parser)
    parser.add_argument("--lengths", type=integer, nargs="+", required=True,
                        help="N_ref values")
    parser.add_argument("--betas", nargs="+", required=True,
                        help="START:STOP:NUM (linspace) or a list of values, all >= 0")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, evolution=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        lengths = [exact_size(args, "--lengths: N_ref", n) for n in args.lengths]
        betas = parse_betas(args.betas)
        purification_beta(args, "--betas", float(betas.max()))
        return reference_table(parameters(args), lengths, betas, args.method,
                               **mps_options(args))

    return run


def _levels(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath levels``: symmetry-resolved <r> of the chain, with Poisson and GOE references."""
    add_chain_arguments(parser)
    parser.add_argument("--middle-fraction", type=number, default=1.0,
                        help="keep this middle fraction, in (0, 1], of each sector's spectrum "
                             "(default 1)")
    parser.add_argument("--no-resolve", action="store_true",
                        help="do not resolve symmetries (one sector: the whole spectrum)")
    parser.add_argument("--goe-size", type=integer, default=1000,
                        help=f"GOE matrix size, 3..{GOE_SIZE_MAX} (1000)")
    parser.add_argument("--goe-samples", type=integer, default=10,
                        help=f"GOE samples, 1..{GOE_SAMPLES_MAX} (10)")
    parser.add_argument("--seed", type=integer, default=0,
                        help="GOE random seed, 0..2^32-1 (0)")

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain = chain_from(args)
        fraction = validation.real("--middle-fraction: middle_fraction", args.middle_fraction,
                                   0.0, strict=True, maximum=1.0)
        validation.integer("--goe-size", args.goe_size, minimum=3, maximum=GOE_SIZE_MAX)
        validation.integer("--goe-samples", args.goe_samples, minimum=1,
                           maximum=GOE_SAMPLES_MAX)
        validation.integer("--seed", args.seed, minimum=0, maximum=SEED_MAX)
        ds = mean_gap_ratio(chain, fraction, not args.no_resolve)
        goe = goe_r(args.goe_size, args.goe_samples, args.middle_fraction, args.seed)
        return ds.assign_attrs(goe_r=goe, goe_size=args.goe_size, goe_samples=args.goe_samples,
                               goe_seed=args.seed)

    return run


def _correlation(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath correlation``: C(t) on t = linspace(0, t_max, num_times), stored with
    split_complex (variables connected_real/imag, full_real/imag)."""
    add_chain_arguments(parser)
    add_bath_argument(parser, "repeatable; the study uses one left bath, e.g. db,left,0.5,1")
    parser.add_argument("--t-max", type=number, required=True, help="last time of the grid")
    parser.add_argument("--num-times", type=integer, default=201,
                        help=f"grid points, 1..{TIMES_MAX} (default 201)")
    parser.add_argument("--observable", default="sz", choices=SITE_OBSERVABLES)
    parser.add_argument("--site", type=integer, default=None,
                        help="site 1..N, as in the datasets' site coordinate (default N)")
    parser.add_argument("--gamma-evolve", type=number, default=None,
                        help="gamma' of every bath during the evolution (default: unchanged)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain = chain_from(args)
        baths = baths_from(args, chain)
        site = chain.N if args.site is None else args.site
        site = validation.integer("--site", site, minimum=1, maximum=chain.N)
        num = validation.integer("--num-times", args.num_times, minimum=1, maximum=TIMES_MAX)
        t_max = validation.real("--t-max", args.t_max, 0.0, strict=num > 1, maximum=VALUE_MAX)
        gamma = args.gamma_evolve
        if gamma is not None:
            validation.real("--gamma-evolve", gamma, 0.0, maximum=VALUE_MAX)
        ds = correlation(chain, baths, np.linspace(0.0, t_max, num), args.observable,
                         site - 1, gamma, args.method, **mps_options(args))
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
    """Refuse (InputError naming N, the estimate and the limit) an exact run whose
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
        raise InputError(f"N={N} is beyond the exact method (N <= {EXACT_LIMIT_N}; the "
                         f"estimated memory is {_gib(estimate_memory_bytes(args.command, N))})"
                         "; use --method mps where the command has it")
    solver = getattr(args, "solver", None) or ""
    variant = "no-resolve" if getattr(args, "no_resolve", False) else solver
    grid = {"betas": parse_betas(args.betas).size, "lengths": len(args.lengths)} \
        if args.command == "reference" else {}
    estimate = estimate_memory_bytes(args.command, N, variant, **grid)
    if limit and estimate > limit:
        raise InputError(f"N={N} needs an estimated {_gib(estimate)} of memory ({args.command},"
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
        epilog=EXIT_HELP)
    parser.add_argument("--version", action="version", version=f"lindbath {package_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of an error, not only its one-line message")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runners = {name: setup(sub.add_parser(
        name, help=help_text, description=help_text, epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter))
        for name, (help_text, setup) in COMMANDS.items()}
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lindbath`` command (exit statuses: module docstring)."""
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s %(message)s")
    try:
        return execute(args, runners[args.command])
    except KeyboardInterrupt:
        print(f"lindbath {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # every failure gets its one-line message and status
        if args.debug:
            traceback.print_exc()
        status, text = describe(error)
        print(f"lindbath {args.command}: {text}", file=sys.stderr)
        return status


def execute(args: argparse.Namespace, runner: Runner) -> int:
    """Check --out and the memory, run the command, write its file; the exit status (0, or
    EXIT_UNCONVERGED with --strict), or an exception for main to report."""
    if args.out == "-":
        raise InputError("--out: '-' would be a file named '-' (standard output is not "
                         "supported); name a file")
    try:
        check_output_path(args.out)
    except InputError as error:
        raise InputError(f"--out: {error}") from None
    check_memory(args)
    dataset = runner(args)
    write_netcdf(dataset, args.out)
    notes = unconverged(dataset)
    if notes:
        level = "error" if args.strict else "warning"
        print(f"lindbath {args.command}: {level}: result not converged ({'; '.join(notes)}); "
              f"written to {args.out}", file=sys.stderr)
        return EXIT_UNCONVERGED if args.strict else 0
    return 0


def describe(error: Exception) -> tuple[int, str]:
    """(exit status, one-line message) of an error that ended a command: InputError
    EXIT_BAD_INPUT, SolverError EXIT_SOLVER, anything else EXIT_ERROR with its class."""
    text = " ".join(str(error).split())
    if isinstance(error, InputError):
        return EXIT_BAD_INPUT, f"error: {text}"
    if isinstance(error, SolverError):
        return EXIT_SOLVER, f"solver failed: {text}"
    name = type(error).__name__
    return EXIT_ERROR, (f"unexpected error: {name}{': ' + text if text else ''} (rerun as "
                        "'lindbath --debug ...' for the traceback)")


if __name__ == "__main__":
    sys.exit(main())
