"""Two-time correlations ([P] Eq. 12) against independent routes:
dense Pauli products, dense matrix exponentials, QuTiP, Hamiltonian-only thermal dynamics."""

import dataclasses

import numpy as np
import pytest
import scipy.linalg as la
import xarray as xr
from conftest import TILTED_ISING, embedded_jumps, gibbs, random_density_matrix

import lindbath as lb
from lindbath.analysis.correlations import (
    fit_envelope_power_law,
    light_cone_reflection_time,
    max_group_velocity,
    reflection_time,
)
from lindbath.cli import main
from lindbath.exact.propagator import krylov_observe
from lindbath.io import join_complex, split_complex
from lindbath.model.pauli import from_pauli, left_multiply, string_matrix, to_pauli
from lindbath.solve import correlation

LEFT = [lb.make_bath("db", "left", 0.5, 1.0)]


def site_matrix(label, site, N):
    """Dense sigma^label on ``site`` (0-based) of N sites."""
    return string_matrix("".join(label if l == site else "I" for l in range(N)))


@pytest.fixture(scope="module")
def steady4():
    chain = lb.Chain(4)
    return chain, lb.steady_state(chain, LEFT)


def test_left_multiply_matches_dense_product(rng):
    N = 3
    rho = random_density_matrix(rng, 2**N)
    coeffs = to_pauli(rho).real
    for label in "XYZ":
        for site in range(N):
            expected = to_pauli(site_matrix(label, site, N) @ rho)
            np.testing.assert_allclose(left_multiply(coeffs, label, site, N), expected,
                                       atol=1e-14)


@pytest.mark.parametrize("krylov_dim", [12, 30])
def test_krylov_matches_dense_exponential(rng, krylov_dim):
    """Non-uniform grid, several Krylov steps, against scipy.linalg.expm of the dense L^T."""
    generator = lb.liouvillian(lb.Chain(3), LEFT).T.tocsr()
    v, weights = rng.normal(size=64), rng.normal(size=64) + 1j * rng.normal(size=64)
    times = np.sort(np.concatenate([[0.0, 0.0371], rng.uniform(0.05, 4.0, size=25)]))
    ours, stats = krylov_observe(generator, v, times, weights, krylov_dim, 1e-11)
    dense = generator.toarray()
    expected = [weights @ la.expm(t * dense) @ v for t in times]
    np.testing.assert_allclose(ours, expected, atol=1e-9)
    assert stats["steps"] >= 2 and stats["error_estimate"] < 1e-10


@pytest.mark.parametrize("gamma_evolve", [None, 0.0, 0.3])
def test_matches_qutip_correlation_2op_1t(gamma_evolve):
    """QuTiP's correlation_2op_1t(H, rho_ss, tau, c_ops, A, B) (reverse=False) is
    <A(tau) B(0)> = Tr[A e^{L tau}(B rho_ss)], [P] Eq. 12; A = sx_N, B = sz_N-1."""
    qutip = pytest.importorskip("qutip")
    chain = lb.Chain(3)
    times = np.linspace(0.0, 4.0, 41)
    ds = correlation(chain, LEFT, times, ("sx", "sz"), (-1, -2), gamma_evolve)
    dims = [[2] * 3, [2] * 3]
    evolve = LEFT if gamma_evolve is None else [dataclasses.replace(LEFT[0], gamma=gamma_evolve)]
    rho = qutip.Qobj(from_pauli(lb.steady_state(chain, LEFT).pauli), dims=dims)
    a_op, b_op = (qutip.Qobj(site_matrix(p, s, 3), dims=dims) for p, s in (("X", 2), ("Z", 1)))
    c_ops = [qutip.Qobj(j, dims=dims) for j in embedded_jumps(chain, evolve)]
    h = qutip.Qobj(chain.hamiltonian().toarray(), dims=dims)
    expected = qutip.correlation_2op_1t(h, rho, times, c_ops, a_op, b_op,
                                        options={"atol": 1e-11, "rtol": 1e-9})
    np.testing.assert_allclose(ds["full"].values, expected, atol=1e-7)
    product = ds.attrs["expect_a"] * ds.attrs["expect_b"]
    np.testing.assert_allclose(ds["connected"].values, expected - product, atol=1e-7)


