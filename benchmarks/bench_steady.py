"""Exact steady states of the DB chain: lindbath against qutip.steadystate, plus MPS rows.

The chain and baths of docs/conventions.md: Chain(N, J=1, Delta=0.5, hx=0.6, hz=0.4) with DB
baths (beta=0.5, gamma=1) on both edges.  Every row runs in a fresh subprocess under a time
limit; its peak memory is the high-water mark (VmHWM) of that process.  Rows:

* lindbath ``steady_state(method="exact")`` (solver "auto" = the no-jump GMRES), tol 1e-12;
* ``qutip.steadystate(H, c_ops)``, QuTiP's default (sparse LU of the full Liouvillian);
* ``qutip.steadystate(H, c_ops, method="direct", solver="gmres", restart=100, rtol=...,
  atol=0)``, its best configuration (plain GMRES, no preconditioner);
* lindbath ``steady_state(method="mps", chi=...)`` for long chains.

The residual is ||L(rho)||_F of the trace-one state (QuTiP rows: QuTiP's own Liouvillian;
MPS rows: the solver's error estimate of the observables, Trotter plus relaxation/noise,
without the truncation bias).  ``max|dsz|`` compares <sigma^z_l> of a QuTiP or MPS row with
the exact lindbath row at the same N (the MPS row at N = 8 measures the chi bias).

    python benchmarks/bench_steady.py                         # full run (about 10 minutes)
    python benchmarks/bench_steady.py --ours 4-7 --qutip 4-6 --skip-mps   # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import machine

RESULT = "RESULT "
KINDS = {"ours": "lindbath exact", "default": "qutip default", "gmres": "qutip gmres(100)",
         "mps": "lindbath mps"}


def db_chain(N: int):
    """The benchmark chain and its two DB baths."""
    import lindbath as lb

    chain = lb.Chain(N, J=1.0, Delta=0.5, hx=0.6, hz=0.4)
    return chain, [lb.make_bath("db", "left", 0.5, 1.0), lb.make_bath("db", "right", 0.5, 1.0)]


def run_ours(spec: dict) -> dict:
    import lindbath as lb

    chain, baths = db_chain(spec["N"])
    start = time.perf_counter()
    state = lb.steady_state(chain, baths, tol=spec["tol"])
    elapsed = time.perf_counter() - start
    diag = state.diagnostics
    note = f"{diag['solver']}, {diag.get('iterations', '-')} it, {diag.get('symmetry', '')}"
    return {"time": elapsed, "residual": state.residual, "converged": diag["converged"],
            "note": note, "sz": state.expect("sz").tolist()}


def run_mps(spec: dict) -> dict:
    import lindbath as lb

    chain, baths = db_chain(spec["N"])
    start = time.perf_counter()
    state = lb.steady_state(chain, baths, method="mps", chi=spec["chi"], obs_tol=spec["obs_tol"])
    elapsed = time.perf_counter() - start
    diag = state.diagnostics
    note = (f"chi={spec['chi']}, t={diag['simulated_time']:.0f}, final dt "
            f"{diag['final_dt']:g}, converged {diag['converged']}")
    return {"time": elapsed, "residual": state.residual, "converged": diag["converged"],
            "note": note, "sz": state.expect("sz").tolist()}


def run_qutip(spec: dict) -> dict:
    import numpy as np
    import qutip
    import scipy.sparse as sp

    chain, baths = db_chain(spec["N"])
    N, dims = spec["N"], [[2] * spec["N"]] * 2

    def embedded(op, first: int):
        left, right = sp.identity(2**first), sp.identity(2 ** (N - first - op.shape[0] // 2))
        return qutip.Qobj(sp.kron(sp.kron(left, sp.csr_matrix(op)), right).tocsr(), dims=dims)

    hamiltonian = qutip.Qobj(chain.hamiltonian(), dims=dims)
    c_ops = [embedded(jump, bath.first_site(chain)) for bath in baths
             for jump in bath.jump_operators(chain)]
    options = {} if spec["kind"] == "default" else dict(
        method="direct", solver="gmres", restart=100, rtol=spec["rtol"], atol=0.0)
    start = time.perf_counter()
    rho = qutip.steadystate(hamiltonian, c_ops, **options)
    elapsed = time.perf_counter() - start
    rho = rho / rho.tr()
    generator = qutip.liouvillian(hamiltonian, c_ops).data.as_scipy()
    residual = np.linalg.norm(generator @ qutip.operator_to_vector(rho).full().ravel())
    sz = [qutip.expect(embedded(np.diag([1.0, -1.0]), site), rho) for site in range(N)]
    note = "spsolve" if spec["kind"] == "default" else f"rtol={spec['rtol']:g}"
    return {"time": elapsed, "residual": float(residual), "converged": 1, "note": note,
            "sz": [float(s) for s in sz]}


def child(spec: dict) -> None:
    """Run one row and print its result as one JSON line."""
    runner = {"ours": run_ours, "mps": run_mps, "default": run_qutip, "gmres": run_qutip}
    result = runner[spec["kind"]](spec)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(RESULT + json.dumps(result), flush=True)


def _high_water_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def launch(spec: dict, limit: float, threads: int) -> dict:
    """One row in a subprocess with a wall-clock ``limit``; polls its peak memory."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    command = [sys.executable, os.path.abspath(__file__), "--child", json.dumps(spec)]
    start, peak = time.perf_counter(), 0.0
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env) as proc:
        while proc.poll() is None and time.perf_counter() - start < limit:
            peak = max(peak, _high_water_mb(proc.pid))
            time.sleep(0.2)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
            return {"status": f"timeout >{limit:g} s", "rss_mb": peak, "time": None}
        out, err = proc.communicate()
    lines = [line for line in out.splitlines() if line.startswith(RESULT)]
    if proc.returncode != 0 or not lines:
        message = (err.strip().splitlines() or ["no output"])[-1][:60]
        return {"status": f"failed: {message}", "rss_mb": peak, "time": None}
    result = json.loads(lines[-1][len(RESULT):])
    result["rss_mb"] = max(peak, result["rss_mb"])
    result["status"] = "ok" if result.get("converged", 1) == 1 else "not converged"
    return result


