"""The layout is the pipeline: lower stages never import the command line, and the
packages named in the design do not import each other in a circle. Read from the source
with ast (every import, at module level or inside a function, except type-only ones)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dronewatch"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The dronewatch modules a file imports, type-checking-only imports left out."""
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("dronewatch"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dronewatch"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)  # "from dronewatch import cli"
    return out


GRAPH = {module_name(p): imports(p) for p in SRC.rglob("*.py")}


def resolves(target: str) -> str | None:
    while target and target not in GRAPH:
        target = target.rpartition(".")[0]
    return target or None


def edges(module: str) -> set[str]:
    return {m for t in GRAPH[module] if (m := resolves(t)) and m != module}


def test_nothing_below_the_command_line_imports_it():
    cli_layer = ("dronewatch.cli", "dronewatch.commands")
    offenders = {m: sorted(t for t in edges(m) if t.startswith(cli_layer))
                 for m in GRAPH if not m.startswith(cli_layer)}
    assert {m: t for m, t in offenders.items() if t} == {}


def reachable(start: str, within: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in edges(todo.pop()):
            if nxt.startswith(within) and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_no_import_circle_inside_verify_nor_between_cli_store_and_scale():
    for package in ("dronewatch.verify", "dronewatch.store", "dronewatch.scale", "dronewatch.extract"):
        circles = [m for m in GRAPH if m.startswith(package + ".") and m in reachable(m, package + ".")]
        assert circles == [], f"{package}: modules that import themselves through others: {circles}"
    layers = ("dronewatch.cli", "dronewatch.store", "dronewatch.scale")
    for a in layers:
        for b in layers:
            if a != b:
                a_to_b = any(t.startswith(b) for m in GRAPH if m.startswith(a) for t in reachable(m, b))
                b_to_a = any(t.startswith(a) for m in GRAPH if m.startswith(b) for t in reachable(m, a))
                assert not (a_to_b and b_to_a), f"{a} and {b} import each other"


def test_the_worker_pool_is_part_of_the_extraction_stage():
    assert "dronewatch.extract.pool" in GRAPH
    for user in ("dronewatch.cli", "dronewatch.store.pipeline", "dronewatch.scale.ray_engine"):
        assert "dronewatch.extract.pool" in edges(user), user
