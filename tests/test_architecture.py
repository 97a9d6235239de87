"""The package's layers, read from its imports with ast: no cycles, argparse only in the
CLI, and every import points down (or within the same subpackage)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lindbath"

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
