"""Command line: ``lindbath steady|thermal|reference|levels|correlation ...`` write one netCDF
file each.  Every argparse parser of the package lives here; nothing below imports this module.

Bad input exits with status 2 and a one-line message before any computation; no file is
written unless the computation finished (io.write_netcdf is atomic).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

import numpy as np
import xarray as xr

from lindbath import validation
from lindbath.analysis.spectra import goe_r, mean_gap_ratio
from lindbath.analysis.tables import reference_table
from lindbath.exact.sparse import SOLVERS
from lindbath.io import split_complex, write_netcdf
from lindbath.model.baths import Bath
from lindbath.model.chain import DEFAULTS, PARAMETERS, Chain
from lindbath.model.observables import SITE_OBSERVABLES
from lindbath.solve import METHODS, correlation, steady_state, thermal_state


def parse_bath(text: str) -> Bath:
    """'KIND,EDGE,BETA,GAMMA[,TARGET]', e.g. 'db,left,0.5,1' -> Bath."""
    parts = text.split(",")
    if len(parts) not in (4, 5):
        raise ValueError(f"--bath must be KIND,EDGE,BETA,GAMMA[,TARGET]; got {text!r}")
    kind, edge, beta, gamma, *target = parts
    return Bath(kind, edge, beta, gamma, *target)


def add_parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """J, Delta, hx, hz of [P] Eq. 1 (defaults: lindbath.model.chain.DEFAULTS) and --out."""
    for name in PARAMETERS:
        parser.add_argument(f"--{name}", type=float, default=DEFAULTS[name],
                            help=f"default {DEFAULTS[name]}")
    parser.add_argument("--out", required=True, help="netCDF file to write")


def add_chain_arguments(parser: argparse.ArgumentParser) -> None:
    """--N and the chain parameters of add_parameter_arguments."""
    parser.add_argument("--N", type=int, required=True, help="chain length (>= 2)")
    add_parameter_arguments(parser)


def add_bath_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Repeatable --bath KIND,EDGE,BETA,GAMMA[,TARGET] (parse_bath)."""
    parser.add_argument("--bath", action="append", required=True, metavar="KIND,EDGE,BETA,GAMMA",
                        help=help_text)


def add_mps_arguments(parser: argparse.ArgumentParser, obs_tol: bool = True) -> None:
    """Options of method "mps" (lindbath.mps): bond dimension, and for evolutions
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
    add_bath_argument(parser, "repeatable; KIND in db|fr|local|davies, EDGE in left|right, "
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
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, obs_tol=False)

    def run(args: argparse.Namespace) -> xr.Dataset:
        state = thermal_state(chain_from(args), args.beta, args.method, **mps_options(args))
        return state.to_dataset()

    return run


def parse_betas(items: Sequence[str]) -> np.ndarray:
    """CLI beta grid: 'START:STOP:NUM' (numpy.linspace, endpoints included) or a list."""
    if len(items) == 1 and ":" in items[0]:
        parts = items[0].split(":")
        if len(parts) != 3:
            raise ValueError(f"--betas must be START:STOP:NUM or a list; got {items[0]!r}")
        num = validation.integer("NUM in --betas", float(parts[2]), minimum=1)
        return np.linspace(float(parts[0]), float(parts[1]), num)
    return np.array([validation.real("beta", b) for b in items])


def _reference(parser: argparse.ArgumentParser) -> Runner:
    """``lindbath reference``: the reference table of one Hamiltonian as netCDF."""
    add_parameter_arguments(parser)
    parser.add_argument("--lengths", type=int, nargs="+", required=True, help="N_ref values")
    parser.add_argument("--betas", nargs="+", required=True,
                        help="START:STOP:NUM (linspace) or a list of values")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser, obs_tol=False)

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
    parser.add_argument("--seed", type=int, default=0, help="GOE random seed (0)")

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain = chain_from(args)
        validation.integer("goe_size", args.goe_size, minimum=3)
        validation.integer("goe_samples", args.goe_samples, minimum=1)
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
    parser.add_argument("--site", type=int, default=-1, help="0-based, negative from the end")
    parser.add_argument("--gamma-evolve", type=float, default=None,
                        help="gamma' of every bath during the evolution (default: unchanged)")
    parser.add_argument("--method", default="exact", choices=METHODS)
    add_mps_arguments(parser)

    def run(args: argparse.Namespace) -> xr.Dataset:
        chain, baths = chain_from(args), [parse_bath(b) for b in args.bath]
        num = validation.integer("num_times", args.num_times, minimum=1)
        t_max = validation.real("t_max", args.t_max, 0.0, strict=num > 1)
        ds = correlation(chain, baths, np.linspace(0.0, t_max, num), args.observable,
                         args.site, args.gamma_evolve, args.method, **mps_options(args))
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
