"""Command line: ``lindbath steady ...`` and ``lindbath thermal ...`` write one netCDF file each.

Bad input exits with status 2 and a one-line message before any computation; no file is
written unless the computation finished (io.write_netcdf is atomic).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

import xarray as xr

from lindbath.baths import Bath
from lindbath.correlations import setup_correlation
from lindbath.hamiltonians import Chain
from lindbath.io import write_netcdf
from lindbath.liouvillian import METHODS, SOLVERS, steady_state
from lindbath.spectra import setup_levels
from lindbath.tables import setup_reference
from lindbath.thermal import METHODS as THERMAL_METHODS
from lindbath.thermal import thermal_state


def parse_bath(text: str) -> Bath:
    """'KIND,EDGE,BETA,GAMMA[,TARGET]', e.g. 'db,left,0.5,1' -> Bath."""
    parts = text.split(",")
    if len(parts) not in (4, 5):
        raise ValueError(f"--bath must be KIND,EDGE,BETA,GAMMA[,TARGET]; got {text!r}")
    kind, edge, beta, gamma, *target = parts
    return Bath(kind, edge, beta, gamma, *target)


def add_chain_arguments(parser: argparse.ArgumentParser) -> None:
    """Chain parameters of seed 003, Eq. 1 (defaults: the XXZ chain with both fields)."""
    parser.add_argument("--N", type=int, required=True, help="chain length (>= 2)")
    for name, default in (("J", 1.0), ("Delta", 0.5), ("hx", 0.6), ("hz", 0.4)):
        parser.add_argument(f"--{name}", type=float, default=default, help=f"default {default}")
    parser.add_argument("--out", required=True, help="netCDF file to write")


def add_mps_arguments(parser: argparse.ArgumentParser, obs_tol: bool = True) -> None:
    """Options of method "mps" (lindbath.tensor_networks): bond dimension, and for evolutions
    to the steady state the observable tolerance; unset, the solver's defaults apply."""
    parser.add_argument("--chi", type=int, default=None,
                        help="bond dimension (method mps; default: the solver's)")
    if obs_tol:
        parser.add_argument("--obs-tol", type=float, default=None,
                            help="tolerance of the observables (method mps; default: the "
                                 "solver's)")


def mps_options(args: argparse.Namespace) -> dict:
    """The add_mps_arguments options that were given, as keyword arguments (empty unless
    --method mps)."""
    if args.method != "mps":
        return {}
    given = {"chi": args.chi, "obs_tol": getattr(args, "obs_tol", None)}
    return {key: value for key, value in given.items() if value is not None}


def chain_from(args: argparse.Namespace) -> Chain:
    """The Chain named by parsed arguments."""
    return Chain(args.N, args.J, args.Delta, args.hx, args.hz)


Runner = Callable[[argparse.Namespace], xr.Dataset]


def _steady(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    parser.add_argument("--bath", action="append", required=True, metavar="KIND,EDGE,BETA,GAMMA",
                        help="repeatable; KIND in db|fr|local|davies, EDGE in left|right, "
                        "optional 5th field TARGET in bond|reduced_edge|reduced_bulk")
    parser.add_argument("--method", default="exact", choices=METHODS)
    parser.add_argument("--solver", default="auto", choices=SOLVERS)
    parser.add_argument("--tol", type=float, default=1e-12,
                        help="Krylov relative tolerance (method exact)")
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain, baths = chain_from(args), [parse_bath(b) for b in args.bath]
        options = mps_options(args) if args.method == "mps" else {"solver": args.solver,
                                                                  "tol": args.tol}
        return steady_state(chain, baths, args.method, **options).to_dataset()

    return run


def _thermal(parser: argparse.ArgumentParser) -> Runner:
    add_chain_arguments(parser)
    parser.add_argument("--beta", type=float, required=True, help="inverse temperature (>= 0)")
    parser.add_argument("--method", default="exact", choices=THERMAL_METHODS)
    add_mps_arguments(parser, obs_tol=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        state = thermal_state(chain_from(args), args.beta, args.method, **mps_options(args))
        return state.to_dataset()

    return run


# name -> (help, setup); setup(parser) adds the arguments and returns run(args) -> Dataset.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], Runner]]] = {
    "steady": ("steady state of the chain with boundary baths", _steady),
    "thermal": ("thermal state exp(-beta H)/Z of the chain", _thermal),
    "reference": ("reference thermal tables over N_ref and beta (seed 003, Sec. IV.1)",
                  setup_reference),
    "levels": ("symmetry-resolved level statistics <r> (seed 003, Sec. II)", setup_levels),
    "correlation": ("two-time correlation C(t) in the steady state (seed 003, Eq. 12)",
                    setup_correlation),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lindbath`` command."""
    parser = argparse.ArgumentParser(prog="lindbath", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True)
    runners = {}
    for name, (help_text, setup) in COMMANDS.items():
        runners[name] = setup(sub.add_parser(name, help=help_text))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s %(message)s")
    try:
        dataset = runners[args.command](args)
    except ValueError as error:
        print(f"lindbath {args.command}: error: {error}", file=sys.stderr)
        return 2
    write_netcdf(dataset, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