def test_connected_correlation_decays_only_with_the_bath_on():
    """With gamma' = gamma, e^{L t}(B rho_ss) -> Tr(B rho_ss) rho_ss, so C(t) -> 0 at the
    Liouvillian gap (about 1 here); with gamma' = 0 the closed chain keeps C(t) finite."""
    chain, times = lb.Chain(3), [0.0, 20.0, 40.0]
    kept = correlation(chain, LEFT, times)["connected"].values
    off = correlation(chain, LEFT, times, gamma_evolve=0.0)["connected"].values
    assert abs(kept[0]) > 0.9 and abs(kept[-1]) < 1e-10
    assert np.all(np.abs(off) > 1e-2)


def test_time_zero_is_static_connected_correlation(steady4):
    """C(0) = <AB> - <A><B> from the dense steady state; A = sx_N, B = sz_N gives
    <AB> = -i<sy_N>, and A = B = sz_N gives 1 - <sz_N>^2."""
    chain, state = steady4
    rho = from_pauli(state.pauli)
    for names in [("sx", "sz"), ("sz", "sz"), ("sy", "sx")]:
        ds = correlation(chain, LEFT, [0.0, 0.5], names, -1)
        a, b = (site_matrix(n[1].upper(), 3, 4) for n in names)
        expected = np.trace(a @ b @ rho) - np.trace(a @ rho) * np.trace(b @ rho)
        assert ds["connected"].values[0] == pytest.approx(expected, abs=1e-12)
    assert abs(expected.imag) > 1e-2  # sy sx = -i sz: the phase is exercised


def test_switched_off_bath_on_thermal_state_is_hamiltonian_correlation():
    """[P] fn(1): gamma' = 0 and an exact thermal state give the Hamiltonian-only
    Tr[rho A(t) B] - <A><B>, A(t) = e^{iHt} A e^{-iHt}, here summed over eigenstates."""
    chain, beta, N = lb.Chain(5, **TILTED_ISING), 0.7, 5
    h = chain.hamiltonian().toarray()
    rho = gibbs(h, beta)
    times = np.linspace(0.0, 6.0, 61)
    ds = correlation(chain, LEFT, times, gamma_evolve=0.0, state=to_pauli(rho).real)
    energies, vectors = la.eigh(h)
    weights = np.diag(vectors.T @ rho @ vectors)
    a = vectors.T @ site_matrix("Z", N - 1, N) @ vectors
    phases = np.exp(1j * np.subtract.outer(energies, energies)[None] * times[:, None, None])
    full = np.einsum("n,tnm,nm,mn->t", weights, phases, a, a)
    mean = weights @ np.diag(a)
    np.testing.assert_allclose(ds["connected"].values, full - mean**2, atol=1e-9)
    assert ds.attrs["diag_state"] == "given" and ds.attrs["gamma_evolve"] == 0.0


@pytest.mark.slow
def test_exact_and_mps_agree_at_N8():
    """Exact Krylov route against the tensor-network route at N = 8 (chi = 64, dt = 0.025;
    about 25 s per gamma'): measured 2.6e-4 (gamma' = gamma) and 7.4e-4 (gamma' = 0), the
    Trotter error of the evolution (1.1e-3 at dt = 0.05) plus the chi = 64 truncation."""
    chain, times = lb.Chain(8), np.linspace(0.0, 3.0, 31)
    steady = lb.steady_state(chain, LEFT)
    for gamma_evolve in (None, 0.0):
        exact = correlation(chain, LEFT, times, gamma_evolve=gamma_evolve, state=steady)
        mps = correlation(chain, LEFT, times, gamma_evolve=gamma_evolve, method="mps",
                          chi=64, dt=0.025)
        np.testing.assert_allclose(mps["connected"].values, exact["connected"].values,
                                   atol=1.5e-3)


