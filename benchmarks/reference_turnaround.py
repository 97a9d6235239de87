"""Does the turn-around in beta of the middle <sz>, <sx> survive in long reference chains?
(docs/conventions.md, "Non-monotone reference curves").

Thermal middle values (site (N+1)//2; by the reflection symmetry of exp(-beta H) the two central
sites of an even chain carry the same value) of xxz_fields <sz>, <sx> and tilted_ising <sz>:
exact diagonalization for N_ref = 6..13 (beta step 0.05) and purification
(``mps_thermal_table``, dtau 0.05, fourth order) for N_ref = 16, 24, 32, 48 at chi = 64 and 128
(beta step 0.1), beta in [0, 3].

Prints, per chain, observable and N_ref: the position beta_turn and value O_min of the
minimum (parabola through the three grid points around it), O at beta = 1 and 3; the N_ref and
chi convergence of the purification curves; the exact ground-state middle values for
N = 6..12 (sparse Lanczos).  Writes docs/figures/reference_turnaround.png.

Run (ED 6..13 about 10 min, purification about 15 min on one loaded core; ``--cache DIR``
stores and reuses each curve as netCDF, ``--ed``/``--mps``/``--chis`` shrink the run):
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/reference_turnaround.py --cache /tmp/ta
"""

from __future__ import annotations

import argparse
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import scipy.sparse.linalg as spla  # noqa: E402
import xarray as xr  # noqa: E402

import lindbath as lb  # noqa: E402
from lindbath.mps.purification import mps_thermal_table  # noqa: E402

CHAINS = {"xxz": ("xxz_fields", dict(J=1.0, Delta=0.5, hx=0.6, hz=0.4)),
          "ti": ("tilted_ising", dict(J=0.0, Delta=1.0, hx=1.05, hz=0.5))}
CURVES = [("xxz", "sz"), ("xxz", "sx"), ("ti", "sz")]
LABELS = {"sz": r"\langle\sigma^z\rangle", "sx": r"\langle\sigma^x\rangle"}
ED_BETAS = np.round(np.arange(0.0, 3.0001, 0.05), 4)
MPS_BETAS = np.round(np.arange(0.0, 3.0001, 0.1), 4)
FIGURE = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "figures"
          / "reference_turnaround.png")


def cached(path: pathlib.Path | None, compute) -> xr.Dataset:
    if path is not None and path.exists():
        return xr.open_dataset(path).load()
    data = compute()
    if path is not None:
        data.to_netcdf(path)
    return data


def ed_curve(short: str, N: int, cache: pathlib.Path | None) -> xr.Dataset:
    params = CHAINS[short][1]
    path = cache / f"ed_{short}_{N}.nc" if cache else None
    return cached(path, lambda: lb.reference_table(params, [N], ED_BETAS)[
        ["sz", "sx", "middle_sz", "middle_sx"]])


def mps_curve(short: str, N: int, chi: int, cache: pathlib.Path | None) -> xr.Dataset:
    params = CHAINS[short][1]
    path = cache / f"mps_{short}_{N}_{chi}.nc" if cache else None
    return cached(path, lambda: mps_thermal_table(lb.Chain(N, **params), MPS_BETAS, chi=chi,
                                                  dtau=0.05)[["sz", "sx"]])


def middle(data: xr.Dataset, name: str) -> tuple[np.ndarray, np.ndarray]:
    values = data[name].values
    values = values[0] if values.ndim == 3 else values  # ED tables carry an N_ref axis
    N = int(np.sum(~np.isnan(values[0])))
    return data["beta"].values, values[:, (N + 1) // 2 - 1]


def minimum(betas: np.ndarray, curve: np.ndarray) -> tuple[float, float]:
    """Interior minimum by a parabola through the three grid points around it (NaN if the
    smallest value sits at the end of the grid, i.e. the curve does not turn)."""
    i = int(np.argmin(curve))
    if i in (0, curve.size - 1):
        return float("nan"), float(curve[i])
    a, b, c = np.polyfit(betas[i - 1:i + 2], curve[i - 1:i + 2], 2)
    return float(-b / (2 * a)), float(c - b * b / (4 * a))


def ground_state_middle(short: str, N: int) -> dict[str, float]:
    chain = lb.Chain(N, **CHAINS[short][1])
    _, vector = spla.eigsh(chain.hamiltonian().tocsc(), k=1, which="SA")
    vector = vector[:, 0]
    site = (N + 1) // 2 - 1
    out = {}
    for name, op in (("sz", np.diag([1.0, -1.0])), ("sx", np.array([[0.0, 1.0], [1.0, 0.0]]))):
        full = sp.kron(sp.kron(sp.identity(2**site), op), sp.identity(2 ** (N - site - 1)))
        out[name] = float(vector @ (full @ vector))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=pathlib.Path, default=None)
    parser.add_argument("--ed", default="6,7,8,9,10,11,12,13")
    parser.add_argument("--mps", default="16,24,32,48")
    parser.add_argument("--chis", default="64,128")
    args = parser.parse_args()
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    ed_lengths = [int(n) for n in args.ed.split(",")]
    mps_lengths = [int(n) for n in args.mps.split(",")]
    chis = [int(c) for c in args.chis.split(",")]
    curves: dict = {}
    for short, name in CURVES:
        title = f"{CHAINS[short][0]} middle <{name}>"
        print(f"\n== {title}: N_ref, beta_turn, O_min, O(beta=1), O(beta=3)")
        for N in ed_lengths:
            betas, curve = middle(ed_curve(short, N, args.cache), name)
            curves[short, name, N, "ed"] = (betas, curve)
            print(f"  ED  N={N:2d}          " + row(betas, curve))
        for N in mps_lengths:
            for chi in chis:
                betas, curve = middle(mps_curve(short, N, chi, args.cache), name)
                curves[short, name, N, chi] = (betas, curve)
                print(f"  MPS N={N:2d} chi={chi:3d}  " + row(betas, curve))
        convergence(curves, short, name, mps_lengths, chis)
        ground = ", ".join(f"N={N}: {ground_state_middle(short, N)[name]:+.4f}"
                           for N in range(6, 13))
        print(f"  exact ground state middle <{name}>: {ground}")
    figure(curves, ed_lengths, mps_lengths, chis)
    print(f"\nwrote {FIGURE}")