def sizes(text: str) -> list[int]:
    """'4-9' -> [4, ..., 9]; '16,24,32' -> [16, 24, 32]; '' -> []."""
    if not text:
        return []
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(n) for n in text.split(",")]


def plan(args: argparse.Namespace) -> list[tuple[dict, float]]:
    """(spec, time limit) of every row, in the order they run."""
    rows = [({"kind": "ours", "N": n, "tol": args.tol}, args.ours_limit)
            for n in sizes(args.ours)]
    if not args.skip_qutip:
        for kind, limit in (("default", args.default_limit), ("gmres", args.gmres_limit)):
            rows += [({"kind": kind, "N": n, "rtol": args.qutip_rtol}, limit)
                     for n in sizes(args.qutip)]
    if not args.skip_mps:
        rows += [({"kind": "mps", "N": n, "chi": args.chi, "obs_tol": args.mps_tol},
                  args.mps_limit)
                 for n in sizes(args.mps)]
    return rows


def mps_available() -> bool:
    try:
        import lindbath.mps.steady  # noqa: F401
    except ImportError:
        return False
    return True


def run_all(args: argparse.Namespace) -> list[dict]:
    results, failed_at, have_mps = [], {}, mps_available()
    for spec, limit in plan(args):
        kind, N = spec["kind"], spec["N"]
        if kind == "mps" and not have_mps:
            result = {"status": "not available (no lindbath.tensor_networks)", "time": None}
        elif kind in failed_at:
            result = {"status": f"skipped (failed at N={failed_at[kind]})", "time": None}
        else:
            result = launch(spec, limit, args.threads)
            if result["status"] != "ok" and kind != "mps":
                failed_at[kind] = N
        results.append(dict(result, kind=kind, N=N))
        print(f"# {KINDS[kind]} N={N}: {result['status']}"
              + (f", {result['time']:.2f} s" if result.get("time") is not None else ""),
              file=sys.stderr, flush=True)
    return results