def test_reflection_time_of_constructed_curves():
    t = np.linspace(0.0, 5.0, 501)
    base = np.cos(3 * t) * np.exp(-t)
    long = xr.Dataset({"connected": ("t", base + 0j)}, coords={"t": t})
    short = long.copy(data={"connected": base + np.where(t > 2.0, (t - 2.0) ** 2, 0.0)})
    assert reflection_time(short, long, 0.0101) == pytest.approx(2.11)  # first (t-2)^2 > tol
    assert np.isnan(reflection_time(long, long, 1e-12))
    with pytest.raises(ValueError, match="same time grid"):
        reflection_time(short.isel(t=slice(0, 100)), long, 1e-2)


def test_reflection_time_grows_with_chain_length():
    """Fig. 6: the boundary is felt later in a longer chain (N = 4, 5 against N = 6)."""
    times = np.linspace(0.0, 6.0, 121)
    curves = {N: correlation(lb.Chain(N), LEFT, times, gamma_evolve=0.0) for N in (4, 5, 6)}
    t4, t5 = (reflection_time(curves[N], curves[6], 1e-2) for N in (4, 5))
    assert 0.0 < t4 and t5 > t4 + 0.5


def oscillating(t: np.ndarray, exponent: float, omega: float, plateau: bool = False):
    """t^-exponent cos^2(omega t) (its maxima sit slightly before the cos^2 peaks, a little
    above t^-exponent), or with plateau=True t^-exponent min(1, 2 cos^2(omega t)), whose
    maxima are the plateaus' left edges, exactly on t^-exponent; times a phase e^{0.4 i t}."""
    wave = np.cos(omega * t) ** 2
    wave = np.minimum(1.0, 2 * wave) if plateau else wave
    curve = np.maximum(t, 1e-3) ** -exponent * wave * np.exp(0.4j * t)
    return xr.Dataset({"connected": ("t", curve)}, coords={"t": t})


def test_envelope_fit_of_a_power_law_envelope_is_exact():
    """Maxima exactly on 2 t^-1.3 (plateau edges t = k - 1/4): a = 1.3, prefactor 2, rms 0;
    a plain fit of the oscillating curve on the same window is far off."""
    t = np.linspace(0.0, 20.0, 2001)
    data = oscillating(t, 1.3, np.pi, plateau=True) * 2.0
    fit = fit_envelope_power_law(data, 0.7, 12.2)
    assert fit["points"] == 12 and np.allclose(fit["t"], np.arange(1.0, 13.0) - 0.25)
    assert fit["exponent"] == pytest.approx(1.3, rel=1e-9)
    assert fit["prefactor"] == pytest.approx(2.0, rel=1e-9)
    assert fit["residual"] < 1e-9 and fit["exponent_error"] < 1e-9
    inside = (t >= 0.7) & (t <= 12.2)
    magnitude = np.abs(data["connected"].values[inside])
    plain = -np.polyfit(np.log(t[inside]), np.log(magnitude), 1)[0]
    assert abs(plain - 1.3) > 0.05


@pytest.mark.parametrize("exponent, omega", [(0.8, 2.7), (2.5, 4.3)])
def test_envelope_fit_recovers_exponent_of_oscillating_decay(exponent, omega):
    """t^-a cos^2(omega t) on a grid dt = 0.02: a within 2 % from 12 maxima or more (the
    maxima lie slightly off the cos^2 peaks and off the grid)."""
    t = np.linspace(0.0, 20.0, 1001)
    fit = fit_envelope_power_law(oscillating(t, exponent, omega), 0.5, 15.0)
    assert fit["points"] >= 12
    assert fit["exponent"] == pytest.approx(exponent, rel=0.02)
    assert 0 < fit["residual"] < 0.05


