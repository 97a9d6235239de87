"""Thermal reference tables by purification: lindbath against TeNPy, side by side.

One run computes <sigma^x_l>, <sigma^z_l> and <sigma^z_l sigma^z_l+1> of exp(-beta H)/Z over a
beta grid with our Pauli-basis purification (lindbath.mps.purification.mps_thermal_table:
sigma = exp(-beta H/2) evolved, <O> = Tr(sigma O sigma)/Tr(sigma^2)) and
with TeNPy's purification TEBD (tenpy.algorithms.purification.PurificationTEBD on a
PurificationMPS, ``run_imaginary``), on the chain of docs/conventions.md,

    H = sum_l [J (sx sx + sy sy) + Delta sz sz]_{l,l+1} + sum_l (hx sx_l + hz sz_l),
    J=1, Delta=0.5, hx=0.6, hz=0.4 (Pauli matrices),

and prints one markdown table: code, N, chi, Trotter order and step, wall and CPU time of the
run (imports excluded), peak memory, the largest difference over the beta grid of the middle
site (N+1)//2 <sz>, <sx> and the middle bond N//2 <szsz>, and the largest of the three at the
last beta: at each --N against a reference run of ours at --ref-chi (order --ref-order, step
--ref-dtau), and of each code to exact diagonalization (lindbath.reference_table) at --small-N.
Our rows: every --orders x --dtaus pair; TeNPy: one row (step --tenpy-dtau).

    .venv/bin/python benchmarks/bench_tenpy.py        # N 32 and 64, chi 128 (ref 256), 0:2:21
    .venv/bin/python benchmarks/bench_tenpy.py --N 12 --chi 32 --ref-chi 64 --small-N 8

Every row runs in its own subprocess with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS =
MKL_NUM_THREADS = 1 (set here before numpy is imported and inherited by the children), so
both codes get one core.  Peak memory is the child's ru_maxrss (its high-water resident set,
imports included); the RSS after the imports is printed next to it, their difference is what
the run itself added.

Unit conventions.  TeNPy's spin-1/2 operators are S = sigma/2, and its SpinChain is
H = sum Jx Sx Sx + Jy Sy Sy + Jz Sz Sz - sum (hx Sx + hz Sz), so our H is SpinChain with
Jx = Jy = 4 J, Jz = 4 Delta, hx -> -2 hx, hz -> -2 hz; its values are converted back by
<sigma> = 2 <S>, <sigma sigma> = 4 <S S>.  A purification |psi> with rho = Tr_aux |psi><psi|
needs |psi(beta)> = exp(-beta H / 2) |psi(0)>, and ``run_imaginary(b)`` applies exp(-b H), so
TeNPy is run to beta/2 (checked against exact diagonalization at --small-N).  Steps: ours
advances sigma = exp(-beta H/2) by dtau in beta per step (exp(-dtau H/4) on each side);
TeNPy takes dt = dtau/2 on the purification, the same number of steps per unit beta.
TeNPy's imaginary-time purification is second order only (``update_imag``: a right and a
left sweep of exp(-dt H_b / 2) gates); ours is fourth order (Forest-Ruth) by default,
--orders 2 adds second-order rows.
Truncation: both keep at most chi states and drop the smallest Schmidt values whose summed
squared weight stays below ``cutoff``; TeNPy's trunc_cut bounds the discarded norm, so it is
sqrt(cutoff).  The Schmidt values are those of exp(-beta H/2) for both: sigma in the Pauli
basis for ours, the purification for TeNPy.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import machine  # noqa: E402
import numpy as np  # noqa: E402

PARAMS = {"J": 1.0, "Delta": 0.5, "hx": 0.6, "hz": 0.4}
NAMES = ("sz", "sx", "szsz")
RESULT = "RESULT "


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _steps(betas: np.ndarray, dtau: float) -> list[tuple[int, float]]:
    """(steps, step) for each interval of the grid from beta = 0: same rule as ours."""
    out, tau = [], 0.0
    for beta in betas:
        span = beta - tau
        steps = math.ceil(span / dtau - 1e-9) if span > 0 else 0
        out.append((steps, span / steps if steps else 0.0))
        tau = beta
    return out


def run_lindbath(spec: dict) -> dict:
    import lindbath as lb
    from lindbath.mps.purification import mps_thermal_table

    chain, rss = lb.Chain(spec["N"], **PARAMS), _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    table = mps_thermal_table(chain, spec["betas"], chi=spec["chi"], dtau=spec["dtau"],
                              cutoff=spec["cutoff"], order=spec["order"],
                              truncation=spec["truncation"])
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "rss_imports": rss,
            "max_bond": int(table.attrs["max_bond"]), "evolved": table.attrs["evolved"],
            **{name: table[name].values.tolist() for name in NAMES}}


def tenpy_model(N: int):
    """Our chain as TeNPy's SpinChain (S = sigma/2, fields with TeNPy's minus sign)."""
    from tenpy.models.spins import SpinChain

    J, Delta, hx, hz = (PARAMS[k] for k in ("J", "Delta", "hx", "hz"))
    return SpinChain({"L": N, "S": 0.5, "conserve": None, "bc_MPS": "finite",
                      "Jx": 4 * J, "Jy": 4 * J, "Jz": 4 * Delta, "hx": -2 * hx, "hy": 0.0,
                      "hz": -2 * hz})


def _tenpy_values(psi, N: int) -> dict[str, np.ndarray]:
    """sx, sy, sz per site and sxsx, sysy, szsz per bond in Pauli units (same set as ours)."""
    out = {f"s{a}": 2 * np.real(psi.expectation_value(f"S{a}")) for a in "xyz"}
    for a in "xyz":
        op = f"S{a}"
        out[f"s{a}s{a}"] = 4 * np.real(np.array(
            [psi.expectation_value_multi_sites([op, op], i) for i in range(N - 1)]))
    return out


def run_tenpy(spec: dict) -> dict:
    from tenpy.algorithms.purification import PurificationTEBD
    from tenpy.networks.purification_mps import PurificationMPS

    N, rss = spec["N"], _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    model = tenpy_model(N)
    psi = PurificationMPS.from_infiniteT(model.lat.mps_sites(), bc="finite")
    trunc = {"chi_max": spec["chi"], "trunc_cut": math.sqrt(spec["cutoff"]), "svd_min": 1e-14}
    engine = PurificationTEBD(psi, model, {"trunc_params": trunc, "dt": spec["dtau"] / 2})
    values = []
    for steps, step in _steps(np.asarray(spec["betas"]), spec["dtau"]):
        if steps:
            engine.options["dt"] = step / 2  # purification: exp(-step H/2) per step
            engine.run_imaginary(steps * step / 2)
        values.append(_tenpy_values(psi, N))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "rss_imports": rss, "max_bond": int(max(psi.chi)),
            "beta_evolved": float(-2 * engine.evolved_time.imag),
            **{name: [v[name].tolist() for v in values] for name in NAMES}}


def run_exact(spec: dict) -> dict:
    import lindbath as lb

    rss = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    table = lb.reference_table(PARAMS, [spec["N"]], spec["betas"])
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "rss_imports": rss, "max_bond": None,
            **{name: table[name].values[0].tolist() for name in NAMES}}


def child(spec: dict) -> None:
    result = {"lindbath": run_lindbath, "tenpy": run_tenpy, "exact": run_exact}[spec["code"]](
        spec)
    result["rss_peak"] = _rss_mb()
    print(RESULT + json.dumps(result), flush=True)


def launch(spec: dict, limit: float) -> dict:
    """One row in a fresh subprocess (BLAS threads 1 inherited from this process)."""
    command = [sys.executable, os.path.abspath(__file__), "--child", json.dumps(spec)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout >{limit:g} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith(RESULT)]
    if proc.returncode != 0 or not lines:
        return {"status": "failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:80]}
    result = json.loads(lines[-1][len(RESULT):])
    evolved = result.get("beta_evolved", spec["betas"][-1])
    result["status"] = "ok" if abs(evolved - spec["betas"][-1]) < 1e-9 else (
        f"evolved to beta {evolved:g}")
    return result


def middle(values: list, name: str, N: int) -> np.ndarray:
    """Column of the middle site (N+1)//2 or middle bond N//2 (1-based) over beta."""
    position = N // 2 if name == "szsz" else (N + 1) // 2
    return np.asarray(values)[:, position - 1]


