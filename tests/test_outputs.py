"""The registry of output variables (lindbath.outputs): State.to_dataset and every dataset of
the tiny study take long_name and units from it, and the rule it states agrees with the
solver's constant."""

from __future__ import annotations

from fnmatch import fnmatch

import pytest
import xarray as xr

import lindbath as lb
from lindbath import outputs
from lindbath.exact import sparse

# Files (glob, relative to results/) whose writer gives registered names a meaning of its own:
# glob -> those names, and the writer.
OWN_MEANINGS = {
    "*reference*": ({*outputs.OBSERVABLE_OUTPUTS, "chi", "truncation_error"},
                    "analysis/tables.py: thermal values and checks of a reference table"),
    "*bath_models*": ({"residual"}, "analysis/comparison.py: ||L(rho_ss)||_F, units 1"),
    "*parameter_search*": ({"converged", "residual"}, "analysis/search.py"),
    "*linear_response*": ({"converged", "residual"},
                          "linear_response_point.py: first-order residual and its point rule"),
}


def expected(name: str) -> list[dict[str, str]]:
    """The registry's attributes of a variable (a diag_ prefix ignored, as the workflow's
    writer does; the residual in the meaning of either method); [] if unregistered."""
    if name == "residual":
        return [output.attrs() for output in outputs.RESIDUALS.values()]
    base = name.removeprefix("diag_")
    return [outputs.attrs(base)] if base in outputs.OUTPUTS else []


def disagreements(ds: xr.Dataset, path: str) -> list[str]:
    """Registered variables and coordinates whose long_name or units differ from the
    registry's, other than the file's own meanings (OWN_MEANINGS)."""
    own = set().union(*(names for pattern, (names, _) in OWN_MEANINGS.items()
                        if fnmatch(path, pattern)))
    return [str(name) for name, variable in ds.variables.items()
            if name not in own and (wanted := expected(str(name)))
            and {k: variable.attrs.get(k) for k in ("long_name", "units")} not in wanted]


def test_steady_state_dataset_uses_the_registry():
    state = lb.steady_state(lb.Chain(4), [lb.make_bath("db", "left", 0.5, 1.0)])
    ds = state.to_dataset()
    assert {"sx", "energy", "site", "bond"} <= set(ds.variables)
    assert all(variable.attrs == outputs.attrs(str(name))
               for name, variable in ds.variables.items())


def test_the_converged_rule_is_the_solvers_constant():
    """The exact solver judges with the registry's constant, and its text states it."""
    assert sparse.RESIDUAL_OK is outputs.RESIDUAL_OK
    assert f"< {outputs.RESIDUAL_OK:g}" in outputs.OUTPUTS["converged"].long_name


def test_correlation_time_uses_the_registry():
    ds = lb.correlation(lb.Chain(3), [lb.DBBath("left", 0.5, 1.0)], [0.0, 0.5], "sz", -1, 0.0)
    assert ds["t"].attrs == outputs.attrs("t")
    assert ds["connected"].attrs == outputs.attrs("connected")


@pytest.mark.slow
def test_every_dataset_of_the_tiny_study_agrees_with_the_registry(tiny_run):
    files = sorted((tiny_run / "results").rglob("*.nc"))
    assert files
    found = {}
    for path in files:
        ds = xr.load_dataset(path)
        bare = [str(name) for name, variable in ds.variables.items()
                if not (variable.attrs.get("long_name") and variable.attrs.get("units"))]
        relative = str(path.relative_to(tiny_run / "results"))
        if wrong := disagreements(ds, relative) + [f"{name}: bare" for name in bare]:
            found[relative] = wrong
    assert found == {}
