# Checks of the configuration, before the grids are built (no rules here), so that a bad key
# stops Snakemake with a message naming it and nothing is written: the config files as YAML
# (duplicate keys, numbers that YAML reads as strings), the JSON schema, integers, and the
# consistency that the schema cannot express.
import dataclasses
import math
import re
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, validators
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from lindbath.analysis.linear_response import CONVENTION_SETS
from lindbath.errors import InputError
from lindbath.model.baths import BATH_TYPES
from lindbath.mps.relaxation import grid_steps

SCHEMA = Path(workflow.basedir) / "workflow" / "schemas" / "config.schema.yaml"
BATH_SECTIONS = ["beta_scan", "gamma_map", "field_scan", "bath_models", "long_chains",
                 "relaxation", "thermality"]
NAMED_SECTIONS = [*BATH_SECTIONS, "correlations", "figures", "linear_response",
                  "parameter_search", "transport"]
# A number in exponent form without a dot or without the exponent's sign (1e-10, 1.0e10):
# YAML 1.1 (PyYAML) reads it as a string.
EXPONENT_STRING = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping (plain YAML keeps the
    last value silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    problem=f"duplicate key {key!r}: give each key once",
                    problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def config_error(key, message):
    """Stop the workflow with ``message`` about the config ``key``."""
    raise WorkflowError(f"config: {key}: {message}")


def config_key(path):
    """The config key of a path of keys and list indices: 'a.b[0]'."""
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else f".{part}" if key else str(part)
    return key


def config_values(value, path=()):
    """(config key, value) of every leaf (neither dict nor list) of ``value``."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in config_values(v, (*path, k))]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in config_values(v, (*path, i))]
    return [(config_key(path), value)]


def config_numbers(value):
    """(config key, value) of every number in ``value``."""
    return [(key, v) for key, v in config_values(value)
            if isinstance(v, int | float) and not isinstance(v, bool)]


def check_config_files():
    """No config file (the Snakefile's and those of --configfile) gives a key twice."""
    for path in workflow.configfiles:
        try:
            with open(path, encoding="utf-8") as f:
                yaml.load(f, Loader=UniqueKeyLoader)
        except yaml.constructor.ConstructorError as error:
            config_error(f"{path} line {error.problem_mark.line + 1}", error.problem)


def check_exponent_strings():
    """Numbers in exponent form are written so that YAML reads them as numbers."""
    for key, value in config_values(config):
        if isinstance(value, str) and EXPONENT_STRING.fullmatch(value):
            mantissa, exponent = value.lower().split("e")
            mantissa += "" if "." in mantissa else ".0"
            exponent = exponent if exponent[0] in "+-" else f"+{exponent}"
            config_error(key, f"{value!r} is a string to YAML, not a number: write "
                         f"{mantissa}e{exponent} (a dot in the mantissa and a signed exponent)")


def check_integers(schema):
    """Where the schema asks for an integer, the config has one: the schema's validation
    (JSON Schema) accepts 3.0 as an integer, and it would name files N3.0."""
    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    strict = validators.extend(Draft202012Validator, type_checker=checker)(schema)
    for error in strict.iter_errors(config):
        config_error(config_key(error.absolute_path),
                     f"{error.instance!r} must be an integer: write {int(error.instance)}")


def check_finite():
    """Every number is finite: the JSON schema lets NaN (YAML .nan) pass every bound and
    .inf pass every lower bound."""
    for key, value in config_numbers(config):
        if not math.isfinite(value):
            config_error(key, f"{value} is not a finite number")


def section_hamiltonians(section):
    """(config key, Hamiltonian names) of a section: its `hamiltonians` list or its one
    `hamiltonian`."""
    if "hamiltonians" in config[section]:
        return f"{section}.hamiltonians", config[section]["hamiltonians"]
    return f"{section}.hamiltonian", [config[section]["hamiltonian"]]


def check_names():
    """Every Hamiltonian a section refers to is defined under `hamiltonians`."""
    for section in NAMED_SECTIONS:
        key, names = section_hamiltonians(section)
        for name in names:
            if name not in config["hamiltonians"]:
                config_error(key, f"unknown Hamiltonian {name!r}; "
                             f"defined: {', '.join(config['hamiltonians'])}")


def check_figures():
    """The figures' Hamiltonian, chain length and profile temperatures are in the beta scan."""
    figures, scan = config["figures"], config["beta_scan"]
    if figures["hamiltonian"] not in scan["hamiltonians"]:
        config_error("figures.hamiltonian", "must be one of beta_scan.hamiltonians")
    if figures["N"] not in scan["N"]:
        config_error("figures.N", f"must be one of beta_scan.N {scan['N']}")
    for beta in figures["profile_beta_bath"]:
        if float(beta) not in [float(b) for b in scan["beta_bath"]]:
            config_error("figures.profile_beta_bath", f"{beta} is not in beta_scan.beta_bath")


def local_bath_uses():
    """(config key, Hamiltonian names, bath kinds) of every section that sets baths; the
    field scan replaces hx only, so its chains keep the hz of their base Hamiltonian, and
    transport's conductance and bath models use its first Hamiltonian only."""
    uses = [(f"{s}.baths", section_hamiltonians(s)[1], config[s]["baths"])
            for s in BATH_SECTIONS]
    corr, transport = config["correlations"], config["transport"]
    every, first = transport["hamiltonians"], transport["hamiltonians"][:1]
    return uses + [("correlations.bath", [corr["hamiltonian"]], [corr["bath"]])] + [
        (f"transport.{part}.baths", names, transport[part]["baths"])
        for part, names in [("scaling", every), ("mps", every), ("conductance", first),
                            ("bath_models", first)]]


def check_local_baths():
    """The local bath needs hz != 0 (docs/conventions.md)."""
    for key, names, baths in local_bath_uses():
        for name in names:
            if "local" in baths and float(config["hamiltonians"][name]["hz"]) == 0:
                config_error(key, f"bath 'local' needs hz != 0; {name!r} has hz = 0")


def bath_temperatures():
    """(config key, bath kinds, beta_bath values) of every section that sets baths."""
    uses = [(f"{s}.beta_bath", config[s]["baths"], config[s]["beta_bath"])
            for s in BATH_SECTIONS]
    corr = config["correlations"]
    return uses + [("correlations.lengths.beta_bath", [corr["bath"]],
                    [corr["lengths"]["beta_bath"]]),
                   ("correlations.temperatures.beta_bath", [corr["bath"]],
                    corr["temperatures"]["beta_bath"])]


def check_bath_temperatures():
    """The local and Davies baths need beta_bath > 0: their thermal occupation
    1/(exp(beta omega) - 1) diverges at beta = 0 (their classes refuse it:
    lindbath.model.baths, allows_zero_beta)."""
    for key, baths, betas in bath_temperatures():
        for kind in sorted(k for k in set(baths) if not BATH_TYPES[k].allows_zero_beta):
            if any(float(beta) <= 0 for beta in betas):
                config_error(key, f"bath {kind!r} needs beta_bath > 0; got {list(betas)}")


def check_correlations():
    """The power-law fit window lies in the time grid (chains beyond the exact limit
    EXACT_MAX_N are computed as MPS, correlations.mps)."""
    corr = config["correlations"]
    low, high = corr["temperatures"]["fit_window"]
    if not low < high <= corr["times"]["stop"]:
        config_error("correlations.temperatures.fit_window",
                     f"need start < stop <= times.stop; got [{low}, {high}]")


def check_reference():
    """The truncation check needs a second bond dimension, and every steady state is read by
    the reference of its own length (lindbath.analysis.temperatures, match="site")."""
    for key in ("reference", "long_chains.reference"):
        section, _, sub = key.partition(".")
        ref = config[section][sub] if sub else config[section]
        if ref["chi_check"] == ref["chi"]:
            config_error(f"{key}.chi_check", f"must differ from {key}.chi = {ref['chi']}")
    lengths = [("beta_scan.N", config["beta_scan"]["N"], "reference.N_ref"),
               ("gamma_map.N", [config["gamma_map"]["N"]], "reference.N_ref"),
               ("field_scan.N", [config["field_scan"]["N"]], "field_scan.N_ref"),
               ("parameter_search.N", [config["parameter_search"]["N"]],
                "parameter_search.N_ref")]
    for key, values, reference in lengths:
        section, _, sub = reference.partition(".")
        missing = sorted(set(values) - set(config[section][sub]))
        if missing:
            config_error(key, f"{missing} must be in {reference} = {config[section][sub]}: "
                         "each state is compared with the Gibbs state of its own length")


def check_thermality():
    """The MPS part of the thermality study continues lines of the exact part: its chains
    and temperatures are among the study's."""
    th = config["thermality"]
    for key, values, allowed in [("hamiltonians", th["mps"]["hamiltonians"], th["hamiltonians"]),
                                 ("beta_bath", th["mps"]["beta_bath"], th["beta_bath"])]:
        extra = sorted(set(values) - set(allowed))
        if extra:
            config_error(f"thermality.mps.{key}", f"{extra} must be in thermality.{key} "
                         f"{list(allowed)}")


def check_relaxation_mps():
    """The MPS relaxation grid's spacing is a whole number of Trotter steps: the check of
    lindbath.mps.relaxation.grid_steps, made before any job starts."""
    m = config["relaxation"]["mps"]
    try:
        grid_steps(m["t_max"], m["num"], m["dt"])
    except InputError as error:
        config_error("relaxation.mps", str(error))


def check_conventions():
    """The thermality map's convention labels are those of the package."""
    for label in config["linear_response"]["conventions"]:
        if label not in CONVENTION_SETS:
            config_error("linear_response.conventions", f"unknown convention {label!r}; "
                         f"allowed: {', '.join(CONVENTION_SETS)}")


def check_transport_profiles():
    """The transport temperature profiles show lengths of the j N scaling."""
    t = config["transport"]
    lengths = t["scaling"]["N"] + t["mps"]["N"]
    missing = sorted(set(t["profile_N"]) - set(lengths))
    if missing:
        config_error("transport.profile_N", f"{missing} must be in transport.scaling.N or "
                     f"transport.mps.N {lengths}")


check_config_files()
check_exponent_strings()
validate(config, str(SCHEMA))
check_integers(yaml.safe_load(SCHEMA.read_text()))
check_finite()
check_names()
check_reference()
check_figures()
check_local_baths()
check_bath_temperatures()
check_correlations()
check_conventions()
check_thermality()
check_relaxation_mps()
check_transport_profiles()
