"""Inverting one reference curve (lindbath.analysis.inversion) against analytic inverses."""

import numpy as np
import pytest

from lindbath.analysis.inversion import (
    AMBIGUOUS_BRANCH,
    OK,
    OUT_OF_RANGE,
    UNCONVERGED_REFERENCE,
    UNRESOLVED,
    ReferenceCurve,
    invert,
)

BETAS = np.linspace(0.0, 2.0, 101)
PARABOLA = ReferenceCurve(BETAS, (BETAS - 1.0) ** 2)  # turns at beta = 1


@pytest.mark.parametrize("target", [0.0123, 0.31, 0.777, 1.5, 1.999])
def test_root_and_error_bar_against_the_analytic_inverse(target):
    """tanh and -tanh: the spline's root is within its own error bar (and 1e-8) of artanh."""
    for sign in (1.0, -1.0):
        curve = ReferenceCurve(BETAS, sign * np.tanh(BETAS))
        found = invert(curve, sign * np.tanh(target))
        assert found.flag == OK
        assert abs(found.beta - target) < 1e-8
        assert abs(found.beta - target) <= 10 * found.error + 1e-12
        assert np.isnan(found.other_root) and np.isnan(found.reference_error)


def test_two_roots_are_resolved_by_the_hint_and_the_other_root_is_kept():
    """(beta - 1)^2 = 0.25 at beta = 0.5 and 1.5."""
    assert invert(PARABOLA, 0.25).flag == AMBIGUOUS_BRANCH          # no hint
    low = invert(PARABOLA, 0.25, hint=0.4, hint_error=0.05)
    assert low.flag == OK and low.beta == pytest.approx(0.5, abs=1e-9)
    assert low.other_root == pytest.approx(1.5, abs=1e-9)
    high = invert(PARABOLA, 0.25, hint=1.7, hint_error=0.05)
    assert high.beta == pytest.approx(1.5, abs=1e-9) and high.other_root == pytest.approx(0.5)
    straddles = invert(PARABOLA, 0.25, hint=0.95, hint_error=0.1)  # the hint's bar holds 1
    assert straddles.flag == AMBIGUOUS_BRANCH and np.isnan(straddles.beta)


def test_value_at_a_turning_point_has_the_error_bar_of_the_curvature():
    """At a turning point a value error dO is a beta error sqrt(2 dO / |S''|): an exact
    parabola (dO = round-off) still resolves its vertex; cos(3 beta) on a grid of step 0.1
    (dO ~ 1e-5 from interpolation) does not (flag 3, with its error bar)."""
    vertex = invert(PARABOLA, 0.0, hint=1.0, hint_error=0.0)
    assert vertex.flag == OK and vertex.beta == pytest.approx(1.0, abs=1e-5)
    assert vertex.error == pytest.approx(1e-6, rel=0.01)
    grid = np.linspace(0.0, 2.0, 21)
    curve = ReferenceCurve(grid, np.cos(3 * grid))
    found = invert(curve, -1.0 + 1e-9, hint=np.pi / 3, hint_error=0.0)
    assert found.flag == UNRESOLVED and np.isnan(found.beta)
    assert 1e-3 * np.pi / 3 < found.error < 0.05


def test_out_of_range_nan_and_flat_curves():
    assert invert(PARABOLA, -0.1).flag == OUT_OF_RANGE
    assert invert(PARABOLA, 1.5).flag == OUT_OF_RANGE
    assert invert(PARABOLA, np.nan).flag == OUT_OF_RANGE
    flat = ReferenceCurve(BETAS, np.zeros(BETAS.size))
    assert invert(flat, 0.0).flag == UNRESOLVED        # sigma^y: every beta
    assert invert(flat, 0.1).flag == OUT_OF_RANGE
    assert invert(ReferenceCurve(BETAS, np.full(BETAS.size, np.nan)), 0.1).flag == OUT_OF_RANGE


def test_coarse_grid_is_unresolved_and_a_fine_one_is_not():
    coarse = np.linspace(0.0, 2.0, 5)
    found = invert(ReferenceCurve(coarse, np.tanh(coarse)), np.tanh(0.7312))
    assert found.flag == UNRESOLVED and found.error > 1e-3 * 0.7312
    fine = invert(ReferenceCurve(BETAS, np.tanh(BETAS)), np.tanh(0.7312))
    assert fine.flag == OK and fine.beta == pytest.approx(0.7312, abs=1e-8)


def test_reference_error_is_the_check_curves_difference_in_beta():
    """A check curve shifted by dO = 1e-3: reference_error = dO / slope (slope of tanh at
    0.5 is 1/cosh^2 = 0.786); flag 4 once it exceeds reference_tol beta."""
    curve = ReferenceCurve(BETAS, np.tanh(BETAS))
    check = ReferenceCurve(BETAS, np.tanh(BETAS) + 1e-3)
    found = invert(curve, np.tanh(0.5), [check])
    assert found.flag == OK
    assert found.reference_error == pytest.approx(1e-3 * np.cosh(0.5) ** 2, rel=1e-3)
    strict = invert(curve, np.tanh(0.5), [check], reference_tol=1e-3)
    assert strict.flag == UNCONVERGED_REFERENCE and np.isnan(strict.beta)
