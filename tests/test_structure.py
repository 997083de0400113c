"""The package's import structure: no circle among the generator's modules, and MkDocs behind the plugin only.

Every import counts, including those inside functions and under TYPE_CHECKING: a
circle of type hints is still a circle a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports: generator modules by name, others by their top-level package."""
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:  # `from . import urls` imports the module generator.pages.urls
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root] & graph.keys())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        out.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child] & graph.keys()))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return out


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_relative_and_late_imports() -> None:
    assert "generator.outputs" in GRAPH["generator.exports.feeds"]  # under TYPE_CHECKING
    assert "generator.pages.urls" in GRAPH["generator.exports"]  # from ..pages import urls
    assert "generator.features" in GRAPH["generator.site.plugin"]


def test_no_circle_among_the_generators_modules() -> None:
    assert len(MODULES) > 50
    assert _circles(GRAPH) == []


def test_only_the_mkdocs_plugin_imports_mkdocs() -> None:
    importers = sorted(name for name, imported in GRAPH.items()
                       if any(m == "mkdocs" or m.startswith(("mkdocs.", "material")) for m in imported))
    assert importers, "the plugin imports MkDocs: the reader must see it"
    assert all(name.startswith("generator.site.plugin") for name in importers), importers


def test_features_never_import_the_list_of_features() -> None:
    users = sorted(name for name, imported in GRAPH.items() if "generator.features" in imported)
    assert users == ["generator.site.plugin"]


def test_the_command_line_and_the_curators_commands_do_not_import_each_other() -> None:
    curate = [name for name in MODULES if name == "generator.curate" or name.startswith("generator.curate.")]
    assert len(curate) > 5
    assert [name for name in curate if "generator.cli" in GRAPH[name]] == []
