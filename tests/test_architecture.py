"""The package's layers, read from its imports with ast: no cycles, argparse only in the
CLI, and every import points down (or within the same subpackage).  Its declared API: every
module lists its public names in ``__all__``, and the workflow and the benchmarks import
only declared names."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lindbath"
UNDECLARED: set[str] = set()  # modules exempt from declaring __all__ (none)

# Layer of each top-level unit; a unit may import units of lower layers and its own modules.
LAYERS = {
    "errors": -1,
    "validation": 0, "progress": 0, "resources": 0, "outputs": 0,
    "model": 1,
    "exact": 2, "mps": 2,
    "analysis": 3, "open_qubits": 3,
    "solve": 4, "io": 4,
    "cli": 5,
    "__init__": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """lindbath modules imported anywhere in the file (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("lindbath")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lindbath"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
    return found


def unit(module: str) -> str:
    """'lindbath.exact.sparse' -> 'exact'; 'lindbath' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(path, set(found)) for name, path in found.items()}


def test_every_unit_has_a_layer():
    assert {unit(name) for name in modules()} <= set(LAYERS)


def test_imports_point_down():
    upward = [(name, target) for name, targets in graph().items() for target in targets
              if unit(target) != unit(name) and LAYERS[unit(target)] >= LAYERS[unit(name)]]
    assert upward == []


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return path + [node, target]
            if target not in state and (cycle := visit(target, path + [node])):
                return cycle
        state[node] = 2
        return []

    cycles = [cycle for name in sorted(edges) if name not in state and (cycle := visit(name, []))]
    assert cycles == []


def test_argparse_only_in_cli():
    users = [name for name, path in modules().items()
             if name != "lindbath.cli" and "argparse" in path.read_text()]
    assert users == []


@pytest.mark.parametrize("check, lower, upper", [
    (test_imports_point_down, "lindbath.model.chain", "lindbath.exact.sparse"),  # upward
    (test_imports_point_down, "lindbath.exact.sparse", "lindbath.mps.steady"),  # sideways
    (test_no_import_cycles, "lindbath.model.chain", "lindbath.model.baths"),  # a cycle
])
def test_the_checks_catch_an_injected_violation(check, lower, upper, monkeypatch):
    edges = graph()
    edges[lower] = edges[lower] | {upper}
    monkeypatch.setattr(f"{__name__}.graph", lambda: edges)
    with pytest.raises(AssertionError):
        check()


def bound_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level: definitions, assignments and imports."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                names |= {e.id for e in elements if isinstance(e, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def declared(tree: ast.Module) -> list[str] | None:
    """The module's ``__all__`` (a literal list of strings), or None if it has none."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return [ast.literal_eval(element) for element in node.value.elts]
    return None


def api() -> dict[str, set[str] | None]:
    """Declared names of every module (None: no __all__)."""
    result = {}
    for name, path in modules().items():
        names = declared(ast.parse(path.read_text()))
        result[name] = None if names is None else set(names)
    return result


def test_every_module_declares_its_api():
    """__all__ in every module (but UNDECLARED), without duplicates, and every declared name
    exists in the module."""
    problems = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text())
        names = declared(tree)
        if names is None:
            if name not in UNDECLARED:
                problems.append(f"{name}: no __all__")
            continue
        if len(set(names)) != len(names):
            problems.append(f"{name}: duplicates in __all__")
        problems += [f"{name}.{n}: declared, not defined" for n in set(names) - bound_names(tree)]
    assert problems == []


def import_tree(path: Path) -> ast.Module:
    """A script's syntax tree; for a Snakemake file only its lindbath imports (the rest is
    not Python)."""
    text = path.read_text()
    if path.suffix != ".smk" and path.name != "Snakefile":
        return ast.parse(text)
    statements = re.findall(r"^(?:from lindbath[\w.]* import (?:\([^)]*\)|.*)|import lindbath.*)$",
                            text, flags=re.MULTILINE)
    return ast.parse("\n".join(statements))