def differences(row: dict, ref: dict, N: int) -> list[float | None]:
    """Largest |row - ref| over the grid of each of NAMES, then the largest of them at the
    last beta."""
    if row.get("status") != "ok" or ref.get("status") != "ok":
        return [None] * (len(NAMES) + 1)
    diffs = [np.abs(middle(row[n], n, N) - middle(ref[n], n, N)) for n in NAMES]
    return [float(d.max()) for d in diffs] + [float(max(d[-1] for d in diffs))]


def specs(args: argparse.Namespace, N: int, betas: list[float], reference: bool
          ) -> list[dict]:
    """Our --orders x --dtaus rows and TeNPy's, after our --ref-chi reference if asked."""
    common = {"N": N, "betas": betas, "chi": args.chi, "cutoff": args.cutoff}
    rows = [dict(common, code="lindbath", order=order, dtau=dtau, truncation=args.truncation)
            for order in args.orders for dtau in args.dtaus]
    rows.append(dict(common, code="tenpy", order=2, dtau=args.tenpy_dtau))
    if reference:
        rows.insert(0, dict(common, code="lindbath", chi=args.ref_chi, order=args.ref_order,
                            dtau=args.ref_dtau, truncation=args.truncation))
    return rows


def _fmt(value, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def table_line(row: dict, diffs: list, against: str) -> str:
    spec = row["spec"]
    code = {"lindbath": "lindbath (sigma, Pauli basis)", "tenpy": "TeNPy PurificationTEBD",
            "exact": "exact diagonalization"}[spec["code"]]
    trotter = "-" if spec["code"] == "exact" else f"{spec['order']}, {spec['dtau']:g}"
    if spec["code"] == "lindbath":
        trotter += f", {spec['truncation']}"
    chi = "-" if spec["code"] == "exact" else f"{spec['chi']} ({_fmt(row.get('max_bond'), 'd')})"
    memory = (f"{row['rss_peak']:.0f} ({row['rss_imports']:.0f})" if "rss_peak" in row
              else "-")
    cells = [code, str(spec["N"]), chi, trotter, _fmt(row.get("wall"), ".1f"),
             _fmt(row.get("cpu"), ".1f"), memory,
             *[_fmt(d, ".1e") for d in diffs], against, row["status"]]
    return "| " + " | ".join(cells) + " |"


def header(args: argparse.Namespace, load: str) -> str:
    problem = (f"chain J=1 Delta=0.5 hx=0.6 hz=0.4 (Pauli matrices); betas {args.betas} "
               f"({len(args.grid)} points); cutoff {args.cutoff:g} (TeNPy trunc_cut "
               f"{math.sqrt(args.cutoff):.1e})")
    blas = "1 for every row (OPENBLAS/OMP/MKL_NUM_THREADS=1)"
    return (machine.header(problem, blas, load, "physics-tenpy", "tenpy") +
            "# chi: requested (largest reached); Trotter: order, step in beta (TeNPy: "
            "dt = step/2 on the purification; order 2 is all its imaginary-time TEBD offers)\n"
            "# wall, cpu: wall-clock and CPU time (time.process_time) of the run only, imports "
            "excluded; on a shared machine cpu is the steadier number\n"
            "# memory: peak RSS of the row's own process (ru_maxrss), imports included; in "
            "brackets the RSS after the imports\n"
            "# d sz, d sx, d szsz: largest |difference| over the beta grid of the middle site "
            "(N+1)//2 <sz>, <sx> and middle bond N//2 <szsz> from the row named in 'against' "
            "(lindbath chi: our --ref-chi run); d at beta max: the largest of the three at the "
            "last beta\n")


def table(blocks: list[tuple[int, list[dict], str | None]]) -> str:
    columns = ["code", "N", "chi", "Trotter", "wall s", "cpu s", "peak MB (imports)", "d sz",
               "d sx", "d szsz", "d at beta max", "against", "status"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for N, rows, ref_code in blocks:
        ref = next((r for r in rows if r["spec"]["code"] == ref_code), None)
        against = "ED" if ref_code == "exact" else (
            f"lindbath chi {ref['spec']['chi']}" if ref else "-")
        for row in rows:
            if ref is None or row is ref:
                lines.append(table_line(row, [None] * (len(NAMES) + 1), "-"))
            else:
                lines.append(table_line(row, differences(row, ref, N), against))
    return "\n".join(lines)


def grid(text: str) -> list[float]:
    """'0:2:21' -> 21 points from 0 to 2 (numpy.linspace)."""
    start, stop, num = text.split(":")
    return np.round(np.linspace(float(start), float(stop), int(num)), 12).tolist()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--N", default="32,64", help="chain lengths of the comparison")
    parser.add_argument("--chi", type=int, default=128, help="bond dimension (both codes)")
    parser.add_argument("--betas", default="0:2:21", help="START:STOP:NUM (numpy.linspace)")
    parser.add_argument("--small-N", type=int, default=10,
                        help="length of the accuracy anchor against exact diagonalization "
                             "(0: skip)")
    parser.add_argument("--dtaus", default="0.1,0.05",
                        help="Trotter steps in beta of our rows, comma separated")
    parser.add_argument("--tenpy-dtau", type=float, default=0.02,
                        help="TeNPy's step in beta (it takes dt = step/2)")
    parser.add_argument("--ref-chi", type=int, default=256,
                        help="bond dimension of our reference run at each --N (0: none, "
                             "compare with our first row)")
    parser.add_argument("--ref-order", type=int, default=4, help="Trotter order of it")
    parser.add_argument("--ref-dtau", type=float, default=0.05, help="Trotter step of it")
    parser.add_argument("--cutoff", type=float, default=1e-18,
                        help="discarded squared weight per truncation (both codes)")
    parser.add_argument("--orders", default="4",
                        help="Trotter orders of our rows, comma separated (2 and/or 4)")
    parser.add_argument("--truncation", default="qr", choices=("qr", "svd"),
                        help="our truncation at chi (qr: QR-based update; svd: full SVD)")
    parser.add_argument("--limit", type=float, default=3600.0, help="seconds per row")
    parser.add_argument("--json", help="also write every row (values included) to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.child:
        args.grid = grid(args.betas)
        args.orders = [int(o) for o in args.orders.split(",")]
        args.dtaus = [float(d) for d in args.dtaus.split(",")]
        args.N = [int(n) for n in args.N.split(",")]
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    if machine.serve_child(args.child, child):
        return
    start, load = time.perf_counter(), machine.load()
    plan = []
    if args.small_N:
        exact = {"code": "exact", "N": args.small_N, "betas": args.grid}
        plan.append((args.small_N, [exact, *specs(args, args.small_N, args.grid, False)],
                     "exact"))
    for N in args.N:
        plan.append((N, specs(args, N, args.grid, bool(args.ref_chi)), "lindbath"))
    blocks = []
    for N, block, ref_code in plan:
        rows = []
        for spec in block:
            row = launch(spec, args.limit)
            row["spec"] = spec
            print(f"# {spec['code']} N={N}: {row['status']}"
                  + (f", {row['wall']:.1f} s" if "wall" in row else ""),
                  file=sys.stderr, flush=True)
            rows.append(row)
        blocks.append((N, rows, ref_code))
        print(table(blocks), file=sys.stderr, flush=True)  # so far, in case a later row hangs
    print(header(args, load))
    print(table(blocks))
    print(f"\n# total {time.perf_counter() - start:.0f} s, load average at end "
          + machine.load())
    if args.json:
        with open(args.json, "w") as handle:
            json.dump([row for _, rows, _ in blocks for row in rows], handle)


if __name__ == "__main__":
    main()
