"""CF attributes and provenance of every netCDF file the workflow writes: each variable and
coordinate has a long_name and units ("1" if dimensionless), and each file stores the whole
resolved configuration as YAML text (config_yaml) beside its config_hash. The fast tests run
the workflow's writer (workflow/scripts/wfcommon.py) on the package's own datasets; the slow
one walks every file of the tiny study."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import xarray as xr
import yaml
from conftest import XXZ_FIELDS

import lindbath as lb
from lindbath.analysis.tables import convergence, reference_table
from lindbath.io import split_complex
from lindbath.outputs import RESIDUALS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workflow" / "scripts"))
import wfcommon  # noqa: E402

CHAIN = lb.Chain(4, **XXZ_FIELDS)
BATHS = [lb.make_bath("db", edge, 0.5, 1.0) for edge in ("left", "right")]


def bare_variables(ds: xr.Dataset) -> list[str]:
    """What the writer leaves without long_name or units."""
    return wfcommon.missing_attributes(wfcommon.annotate(ds))


@pytest.mark.parametrize("options", [{}, {"method": "mps", "chi": 16, "obs_tol": 1e-2}],
                         ids=["exact", "mps"])
def test_steady_state_diagnostics_get_units(options):
    ds = wfcommon.diagnostics_as_variables(lb.steady_state(CHAIN, BATHS, **options).to_dataset())
    assert {"residual", "trace", "wall_time_s", "converged"} <= set(ds.data_vars)
    assert bare_variables(ds) == []
    method = options.get("method", "exact")
    assert ds["residual"].attrs == RESIDUALS[method].attrs()
    assert ds["wall_time_s"].attrs["units"] == "s"


def test_reference_table_with_convergence_gets_units():
    table = reference_table(XXZ_FIELDS, [4, 6], np.linspace(0.0, 1.0, 5))
    table = table.merge(convergence(table), compat="no_conflicts")
    assert any(name.startswith("diag_") for name in table.data_vars)
    assert bare_variables(table) == []
    energy_units = table["energy"].attrs["units"]
    assert energy_units != "1" and table["delta_energy"].attrs["units"] == energy_units
    assert table["middle_sz"].attrs["units"] == "1"


def test_correlation_diagnostics_get_units():
    ds = lb.correlation(CHAIN, BATHS[:1], np.linspace(0.0, 1.0, 3), "sz", -1, 0.0)
    diag = {k.removeprefix("diag_"): v for k, v in ds.attrs.items()
            if k.startswith("diag_") and np.isscalar(v) and not isinstance(v, str)}
    ds = split_complex(ds.assign({k: xr.Variable((), v) for k, v in diag.items()}))
    assert "propagation_error_estimate" in ds and "full_real" in ds
    assert bare_variables(ds) == []


def test_a_variable_nobody_describes_is_reported():
    ds = xr.Dataset({"mystery": ("site", [1.0, 2.0])}, coords={"site": [1, 2]})
    assert bare_variables(ds) == ["mystery"]


def test_written_file_carries_the_config_as_yaml(tmp_path):
    config = {"reference": {"N_ref": [4, 6, 16], "beta": {"stop": 3.0, "num": 151}},
              "hamiltonians": {"xxz_fields": dict(XXZ_FIELDS)}, "reference_tol": 0.02}
    job = SimpleNamespace(config=config, rule="unit_test")
    path = tmp_path / "out.nc"
    wfcommon.write_dataset(xr.Dataset({"r": ((), 0.5)}), str(path), job, "test")
    attrs = xr.load_dataset(path).attrs
    assert yaml.safe_load(attrs["config_yaml"]) == config
    assert attrs["config_hash"] == wfcommon.config_hash(config)


@pytest.mark.slow
def test_every_file_of_the_tiny_study_has_units_and_its_config(tiny_run):
    files = sorted((tiny_run / "results").rglob("*.nc"))
    assert len(list((tiny_run / "results" / "datasets").glob("*.nc"))) >= 10
    bare = {}
    for path in files:
        ds = xr.load_dataset(path)
        if missing := wfcommon.missing_attributes(ds):
            bare[str(path.relative_to(tiny_run))] = missing
        config = yaml.safe_load(ds.attrs["config_yaml"])
        assert wfcommon.config_hash(config) == ds.attrs["config_hash"], path
        assert config["reference"]["N_ref"] == [4, 6, 16], path  # config/tiny.yaml
    assert bare == {}