def row(betas: np.ndarray, curve: np.ndarray) -> str:
    turn, low = minimum(betas, curve)
    at = {b: curve[np.argmin(np.abs(betas - b))] for b in (1.0, 3.0)}
    turn_text = "  none" if np.isnan(turn) else f"{turn:6.3f}"
    return f"beta_turn={turn_text}  O_min={low:+.4f}  O(1)={at[1.0]:+.4f}  O(3)={at[3.0]:+.4f}"


def convergence(curves: dict, short: str, name: str, lengths: list[int],
                chis: list[int]) -> None:
    chi = max(chis)
    betas = curves[short, name, lengths[-1], chi][0]
    for cut in (1.0, 3.0):
        keep = betas <= cut + 1e-9
        steps = [f"{a}->{b}: {np.abs(curves[short, name, b, chi][1] - curves[short, name, a, chi][1])[keep].max():.1e}"  # noqa: E501
                 for a, b in zip(lengths[:-1], lengths[1:], strict=True)]
        print(f"  max |O_N2 - O_N1| (chi={chi}) over beta <= {cut:g}: " + ", ".join(steps))
    betas, curve = curves[short, name, lengths[-1], chi]
    turn, low = minimum(betas, curve)
    if not np.isnan(turn):  # values in [O_min, O(beta_max)] are reached on both branches
        high = betas <= turn
        edge = float(np.interp(curve[-1], curve[high][::-1], betas[high][::-1]))
        print(f"  N={lengths[-1]}: two roots for O in [{low:+.4f}, {curve[-1]:+.4f}], i.e. "
              f"high-T branch beta in [{edge:.3f}, {turn:.3f}]; slope at beta=3: "
              f"{(curve[-1] - curve[-2]) / (betas[-1] - betas[-2]):+.4f}")
    if len(chis) > 1:
        diffs = [f"N={N}: {np.abs(curves[short, name, N, chis[0]][1] - curves[short, name, N, chi][1]).max():.1e}"  # noqa: E501
                 for N in lengths]
        print(f"  max |O(chi={chis[0]}) - O(chi={chi})| over beta <= 3: " + ", ".join(diffs))


def figure(curves: dict, ed_lengths: list[int], mps_lengths: list[int],
           chis: list[int]) -> None:
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
    chi, low_chi = max(chis), min(chis)
    colors = plt.cm.viridis(np.linspace(0.0, 0.85, len(mps_lengths)))
    ed_shown = [N for N in (8, 10, 12, 13) if N in ed_lengths]
    ed_styles = dict(zip(ed_shown, ["-", "--", "-.", ":"], strict=False))
    for ax, (short, name) in zip(axes, CURVES, strict=True):
        for N in ed_shown:
            betas, curve = curves[short, name, N, "ed"]
            ax.plot(betas, curve, ed_styles[N], color="0.55", lw=1.2,
                    label=f"ED $N_{{\\rm ref}}={N}$")
        for N, color in zip(mps_lengths, colors, strict=True):
            betas, curve = curves[short, name, N, chi]
            ax.plot(betas, curve, "-", color=color, lw=1.8,
                    label=f"MPS $N_{{\\rm ref}}={N}$, $\\chi={chi}$")
        if low_chi != chi:
            betas, curve = curves[short, name, mps_lengths[-1], low_chi]
            ax.plot(betas, curve, "o", color="k", ms=2.5,
                    label=f"MPS $N_{{\\rm ref}}={mps_lengths[-1]}$, $\\chi={low_chi}$")
        betas, curve = curves[short, name, mps_lengths[-1], chi]
        turn, low = minimum(betas, curve)
        if not np.isnan(turn):
            ax.axvline(turn, color="C3", lw=0.8, ls=":")
            ax.annotate(f"$\\beta_{{\\rm turn}}\\approx{turn:.2f}$", (turn, 0.25 * low),
                        xytext=(turn + 0.08, 0.25 * low), fontsize=9, color="C3",
                        va="center")
        ax.set_ylim(1.4 * low, 0.1 * abs(low))  # ED curves that run off are finite-size
        ax.set_xlabel(r"$\beta$")
        ax.set_ylabel(f"middle ${LABELS[name]}$")
        ax.set_title(f"{CHAINS[short][0].replace('_', ' ')}: ${LABELS[name]}$")
        ax.set_xlim(0.0, 3.0)
    axes[0].legend(fontsize=7.5, loc="upper right")
    fig.tight_layout()
    FIGURE.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(FIGURE, dpi=130)


if __name__ == "__main__":
    main()