def test_envelope_exponent_error_is_the_slope_standard_error():
    """Against scipy.stats.linregress on the envelope points of a noisy envelope (one
    random factor per maximum)."""
    from scipy.stats import linregress

    t = np.linspace(0.0, 20.0, 2001)
    data = oscillating(t, 1.5, np.pi, plateau=True)
    noise = np.exp(np.random.default_rng(7).normal(0, 0.3, 21))
    data["connected"] = data["connected"] * noise[np.floor(t + 0.5).astype(int)]
    fit = fit_envelope_power_law(data, 0.7, 19.5)
    reference = linregress(np.log(fit["t"]), np.log(fit["envelope"]))
    assert fit["points"] == 19
    assert fit["exponent"] == pytest.approx(-reference.slope, rel=1e-12)
    assert fit["exponent_error"] == pytest.approx(reference.stderr, rel=1e-10)
    assert fit["exponent_error"] > 0.01


def test_envelope_fit_needs_three_points():
    """Two maxima in the window, or a monotone decay (one point, its largest value): NaN
    fit, with the points found; a window without 2 grid times is an error."""
    t = np.linspace(0.0, 20.0, 2001)
    few = fit_envelope_power_law(oscillating(t, 1.0, np.pi, plateau=True), 0.7, 2.5)
    assert few["points"] == 2 and np.allclose(few["t"], [0.75, 1.75])
    assert all(np.isnan(few[k]) for k in ("exponent", "exponent_error", "prefactor", "residual"))
    monotone = xr.Dataset({"connected": ("t", (t + 1.0) ** -2.0)}, coords={"t": t})
    assert fit_envelope_power_law(monotone, 1.0, 10.0)["points"] == 1
    with pytest.raises(ValueError, match="2 times"):
        fit_envelope_power_law(monotone, 1.001, 1.002)
    with pytest.raises(ValueError, match="t_max"):
        fit_envelope_power_law(monotone, 2.0, 1.0)


def front(hopping: np.ndarray, start: int, time: float) -> int:
    """Distance from ``start`` of the farthest local maximum of |psi_l(t)|^2 for one
    particle with the hopping matrix ``hopping`` (the light-cone front)."""
    psi = la.expm(-1j * time * hopping)[:, start]
    weight = np.abs(psi) ** 2
    peaks = [l for l in range(1, len(psi) - 1)
             if weight[l] > max(weight[l - 1], weight[l + 1]) and weight[l] > 1e-4]
    return max(abs(l - start) for l in peaks)


@pytest.mark.parametrize("J", [1.0, 0.5])
def test_group_velocity_of_one_magnon_front(J):
    """v = 4|J|: one magnon of J (sx sx + sy sy) on 121 sites, whose hopping amplitude 2J
    is the matrix element <l+1| H |l> computed from the two-site Pauli term; its front
    moves by v * 5 between t = 5/(4J) * 2 and twice that."""
    pair = J * (np.kron(string_matrix("X"), string_matrix("X")) +
                np.kron(string_matrix("Y"), string_matrix("Y")))
    amplitude = pair[1, 2].real  # |01> -> |10>: the hop of one flipped spin
    assert amplitude == pytest.approx(2 * J)
    L, start = 121, 60
    hopping = amplitude * (np.eye(L, k=1) + np.eye(L, k=-1))
    t1, t2 = 10 / (4 * J), 20 / (4 * J)
    speed = (front(hopping, start, t2) - front(hopping, start, t1)) / (t2 - t1)
    v = max_group_velocity(J, 0.5, 0.6)
    assert v == pytest.approx(4 * abs(J))
    assert speed == pytest.approx(v, rel=0.06)


def test_group_velocity_of_transverse_ising_from_majorana_spectrum():
    """J = 0: v = 2 min(|Delta|, |hx|), against the largest slope of the single-particle
    energies of the open chain Delta sx sx + hx sz (the same chain rotated) on 400 sites:
    positive eigenvalues of 2 i M, M the Majorana hopping matrix (sz_l = -i g_2l-1 g_2l,
    sx_l sx_l+1 = -i g_2l g_2l+1), modes k_n = pi n / (L + 1); the lowest is left out (the
    edge zero mode of the ordered phase Delta > hx)."""
    L = 400
    for delta, hx in [(1.0, 1.05), (0.7, 0.3)]:
        M = np.zeros((2 * L, 2 * L))
        for l in range(L):
            M[2 * l, 2 * l + 1] = -hx
        for l in range(L - 1):
            M[2 * l + 1, 2 * l + 2] = -delta
        M -= M.T
        energies = np.sort(np.linalg.eigvalsh(2j * M))[L + 1:]  # without an edge mode
        slope = np.max(np.diff(energies)) / (np.pi / (L + 1))
        assert slope == pytest.approx(max_group_velocity(0.0, delta, hx), rel=0.02)
    with pytest.raises(ValueError, match="velocity 0"):
        max_group_velocity(0.0, 0.0, 1.0)


