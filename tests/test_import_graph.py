"""One-way flow: lessons/ may import widgets/, never the reverse; no import circles within lessons/.

Every import counts, also those inside functions and under TYPE_CHECKING: a lazy import is still
an arrow a reader has to follow.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGES = ("lessons", "widgets")


def module_name(path: Path) -> str:
    """The import name of a source file under lessons/ or widgets/."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["mdr_explainer", *parts])


def imported_names(path: Path) -> set[tuple[str, int]]:
    """Every absolute name a file imports (module and module.attribute), with its line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name, node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add((base, node.lineno))
            found |= {(f"{base}.{alias.name}", node.lineno) for alias in node.names}
    return found


def project_graph() -> dict[str, dict[str, tuple[Path, int]]]:
    """module -> {project module it imports: (file, line)}, over lessons/ and widgets/."""
    files = {module_name(p): p for top in PACKAGES for p in sorted((REPO / top).rglob("*.py"))}

    def resolve(target: str) -> str | None:
        while target and target not in files:
            target = target.rpartition(".")[0]
        return target or None

    graph = {}
    for name, path in files.items():
        edges = {}
        for target, line in sorted(imported_names(path), key=lambda t: t[1]):
            found = resolve(target)
            if found and found != name:
                edges.setdefault(found, (path, line))
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a circle of imports."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def where(graph, source: str, target: str) -> str:
    """file:line of the import from source to target."""
    path, line = graph[source][target]
    return f"{path.relative_to(REPO)}:{line}"


def test_widgets_never_import_lessons():
    graph = project_graph()
    assert any(t.startswith("mdr_explainer.widgets") for t in graph["mdr_explainer.lessons.build"])  # the graph sees imports
    back = [f"{where(graph, s, t)}: {s} imports {t}; pass the value in from lessons/ instead"
            for s in graph if s.startswith("mdr_explainer.widgets") for t in graph[s] if t.startswith("mdr_explainer.lessons")]
    assert back == []


def test_the_framework_never_imports_the_registry():
    graph = project_graph()
    up = [f"{where(graph, s, t)}: {s} imports {t}; take the widget as an argument"
          for s in graph if s.startswith("mdr_explainer.widgets.framework")
          for t in graph[s] if not t.startswith("mdr_explainer.widgets.framework")]
    assert up == []


def test_no_import_circles_within_lessons():
    graph = project_graph()
    inside = {s: {t: v for t, v in edges.items() if t.startswith("mdr_explainer.lessons")}
              for s, edges in graph.items() if s.startswith("mdr_explainer.lessons")}
    found = [" -> ".join(group) for group in cycles(inside)]
    assert found == [], found


@pytest.mark.parametrize("source, expected", [
    ({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}}, [["a", "b", "c"]]),
    ({"a": {"b": 1}, "b": {}, "c": {"b": 1}}, []),
])
def test_the_cycle_finder_finds_circles_and_only_circles(source, expected):
    assert cycles(source) == expected


def test_relative_and_lazy_imports_are_seen():
    """A relative import and an import inside a function both resolve to absolute names."""
    names = {n for n, _ in imported_names(REPO / "lessons" / "content.py")}
    assert "mdr_explainer.lessons.lesson.Content" in names  # from .lesson import Content
    assert "mdr_explainer.widgets.registry.REGISTRY" in names  # imported inside load_content
