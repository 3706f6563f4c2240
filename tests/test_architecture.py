"""The shape of the code (ARCHITECTURE.md), checked on every run: the layer contract and "no Qt
outside app/ui" by import-linter (config in pyproject.toml), and over grimp's import graph
(function-level imports included): no import circle anywhere in ``app``, and screens that reach
the workspace and the devices only through ``app.services``."""

from __future__ import annotations

import sys

import grimp
import pytest
from importlinter.cli import lint_imports

from tests.conftest import REPO_ROOT


def test_layer_contracts_hold() -> None:
    assert lint_imports(config_filename=str(REPO_ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    adj = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in adj[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(adj) + 100))
    try:
        for m in adj:
            if m not in index:
                visit(m)
    finally:
        sys.setrecursionlimit(limit)
    return groups


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("app", cache_dir=None)


def test_no_import_circles(graph: grimp.ImportGraph) -> None:
    assert _cycles(graph) == []


# The front end's convention (ARCHITECTURE.md, "Front ends"): a screen imports app.services (its
# operations and their records), app.domain (types, messages) and app.ui (the runner, widgets);
# never the store, a capability (scan, sign, sync) or anything else of ``app`` directly.
SCREEN_MODULES = ("app.ui.screens", "app.ui.warehouse_dialog", "app.ui.main_window")
SCREEN_MAY_IMPORT = ("app.services", "app.domain", "app.ui")


def screen_imports_outside(graph: grimp.ImportGraph, screens: tuple[str, ...] = SCREEN_MODULES,
                           allowed: tuple[str, ...] = SCREEN_MAY_IMPORT) -> dict[str, list[str]]:
    """Each screen module's direct imports of ``app`` modules outside ``allowed``."""
    def under(module: str, packages: tuple[str, ...]) -> bool:
        return any(module == p or module.startswith(p + ".") for p in packages)

    out: dict[str, list[str]] = {}
    for m in sorted(graph.modules):
        if under(m, screens):
            bad = sorted(i for i in graph.find_modules_directly_imported_by(m) if not under(i, allowed))
            if bad:
                out[m] = bad
    return out


def test_screens_talk_to_app_services_only(graph: grimp.ImportGraph) -> None:
    assert screen_imports_outside(graph) == {}


def test_a_screen_importing_the_store_is_reported() -> None:
    graph = grimp.ImportGraph()
    for m in ("app", "app.ui", "app.ui.screens", "app.ui.screens.x", "app.store", "app.store.db",
              "app.services", "app.services.y"):
        graph.add_module(m)
    graph.add_import(importer="app.ui.screens.x", imported="app.services.y")
    graph.add_import(importer="app.ui.screens.x", imported="app.store.db")
    assert screen_imports_outside(graph) == {"app.ui.screens.x": ["app.store.db"]}


def test_the_circle_finder_finds_a_circle() -> None:
    """The check above can fail: a graph with a circle is reported."""
    graph = grimp.ImportGraph()
    for m in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(m)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg.a", "pkg.b"]]


def test_no_front_end_file_grows_past_400_lines() -> None:
    """Screens stay split by job (issue 13): a controller, its widgets, its panels."""
    long = {str(p.relative_to(REPO_ROOT)): n for p in sorted((REPO_ROOT / "app" / "ui").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