def _cell(value, fmt: str) -> str:
    """``value`` formatted with ``fmt`` (leading digits = width), or a right-aligned '-'."""
    width = int(fmt.split(".")[0])
    return f"{'-':>{width}}" if value is None else format(value, fmt)


def table(results: list[dict]) -> str:
    """One text table: N, solver, time, peak memory, residual, max|dsz|, status, note."""
    ours = {r["N"]: r["sz"] for r in results if r["kind"] == "ours" and "sz" in r}
    head = (f"{'N':>3}  {'solver':<18}{'time s':>9}{'peak MB':>9}{'residual':>10}"
            f"{'max|dsz|':>10}  {'status':<26}note")
    lines = [head, "-" * len(head)]
    for r in sorted(results, key=lambda r: (r["N"], list(KINDS).index(r["kind"]))):
        diff = None
        if r["kind"] != "ours" and "sz" in r and r["N"] in ours:
            diff = max(abs(a - b) for a, b in zip(r["sz"], ours[r["N"]], strict=True))
        lines.append(f"{r['N']:>3}  {KINDS[r['kind']]:<18}{_cell(r.get('time'), '9.2f')}"
                     f"{_cell(r.get('rss_mb'), '9.0f')}{_cell(r.get('residual'), '10.1e')}"
                     f"{_cell(diff, '10.1e')}  {r['status']:<26}{r.get('note', '')}")
    return "\n".join(lines)


def header(args: argparse.Namespace, load: str) -> str:
    problem = "DB chain J=1 Delta=0.5 hx=0.6 hz=0.4, DB baths beta=0.5 gamma=1 on both edges"
    limits = (f"ours {args.ours_limit:g} s, qutip default {args.default_limit:g} s, qutip gmres "
              f"{args.gmres_limit:g} s, mps {args.mps_limit:g} s; mps obs_tol {args.mps_tol:g}")
    return machine.header(problem, str(args.threads), load, "qutip", "qutip") + f"# {limits}"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ours", default="4-10", help="lindbath exact sizes, e.g. 4-10")
    parser.add_argument("--qutip", default="4-9", help="QuTiP sizes, e.g. 4-9")
    parser.add_argument("--mps", default="8,16,24,32", help="MPS sizes, e.g. 8,16,24,32")
    parser.add_argument("--chi", type=int, default=64, help="MPS bond dimension")
    parser.add_argument("--mps-tol", type=float, default=3e-3,
                        help="MPS obs_tol: chi = 64 is only accurate to ~1e-3 at N = 16 "
                             "(difference to chi = 128), so 1e-3 would ask for noise")
    parser.add_argument("--tol", type=float, default=1e-12, help="our relative tolerance")
    parser.add_argument("--qutip-rtol", type=float, default=1e-11,
                        help="GMRES rtol of QuTiP's best configuration")
    parser.add_argument("--ours-limit", type=float, default=600.0, help="seconds per row")
    parser.add_argument("--default-limit", type=float, default=120.0, help="seconds per row")
    parser.add_argument("--gmres-limit", type=float, default=300.0, help="seconds per row")
    parser.add_argument("--mps-limit", type=float, default=1800.0, help="seconds per row")
    parser.add_argument("--threads", type=int, default=2, help="BLAS threads per run")
    parser.add_argument("--skip-qutip", action="store_true")
    parser.add_argument("--skip-mps", action="store_true")
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    if machine.serve_child(args.child, child):
        return
    start, load = time.perf_counter(), machine.load()
    results = run_all(args)
    print(header(args, load))
    print(table(results))
    print(f"# total {time.perf_counter() - start:.0f} s, load average at end {machine.load()}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