def undeclared_uses(tree: ast.Module, declared_api: dict[str, set[str] | None]) -> list[str]:
    """``from lindbath.X import name`` and ``alias.name`` (alias a lindbath module) where name
    is neither in X.__all__ nor a submodule of X."""

    def allowed(module: str, name: str) -> bool:
        names = declared_api.get(module, set())
        return f"{module}.{name}" in declared_api or names is None or name in names

    bad, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lindbath"):
            if node.module not in declared_api:
                bad.append(f"{node.module} (no such module)")
                continue
            for alias in node.names:
                if f"{node.module}.{alias.name}" in declared_api:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                elif not allowed(node.module, alias.name):
                    bad.append(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lindbath"):
                    aliases[alias.asname or "lindbath"] = alias.name if alias.asname else "lindbath"
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and not node.attr.startswith("__")):
            module = aliases[node.value.id]
            if not allowed(module, node.attr):
                bad.append(f"{module}.{node.attr}")
    return bad


def script_paths() -> list[Path]:
    workflow = ROOT / "workflow"
    return sorted([*(workflow / "scripts").glob("*.py"), *(ROOT / "benchmarks").glob("*.py"),
                   *(workflow / "rules").glob("*.smk"), ROOT / "Snakefile"])


def test_scripts_and_benchmarks_import_only_declared_names():
    declared_api = api()
    bad = {str(path.relative_to(ROOT)): uses for path in script_paths()
           if (uses := undeclared_uses(import_tree(path), declared_api))}
    assert bad == {}


@pytest.mark.parametrize("source, expected", [
    ("from lindbath.exact.nojump import DECAY_MIN", ["lindbath.exact.nojump.DECAY_MIN"]),
    ("import lindbath as lb\nlb.check_inputs", ["lindbath.check_inputs"]),
    ("from lindbath.open_qubits import qubits\nqubits.lowering(2, 0)",
     ["lindbath.open_qubits.qubits.lowering"]),
    ("from lindbath.nowhere import x", ["lindbath.nowhere (no such module)"]),
    ("import lindbath as lb\nlb.steady_state\nfrom lindbath.exact import ExactSettings", []),
])
def test_the_api_check_catches_undeclared_imports(source, expected):
    assert undeclared_uses(ast.parse(source), api()) == expected


# The solver entry points besides the top-level names: documented like them.
ENTRY_POINTS = ["lindbath.exact.sparse.exact_steady_state", "lindbath.exact.nojump.nojump_steady",
                "lindbath.exact.thermal.exact_thermal_state",
                "lindbath.exact.relaxation.relaxation_time",
                "lindbath.exact.settings.ExactSettings", "lindbath.mps.steady.mps_steady_state",
                "lindbath.mps.purification.mps_thermal_state",
                "lindbath.mps.purification.mps_thermal_table",
                "lindbath.mps.correlation.mps_correlation",
                "lindbath.mps.relaxation.mps_relaxation_time"]
NOT_OURS = {"Bath", "__version__"}  # Bath: abstract, its kinds are documented


def documented() -> list[str]:
    import lindbath

    return [f"lindbath.{name}" for name in lindbath.__all__ if name not in NOT_OURS] + ENTRY_POINTS


def sections(doc: str) -> dict[str, list[str]]:
    """numpydoc sections of a docstring: header (underlined by dashes) -> its lines."""
    lines = inspect.cleandoc(doc).splitlines()
    found, current = {}, None
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and set(lines[i + 1].strip()) == {"-"} and line.strip():
            current = line.strip()
            found[current] = []
        elif current is not None and not set(line.strip()) <= {"-"} or line.strip() == "":
            if current is not None:
                found[current].append(line)
    return found


def check_numpydoc(obj) -> None:
    """Parameters (every argument, with its type and, where it has one, its default),
    Returns for functions, and References to [P] or [L] equations or sections."""
    found = sections(obj.__doc__ or "")
    assert "References" in found and re.search(r"\[(P|L)\]", "\n".join(found["References"]))
    if inspect.isfunction(obj):
        assert "Returns" in found
    params = inspect.signature(obj).parameters
    entries = {}
    for line in found.get("Parameters", []):
        if (match := re.match(r"(\*{0,2})(\w+)(?: : (.*))?$", line)):
            entries[match.group(2)] = match.group(3) or ""
    assert set(entries) == set(params)
    for key, param in params.items():
        if param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            assert entries[key], f"{key}: no type"
            assert (param.default is param.empty) == ("default" not in entries[key]), key


@pytest.mark.parametrize("path", documented())
def test_exported_names_have_numpydoc_sections(path):
    module, _, name = path.rpartition(".")
    check_numpydoc(getattr(importlib.import_module(module), name))


def test_the_numpydoc_check_catches_a_prose_docstring():
    from lindbath.exact.correlation import exact_correlation  # documented in prose

    with pytest.raises(AssertionError):
        check_numpydoc(exact_correlation)
