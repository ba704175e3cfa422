"""The package's layout, read from its imports (ast): each folder's rules hold, and no module
imports itself through others (issue 21)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "briefings"
FOLDERS = ("stages", "text", "incremental", "preview", "commands")
FORBIDDEN = {
    "text": {"stages", "incremental", "preview", "commands"},
    "stages": {"preview", "commands"},
    "incremental": {"preview", "commands"},
}
"""What each folder may not import (its `__init__` docstring says so)."""


def _name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(module: str) -> set[str]:
    """The package's modules that `module` imports, anywhere in it: in functions too, and under
    `if TYPE_CHECKING:` (a dependency for the type checker is a dependency of the design: the
    model once imported the writer so, and the writer the model)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                name = f"{base}.{alias.name}"
                found.add(name if name in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in MODULES and name != module}


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in FOLDERS else ""


def test_every_folder_has_its_docstring_and_the_modules_are_grouped() -> None:
    for folder in FOLDERS:
        init = PACKAGE / folder / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), folder
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= 18, top  # the top holds the shared model and the command line


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_folder_imports_what_its_rules_forbid(folder: str) -> None:
    broken = sorted(
        f"{module} imports {other}"
        for module in MODULES
        if _folder(module) == folder
        for other in imports(module)
        if _folder(other) in FORBIDDEN[folder]
    )
    assert broken == []


def test_only_the_command_line_imports_the_preview_and_the_commands() -> None:
    importers = sorted(
        f"{module} imports {other}"
        for module in MODULES
        for other in imports(module)
        if _folder(other) in {"preview", "commands"} and _folder(module) != _folder(other)
        if module not in {"briefings.cli", "briefings.__main__"}
    )
    assert importers == []


def test_no_module_imports_itself_through_others() -> None:
    graph = {module: imports(module) for module in MODULES}
    cycles = _cycles(graph)
    assert cycles == []


def test_the_checks_see_a_broken_rule_and_a_cycle() -> None:
    # The checks above can fail: a cycle made up here is found.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert "briefings.stages.write" in imports("briefings.build")
    assert "briefings.stages.write" not in imports("briefings.model")  # the old cycle's half


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(found)