def test_light_cone_reflection_time():
    """2 (N - 1) / v: N = 4 of xxz_fields (v = 4) is reflected at t = 1.5, not 0.2."""
    assert light_cone_reflection_time(4, max_group_velocity(1.0, 0.5, 0.6)) == 1.5
    assert light_cone_reflection_time(6, 2.0) == 5.0
    with pytest.raises(ValueError, match="velocity"):
        light_cone_reflection_time(4, 0.0)


@pytest.mark.parametrize("kwargs, match", [
    (dict(observable="sw"), "observable"),
    (dict(site=4), "site"),
    (dict(times=[0.0, -1.0]), "times"),
    (dict(times=[1.0, 0.5]), "times"),
    (dict(gamma_evolve=-0.1), "gamma_evolve"),
    (dict(method="dense"), "method"),
    (dict(krylov_tolerance=1e-3), "option"),
    (dict(state=np.ones(16)), "state"),
    (dict(state=np.r_[2.0, np.zeros(255)]), "trace"),
    (dict(method="mps", observable=("sx", "sz")), "A = B"),
    (dict(baths=[lb.make_bath("davies", "left", 0.5, 1.0)]), "davies"),
    (dict(chain=lb.Chain(11)), "N must be <= 10"),
])
def test_bad_input_raises_before_work(kwargs, match):
    args = dict(chain=lb.Chain(4), baths=LEFT, times=[0.0, 1.0])
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        correlation(**args)


def run_cli(tmp_path, steady4, num, gamma_evolve, *extra):
    """`lindbath correlation` on the N = 4 chain with the left bath, t in [0, 2] on ``num``
    points; returns (argv, the stored curves, the exact route's curves on that grid)."""
    out = tmp_path / "c.nc"
    argv = ["correlation", "--N", "4", "--bath", "db,left,0.5,1", "--t-max", "2",
            "--num-times", str(num), "--gamma-evolve", str(gamma_evolve), *extra,
            "--out", str(out)]
    assert main(argv) == 0
    with xr.open_dataset(out) as stored:
        back = join_complex(stored.load())
    direct = correlation(steady4[0], LEFT, np.linspace(0, 2, num), gamma_evolve=gamma_evolve,
                         state=steady4[1])
    return argv, back, direct


def test_cli_writes_netcdf_that_reads_back(tmp_path, steady4):
    argv, back, direct = run_cli(tmp_path, steady4, 11, 0.5)
    np.testing.assert_allclose(back["connected"].values, direct["connected"].values,
                               atol=1e-12)
    assert back.attrs["gamma_evolve"] == 0.5 and back.attrs["site_a"] == 4
    assert back.attrs["bath_evolve_0"] == "db,left,beta=0.5,gamma=0.5,target=bond"
    assert set(split_complex(direct).data_vars) == {"connected_real", "connected_imag",
                                                    "full_real", "full_imag"}
    bad = tmp_path / "bad.nc"
    assert main(argv[:-1] + [str(bad)] + ["--site", "9"]) == 2 and not bad.exists()


def test_cli_method_mps_matches_exact(tmp_path, steady4):
    """`lindbath correlation --method mps --chi 16` (N = 4: no truncation) against the
    exact route; the MPS steady state is its own Trotter fixed point and the evolution
    keeps the Trotter error of dt = 0.05 (measured 1.3e-3)."""
    _, back, direct = run_cli(tmp_path, steady4, 5, 0.0, "--method", "mps", "--chi", "16",
                              "--obs-tol", "1e-4")
    np.testing.assert_allclose(back["connected"].values, direct["connected"].values,
                               atol=3e-3)
